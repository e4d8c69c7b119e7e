// SVG string → PNG bytes (and raw RGBA pixels for the GIF) with resvg, using only the bundled fonts.
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { slideFontFiles } from './fonts';
import { outlineText } from './glyphs';
import { FONT_FAMILY } from '../../shared/slides/theme';

function options(width?: number): ResvgRenderOptions {
  return {
    font: { fontFiles: slideFontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
    shapeRendering: 2,
    textRendering: 1,
  };
}

export function svgToPng(svg: string, width?: number): Uint8Array {
  return new Resvg(outlineText(svg), options(width)).render().asPng();
}

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export function svgToPixels(svg: string, width?: number): Pixels {
  const image = new Resvg(outlineText(svg), options(width)).render();
  return { width: image.width, height: image.height, data: new Uint8Array(image.pixels) };
}
