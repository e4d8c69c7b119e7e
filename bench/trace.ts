// A Chrome trace of what runs while `run` runs, and the replay page the replay benchmarks step through: shared by the
// benchmarks and profilers so each records and opens them the same way.
import type { CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, where the trace has it. */
  tdur?: number;
  args?: { name?: string; data?: { nodeId?: number; nodeName?: string; reason?: string; type?: string } };
}

/** The trace events of `categories` recorded while `run` runs. */
export async function recordTrace(
  cdp: CDPSession,
  categories: string,
  run: () => Promise<void>,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await run();
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/**
 * `home-to-web` with the journey from `pc` run at `level`, at its first step, with the replay panel focused so the
 * arrow keys step; returns the number of items at that level.
 */
export async function openReplay(page: Page, base: string, level: number): Promise<number> {
  await page.goto(`${base}/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=${level}&step=0`);
  await page.getByTestId('replay-narration').filter({ hasText: /\S/ }).waitFor();
  await page.getByTestId('replay-panel').locator('h2').click();
  return Number((await page.getByTestId('replay-position').textContent())?.split('/')[1]);
}

/**
 * Main-thread work from a key press until the frame showing the step is committed, in wall time and in the thread's
 * CPU time: from the moment the page handles the key (its keydown), to the end of the first commit after that. A frame
 * that happened to run between the press and its handling (an animation's) is not the step's and is left out, so is
 * whatever ran before. `tasks` are the main thread's complete events; the key was pressed at `from`; `to` bounds the
 * search.
 */
export function shownCost(
  tasks: readonly TraceEvent[],
  from: number,
  to: number,
): { shown: number; shownCpu: number; shownFrom: number; shownUntil: number } {
  const key = tasks.find(
    (t) => t.name === 'EventDispatch' && t.args?.data?.type === 'keydown' && t.ts >= from && t.ts < to,
  );
  const start = key?.ts ?? from;
  const handled = key ? key.ts + (key.dur ?? 0) : from;
  const commit = tasks.find((t) => t.name === 'Commit' && t.ts >= handled && t.ts < to);
  const shownUntil = commit ? commit.ts + (commit.dur ?? 0) : to;
  let shown = 0;
  let shownCpu = 0;
  for (const t of tasks) {
    if (t.name !== 'ThreadControllerImpl::RunTask') continue;
    const end = t.ts + (t.dur ?? 0);
    if (end <= start || t.ts >= shownUntil) continue;
    const part = Math.min(end, shownUntil) - Math.max(t.ts, start);
    shown += part / 1000;
    shownCpu += ((t.tdur ?? t.dur ?? 0) * (t.dur ? part / t.dur : 1)) / 1000;
  }
  return { shown, shownCpu, shownFrom: start, shownUntil };
}
