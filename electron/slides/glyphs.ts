// Text → cached glyph outlines (shared/slides/export/glyphs.ts) with resvg-js and the bundled fonts doing the
// outlining. See there for why.
import { Resvg } from '@resvg/resvg-js';
import { createGlyphOutliner } from '../../shared/slides/export/glyphs';
import { FONT_FAMILY } from '../../shared/slides/theme';
import { slideFontFiles } from './fonts';

const outliner = createGlyphOutliner((svg) =>
  new Resvg(svg, {
    font: { fontFiles: slideFontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  }).toString(),
);

export const outlineText = outliner.outlineText;
export const glyphOutline = outliner.glyphOutline;
