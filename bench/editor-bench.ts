// Editor scale benchmark: for generated topologies, the time from choosing a file to its devices on screen, and
// frame times while panning — for the editor and for bare React Flow drawing the same graph, in the same run.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import type { Topology } from '../shared/model/schema';
import { graphBounds, setViewport, viewports, type Bounds } from './viewport';

const EDITOR_URL = 'http://127.0.0.1:4182/?fs=download';
const BARE_URL = 'http://127.0.0.1:4183/';
const sizes = (process.env.BENCH_EDITOR_SIZES ?? '1000,5000').split(',').map(Number);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

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
async function panFrameTimes(page: Page): Promise<{ mean: number; p95: number }> {
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
  const p95 = intervals[Math.floor(intervals.length * 0.95)] ?? NaN;
  const total = frames[frames.length - 1] - frames[0];
  // The mean interval, not the median: intervals come in whole vsyncs (16.7 ms steps), so a median hides a lot.
  return { mean: total / (frames.length - 1), p95 };
}

interface Run { open: number; panIn: number; panInP95: number; panOut: number; panOutP95: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measureEditor(browser: Browser, file: string, b: Bounds): Promise<Run & { canvas: { width: number; height: number } }> {
  // Open the file the way a user does (start screen ▸ Open, pick the file).
  const editor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await editor.goto(EDITOR_URL);
  await editor.waitForLoadState('networkidle');
  const chooser = editor.waitForEvent('filechooser');
  await editor.getByTestId('start-open').click();
  const fileChooser = await chooser;
  const start = Date.now();
  await fileChooser.setFiles(file);
  await waitForNodesPainted(editor);
  const open = Date.now() - start;
  const box = (await editor.locator('.react-flow').first().boundingBox())!;
  const canvas = { width: Math.round(box.width), height: Math.round(box.height) };
  const v = viewports(b, canvas.width, canvas.height);
  await setViewport(editor, v.zoomedIn);
  const panIn = await panFrameTimes(editor);
  await setViewport(editor, v.zoomedOut);
  const panOut = await panFrameTimes(editor);
  await editor.close();
  return { open, panIn: panIn.mean, panInP95: panIn.p95, panOut: panOut.mean, panOutP95: panOut.p95, canvas };
}

async function measureBare(browser: Browser, text: string, b: Bounds, canvas: { width: number; height: number }): Promise<Run> {
  // The same number of canvas pixels as the editor's canvas (which shares its window with panels).
  const bare = await browser.newPage({ viewport: canvas });
  await bare.goto(BARE_URL);
  await bare.waitForLoadState('networkidle');
  const start = Date.now();
  await bare.evaluate((t) => window.renderTopology(t), text);
  await waitForNodesPainted(bare);
  const open = Date.now() - start;
  const v = viewports(b, canvas.width, canvas.height);
  await setViewport(bare, v.zoomedIn);
  const panIn = await panFrameTimes(bare);
  await setViewport(bare, v.zoomedOut);
  const panOut = await panFrameTimes(bare);
  await bare.close();
  return { open, panIn: panIn.mean, panInP95: panIn.p95, panOut: panOut.mean, panOutP95: panOut.p95 };
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
      const topology = generateCampus(size);
      const text = serializeTopology(topology);
      const file = join(dir, `generated-${size}.packetjourney`);
      writeFileSync(file, text);
      const b = graphBounds(topology);
      const editorRuns: Run[] = [];
      const bareRuns: Run[] = [];
      // Alternate editor and baseline so background load on a shared machine hits both alike.
      for (let i = 0; i < repeats; i++) {
        const e = await measureEditor(browser, file, b);
        editorRuns.push(e);
        bareRuns.push(await measureBare(browser, text, b, e.canvas));
        process.stderr.write(`${size} run ${i + 1}: editor ${JSON.stringify(e)} bare ${JSON.stringify(bareRuns[i])}\n`);
      }
      const m = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
      const f = (n: number) => n.toFixed(1);
      const cell = (k: keyof Run, p: keyof Run) => [`${f(m(editorRuns, k))} / ${f(m(editorRuns, p))}`, `${f(m(bareRuns, k))} / ${f(m(bareRuns, p))}`, f(m(editorRuns, k) / m(bareRuns, k))];
      rows.push([`${size}`, `${m(editorRuns, 'open')}`, `${m(bareRuns, 'open')}`, f(m(editorRuns, 'open') / m(bareRuns, 'open')),
        ...cell('panIn', 'panInP95'), ...cell('panOut', 'panOutP95')]);
    }
    await browser.close();
    const header = ['devices', 'editor open ms', 'bare open ms', 'ratio',
      'editor pan zoom 1 ms (mean/p95)', 'bare', 'ratio', 'editor pan zoomed out ms (mean/p95)', 'bare', 'ratio'];
    console.log(`\nEditor vs bare React Flow (headless chromium, software rendering; medians of ${repeats} runs; load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(header.join(' | '));
    for (const r of rows) console.log(r.join(' | '));
  } finally {
    for (const s of servers) if (s.pid) try { process.kill(-s.pid); } catch { /* already gone */ }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
