// Slide decks written to real files from a real simulation of the home-to-web sample, then opened again with
// independent readers: PNG headers, pdf-lib, unzip of the PPTX, a walk over the GIF's blocks.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { strFromU8, unzipSync } from 'fflate';
import { simulate } from '../../shared/engine';
import type { Trace } from '../../shared/engine/trace';
import { loadTopology } from '../../shared/model/load';
import type { Topology } from '../../shared/model/schema';
import { planDeck, slideSpan } from '../../shared/slides';
import { captionToText } from '../../shared/slides/text';
import { exportDiagram, exportSlides } from './export';
import { gifFrames, pngSize } from '../../e2e/support/image-files';
import { viewAtLevel } from '../../shared/replay/levels';
import { replayContext } from '../../shared/replay/context';

let dir: string;
let topology: Topology;
let trace: Trace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pj-slides-'));
  const loaded = loadTopology(
    await readFile(join(__dirname, '../../resources/samples/home-to-web.packetjourney')),
    'home-to-web.packetjourney',
  );
  if (!loaded.ok) throw new Error(loaded.error);
  topology = loaded.topology;
  trace = simulate(topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false });
});

afterAll(async () => {
  // a canceled export may still be finishing a slide it had started when the test ends: retry the removal
  await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe('exportSlides on the home-to-web journey', () => {
  it('writes one PNG per step of the range, 1920×1080 by default, named by journey step', async () => {
    const out = join(dir, 'png');
    const progress: number[] = [];
    const result = await exportSlides({
      topology,
      trace,
      steps: [3, 7],
      lang: 'en',
      theme: 'light',
      format: 'png-dir',
      out,
      onProgress: (done) => progress.push(done),
    });
    expect(result.slides).toBe(5);
    expect(result.total).toBe(viewAtLevel(trace, 7, replayContext(trace, topology)).length);
    const names = (await readdir(out)).sort();
    expect(names).toEqual(['slide-03.png', 'slide-04.png', 'slide-05.png', 'slide-06.png', 'slide-07.png']);
    for (const name of names) expect(pngSize(await readFile(join(out, name)))).toEqual({ width: 1920, height: 1080 });
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('honours another size', async () => {
    const out = join(dir, 'small');
    await exportSlides({
      topology,
      trace,
      steps: [1, 1],
      lang: 'ko',
      theme: 'dark',
      format: 'png-dir',
      out,
      width: 1280,
      height: 720,
    });
    expect(pngSize(await readFile(join(out, 'slide-01.png')))).toEqual({ width: 1280, height: 720 });
  });

  it('writes a PDF with one 16:9 page per step', async () => {
    const out = join(dir, 'deck.pdf');
    const result = await exportSlides({ topology, trace, level: 5, lang: 'en', theme: 'print', format: 'pdf', out });
    const pdf = await PDFDocument.load(await readFile(out));
    expect(pdf.getPageCount()).toBe(result.slides);
    expect(result.slides).toBe(planDeck(topology, trace, { level: 5 }).total);
    const { width, height } = pdf.getPage(0).getSize();
    expect(width / height).toBeCloseTo(16 / 9, 3);
  });

  it('writes a PPTX with one slide per step and the caption as speaker notes', async () => {
    const out = join(dir, 'deck.pptx');
    const result = await exportSlides({ topology, trace, level: 3, lang: 'ko', theme: 'light', format: 'pptx', out });
    const files = unzipSync(await readFile(out));
    const slides = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(result.slides);
    const plan = planDeck(topology, trace, { level: 3 });
    expect(result.slides).toBe(plan.total);
    for (const [i, slide] of plan.slides.entries()) {
      const notes = strFromU8(files[`ppt/notesSlides/notesSlide${i + 1}.xml`]);
      const caption = captionToText('ko', slideSpan(trace, slide.item, plan.context).caption);
      const escaped = caption
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
      // The caption's first words, as XML text (pptxgenjs may split runs at line breaks, not inside a line).
      expect(notes).toContain(escaped.slice(0, 20));
      expect(caption).toMatch(/[가-힣]/);
    }
    expect(Object.keys(files).filter((f) => /^ppt\/media\/.*\.png$/.test(f))).toHaveLength(result.slides);
  });

  it('writes an animated GIF with one frame per step', async () => {
    const out = join(dir, 'deck.gif');
    await exportSlides({
      topology,
      trace,
      steps: [10, 13],
      lang: 'en',
      theme: 'dark',
      format: 'gif',
      out,
      gifWidth: 640,
    });
    expect(gifFrames(await readFile(out))).toEqual({ width: 640, height: 360, frames: 4 });
  });

  it('writes a ZIP of PNGs and a folder of SVGs with outlined text', async () => {
    const zipPath = join(dir, 'deck.zip');
    await exportSlides({ topology, trace, steps: [1, 2], lang: 'en', theme: 'light', format: 'zip', out: zipPath });
    const files = unzipSync(await readFile(zipPath));
    expect(Object.keys(files).sort()).toEqual(['slide-01.png', 'slide-02.png']);
    expect(pngSize(files['slide-02.png'])).toEqual({ width: 1920, height: 1080 });

    const svgDir = join(dir, 'svg');
    await exportSlides({ topology, trace, steps: [5, 5], lang: 'en', theme: 'light', format: 'svg-dir', out: svgDir });
    const svg = await readFile(join(svgDir, 'slide-05.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<use href="#g');
  });

  it('stops when canceled', async () => {
    const controller = new AbortController();
    const run = exportSlides({
      topology,
      trace,
      lang: 'en',
      theme: 'light',
      format: 'png-dir',
      out: join(dir, 'canceled'),
      signal: controller.signal,
      onProgress: (done) => done >= 2 && controller.abort(),
    });
    await expect(run).rejects.toThrow(/canceled/);
    expect((await readdir(join(dir, 'canceled'))).length).toBeLessThan(trace.steps.length);
  });

  it('rejects a range outside the journey', async () => {
    await expect(
      exportSlides({
        topology,
        trace,
        level: 1,
        steps: [2, 3],
        lang: 'en',
        theme: 'light',
        format: 'pdf',
        out: join(dir, 'x.pdf'),
      }),
    ).rejects.toThrow(/1 steps at level 1/);
  });

  it('draws the diagram alone as PNG and SVG', () => {
    expect(pngSize(exportDiagram(topology, { format: 'png', width: 1600, height: 900 }))).toEqual({
      width: 1600,
      height: 900,
    });
    const svg = new TextDecoder().decode(exportDiagram(topology, { format: 'svg', theme: 'dark' }));
    expect(svg).toContain('<title>');
    expect(svg).not.toContain('<text');
  });
});
