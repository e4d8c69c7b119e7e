// The published JSON Schema of the file format, generated from the zod schema so there is one source of truth.
// scripts/write-schema.ts writes it to resources/schema/; json-schema.test.ts fails if the committed file is stale.
import { z } from 'zod';
import { CURRENT_VERSION, Topology } from './schema';

export const JSON_SCHEMA_FILE = 'resources/schema/packet-journey-topology.schema.json';

export function topologyJsonSchema(): string {
  const generated = z.toJSONSchema(Topology, { target: 'draft-2020-12', unrepresentable: 'any' });
  const schema = {
    $schema: generated.$schema,
    $id: 'https://packet-journey.invalid/schema/packet-journey-topology.schema.json',
    title: `Packet Journey topology (.packetjourney), format version ${CURRENT_VERSION}`,
    description:
      'A network drawn in Packet Journey. Saved canonically: keys in this order, 2-space indent, trailing newline.',
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
