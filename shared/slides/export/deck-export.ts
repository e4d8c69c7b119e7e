// From a replay to the bytes of a deck: plan the slides, draw each as SVG, rasterise (injected), encode and pack.
// One pipeline for every host — the CLI and Electron's main process (resvg-js, native zlib, files on disk) and the
// browser's Web Worker (resvg-wasm, fflate, a download) — so a deck looks the same wherever it is made.
import type { Topology } from '../../model/schema';
import type { Trace } from '../../engine/trace';
import { planDeck } from '../deck';
import { renderDiagramSvg } from '../diagram';
import { renderSlideSvg, slideNotes, slideSpan, slideTextBoxes } from '../slide';
import type { SlideLang } from '../text';
import type { SlideTheme } from '../theme';
import { buildGif, buildPptx, buildZip, type SlideImage } from './formats';
import { buildVectorPdf, type PdfFonts } from './pdf';
import { encodeRgba, fflateDeflate, type Deflate, type EncodedImage, type Pixels } from './png';

/** png-dir/svg-dir: one file per slide; zip/svg-zip: those files in one ZIP; pdf, pptx, gif: one file. */
export type SlideFormat = 'png-dir' | 'svg-dir' | 'zip' | 'svg-zip' | 'pdf' | 'pptx' | 'gif';

/** What the host gives the pipeline: resvg of its kind, with the bundled fonts. */
export interface Rasterizer {
  /** Text → outlines of the bundled font (see glyphs.ts); also used for the SVG files, so they need no font. */
  outlineText(svg: string): string;
  /** An SVG whose text is already outlined → RGBA pixels, scaled to `width` if given. */
  pixels(svg: string, width?: number): Promise<Pixels>;
  /** zlib for the PNG scanlines; fflate if absent. */
  deflate?: Deflate;
  /** Slides in flight at once (a host that renders off its thread can overlap them); default 1. */
  lanes?: number;
  /** The bundled fonts' bytes, for the PDF (it embeds subsets of them as real text). */
  fonts?: () => Promise<PdfFonts>;
}

export interface DeckOptions {
  topology: Topology;
  trace: Trace;
  /** 1-based inclusive range of the level's steps; default all. */
  steps?: [number, number];
  /** Detail level 1–7; default 7 (every step). */
  level?: number;
  lang: SlideLang;
  theme: SlideTheme;
  format: SlideFormat;
  width?: number;
  height?: number;
  /** GIF frames are smaller by default (a GIF of 1920 × 1080 frames is large and slow to open). */
  gifWidth?: number;
  gifDelayMs?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Per-slide formats: take each file as soon as it is made (written to disk as it goes) instead of in the result. */
  onFile?: (file: DeckFile) => Promise<void>;
  /** The PDF's creation date (the host's clock; absent, the PDF has none and the same deck gives the same bytes). */
  createdAt?: Date;
}

export interface DeckFile {
  /** `slide-01.png` for per-slide files, `slides.<ext>` for a single file. */
  name: string;
  bytes: Uint8Array;
}

export interface DeckResult {
  /** Per slide for png-dir/svg-dir (none if they went to `onFile`), else one. */
  files: DeckFile[];
  slides: number;
  /** Steps in the whole journey at this level. */
  total: number;
  level: number;
}

export class ExportCanceledError extends Error {
  constructor() {
    super('The export was canceled.');
    this.name = 'AbortError';
  }
}

export const FORMAT_EXTENSION: Record<SlideFormat, string> = {
  'png-dir': 'png',
  'svg-dir': 'svg',
  zip: 'zip',
  'svg-zip': 'zip',
  pdf: 'pdf',
  pptx: 'pptx',
  gif: 'gif',
};

export const FORMAT_MIME: Record<SlideFormat, string> = {
  'png-dir': 'image/png',
  'svg-dir': 'image/svg+xml',
  zip: 'application/zip',
  'svg-zip': 'application/zip',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  gif: 'image/gif',
};

export function slideFileName(index: number, total: number, ext: string): string {
  return `slide-${String(index).padStart(Math.max(2, String(total).length), '0')}.${ext}`;
}

export function deckTitle(topology: Topology, trace: Trace): string {
  return `${topology.name || 'Packet Journey'} — ${trace.scenario.url}`;
}

export async function buildDeck(options: DeckOptions, raster: Rasterizer): Promise<DeckResult> {
  const { topology, trace, lang, theme, format, signal } = options;
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const deflate = raster.deflate ?? fflateDeflate;
  const plan = planDeck(topology, trace, { level: options.level, steps: options.steps });
  const count = plan.slides.length;
  const check = () => {
    if (signal?.aborted) throw new ExportCanceledError();
  };
  const svgFiles = format === 'svg-dir' || format === 'svg-zip';

  const images: SlideImage[] = new Array(count);
  const vectors: string[] = new Array(count);
  const frames: Pixels[] = new Array(count);
  const named: DeckFile[] = new Array(count);
  const streamed = options.onFile && (format === 'png-dir' || format === 'svg-dir') ? options.onFile : undefined;
  const take = async (i: number, file: DeckFile) => {
    if (streamed) await streamed(file);
    else named[i] = file;
  };
  let done = 0;
  const renderOne = async (i: number) => {
    check();
    const slide = plan.slides[i];
    const slideOptions = {
      lang,
      theme,
      width,
      height,
      index: slide.index,
      total: plan.total,
      level: plan.level,
      context: plan.context,
    };
    // PPTX: the picture without its text, which goes over it as editable text boxes.
    const editable = format === 'pptx';
    if (format === 'pdf') {
      // Vectors and real text: the slide's own SVG, not a picture of it.
      vectors[i] = renderSlideSvg(topology, trace, slide.item, slideOptions);
      options.onProgress?.(++done, count);
      return;
    }
    const svg = raster.outlineText(
      renderSlideSvg(topology, trace, slide.item, { ...slideOptions, pictureOnly: editable }),
    );
    const name = slideFileName(slide.index, plan.total, svgFiles ? 'svg' : 'png');
    if (svgFiles) {
      // Outlined text: the file looks the same in any viewer, with or without the font installed.
      await take(i, { name, bytes: new TextEncoder().encode(svg) });
    } else if (format === 'gif') {
      frames[i] = await raster.pixels(svg, options.gifWidth ?? Math.min(960, width));
    } else {
      const pixels = await raster.pixels(svg);
      const image: EncodedImage = await encodeRgba(pixels.data, pixels.width, pixels.height, deflate);
      if (format === 'png-dir' || format === 'zip') await take(i, { name, bytes: image.png });
      else {
        images[i] = {
          image,
          notes: slideNotes(trace, slideSpan(trace, slide.item, plan.context), lang),
          title: `${slide.index}/${plan.total}`,
          lang,
          text: editable ? slideTextBoxes(topology, trace, slide.item, slideOptions) : undefined,
        };
      }
    }
    options.onProgress?.(++done, count);
  };
  // Keep up to `lanes` slides in flight, taken in order.
  const lanes = Math.max(1, Math.min(raster.lanes ?? 1, count));
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < count) await renderOne(next++);
      }),
    );
  } catch (error) {
    if (signal?.aborted) throw new ExportCanceledError();
    throw error;
  }
  check();
  const single = (bytes: Uint8Array): DeckFile[] => [{ name: `slides.${FORMAT_EXTENSION[format]}`, bytes }];
  let files: DeckFile[];
  if (format === 'png-dir' || format === 'svg-dir') files = streamed ? [] : named;
  else if (format === 'zip' || format === 'svg-zip')
    files = single(buildZip(Object.fromEntries(named.map((f) => [f.name, f.bytes])), format === 'svg-zip'));
  else if (format === 'pdf') {
    if (!raster.fonts) throw new Error('This host cannot make a PDF: it has no fonts to embed.');
    const title = deckTitle(topology, trace);
    files = single(await buildVectorPdf(vectors, await raster.fonts(), { title, lang, created: options.createdAt }));
  } else if (format === 'pptx') files = single(await buildPptx(images, width / height, deckTitle(topology, trace)));
  else files = single(buildGif(frames, options.gifDelayMs ?? 2500));
  return { files, slides: count, total: plan.total, level: plan.level };
}

export interface DiagramImageOptions {
  theme?: SlideTheme;
  format: 'png' | 'svg';
  width?: number;
  height?: number;
}

/** The network alone (no replay) as PNG or SVG bytes. */
export async function buildDiagram(
  topology: Topology,
  options: DiagramImageOptions,
  raster: Rasterizer,
): Promise<Uint8Array> {
  const svg = raster.outlineText(
    renderDiagramSvg(topology, { theme: options.theme, width: options.width, height: options.height }),
  );
  if (options.format === 'svg') return new TextEncoder().encode(svg);
  const pixels = await raster.pixels(svg);
  return (await encodeRgba(pixels.data, pixels.width, pixels.height, raster.deflate ?? fflateDeflate)).png;
}
