// Editor scale benchmark: for generated topologies, the time from choosing a file to its devices on screen, and
// frame times while panning — for the editor and for bare React Flow drawing the same graph, in the same run.
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';

const EDITOR_URL = 'http://127.0.0.1:4182/?fs=download';
const BARE_URL = 'http://127.0.0.1:4183/';
const sizes = (process.env.BENCH_EDITOR_SIZES ?? '1000,5000').split(',').map(Number);

function serve(config: string, port: number): ChildProcess {
  return spawn('npx', ['vite', 'preview', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Resolves once React Flow has nodes in the DOM and two more frames have been painted. */
async function waitForNodesPainted(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0, undefined, { timeout: 120_000, polling: 16 });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Middle-button drag across the canvas while recording requestAnimationFrame intervals. */
async function panFrameTimes(page: Page): Promise<{ median: number; p95: number; fps: number }> {
  const pane = page.locator('.react-flow__pane').first();
  const box = (await pane.boundingBox())!;
  // A string, not a function: tsx's helpers (__name) do not exist inside the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 0; i < 90; i++) {
    const angle = (i / 90) * Math.PI * 4;
    await page.mouse.move(cx + Math.cos(angle) * 250, cy + Math.sin(angle) * 150);
  }
  await page.mouse.up({ button: 'middle' });
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const intervals = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const median = intervals[Math.floor(intervals.length / 2)] ?? NaN;
  const p95 = intervals[Math.floor(intervals.length * 0.95)] ?? NaN;
  const total = frames[frames.length - 1] - frames[0];
  return { median, p95, fps: (frames.length - 1) / (total / 1000) };
}

async function zoomOutFully(page: Page): Promise<void> {
  // The same for both pages: React Flow's own fit-view control state is not shared, so use the wheel.
  const box = (await page.locator('.react-flow__pane').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pj-bench-'));
  const servers = [serve('vite.renderer.config.mts', 4182), serve('vite.bench.config.mts', 4183)];
  try {
    await Promise.all([waitForServer(EDITOR_URL), waitForServer(BARE_URL)]);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const rows: string[][] = [];
    for (const size of sizes) {
      const text = serializeTopology(generateCampus(size));
      const file = join(dir, `generated-${size}.packetjourney`);
      writeFileSync(file, text);

      // Editor: open the file the way a user does (File ▸ Open, pick the file).
      const editor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await editor.goto(EDITOR_URL);
      await editor.waitForLoadState('networkidle');
      const chooser = editor.waitForEvent('filechooser');
      await editor.getByTestId('start-open').click();
      const fileChooser = await chooser;
      const editorStart = Date.now();
      await fileChooser.setFiles(file);
      await waitForNodesPainted(editor);
      const editorOpen = Date.now() - editorStart;
      const editorPan = await panFrameTimes(editor);
      await zoomOutFully(editor);
      const editorPanOut = await panFrameTimes(editor);
      await editor.close();

      // Bare React Flow: same text, parsed and drawn with default nodes.
      const bare = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await bare.goto(BARE_URL);
      await bare.waitForLoadState('networkidle');
      const bareStart = Date.now();
      await bare.evaluate((t) => window.renderTopology(t), text);
      await waitForNodesPainted(bare);
      const bareOpen = Date.now() - bareStart;
      const barePan = await panFrameTimes(bare);
      await zoomOutFully(bare);
      const barePanOut = await panFrameTimes(bare);
      await bare.close();

      const f = (n: number) => n.toFixed(1);
      rows.push([`${size}`, `${editorOpen}`, `${bareOpen}`, f(editorOpen / bareOpen),
        `${f(editorPan.median)} / ${f(editorPan.p95)}`, `${f(barePan.median)} / ${f(barePan.p95)}`, f(editorPan.p95 / barePan.p95),
        `${f(editorPanOut.median)} / ${f(editorPanOut.p95)}`, `${f(barePanOut.median)} / ${f(barePanOut.p95)}`]);
    }
    await browser.close();
    const header = ['devices', 'editor open ms', 'bare open ms', 'ratio', 'editor pan ms (median/p95)', 'bare pan ms', 'p95 ratio', 'editor pan zoomed-out', 'bare pan zoomed-out'];
    console.log('\nEditor vs bare React Flow (headless chromium, software rendering)');
    console.log(header.join(' | '));
    for (const r of rows) console.log(r.join(' | '));
  } finally {
    for (const s of servers) if (s.pid) try { process.kill(-s.pid); } catch { /* already gone */ }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
