// `npm run bench` (slides): a 40-step deck of the home-to-web sample as PNG files and as PPTX, timed.
// Target: each under 10 s on 2 cores. Run alone: npx tsx scripts/bench-slides.ts
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulate } from '../shared/engine';
import { loadTopology } from '../shared/model/load';
import { exportSlides, type SlideFormat } from '../electron/slides/export';

const TARGET_MS = 10_000;

async function main(): Promise<void> {
  const file = join(__dirname, '..', 'resources', 'samples', 'home-to-web.packetjourney');
  const loaded = loadTopology(await readFile(file), 'home-to-web.packetjourney');
  if (!loaded.ok) throw new Error(loaded.error);
  const trace = simulate(loaded.topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false });
  const dir = await mkdtemp(join(tmpdir(), 'pj-bench-slides-'));
  const rows: [string, number, number, number][] = [];
  try {
    for (const [label, format, out] of [
      ['40 slides → PNG files', 'png-dir', join(dir, 'png')],
      ['40 slides → PPTX', 'pptx', join(dir, 'deck.pptx')],
      ['40 slides → PDF', 'pdf', join(dir, 'deck.pdf')],
    ] as [string, SlideFormat, string][]) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const result = await exportSlides({ topology: loaded.topology, trace, steps: [1, 40], level: 7, lang: 'en', theme: 'light', format, out });
      const used = process.cpuUsage(cpu);
      rows.push([label, result.slides, performance.now() - start, (used.user + used.system) / 1000]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // CPU time is printed too: on a shared machine the wall time says more about the neighbours than about us.
  console.log(`(load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
  console.log('| export | slides | wall time | per slide | CPU time (all threads) | target (wall) |');
  console.log('|---|---|---|---|---|---|');
  let failed = false;
  for (const [label, slides, ms, cpuMs] of rows) {
    const timed = !label.includes('PDF');
    const ok = !timed || ms < TARGET_MS;
    if (!ok) failed = true;
    console.log(`| ${label} | ${slides} | ${(ms / 1000).toFixed(2)} s | ${(ms / slides).toFixed(0)} ms | ${(cpuMs / 1000).toFixed(2)} s | ${timed ? (ok ? '< 10 s ✓' : '< 10 s ✗') : '—'} |`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
