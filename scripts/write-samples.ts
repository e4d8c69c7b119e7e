// npm run samples: rewrite resources/samples/*.packetjourney from shared/model/samples.ts (the files are generated;
// shared/model/samples.test.ts fails when one drifts from its builder).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serializeTopology } from '../shared/model/canonical';
import { SAMPLE_NAMES } from '../shared/model/sample-names';
import { buildSample } from '../shared/model/samples';

for (const name of SAMPLE_NAMES) {
  const file = `resources/samples/${name}.packetjourney`;
  writeFileSync(resolve(__dirname, '..', file), serializeTopology(buildSample(name)));
  console.log(`wrote ${file}`);
}
