// The bundled samples, loaded on demand as text from resources/samples/.
import { SAMPLE_NAMES, type SampleName } from '../../../shared/model/sample-names';

const sampleFiles = import.meta.glob<string>('../../../resources/samples/*.packetjourney', {
  query: '?raw',
  import: 'default',
});

export const SAMPLES = SAMPLE_NAMES;
export type SampleId = SampleName;

export function sampleExists(id: string): id is SampleId {
  return Object.keys(sampleFiles).some((p) => p.endsWith(`/${id}.packetjourney`));
}

export async function loadSampleText(id: SampleId): Promise<string | null> {
  const entry = Object.entries(sampleFiles).find(([p]) => p.endsWith(`/${id}.packetjourney`));
  return entry ? entry[1]() : null;
}
