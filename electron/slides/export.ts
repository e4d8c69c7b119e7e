// Writes a replay as slides: PNG or SVG files in a folder, a ZIP of PNGs (or SVGs), one PDF, one PPTX or an animated
// GIF. The pipeline is shared with the browser (shared/slides/export); this host brings resvg-js on the thread pool,
// Node's zlib and the file system.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Topology } from '../../shared/model/schema';
import type { SlideTheme } from '../../shared/slides';
import {
  buildDeck,
  ExportCanceledError,
  type DeckOptions,
  type Rasterizer,
  type SlideFormat,
} from '../../shared/slides/export/deck-export';
import type { PdfFonts } from '../../shared/slides/export/pdf';
import { renderDiagramSvg } from '../../shared/slides';
import { writeFileAtomic } from '../main/files';
import { slideFontFiles } from './fonts';
import { outlineText } from './glyphs';
import { nodeDeflate } from './png';
import { svgToPixels, svgToPng } from './rasterize';

export { ExportCanceledError, type SlideFormat };

export interface ExportSlidesOptions extends Omit<DeckOptions, 'onFile'> {
  /** A file for zip/svg-zip/pdf/pptx/gif, a folder for png-dir/svg-dir. */
  out: string;
}

export interface ExportSlidesResult {
  /** Files written (one for zip/pdf/pptx/gif). */
  files: string[];
  slides: number;
  /** Steps in the whole journey at this level. */
  total: number;
  level: number;
}

let fontBytes: Promise<PdfFonts> | undefined;

/** The bundled Pretendard files, read once (the PDF embeds subsets of them). */
function bundledFonts(): Promise<PdfFonts> {
  fontBytes ??= Promise.all(slideFontFiles().map((f) => readFile(f))).then(([regular, semibold]) => ({
    regular,
    semibold,
  }));
  return fontBytes;
}

/** resvg-js renders on libuv's thread pool (renderAsync): keep one slide in flight per core. */
export function nodeRasterizer(): Rasterizer {
  return {
    outlineText,
    pixels: svgToPixels,
    deflate: nodeDeflate,
    lanes: Math.max(1, Math.min(4, availableParallelism())),
    fonts: bundledFonts,
  };
}

export async function exportSlides(options: ExportSlidesOptions): Promise<ExportSlidesResult> {
  const { out, format } = options;
  const perSlide = format === 'png-dir' || format === 'svg-dir';
  if (perSlide) await mkdir(out, { recursive: true });
  const files: string[] = [];
  const deck = await buildDeck(
    {
      // A PDF made now says so (tests pass a fixed date).
      createdAt: new Date(),
      ...options,
      onFile: async (file) => {
        const path = join(out, file.name);
        await writeFile(path, file.bytes);
        files.push(path);
      },
    },
    nodeRasterizer(),
  );
  for (const file of deck.files) {
    // Whole or not at all, and never over a device or through a symlink's name (writeFileAtomic).
    await writeFileAtomic(out, file.bytes);
    files.push(out);
  }
  files.sort();
  return { files, slides: deck.slides, total: deck.total, level: deck.level };
}

/** The network alone (no replay) as PNG or SVG bytes. */
export function exportDiagram(
  topology: Topology,
  options: { theme?: SlideTheme; format: 'png' | 'svg'; width?: number; height?: number },
): Uint8Array {
  const svg = renderDiagramSvg(topology, { theme: options.theme, width: options.width, height: options.height });
  return options.format === 'svg' ? new TextEncoder().encode(outlineText(svg)) : svgToPng(svg);
}

/** The format a path asks for: by extension, else a folder of PNGs. */
export function formatFromPath(path: string): SlideFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'pdf' || ext === 'pptx' || ext === 'gif' || ext === 'zip') return ext;
  return 'png-dir';
}
