// Editor panning, style A/B: the editor as built (A) against the same page with extra CSS (B), alternating pan circles
// in one page, so both variants see the same machine (separate runs here differ by a quarter).
//   SIZE=1000 ROUNDS=6 B='.pj-link-label { stroke: none }' npx tsx bench/editor-ab.ts
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { panFrameTimes, waitForNodesPainted } from './pan';
import { graphBounds, setViewport, viewports } from './viewport';

const PORT = 4189;
const B = process.env.B ?? '';
const size = Number(process.env.SIZE ?? 1000);
const zoomedOut = process.env.ZOOMED_OUT === '1';

(async () => {
  const server = servePreview('vite.renderer.config.mts', PORT);
  try {
    const base = `http://127.0.0.1:${PORT}/?fs=download`;
    await waitForServer(base);
    const topology = generateCampus(size);
    const file = join(mkdtempSync(join(tmpdir(), 'pj-ab-')), `generated-${size}.packetjourney`);
    writeFileSync(file, serializeTopology(topology));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(base);
    await page.waitForLoadState('networkidle');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('start-open').click();
    await (await chooser).setFiles(file);
    await waitForNodesPainted(page);
    await page.evaluate(`(() => { const s = document.createElement('style'); s.id = 'ab'; document.head.appendChild(s); })()`);
    const box = (await page.locator('.react-flow').first().boundingBox())!;
    const v = viewports(graphBounds(topology), box.width, box.height);
    const view = zoomedOut ? v.zoomedOut : v.zoomedIn;
    const transform = () => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);
    const res: Record<string, { cpu: number[]; mean: number[] }> = { A: { cpu: [], mean: [] }, B: { cpu: [], mean: [] } };
    for (let round = 0; round < Number(process.env.ROUNDS ?? 6); round++) {
      for (const variant of round % 2 ? ['B', 'A'] : ['A', 'B']) {
        await page.evaluate((css) => { document.getElementById('ab')!.textContent = css; }, variant === 'B' ? B : '');
        await setViewport(page, view);
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
      console.log(`${variant}: CPU per step median ${med(r.cpu).toFixed(1)} ms (${r.cpu.map((x) => x.toFixed(1)).join(' ')}), mean frame median ${med(r.mean).toFixed(1)} ms`);
    }
    console.log(`B / A: CPU ${(med(res.B.cpu) / med(res.A.cpu)).toFixed(2)}, frame ${(med(res.B.mean) / med(res.A.mean)).toFixed(2)}`);
    await browser.close();
  } finally {
    stopServer(server);
  }
})();
