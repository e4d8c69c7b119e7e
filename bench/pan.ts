// Panning the canvas the way a user does (a middle-button drag in circles) while measuring frames and CPU: shared by
// the editor benchmark and its A/B.
import type { Page } from '@playwright/test';
import { recordTrace } from './trace';

/** Resolves once React Flow has nodes in the DOM and two more frames have been painted. */
export async function waitForNodesPainted(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0, undefined, {
    timeout: 120_000,
    polling: 16,
  });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * CPU time the page's renderer process (main, compositor and raster threads) spends while `run` runs, from a trace.
 * Unlike frame intervals it barely moves when other work shares the machine.
 */
export async function rendererCpu(page: Page, run: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const events = await recordTrace(cdp, 'toplevel,devtools.timeline', run);
  await cdp.detach();
  const pid = events.find((e) => e.name === 'FireAnimationFrame')?.pid;
  const tasks = events.filter((e) => e.pid === pid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  let us = 0;
  for (const t of tasks) us += t.tdur ?? 0;
  // Promise continuations (a file read that resolves, then React rendering the document) can run in a microtask
  // checkpoint of their own, outside any task: counted too, or opening a file would look nearly free.
  const spans = new Map<number, [number, number][]>();
  for (const t of tasks) {
    const list = spans.get(t.tid) ?? [];
    list.push([t.ts, t.ts + (t.dur ?? 0)]);
    spans.set(t.tid, list);
  }
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'X' || e.name !== 'BlinkScheduler_PerformMicrotaskCheckpoint') continue;
    const inTask = (spans.get(e.tid) ?? []).some(([from, to]) => from <= e.ts && e.ts + (e.dur ?? 0) <= to);
    if (!inTask) us += e.tdur ?? 0;
  }
  return us / 1000;
}

export const PAN_STEPS = 90;

/** A middle-button drag twice round an ellipse (250 × 150 px) about the middle of the canvas, in `steps` moves. */
export async function panCircles(page: Page, steps: number): Promise<void> {
  const box = (await page.locator('.react-flow__pane').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * Math.PI * 4;
    await page.mouse.move(cx + Math.cos(angle) * 250, cy + Math.sin(angle) * 150);
  }
  await page.mouse.up({ button: 'middle' });
}

/**
 * A middle-button drag in one direction, `steps` moves of 30 px, picking the mouse up and starting again at the far side
 * when it reaches the canvas's edge: a long pan across the network, where new devices keep coming into view.
 */
export async function panAcross(page: Page, steps: number): Promise<void> {
  const box = (await page.locator('.react-flow__pane').first().boundingBox())!;
  const y = box.y + box.height / 2;
  let x = box.x + box.width - 40;
  await page.mouse.move(x, y);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < steps; i++) {
    if (x - 30 < box.x + 40) {
      await page.mouse.up({ button: 'middle' });
      x = box.x + box.width - 40;
      await page.mouse.move(x, y);
      await page.mouse.down({ button: 'middle' });
    }
    x -= 30;
    await page.mouse.move(x, y);
  }
  await page.mouse.up({ button: 'middle' });
}

/** Middle-button drag across the canvas while recording requestAnimationFrame intervals and renderer CPU time. */
export async function panFrameTimes(page: Page): Promise<{ mean: number; p95: number; cpu: number }> {
  const pane = page.locator('.react-flow__pane').first();
  const box = (await pane.boundingBox())!;
  // A string, not a function: tsx's helpers (__name) do not exist inside the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // PAN_ACROSS=1: a long pan in one direction instead of circles about the middle.
  const cpu = await rendererCpu(page, () =>
    process.env.PAN_ACROSS ? panAcross(page, PAN_STEPS) : panCircles(page, PAN_STEPS),
  );
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  const p95 = intervals[Math.floor(intervals.length * 0.95)] ?? NaN;
  if (process.env.PAN_ACROSS)
    process.stderr.write(
      `longest frames: ${intervals
        .slice(-5)
        .map((d) => d.toFixed(0))
        .join(' ')} ms\n`,
    );
  if (process.env.PAN_HIST) {
    const h = new Map<number, number>();
    for (const d of intervals) {
      const k = Math.round(d / (1000 / 60));
      h.set(k, (h.get(k) ?? 0) + 1);
    }
    process.stderr.write(
      `frames by vsyncs: ${[...h]
        .sort((x, y) => x[0] - y[0])
        .map(([k, n]) => `${k}:${n}`)
        .join(' ')} (of ${intervals.length})\n`,
    );
  }
  const total = frames[frames.length - 1] - frames[0];
  // The mean interval, not the median: intervals come in whole vsyncs (16.7 ms steps), so a median hides a lot.
  return { mean: total / (frames.length - 1), p95, cpu: cpu / PAN_STEPS };
}
