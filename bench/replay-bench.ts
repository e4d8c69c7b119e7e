// Replay stepping benchmark: how much main-thread work it takes to show one step of the `home-to-web` journey,
// against the budget of one frame (16.7 ms at 60 Hz). Each step is a real key press (→ through every item of the
// level, Home after the last) in the built app, at two paces (PACES); a step's frame is always shown before the next
// press, so steps never overlap, and a trace attributes every main-thread task (input, React, style, layout, paint, commit) to the step it follows.
import { chromium, type Page } from '@playwright/test';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { openReplay, recordTrace, shownCost } from './trace';
import { cpus, loadavg } from 'node:os';

const PORT = 4185;
const BASE = `http://127.0.0.1:${PORT}`;
const STEPS = Number(process.env.BENCH_REPLAY_STEPS ?? 120);
const levels = (process.env.BENCH_REPLAY_LEVELS ?? '1,2,3,4,5,6,7').split(',').map(Number);
const FRAME_MS = 1000 / 60;
/**
 * Two paces: presses as fast as frames allow (a held key: the packet jumps from link to link), and presses a person
 * reading along makes (the packet's move is animated; fewer of them, each waits for the move to end).
 */
const PACES = [
  { name: 'held key', steps: STEPS, waitMs: 0 },
  { name: 'one at a time', steps: Number(process.env.BENCH_REPLAY_READING_STEPS ?? 40), waitMs: 500 },
];

interface StepCost {
  /** Main-thread work from the key press until the first frame showing the step is committed. */
  shown: number;
  /**
   * The same work in CPU time of the main thread: wall time less the time the thread waited for a core. On a shared
   * 2-core machine (raster threads, the benchmark itself) wall times swing by a quarter from run to run; this barely.
   */
  shownCpu: number;
  /** All main-thread work of the step, including the detail views that follow a frame later. */
  wall: number;
  breakdown: Map<string, number>;
}

const BREAKDOWN = [
  'EventDispatch',
  'FunctionCall',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MajorGC',
  'MinorGC',
];

/** Presses keys in the page and returns, for each press, the main thread's work until the next press. */
async function stepCosts(page: Page, steps: number, waitMs: number): Promise<StepCost[]> {
  await page.keyboard.press('Home');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const cdp = await page.context().newCDPSession(page);
  // Real key presses through the browser's input pipeline, marked so the trace can be cut into steps: → through
  // every item of the level, Home at the last one.
  const items = Number((await page.getByTestId('replay-position').textContent())?.split('/')[1]);
  // Enough for the breakdown (the frame's Commit is in the disabled-by-default category); v8 would slow every step.
  const events = await recordTrace(
    cdp,
    'toplevel,devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline',
    async () => {
      for (let i = 0; i < steps; i++) {
        await page.evaluate((n) => performance.mark(`pj-step-${n}`), i);
        await page.keyboard.press(i % items === items - 1 ? 'Home' : 'ArrowRight');
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))),
        );
        if (waitMs > 0) await page.waitForTimeout(waitMs);
      }
      await page.evaluate(() => performance.mark('pj-step-end'));
    },
  );
  await cdp.detach();

  const marks = events.filter(
    (e) => e.name.startsWith('pj-step-') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'),
  );
  const markTs = new Map<string, number>();
  for (const m of marks) if (!markTs.has(m.name)) markTs.set(m.name, m.ts);
  const mainTid = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === marks[0]?.pid,
  )?.tid;
  const pid = marks[0]?.pid;
  const tasks = events.filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X');
  const top = tasks.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const costs: StepCost[] = [];
  for (let i = 0; i < steps; i++) {
    const from = markTs.get(`pj-step-${i}`);
    const to = markTs.get(i + 1 < steps ? `pj-step-${i + 1}` : 'pj-step-end');
    if (from === undefined || to === undefined) throw new Error(`no trace marks for step ${i}`);
    // From the page's handling of the key to the commit of the first frame after it: the work the step needed to be
    // seen. (The mark itself is set inside a task started by the benchmark; that task's own cost is not the app's.)
    const { shown, shownCpu, shownFrom, shownUntil } = shownCost(tasks, from, to);
    let wall = 0;
    for (const t of top) if (t.ts >= from && t.ts < to) wall += (t.dur ?? 0) / 1000;
    const breakdown = new Map<string, number>();
    for (const t of tasks) {
      if (t.ts < shownFrom || t.ts >= shownUntil || !BREAKDOWN.includes(t.name)) continue;
      breakdown.set(t.name, (breakdown.get(t.name) ?? 0) + (t.dur ?? 0) / 1000);
    }
    costs.push({ shown, shownCpu, wall, breakdown });
    // BENCH_REPLAY_SLOW=1: what the main thread ran in a step that took longer than a frame to show.
    if (process.env.BENCH_REPLAY_SLOW && shown > FRAME_MS) {
      const parts = [...breakdown]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ');
      const longest = top
        .filter((t) => t.ts + (t.dur ?? 0) > shownFrom && t.ts < shownUntil)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .slice(0, 3)
        .map((t) => {
          const inside = tasks
            .filter(
              (c) =>
                c !== t &&
                c.ts >= t.ts &&
                c.ts + (c.dur ?? 0) <= t.ts + (t.dur ?? 0) &&
                c.name !== 'ThreadControllerImpl::RunTask',
            )
            .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
          return `task ${((t.dur ?? 0) / 1000).toFixed(1)} ms (${inside ? `${inside.name} ${((inside.dur ?? 0) / 1000).toFixed(1)}${inside.name === 'EventDispatch' ? ` ${inside.args?.data?.type}` : ''}` : '?'})`;
        })
        .join('; ');
      process.stderr.write(
        `slow step ${i} (${slowLabel}): shown ${shown.toFixed(1)} ms, CPU ${shownCpu.toFixed(1)}; ${parts}; longest: ${longest}\n`,
      );
    }
    if (process.env.BENCH_REPLAY_TASKS && i < 8) {
      // The main thread's tasks until the step was shown, with what took longest inside each.
      for (const t of top) {
        if (t.ts < from || t.ts >= shownUntil) continue;
        const inside = tasks
          .filter(
            (c) =>
              c !== t &&
              c.ts >= t.ts &&
              c.ts + (c.dur ?? 0) <= t.ts + (t.dur ?? 0) &&
              c.name !== 'ThreadControllerImpl::RunTask',
          )
          .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
          .slice(0, 4)
          .map(
            (c) =>
              `${c.name} ${((c.dur ?? 0) / 1000).toFixed(1)}${c.name === 'FunctionCall' ? ` [${(c.args?.data as { functionName?: string; lineNumber?: number } | undefined)?.functionName}:${(c.args?.data as { lineNumber?: number } | undefined)?.lineNumber}]` : ''}`,
          )
          .join(', ');
        process.stderr.write(
          `step ${i}: task ${((t.dur ?? 0) / 1000).toFixed(1)} ms at +${((t.ts - from) / 1000).toFixed(1)}: ${inside}\n`,
        );
      }
    }
  }
  if (process.env.BENCH_BY_POSITION) {
    const byPos = new Map<number, number[]>();
    costs.forEach((c, i) => {
      const k = i % items;
      byPos.set(k, [...(byPos.get(k) ?? []), c.shown]);
    });
    for (const [k, xs] of [...byPos].sort((x, y) => x[0] - y[0])) {
      const s = [...xs].sort((x, y) => x - y);
      process.stderr.write(
        `  press ${k} (to ${k === items - 1 ? 'first' : `item ${k + 2}`}): shown median ${s[Math.floor(s.length / 2)].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}\n`,
      );
    }
  }
  return costs;
}

/** Level and pace of the steps being measured, for BENCH_REPLAY_SLOW's lines. */
let slowLabel = '';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main() {
  const server = servePreview('vite.renderer.config.mts', PORT);
  try {
    await waitForServer(BASE);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const rows: string[] = [];
    for (const level of levels) {
      for (const pace of PACES) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await openReplay(page, BASE, level);
        // For trying a style change without a rebuild, e.g. BENCH_REPLAY_CSS='.pj-hex { display: none }'.
        if (process.env.BENCH_REPLAY_CSS) await page.addStyleTag({ content: process.env.BENCH_REPLAY_CSS });
        // One untimed pass warms the JIT and the caches, as a learner's second look at a step would.
        slowLabel = `level ${level}, ${pace.name}, untimed warm-up pass`;
        await stepCosts(page, pace.steps, 0);
        slowLabel = `level ${level}, ${pace.name}`;
        const costs = await stepCosts(page, pace.steps, pace.waitMs);
        await page.close();
        const wall = costs.map((c) => c.wall);
        const shown = costs.map((c) => c.shown);
        const shownCpu = costs.map((c) => c.shownCpu);
        const over = shown.filter((w) => w > FRAME_MS).length;
        const parts = BREAKDOWN.map((name) => {
          const xs = costs.map((c) => c.breakdown.get(name) ?? 0);
          return [name, xs.reduce((a, b) => a + b, 0) / xs.length] as const;
        })
          .filter(([, v]) => v >= 0.05)
          .map(([n, v]) => `${n} ${v.toFixed(1)}`)
          .join(', ');
        rows.push(
          `| ${level} | ${pace.name} | ${pct(shown, 0.5).toFixed(1)} | ${pct(shown, 0.95).toFixed(1)} | ${Math.max(...shown).toFixed(1)} | ${over} / ${costs.length} | ${pct(shownCpu, 0.5).toFixed(1)} | ${pct(shownCpu, 0.95).toFixed(1)} | ${shownCpu.filter((w) => w > FRAME_MS).length} / ${costs.length} | ${pct(wall, 0.5).toFixed(1)} | ${pct(wall, 0.95).toFixed(1)} | ${parts} |`,
        );
        process.stderr.write(`level ${level}: ${rows[rows.length - 1]}\n`);
      }
    }
    await browser.close();
    console.log(
      `\nReplay stepping on home-to-web: main-thread work per step, ms (headless chromium, software rendering; per level ${PACES.map((p) => `${p.steps} presses ${p.waitMs ? `${p.waitMs} ms apart` : 'as fast as frames allow'} (${p.name})`).join(' and ')}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} cores)`,
    );
    console.log(
      "Shown: from the page handling the key press to the commit of the first frame showing the step (controls, narration, canvas). Shown CPU: the same in the main thread's CPU time.",
    );
    console.log(
      'All: everything the step costs, including the event list, the ladder and the detail views (fields, bytes, state) that follow a frame later.',
    );
    console.log(
      '| level | pace | shown: median | shown: p95 | shown: max | shown over a frame (16.7 ms) | shown CPU: median | shown CPU: p95 | shown CPU over a frame | all: median | all: p95 | shown: mean by kind |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    stopServer(server);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
