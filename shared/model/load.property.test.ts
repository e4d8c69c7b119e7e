// Thousands of random and mutated files thrown at the loader: it never throws, every failure is one message that
// names the file, and everything it accepts can be checked, saves canonically and reopens to the same bytes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from './canonical';
import { checkTopology } from './checks';
import { scanJson } from './json-error';
import { loadTopology } from './load';
import { SAMPLE_NAMES } from './sample-names';

const sampleTexts = SAMPLE_NAMES.map((name) =>
  readFileSync(resolve(__dirname, '../../resources/samples', `${name}.packetjourney`), 'utf8'),
);
const encode = (text: string) => new TextEncoder().encode(text);
const SEED = 20261121;

/** The loader's contract, checked on one input. */
function assertLoaderContract(bytes: Uint8Array, fileName: string): boolean {
  let result: ReturnType<typeof loadTopology>;
  try {
    result = loadTopology(bytes, fileName);
  } catch (err) {
    throw new Error(`loadTopology threw: ${String(err)}`);
  }
  if (!result.ok) {
    expect(typeof result.error).toBe('string');
    expect(result.error).toContain(fileName);
    expect(result.error.length).toBeLessThan(2000);
    return false;
  }
  const text = serializeTopology(result.topology);
  // Whatever opens can be checked: the Problems panel must not crash on odd but valid files either.
  for (const problem of checkTopology(result.topology)) expect(problem.message).not.toMatch(/\{\{|undefined/);
  const again = loadTopology(encode(text), fileName);
  expect(again.ok).toBe(true);
  if (again.ok) expect(serializeTopology(again.topology)).toBe(text);
  return true;
}

const fileName = fc.oneof(
  fc.constant('net.packetjourney'),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => `${s}.packetjourney`),
);

// ---- mutations of real files ----

type Path = (string | number)[];
function allPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}

function parentOf(root: unknown, path: Path): { parent: any; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: any = root;
  for (const step of path.slice(0, -1)) node = node[step];
  return { parent: node, key: path[path.length - 1] };
}

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'retype'; at: number }
  | { op: 'duplicate'; at: number };

function retype(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > 0 ? (Number.isNaN(Number(value)) ? value.length : Number(value)) : null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 1 : 'false';
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value && typeof value === 'object') return Object.values(value);
  return {};
}

function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = allPaths(root);
  const path = paths[m.at % paths.length];
  const where = parentOf(root, path);
  if (!where) return m.op === 'replace' ? m.value : m.op === 'retype' ? retype(root) : root;
  const { parent, key } = where;
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'replace':
      parent[key] = m.value;
      break;
    case 'retype':
      parent[key] = retype(parent[key]);
      break;
    case 'duplicate':
      // Duplicate ids, names and addresses: copy an element next to itself.
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else parent[key] = structuredClone(parent[key]);
      break;
  }
  return root;
}

// Values the schema cares about, so replacements often land close to valid rather than always far off.
const nearValid = fc.oneof(
  fc.constantFrom(
    '192.168.0.1',
    '192.168.0.1/24',
    '256.1.1.1',
    '02:00:00:00:00:01',
    'eth0',
    'p1',
    'pc',
    'sw',
    '',
    '.',
    'com.',
  ),
  fc.constantFrom(0, 1, 2, 80, 65536, -1, 1.5, 1e308),
  fc.constantFrom('static', 'dhcp', 'none', 'host', 'router', 'server', 'switch', 'firewall'),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: nearValid }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
);

describe('loadTopology under random input (fast-check)', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fileName, (bytes, name) => void assertLoaderContract(bytes, name)),
      {
        numRuns: 1500,
        seed: SEED,
      },
    );
  });

  it('random text and random JSON values', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fileName,
        (text, name) => void assertLoaderContract(encode(text), name),
      ),
      {
        numRuns: 800,
        seed: SEED,
      },
    );
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), fileName, (text, name) => void assertLoaderContract(encode(text), name)),
      {
        numRuns: 800,
        seed: SEED,
      },
    );
    // Objects that pass the format and version gates, so the schema and referential checks are exercised.
    const almost = fc.record({
      format: fc.constant('packet-journey-topology'),
      version: fc.constantFrom(1, 2, 3),
      name: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
      devices: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
      links: fc.oneof(fc.constant([]), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 })),
    });
    fc.assert(
      fc.property(almost, fileName, (value, name) => void assertLoaderContract(encode(JSON.stringify(value)), name)),
      {
        numRuns: 600,
        seed: SEED,
      },
    );
  });

  it('mutated sample files: delete, replace, retype or duplicate random nodes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat(SAMPLE_NAMES.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fileName,
        (sample, mutations, name) => {
          let value: unknown = JSON.parse(sampleTexts[sample]);
          for (const m of mutations) value = applyMutation(value, m);
          const text = JSON.stringify(value, null, 2);
          if (text !== undefined && assertLoaderContract(encode(text), name)) accepted++;
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    // Both branches must have been exercised, or the property says little.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(1000);
  });

  it('truncated sample files and flipped bytes', () => {
    fc.assert(
      fc.property(
        fc.nat(SAMPLE_NAMES.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fileName,
        (sample, cut, name) => {
          const bytes = encode(sampleTexts[sample]);
          const at = Math.floor(cut * bytes.length);
          const ok = assertLoaderContract(bytes.slice(0, at), name);
          // Only the whole file (or everything but trailing whitespace) can be accepted.
          if (ok) expect(new TextDecoder().decode(bytes.slice(at)).trim()).toBe('');
        },
      ),
      { numRuns: 600, seed: SEED },
    );
    fc.assert(
      fc.property(
        fc.nat(SAMPLE_NAMES.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fileName,
        (sample, flips, name) => {
          const bytes = encode(sampleTexts[sample]);
          for (const [at, mask] of flips) bytes[at % bytes.length] ^= mask;
          assertLoaderContract(bytes, name);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });
});

describe('scanJson agrees with JSON.parse on syntax (fast-check)', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  // Small edits of real JSON: the interesting errors are near-misses, not random noise.
  const jsonish = fc
    .tuple(
      fc.json({ maxDepth: 3 }),
      fc.nat(),
      fc.constantFrom('', ',', ']', '}', '"', ':', '\\', '\n', '1', 'x', '{', '['),
      fc.nat(3),
    )
    .map(([json, at, insert, drop]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(i + drop);
    });
  it('finds an error exactly when JSON.parse fails, at a position inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ maxLength: 40 })), (text) => {
        const error = scanJson(text);
        expect(error === undefined).toBe(parses(text));
        if (error) {
          const lines = text.split('\n');
          expect(error.line).toBeLessThanOrEqual(lines.length);
          expect(error.column).toBeLessThanOrEqual(lines[error.line - 1].length + 1);
        }
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});
