// npm run schema: regenerate the published JSON Schema from shared/model/schema.ts.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSON_SCHEMA_FILE, topologyJsonSchema } from '../shared/model/json-schema';

const target = resolve(__dirname, '..', JSON_SCHEMA_FILE);
writeFileSync(target, topologyJsonSchema());
console.log(`wrote ${JSON_SCHEMA_FILE}`);
