// Replay stepping, A/B: the app as built (A) against either the same page with extra CSS (B) or another build
// (B_DIR, e.g. the previous commit's), alternating batches of ten key presses, so both variants see the same machine.
// Separate runs on this shared 2-core machine differ by a quarter; alternating, a difference of half a millisecond
// shows. Besides the time to show a step it reports "all": every main-thread task until the next press, by kind.
// (B as CSS changes the same page A runs in, after it; builds compared with B_DIR showed that order alone can favour B
// by a few per cent.)
//   LEVEL=7 ROUNDS=8 B='.pj-event { contain: none }' npx tsx bench/replay-ab.ts
//   git worktree add /tmp/prev HEAD~1 && (cd /tmp/prev && npm ci && npx vite build --config vite.renderer.config.mts)
//   LEVEL=4 B_DIR=/tmp/prev/out/renderer npx tsx bench/replay-ab.ts        (A is this checkout's build)
//   LEVEL=4 B_REDUCED_MOTION=1 npx tsx bench/replay-ab.ts                 (B asks for reduced motion: no packet animation)
import { chromium, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { openReplay, recordTrace, shownCost, type TraceEvent } from './trace';

const PORT = 4188;
const PORT_B = 4191;
const B = process.env.B ?? '';
const B_DIR = process.env.B_DIR;
const level = Number(process.env.LEVEL ?? 7);
/** The kinds of main-thread work "all" is broken down into. */
const ALL_KINDS = [
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'HitTest',
];

void (async () => {
  const servers = [servePreview('vite.renderer.config.mts', PORT)];
  if (B_DIR) servers.push(servePreview('vite.renderer.config.mts', PORT_B, resolve(B_DIR)));
  try {
    const baseA = `http://127.0.0.1:${PORT}`;
    const baseB = B_DIR ? `http://127.0.0.1:${PORT_B}` : baseA;
    await Promise.all([waitForServer(baseA), waitForServer(baseB)]);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const open = async (base: string): Promise<{ page: Page; items: number }> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const items = await openReplay(page, base, level);
      await page.evaluate(
        `(() => { const s = document.createElement('style'); s.id = 'ab'; document.head.appendChild(s); })()`,
      );
      return { page, items };
    };
    const a = await open(baseA);
    const variants = { A: a, B: B_DIR ? await open(baseB) : a };
    const cdp = await a.page.context().newCDPSession(a.page);
    const pressed = { A: 0, B: 0 };
    let n = 0;
    const events = await recordTrace(
      cdp,
      'blink.user_timing,toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
      async () => {
        for (let round = 0; round < Number(process.env.ROUNDS ?? 8); round++) {
          for (const variant of ['A', 'B'] as const) {
            const { page, items } = variants[variant];
            await page.bringToFront();
            await page.evaluate(
              (css) => {
                document.getElementById('ab')!.textContent = css;
              },
              variant === 'B' ? B : '',
            );
            // B_REDUCED_MOTION=1: B is the same page asking for reduced motion (no packet animation).
            if (process.env.B_REDUCED_MOTION === '1')
              await page.emulateMedia({ reducedMotion: variant === 'B' ? 'reduce' : 'no-preference' });
            await page.evaluate(
              () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(0)))),
            );
            for (let i = 0; i < 10; i++) {
              await page.evaluate((m) => performance.mark(m), `${variant}-${n++}`);
              await page.keyboard.press(pressed[variant] % items === items - 1 ? 'Home' : 'ArrowRight');
              pressed[variant]++;
              await page.evaluate(
                () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))),
              );
            }
          }
        }
      },
    );
    const allMarks = events.filter((e) => /^[AB]-\d+$/.test(e.name)).sort((x, y) => x.ts - y.ts);
    const kinds = ['Layerize', 'Paint', 'PrePaint', 'Layout', 'UpdateLayoutTree', 'Commit'];
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    for (const variant of ['A', 'B'] as const) {
      // Each page's marks are on its own renderer's main thread; its steps are measured there.
      const marks = events
        .filter((e) => e.name.startsWith(`${variant}-`) && /^[AB]-\d+$/.test(e.name))
        .sort((x, y) => x.ts - y.ts);
      const thread = (e: TraceEvent) => e.pid === marks[0].pid && e.tid === marks[0].tid;
      const tasks = events.filter((e) => thread(e) && e.ph === 'X');
      const shownAll: number[] = [];
      // All main-thread work until the next press: the step's first frame and the views that follow it a frame later.
      const workAll: number[] = [];
      const allParts = new Map<string, number>();
      const top = tasks.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
      const parts = new Map<string, number>();
      for (let i = 0; i < marks.length; i++) {
        // The next press of either variant bounds this one (a batch's last press is followed by the other's first).
        const next = allMarks.find((e) => e.ts > marks[i].ts);
        const { shown, shownFrom, shownUntil } = shownCost(tasks, marks[i].ts, next?.ts ?? Infinity);
        shownAll.push(shown);
        workAll.push(
          top
            .filter((e) => e.ts >= marks[i].ts && e.ts < (next?.ts ?? Infinity))
            .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0),
        );
        for (const e of tasks) {
          if (e.ts >= marks[i].ts && e.ts < (next?.ts ?? Infinity) && ALL_KINDS.includes(e.name))
            allParts.set(e.name, (allParts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        }
        for (const e of tasks)
          if (kinds.includes(e.name) && e.ts >= shownFrom && e.ts < shownUntil)
            parts.set(e.name, (parts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const sorted = [...shownAll].sort((x, y) => x - y);
      console.log(
        `${variant}: shown median ${med(shownAll).toFixed(1)} ms, mean ${(shownAll.reduce((x, y) => x + y, 0) / shownAll.length).toFixed(1)}, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)}; all median ${med(workAll).toFixed(1)}; ${kinds.map((k) => `${k} ${((parts.get(k) ?? 0) / shownAll.length).toFixed(2)}`).join(', ')}`,
      );
      console.log(
        `   all by kind: ${[...allParts]
          .sort((x, y) => y[1] - x[1])
          .map(([k, v]) => `${k} ${(v / shownAll.length).toFixed(1)}`)
          .join(', ')}`,
      );
    }
    await browser.close();
  } finally {
    for (const s of servers) stopServer(s);
  }
})();
