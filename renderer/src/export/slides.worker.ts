// Web mode's slide renderer: the shared pipeline (shared/slides/export) with resvg compiled to WebAssembly and the
// bundled Pretendard fonts, so a deck made in the browser has the same pixels as one made by the CLI or the desktop
// app. Runs off the UI thread; the dialog cancels by terminating the worker.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import regularUrl from '../../../resources/fonts/Pretendard-Regular.otf?url';
import semiBoldUrl from '../../../resources/fonts/Pretendard-SemiBold.otf?url';
import subsetWasmUrl from 'harfbuzzjs/dist/harfbuzz-subset.wasm?url';
import { buildDeck, buildDiagram, type Rasterizer } from '../../../shared/slides/export/deck-export';
import { createGlyphOutliner } from '../../../shared/slides/export/glyphs';
import { encodeRgba, type Pixels } from '../../../shared/slides/export/png';
import { planDeck, renderSlideSvg } from '../../../shared/slides';
import { FONT_FAMILY } from '../../../shared/slides/theme';
import type { LessonData } from '../../../shared/player/lesson';
import type { WorkerReply, WorkerRequest } from './protocol';
import type { RasterReply, RasterRequest } from './raster.worker';

let ready: Promise<Rasterizer> | undefined;

/** The browser's own zlib (CompressionStream "deflate" is RFC 1950): several times faster than deflate in JS. */
async function nativeDeflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function rasterizer(): Promise<Rasterizer> {
  ready ??= (async () => {
    const [fonts] = await Promise.all([
      Promise.all([fetchBytes(regularUrl), fetchBytes(semiBoldUrl)]),
      initWasm(fetch(wasmUrl)),
    ]);
    const font = { fontBuffers: fonts, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
    const outliner = createGlyphOutliner((svg) => {
      const resvg = new Resvg(svg, { font });
      try {
        return resvg.toString();
      } finally {
        resvg.free();
      }
    });
    return {
      outlineText: outliner.outlineText,
      deflate: typeof CompressionStream === 'function' ? nativeDeflate : undefined,
      pixels: renderHere,
      // The PDF embeds subsets of the same fonts as real text.
      fonts: async () => ({ regular: fonts[0], semibold: fonts[1] }),
    } satisfies Rasterizer;
  })();
  return ready;
}

// Text is outlined already, so the slide needs no font: parsing 3 MB of fonts per slide would dominate.
async function renderHere(svg: string, width?: number): Promise<Pixels> {
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [] },
    fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
  });
  try {
    const image = resvg.render();
    try {
      return { width: image.width, height: image.height, data: image.pixels };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** A deck on two cores: every other slide goes to a helper worker (raster.worker.ts). */
function withHelper(raster: Rasterizer): { raster: Rasterizer; dispose(): void } {
  if ((navigator.hardwareConcurrency ?? 1) < 2) return { raster, dispose: () => undefined };
  const helper = new Worker(new URL('./raster.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve(p: Pixels): void; reject(e: Error): void }>();
  let nextId = 0;
  let turn = 0;
  helper.addEventListener('message', (event: MessageEvent<RasterReply>) => {
    const reply = event.data;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) entry?.reject(new Error(reply.error));
    else entry?.resolve({ width: reply.width, height: reply.height, data: reply.data });
  });
  const remote = (svg: string, width?: number) =>
    new Promise<Pixels>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      helper.postMessage({ id, svg, width } satisfies RasterRequest);
    });
  return {
    raster: {
      ...raster,
      lanes: 2,
      pixels: (svg, width) => (turn++ % 2 === 0 ? remote(svg, width) : raster.pixels(svg, width)),
    },
    dispose: () => helper.terminate(),
  };
}

const post = (reply: WorkerReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

/** The lesson player's file, with its Pretendard subsets (shared/player/fonts.ts); no rasteriser needed. */
async function lesson(data: LessonData): Promise<Uint8Array> {
  const [{ default: bundle }, { lessonFile }, subsetWasm, regular, semibold] = await Promise.all([
    import('virtual:lesson-player'),
    import('../../../shared/player/lesson'),
    fetchBytes(subsetWasmUrl),
    fetchBytes(regularUrl),
    fetchBytes(semiBoldUrl),
  ]);
  return new TextEncoder().encode(await lessonFile(bundle, data, { subsetWasm, regular, semibold }));
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.kind === 'lesson') {
    const bytes = await lesson(request.job);
    post({ id: request.id, kind: 'done', files: [{ name: 'lesson.html', bytes }], slides: 0 }, [
      bytes.buffer as ArrayBuffer,
    ]);
    return;
  }
  const raster = await rasterizer();
  if (request.kind === 'deck') {
    const pool = withHelper(raster);
    const deck = await buildDeck(
      {
        ...request.job,
        createdAt: new Date(),
        onProgress: (done, total) => post({ id: request.id, kind: 'progress', done, total }),
      },
      pool.raster,
    ).finally(() => pool.dispose());
    post(
      { id: request.id, kind: 'done', files: deck.files, slides: deck.slides },
      deck.files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  } else if (request.kind === 'preview') {
    const { topology, trace, level, steps, lang, theme, width, height } = request.job;
    const plan = planDeck(topology, trace, { level, steps: steps ? [steps[0], steps[0]] : [1, 1] });
    const slide = plan.slides[0];
    const svg = renderSlideSvg(topology, trace, slide.item, {
      lang,
      theme,
      width,
      height,
      index: slide.index,
      total: plan.total,
      level: plan.level,
      context: plan.context,
    });
    const pixels = await raster.pixels(raster.outlineText(svg), request.previewWidth);
    const png = (await encodeRgba(pixels.data, pixels.width, pixels.height, raster.deflate)).png;
    post({ id: request.id, kind: 'done', files: [{ name: 'preview.png', bytes: png }], slides: 1 }, [
      png.buffer as ArrayBuffer,
    ]);
  } else {
    const bytes = await buildDiagram(request.job.topology, request.job, raster);
    post({ id: request.id, kind: 'done', files: [{ name: `diagram.${request.job.format}`, bytes }], slides: 0 }, [
      bytes.buffer as ArrayBuffer,
    ]);
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) =>
    post({ id: event.data.id, kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
