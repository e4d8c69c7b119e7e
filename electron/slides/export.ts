// Writes a replay as slides: PNG or SVG files in a folder, a ZIP of PNGs, one PDF, one PPTX or an animated GIF.
// Slides are drawn from the model (shared/slides), so the command line makes them without a browser.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Topology } from '../../shared/model/schema';
import type { Trace } from '../../shared/engine/trace';
import { planDeck, renderSlideSvg, slideNotes, slideSpan, renderDiagramSvg, type SlideLang, type SlideTheme } from '../../shared/slides';
import { buildGif, buildPdf, buildPptx, buildZip, type SlideImage } from './formats';
import { outlineText } from './glyphs';
import { svgToImage, svgToPixels, svgToPng, type Pixels } from './rasterize';

export type SlideFormat = 'png-dir' | 'svg-dir' | 'zip' | 'pdf' | 'pptx' | 'gif';
export const SLIDE_FORMATS: readonly SlideFormat[] = ['png-dir', 'svg-dir', 'zip', 'pdf', 'pptx', 'gif'];

export interface ExportSlidesOptions {
  topology: Topology;
  trace: Trace;
  /** 1-based inclusive range of the level's steps; default all. */
  steps?: [number, number];
  /** Detail level 1–7; default 7 (every step). */
  level?: number;
  lang: SlideLang;
  theme: SlideTheme;
  format: SlideFormat;
  /** A file for zip/pdf/pptx/gif, a folder for png-dir/svg-dir. */
  out: string;
  width?: number;
  height?: number;
  /** GIF frames are smaller by default (a GIF of 1920 × 1080 frames is large and slow to open). */
  gifWidth?: number;
  gifDelayMs?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ExportSlidesResult {
  /** Files written (one for zip/pdf/pptx/gif). */
  files: string[];
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

function fileName(index: number, total: number, ext: string): string {
  return `slide-${String(index).padStart(Math.max(2, String(total).length), '0')}.${ext}`;
}

export async function exportSlides(options: ExportSlidesOptions): Promise<ExportSlidesResult> {
  const { topology, trace, lang, theme, format, out, signal } = options;
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const plan = planDeck(topology, trace, { level: options.level, steps: options.steps });
  const count = plan.slides.length;
  const title = `${topology.name || 'Packet Journey'} — ${trace.scenario.url}`;
  const files: string[] = [];
  const check = () => {
    if (signal?.aborted) throw new ExportCanceledError();
  };
  if (format === 'png-dir' || format === 'svg-dir') await mkdir(out, { recursive: true });

  const images: SlideImage[] = new Array(count);
  const frames: Pixels[] = new Array(count);
  const named: Record<string, Uint8Array> = {};
  let done = 0;
  const renderOne = async (i: number) => {
    check();
    const slide = plan.slides[i];
    const svg = renderSlideSvg(topology, trace, slide.item, {
      lang, theme, width, height, index: slide.index, total: plan.total, level: plan.level, context: plan.context,
    });
    const name = fileName(slide.index, plan.total, format === 'svg-dir' ? 'svg' : 'png');
    if (format === 'svg-dir') {
      // Outlined text: the file looks the same in any viewer, with or without the font installed.
      const path = join(out, name);
      await writeFile(path, outlineText(svg));
      files[i] = path;
    } else if (format === 'gif') {
      frames[i] = await svgToPixels(svg, options.gifWidth ?? 960);
    } else {
      const image = await svgToImage(svg);
      if (format === 'png-dir') {
        const path = join(out, name);
        await writeFile(path, image.png);
        files[i] = path;
      } else if (format === 'zip') {
        named[name] = image.png;
      } else {
        const span = slideSpan(trace, slide.item, plan.context);
        images[i] = { image, notes: slideNotes(trace, span, lang), title: `${slide.index}/${plan.total}` };
      }
    }
    options.onProgress?.(++done, count);
  };
  // Rendering runs on the thread pool: keep one slide in flight per core, in order.
  const lanes = Math.max(1, Math.min(4, availableParallelism(), count));
  let next = 0;
  try {
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (next < count) await renderOne(next++);
    }));
  } catch (error) {
    if (signal?.aborted) throw new ExportCanceledError();
    throw error;
  }
  check();
  const write = async (bytes: Uint8Array) => {
    await writeFile(out, bytes);
    files.push(out);
  };
  if (format === 'zip') await write(buildZip(named));
  else if (format === 'pdf') await write(await buildPdf(images, width / height, title));
  else if (format === 'pptx') await write(await buildPptx(images, width / height, title));
  else if (format === 'gif') await write(buildGif(frames, options.gifDelayMs ?? 2500));
  return { files: files.filter(Boolean), slides: count, total: plan.total, level: plan.level };
}

/** The network alone (no replay) as PNG or SVG bytes. */
export function exportDiagram(topology: Topology, options: { theme?: SlideTheme; format: 'png' | 'svg'; width?: number; height?: number }): Uint8Array {
  const svg = renderDiagramSvg(topology, { theme: options.theme, width: options.width, height: options.height });
  return options.format === 'svg' ? new TextEncoder().encode(outlineText(svg)) : svgToPng(svg);
}

/** The format a path asks for: by extension, else a folder of PNGs. */
export function formatFromPath(path: string): SlideFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'pdf' || ext === 'pptx' || ext === 'gif' || ext === 'zip') return ext;
  return 'png-dir';
}
