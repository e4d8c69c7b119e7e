// Slide export, pure: the pipeline with the rasteriser injected, the glyph outliner, PNG encoding and the formats.
export * from './deck-export';
export { createGlyphOutliner, type GlyphOutliner, type SimplifySvg } from './glyphs';
export {
  encodeRgba,
  fflateDeflate,
  pngFromScanlines,
  rgbScanlines,
  type Deflate,
  type EncodedImage,
  type Pixels,
} from './png';
export { base64, buildGif, buildPptx, buildZip, type SlideImage } from './formats';
export { buildVectorPdf, type PdfFonts, type PdfMeta } from './pdf';
export * from './estimate';
