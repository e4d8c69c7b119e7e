// The deck containers are pure and shared with the browser's export: see shared/slides/export/formats.ts.
export { buildGif, buildPptx, buildZip, type SlideImage } from '../../shared/slides/export/formats';
