// Editor panning, A/B: the editor as built (A) against either the same page with extra CSS (B) or another build (B_DIR,
// e.g. the previous commit's; see replay-ab.ts), alternating pan circles, so both variants see the same machine
// (separate runs here differ by a quarter).
//   SIZE=1000 ROUNDS=6 B='.pj-link-label { stroke: none }' npx tsx bench/editor-ab.ts
//   SIZE=5000 ZOOMED_OUT=1 B_DIR=/tmp/prev/out/renderer npx tsx bench/editor-ab.ts
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { panFrameTimes, waitForNodesPainted } from './pan';
import { graphBounds, setViewport, viewports } from './viewport';

const PORT = 4189;
const PORT_B = 4192;
const B = process.env.B ?? '';
const B_DIR = process.env.B_DIR;
const size = Number(process.env.SIZE ?? 1000);
const zoomedOut = process.env.ZOOMED_OUT === '1';

void (async () => {
  const servers = [servePreview('vite.renderer.config.mts', PORT)];
  if (B_DIR) servers.push(servePreview('vite.renderer.config.mts', PORT_B, resolve(B_DIR)));
  try {
    const baseA = `http://127.0.0.1:${PORT}/?fs=download`;
    const baseB = B_DIR ? `http://127.0.0.1:${PORT_B}/?fs=download` : baseA;
    await Promise.all([waitForServer(baseA), waitForServer(baseB)]);
    const topology = generateCampus(size);
    const file = join(mkdtempSync(join(tmpdir(), 'pj-ab-')), `generated-${size}.packetjourney`);
    writeFileSync(file, serializeTopology(topology));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const open = async (base: string): Promise<Page> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(base);
      await page.waitForLoadState('networkidle');
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('start-open').click();
      await (await chooser).setFiles(file);
      await waitForNodesPainted(page);
      await page.evaluate(
        `(() => { const s = document.createElement('style'); s.id = 'ab'; document.head.appendChild(s); })()`,
      );
      return page;
    };
    const a = await open(baseA);
    const pages = { A: a, B: B_DIR ? await open(baseB) : a };
    const box = (await a.locator('.react-flow').first().boundingBox())!;
    const v = viewports(graphBounds(topology), box.width, box.height);
    const view = zoomedOut ? v.zoomedOut : v.zoomedIn;
    const res: Record<string, { cpu: number[]; mean: number[] }> = {
      A: { cpu: [], mean: [] },
      B: { cpu: [], mean: [] },
    };
    for (let round = 0; round < Number(process.env.ROUNDS ?? 6); round++) {
      for (const variant of round % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
        const page = pages[variant];
        await page.bringToFront();
        await page.evaluate(
          (css) => {
            document.getElementById('ab')!.textContent = css;
          },
          variant === 'B' ? B : '',
        );
        await setViewport(page, view);
        const transform = () =>
          page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
        const before = await transform();
        const r = await panFrameTimes(page);
        // A pan that did not move the view would measure nothing.
        if ((await transform()) === before) throw new Error('the pan did not move the view');
        res[variant].cpu.push(r.cpu);
        res[variant].mean.push(r.mean);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const variant of ['A', 'B']) {
      const r = res[variant];
      console.log(
        `${variant}: CPU per step median ${med(r.cpu).toFixed(1)} ms (${r.cpu.map((x) => x.toFixed(1)).join(' ')}), mean frame median ${med(r.mean).toFixed(1)} ms`,
      );
    }
    console.log(
      `B / A: CPU ${(med(res.B.cpu) / med(res.A.cpu)).toFixed(2)}, frame ${(med(res.B.mean) / med(res.A.mean)).toFixed(2)}`,
    );
    await browser.close();
  } finally {
    for (const server of servers) stopServer(server);
  }
})();
