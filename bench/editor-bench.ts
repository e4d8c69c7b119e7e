// Editor scale benchmark: for generated topologies, the time from choosing a file to its devices on screen, and
// frame times while panning — for the editor and for bare React Flow drawing the same graph, in the same run.
import { chromium, type Browser } from '@playwright/test';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { panFrameTimes, rendererCpu, waitForNodesPainted } from './pan';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import { graphBounds, setViewport, viewports, type Bounds } from './viewport';

const EDITOR_URL = 'http://127.0.0.1:4182/?fs=download';
const BARE_URL = 'http://127.0.0.1:4183/';
const sizes = (process.env.BENCH_EDITOR_SIZES ?? '1000,5000').split(',').map(Number);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

interface Run {
  open: number;
  openCpu: number;
  panIn: number;
  panInP95: number;
  panInCpu: number;
  panOut: number;
  panOutP95: number;
  panOutCpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measureEditor(
  browser: Browser,
  file: string,
  b: Bounds,
): Promise<Run & { canvas: { width: number; height: number } }> {
  // Open the file the way a user does (start screen ▸ Open, pick the file).
  const editor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await editor.goto(EDITOR_URL);
  await editor.waitForLoadState('networkidle');
  // For trying a style change without a rebuild, e.g. BENCH_EDITOR_CSS='.pj-device-icon { box-shadow: none }'.
  if (process.env.BENCH_EDITOR_CSS) await editor.addStyleTag({ content: process.env.BENCH_EDITOR_CSS });
  const chooser = editor.waitForEvent('filechooser');
  await editor.getByTestId('start-open').click();
  const fileChooser = await chooser;
  let open = 0;
  const openCpu = await rendererCpu(editor, async () => {
    const start = Date.now();
    await fileChooser.setFiles(file);
    await waitForNodesPainted(editor);
    open = Date.now() - start;
  });
  const box = (await editor.locator('.react-flow').first().boundingBox())!;
  const canvas = { width: Math.round(box.width), height: Math.round(box.height) };
  const v = viewports(b, canvas.width, canvas.height);
  await setViewport(editor, v.zoomedIn);
  const panIn = await panFrameTimes(editor);
  await setViewport(editor, v.zoomedOut);
  const panOut = await panFrameTimes(editor);
  await editor.close();
  return {
    open,
    openCpu,
    panIn: panIn.mean,
    panInP95: panIn.p95,
    panInCpu: panIn.cpu,
    panOut: panOut.mean,
    panOutP95: panOut.p95,
    panOutCpu: panOut.cpu,
    canvas,
  };
}

async function measureBare(
  browser: Browser,
  file: string,
  b: Bounds,
  canvas: { width: number; height: number },
): Promise<Run> {
  // The same number of canvas pixels as the editor's canvas (which shares its window with panels).
  const bare = await browser.newPage({ viewport: canvas });
  await bare.goto(BARE_URL);
  await bare.waitForLoadState('networkidle');
  let open = 0;
  const openCpu = await rendererCpu(bare, async () => {
    const start = Date.now();
    await bare.setInputFiles('#open', file);
    await waitForNodesPainted(bare);
    open = Date.now() - start;
  });
  const v = viewports(b, canvas.width, canvas.height);
  await setViewport(bare, v.zoomedIn);
  const panIn = await panFrameTimes(bare);
  await setViewport(bare, v.zoomedOut);
  const panOut = await panFrameTimes(bare);
  await bare.close();
  return {
    open,
    openCpu,
    panIn: panIn.mean,
    panInP95: panIn.p95,
    panInCpu: panIn.cpu,
    panOut: panOut.mean,
    panOutP95: panOut.p95,
    panOutCpu: panOut.cpu,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pj-bench-'));
  const servers = [servePreview('vite.renderer.config.mts', 4182), servePreview('vite.bench.config.mts', 4183)];
  try {
    await Promise.all([waitForServer(EDITOR_URL), waitForServer(BARE_URL)]);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
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
        bareRuns.push(await measureBare(browser, file, b, e.canvas));
        process.stderr.write(`${size} run ${i + 1}: editor ${JSON.stringify(e)} bare ${JSON.stringify(bareRuns[i])}\n`);
      }
      const m = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
      const row = (label: string, k: keyof Run, digits = 1) =>
        rows.push([
          `${size}`,
          label,
          m(editorRuns, k).toFixed(digits),
          m(bareRuns, k).toFixed(digits),
          (m(editorRuns, k) / m(bareRuns, k)).toFixed(2),
        ]);
      row('open: wall ms', 'open', 0);
      row('open: renderer CPU ms', 'openCpu', 0);
      row('pan zoom 1: mean frame ms', 'panIn');
      row('pan zoom 1: p95 frame ms', 'panInP95');
      row('pan zoom 1: CPU ms per step', 'panInCpu');
      row('pan zoomed out: mean frame ms', 'panOut');
      row('pan zoomed out: p95 frame ms', 'panOutP95');
      row('pan zoomed out: CPU ms per step', 'panOutCpu');
    }
    await browser.close();
    console.log(
      `\nEditor vs bare React Flow (headless chromium, software rendering; medians of ${repeats} runs; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} cores)`,
    );
    console.log('| devices | measure | editor | bare | editor / bare |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    for (const s of servers) stopServer(s);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
