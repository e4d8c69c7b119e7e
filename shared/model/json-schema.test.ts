import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JSON_SCHEMA_FILE, topologyJsonSchema } from './json-schema';
import { SAMPLE_NAMES } from './sample-names';

const root = resolve(__dirname, '../..');
const committed = readFileSync(resolve(root, JSON_SCHEMA_FILE), 'utf8');

describe('published JSON Schema', () => {
  it('is what the zod schema generates now (run `npm run schema` after changing schema.ts)', () => {
    expect(committed).toBe(topologyJsonSchema());
  });

  // Read back through an independent path (JSON Schema → validator) to show the published file means what zod means.
  const validator = z.fromJSONSchema(JSON.parse(committed));
  const sample = (name: string) =>
    JSON.parse(readFileSync(resolve(root, 'resources/samples', `${name}.packetjourney`), 'utf8'));

  it.each(SAMPLE_NAMES)('accepts the sample %s', (name) => {
    expect(validator.safeParse(sample(name)).success).toBe(true);
  });

  it('rejects what the model rejects', () => {
    const mutations: ((t: any) => void)[] = [
      (t) => (t.devices[0].interfaces[0].mac = '02:00:00:00:00:0G'),
      (t) => (t.devices[2].interfaces[0].address = '192.168.0.1/33'),
      (t) => (t.devices[0].kind = 'hub'),
      (t) => (t.version = 3),
      (t) => (t.links[0].colour = 'red'),
      (t) => delete t.devices[0].hosts,
    ];
    for (const mutate of mutations) {
      const t = sample('home-to-web');
      mutate(t);
      expect(validator.safeParse(t).success, String(mutate)).toBe(false);
    }
  });
});
