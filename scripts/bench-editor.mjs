// Editor scale check: open generated 1,000- and 5,000-device files through File ▸ Open in the built web renderer
// and report time to first paint and frame times while panning (fitted view, and at zoom 1).
// Usage: node scripts/bench-editor.mjs [sizes, default 1000,5000]   (expects `npm run build:web` to have run)
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = (process.argv[2] ?? '1000,5000').split(',').map(Number);
const PORT = 4183;
const dir = mkdtempSync(join(tmpdir(), 'pj-bench-editor-'));

const gen = spawnSync('npx', ['tsx', '-e', `
  const { writeFileSync } = require('node:fs');
  const { generateCampus: generateTopology } = require(process.cwd() + '/shared/model/generate.ts');
  const { serializeTopology } = require(process.cwd() + '/shared/model/canonical.ts');
  for (const n of ${JSON.stringify(sizes)}) writeFileSync(${JSON.stringify(dir)} + '/generated-' + n + '.packetjourney', serializeTopology(generateTopology(n)));
`], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(1);

const server = spawn('npx', ['vite', 'preview', '--config', 'vite.renderer.config.mts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

async function pan(page) {
  const box = await page.locator('.react-flow__pane').boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    window.__rec = true;
    const tick = (t) => { window.__frames.push(t); if (window.__rec) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < 90; i++) {
    const a = (i / 90) * Math.PI * 4;
    await page.mouse.move(cx + Math.cos(a) * 250, cy + Math.sin(a) * 150);
  }
  await page.mouse.up({ button: 'middle' });
  const frames = await page.evaluate(() => { window.__rec = false; return window.__frames; });
  const iv = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  return { median: iv[Math.floor(iv.length / 2)], p95: iv[Math.floor(iv.length * 0.95)] };
}

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  console.log('devices | open ms | pan fitted ms (median/p95) | pan zoom 1 ms (median/p95) | nodes in DOM at zoom 1');
  for (const n of sizes) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    if (process.env.BENCH_NO_MINIMAP) await page.addInitScript(() => localStorage.setItem('packet-journey.prefs', JSON.stringify({ showMinimap: false })));
    await page.goto(`http://127.0.0.1:${PORT}/?fs=download`);
    await page.waitForLoadState('networkidle');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    const fc = await chooser;
    const t0 = Date.now();
    await fc.setFiles(join(dir, `generated-${n}.packetjourney`));
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0, undefined, { timeout: 120000, polling: 16 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const open = Date.now() - t0;
    await page.waitForTimeout(500);
    const fitted = await pan(page);
    // Zoom to 1 around the centre (React Flow's own zoom API through the command registry is not exposed: use the wheel).
    const box = await page.locator('.react-flow__pane').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await page.waitForTimeout(500);
    const zoomed = await pan(page);
    const domNodes = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    console.log(`${n} | ${open} | ${fitted.median.toFixed(1)} / ${fitted.p95.toFixed(1)} | ${zoomed.median.toFixed(1)} / ${zoomed.p95.toFixed(1)} | ${domNodes}`);
    await page.close();
  }
  await browser.close();
} finally {
  try { process.kill(-server.pid); } catch { /* gone */ }
}
