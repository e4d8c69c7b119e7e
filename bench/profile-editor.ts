// Where the editor's time goes: a CPU profile (self time per function) and a trace (script / style / layout / paint)
// while opening a generated campus and while panning it. For finding the cost, not for the benchmark's numbers.
//   npx tsx bench/profile-editor.ts [devices] [open|pan-in|pan-out]
import { chromium, type CDPSession } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import { graphBounds, setViewport, viewports } from './viewport';
import { recordTrace } from './trace';
import { panCircles } from './pan';
import { servePreview, stopServer, waitForServer } from './preview-server';

// PJ_BARE=1 profiles the bare React Flow baseline page instead (build it with vite.bench.config.mts).
const bare = process.env.PJ_BARE === '1';
const URL = bare ? 'http://127.0.0.1:4184/' : 'http://127.0.0.1:4184/?fs=download';
const size = Number(process.argv[2] ?? 1000);
const phase = process.argv[3] ?? 'open';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Total time under each function (counted once per sample even when recursive). */
function topInclusive(
  profile: { nodes: (ProfileNode & { children?: number[] })[]; samples: number[]; timeDeltas: number[] },
  n = Number(process.env.PJ_TOP ?? 40),
) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!f.url) continue;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...total].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, n = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}

async function traceSummary(cdp: CDPSession, run: () => Promise<void>) {
  const categories = `toplevel,devtools.timeline,disabled-by-default-devtools.timeline${process.env.PJ_INVALIDATIONS === '1' ? ',disabled-by-default-devtools.timeline.invalidationTracking' : ''}`;
  const events = await recordTrace(cdp, categories, run);
  const totals = new Map<string, number>();
  // Paint time per painted element (PJ_PAINT_BY_NODE=1): which part of the page repaints.
  if (process.env.PJ_PAINT_BY_NODE === '1') {
    const byNode = new Map<number, number>();
    for (const e of events) {
      if (e.name === 'Paint' && e.ph === 'X' && e.dur)
        byNode.set(e.args?.data?.nodeId ?? -1, (byNode.get(e.args?.data?.nodeId ?? -1) ?? 0) + e.dur / 1000);
    }
    for (const [id, ms] of [...byNode].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      let who = String(id);
      try {
        const d = await cdp.send('DOM.describeNode', { backendNodeId: id });
        who = `${d.node.nodeName} ${(d.node.attributes ?? []).join(' ').slice(0, 90)}`;
      } catch {
        /* not a node */
      }
      console.log(`paint ${ms.toFixed(0).padStart(6)} ms  ${who}`);
    }
  }
  if (process.env.PJ_INVALIDATIONS === '1') {
    // What gets repainted, and why: counts of paint invalidations by element and reason.
    const counts = new Map<string, number>();
    for (const e of events) {
      if (
        e.name !== 'PaintInvalidationTracking' &&
        e.name !== 'StyleRecalcInvalidationTracking' &&
        e.name !== 'LayoutInvalidationTracking'
      )
        continue;
      const key = `${e.name.replace('InvalidationTracking', '')} ${e.args?.data?.reason ?? ''} ${(e.args?.data?.nodeName ?? '').slice(0, 70)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`invalidated ${String(n).padStart(6)}  ${k}`);
  }
  for (const e of events) if (e.ph === 'X' && e.dur) totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  // CPU time per thread of the page's renderer process (main, compositor, raster workers).
  const threadNames = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']),
  );
  const pid = events.find((e) => e.name === 'FireAnimationFrame' || e.name === 'Paint')?.pid;
  const perThread = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const name = (threadNames.get(`${e.pid}:${e.tid}`) ?? '?').replace(/\d+$/, '');
    perThread.set(name, (perThread.get(name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return [
    ...[...perThread].map(([k, v]) => [`cpu:${k}`, v] as [string, number]),
    ...[...totals].sort((a, b) => b[1] - a[1]).slice(0, 18),
  ];
}

async function main() {
  const server = servePreview(bare ? 'vite.bench.config.mts' : 'vite.renderer.config.mts', 4184);
  try {
    await waitForServer(URL);
    const file = join(mkdtempSync(join(tmpdir(), 'pj-prof-')), `generated-${size}.packetjourney`);
    const topology = generateCampus(size);
    writeFileSync(file, serializeTopology(topology));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    // PJ_VIEWPORT=WxH, e.g. the editor's canvas size when profiling the bare page.
    const [vw, vh] = (process.env.PJ_VIEWPORT ?? '1440x900').split('x').map(Number);
    const page = await browser.newPage({ viewport: { width: vw, height: vh } });
    await page.goto(URL);
    await page.waitForLoadState('networkidle');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const text = serializeTopology(topology);
    const open = async () => {
      if (bare)
        await page.evaluate((t) => (window as unknown as { renderTopology(t: string): void }).renderTopology(t), text);
      else await openInEditor();
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0, undefined, {
        timeout: 120_000,
        polling: 16,
      });
      await page.waitForTimeout(500);
    };
    const openInEditor = async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('start-open').click();
      await (await chooser).setFiles(file);
    };
    if (phase !== 'open') {
      await open();
      const box = (await page.locator('.react-flow').first().boundingBox())!;
      const v = viewports(graphBounds(topology), box.width, box.height);
      await setViewport(page, phase === 'pan-in' ? v.zoomedIn : v.zoomedOut);
    }
    // Toggle shortcuts first (e.g. PJ_KEYS=Control+m,Control+g to hide the minimap and grid) to see what they cost.
    if (process.env.PJ_CSS) await page.addStyleTag({ content: process.env.PJ_CSS });
    for (const key of (process.env.PJ_KEYS ?? '').split(',').filter(Boolean)) await page.keyboard.press(key);
    if (process.env.PJ_LAYERS === '1') {
      // How many composited layers the page has, and why: layerization cost grows with them.
      let layers: { layerId: string; width: number; height: number }[] = [];
      cdp.on('LayerTree.layerTreeDidChange', (e) => {
        if (e.layers) layers = e.layers as typeof layers;
      });
      await cdp.send('LayerTree.enable');
      await page.mouse.move(5, 5);
      await page.mouse.move(300, 300);
      await page.waitForTimeout(500);
      const reasons = new Map<string, number>();
      for (const l of layers) {
        try {
          const r = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId });
          const key = r.compositingReasonIds.join(',') || '(none)';
          const ll = l as unknown as { backendNodeId?: number; offsetX: number; offsetY: number; paintCount?: number };
          let who = '';
          if (ll.backendNodeId) {
            try {
              const d = await cdp.send('DOM.describeNode', { backendNodeId: ll.backendNodeId });
              who = `${d.node.nodeName}.${(d.node.attributes ?? []).join(' ').slice(0, 80)}`;
            } catch {
              /* gone */
            }
          }
          console.log(
            `  layer ${key} ${ll.offsetX},${ll.offsetY} ${l.width}x${l.height} paints ${ll.paintCount} ${who}`,
          );
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        } catch {
          /* gone */
        }
      }
      console.log(`layers: ${layers.length}`, [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12));
      await cdp.send('LayerTree.disable');
    }
    await page.evaluate(
      `(() => { window.__frames = []; const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`,
    );
    if (process.env.PJ_CPU !== '0') await cdp.send('Profiler.start');
    const trace = await traceSummary(cdp, phase === 'open' ? open : () => panCircles(page, 60));
    const { profile } =
      process.env.PJ_CPU !== '0'
        ? await cdp.send('Profiler.stop')
        : { profile: { nodes: [], samples: [], timeDeltas: [] } };
    const frames = (await page.evaluate('window.__frames')) as number[];
    console.log(
      `mean frame ${((frames[frames.length - 1] - frames[0]) / (frames.length - 1)).toFixed(1)} ms over ${frames.length} frames (profiling on)`,
    );
    console.log(
      'canvas',
      JSON.stringify(await page.locator('.react-flow').first().boundingBox()),
      'elements',
      await page.evaluate('document.querySelectorAll("*").length'),
      'in canvas',
      await page.evaluate('document.querySelectorAll(".pj-canvas *").length'),
    );
    console.log(
      `nodes in DOM: ${await page.locator('.react-flow__node').count()}, edges: ${await page.locator('.react-flow__edge').count()}`,
    );
    console.log('--- trace (ms)');
    for (const [k, v] of trace) console.log(v.toFixed(0).padStart(7), k);
    console.log('--- CPU self time (ms)');
    for (const [k, v] of topSelf(profile as never)) console.log(v.toFixed(0).padStart(7), k);
    console.log('--- CPU inclusive time (ms)');
    for (const [k, v] of topInclusive(profile as never)) console.log(v.toFixed(0).padStart(7), k);
    await browser.close();
  } finally {
    stopServer(server);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
