// SVG string → pixels and PNG with resvg, using only the bundled fonts. Text is turned into cached glyph outlines
// first (see glyphs.ts); rendering runs on libuv's thread pool (renderAsync), so two slides render at once on two
// cores and the event loop stays free for progress and Cancel.
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { slideFontFiles } from './fonts';
import { outlineText } from './glyphs';
import { encodeRgba, type EncodedImage } from './png';
import type { Pixels } from '../../shared/slides/export/png';
import { FONT_FAMILY } from '../../shared/slides/theme';

function options(width?: number): ResvgRenderOptions {
  return {
    font: {
      fontFiles: slideFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
  };
}

export type { Pixels };

/** Synchronous, for one-off images (the diagram, tests). */
export function svgToPng(svg: string, width?: number): Uint8Array {
  return new Resvg(outlineText(svg), options(width)).render().asPng();
}

// resvg-js's own AbortSignal parameter rejects Node's AbortSignal (InvalidArg), so cancelation happens between
// slides, in the exporter; one slide takes a fraction of a second.
export async function svgToPixels(svg: string, width?: number): Promise<Pixels> {
  const image = await renderAsync(outlineText(svg), options(width));
  return {
    width: image.width,
    height: image.height,
    data: new Uint8Array(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength),
  };
}

export async function svgToImage(svg: string, width?: number): Promise<EncodedImage> {
  const pixels = await svgToPixels(svg, width);
  return encodeRgba(pixels.data, pixels.width, pixels.height);
}
