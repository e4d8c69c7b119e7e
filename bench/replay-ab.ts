// Replay stepping, style A/B: the app as built (A) against the same page with extra CSS (B), alternating batches of
// ten key presses in one page, so both variants see the same machine. Separate runs on this shared 2-core machine
// differ by a quarter; alternating, a difference of half a millisecond shows.
//   LEVEL=7 ROUNDS=8 B='.pj-event { contain: none }' npx tsx bench/replay-ab.ts
import { chromium } from '@playwright/test';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { openReplay, recordTrace, shownCost } from './trace';
const PORT = 4188;
const B = process.env.B ?? '';
(async () => {
  const server = servePreview('vite.renderer.config.mts', PORT);
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(base);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const items = await openReplay(page, base, Number(process.env.LEVEL ?? 7));
    await page.evaluate(`(() => { const s = document.createElement('style'); s.id = 'ab'; document.head.appendChild(s); })()`);
    const cdp = await page.context().newCDPSession(page);
    let n = 0;
    const events = await recordTrace(cdp, 'blink.user_timing,toplevel,devtools.timeline,disabled-by-default-devtools.timeline', async () => {
      for (let round = 0; round < Number(process.env.ROUNDS ?? 8); round++) {
        for (const variant of ['A', 'B']) {
          await page.evaluate((css) => { document.getElementById('ab')!.textContent = css; }, variant === 'B' ? B : '');
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(0)))));
          for (let i = 0; i < 10; i++) {
            await page.evaluate((m) => performance.mark(m), `${variant}-${n}`);
            await page.keyboard.press(n % items === items - 1 ? 'Home' : 'ArrowRight');
            n++;
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
          }
        }
      }
    });
    const marks = events.filter((e) => /^[AB]-\d+$/.test(e.name)).sort((a, b) => a.ts - b.ts);
    const mainTid = events.find((e) => e.name === 'Commit')!.tid;
    const tasks = events.filter((e) => e.tid === mainTid && e.ph === 'X');
    const kinds = ['Layerize', 'Paint', 'PrePaint', 'Layout', 'UpdateLayoutTree', 'Commit'];
    const res: Record<string, { shown: number[]; parts: Map<string, number> }> = { A: { shown: [], parts: new Map() }, B: { shown: [], parts: new Map() } };
    for (let i = 0; i < marks.length; i++) {
      const from = marks[i].ts;
      const { shown, shownUntil } = shownCost(tasks, from, marks[i + 1]?.ts ?? Infinity);
      const r = res[marks[i].name[0]];
      r.shown.push(shown);
      for (const e of tasks) if (kinds.includes(e.name) && e.ts >= from && e.ts < shownUntil) r.parts.set(e.name, (r.parts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const v of ['A', 'B']) {
      const r = res[v];
      console.log(`${v}: shown median ${med(r.shown).toFixed(1)} ms, mean ${(r.shown.reduce((a, b) => a + b, 0) / r.shown.length).toFixed(1)}; ${kinds.map((k) => `${k} ${((r.parts.get(k) ?? 0) / r.shown.length).toFixed(2)}`).join(', ')}`);
    }
    await browser.close();
  } finally {
    stopServer(server);
  }
})();
