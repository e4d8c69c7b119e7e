// The bundled samples' names, in the order the start screen lists them. Its own module so that the renderer can
// read the list without bundling the sample builders (shared/model/samples.ts).
export const SAMPLE_NAMES = [
  'home-to-web',
  'home-to-web-with-cache',
  'small-lan',
  'home-to-web-https',
  'home-to-web-page',
] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];
