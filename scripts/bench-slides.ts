// `npm run bench` (slides): a 40-step deck of the home-to-web sample as PNG files, as PPTX and as PDF, timed.
// Targets (wall time, 2 cores): PNG files and PPTX each under 10 s; the PDF, vectors and text, under 2 s and at most
// a tenth of the PNGs' size (the old raster PDF was the PNGs' scanlines, one picture per page, about their size).
// Run alone: npx tsx scripts/bench-slides.ts
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulate } from '../shared/engine';
import { loadTopology } from '../shared/model/load';
import { exportSlides, type SlideFormat } from '../electron/slides/export';

const TARGET_MS: Record<string, number> = { 'png-dir': 10_000, pptx: 10_000, pdf: 2_000 };

async function bytesAt(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += (await stat(join(path, name))).size;
  return total;
}

async function main(): Promise<void> {
  const file = join(__dirname, '..', 'resources', 'samples', 'home-to-web.packetjourney');
  const loaded = loadTopology(await readFile(file), 'home-to-web.packetjourney');
  if (!loaded.ok) throw new Error(loaded.error);
  const trace = simulate(loaded.topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false });
  const dir = await mkdtemp(join(tmpdir(), 'pj-bench-slides-'));
  const rows: { label: string; format: SlideFormat; slides: number; ms: number; cpuMs: number; bytes: number }[] = [];
  try {
    for (const [label, format, out] of [
      ['40 slides → PNG files', 'png-dir', join(dir, 'png')],
      ['40 slides → PPTX', 'pptx', join(dir, 'deck.pptx')],
      ['40 slides → PDF (en)', 'pdf', join(dir, 'deck.pdf')],
      ['40 slides → PDF (ko)', 'pdf', join(dir, 'deck-ko.pdf')],
    ] as [string, SlideFormat, string][]) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const lang = label.includes('(ko)') ? 'ko' : 'en';
      const result = await exportSlides({
        topology: loaded.topology,
        trace,
        steps: [1, 40],
        level: 7,
        lang,
        theme: 'light',
        format,
        out,
      });
      const used = process.cpuUsage(cpu);
      rows.push({
        label,
        format,
        slides: result.slides,
        ms: performance.now() - start,
        cpuMs: (used.user + used.system) / 1000,
        bytes: await bytesAt(out),
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // CPU time is printed too: on a shared machine the wall time says more about the neighbours than about us.
  console.log(`(load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
  console.log('| export | slides | wall time | per slide | CPU time (all threads) | size | target (wall) |');
  console.log('|---|---|---|---|---|---|---|');
  let failed = false;
  for (const r of rows) {
    const target = TARGET_MS[r.format];
    const ok = r.ms < target;
    if (!ok) failed = true;
    console.log(
      `| ${r.label} | ${r.slides} | ${(r.ms / 1000).toFixed(2)} s | ${(r.ms / r.slides).toFixed(0)} ms | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.bytes / 1e6).toFixed(2)} MB | < ${target / 1000} s ${ok ? '✓' : '✗'} |`,
    );
  }
  const png = rows.find((r) => r.format === 'png-dir')!.bytes;
  for (const r of rows.filter((row) => row.format === 'pdf')) {
    const ok = r.bytes * 10 <= png;
    if (!ok) failed = true;
    console.log(
      `${r.label}: ${(r.bytes / 1e3).toFixed(0)} KB, ${((100 * r.bytes) / png).toFixed(1)} % of the PNGs' ${(png / 1e6).toFixed(2)} MB (a raster PDF's size); target ≤ 10 % ${ok ? '✓' : '✗'}`,
    );
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
