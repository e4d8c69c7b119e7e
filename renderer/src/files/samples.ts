// The bundled samples, loaded on demand as text from resources/samples/.
const sampleFiles = import.meta.glob<string>('../../../resources/samples/*.packetjourney', {
  query: '?raw',
  import: 'default',
});

export const SAMPLES = [
  'home-to-web',
  'home-to-web-with-cache',
  'small-lan',
  'home-to-web-https',
  'home-to-web-page',
] as const;
export type SampleId = (typeof SAMPLES)[number];

export function sampleExists(id: string): id is SampleId {
  return Object.keys(sampleFiles).some((p) => p.endsWith(`/${id}.packetjourney`));
}

export async function loadSampleText(id: SampleId): Promise<string | null> {
  const entry = Object.entries(sampleFiles).find(([p]) => p.endsWith(`/${id}.packetjourney`));
  return entry ? entry[1]() : null;
}
