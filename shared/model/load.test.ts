import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import enLoad from '../i18n/en/load.json';
import { serializeTopology } from './canonical';
import { scanJson } from './json-error';
import { loadTopology, loadTopologyText, MAX_FILE_BYTES } from './load';
import { SAMPLE_NAMES } from './sample-names';

const samplePath = (name: string) => resolve(__dirname, '../../resources/samples', `${name}.packetjourney`);
const sampleBytes = (name: string) => new Uint8Array(readFileSync(samplePath(name)));
const sampleJson = () => JSON.parse(readFileSync(samplePath('home-to-web'), 'utf8'));
const enc = (text: string) => new TextEncoder().encode(text);

function errorOf(bytes: Uint8Array, name = 'net.packetjourney'): string {
  const result = loadTopology(bytes, name);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('loadTopology: good files', () => {
  it.each(SAMPLE_NAMES)('opens %s from disk and saves the same bytes', (name) => {
    const bytes = sampleBytes(name);
    const result = loadTopology(bytes, `${name}.packetjourney`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBeUndefined();
    expect(enc(serializeTopology(result.topology))).toEqual(bytes);
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = sampleBytes('small-lan');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const result = loadTopology(withBom, 'bom.packetjourney');
    expect(result.ok && serializeTopology(result.topology)).toBe(new TextDecoder().decode(bytes));
  });

  it('accepts non-canonical but valid JSON (CRLF, other key order, compact)', () => {
    const crlf = JSON.stringify(sampleJson(), null, '\t').replace(/\n/g, '\r\n');
    expect(loadTopologyText(crlf, 'crlf.packetjourney').ok).toBe(true);
    expect(loadTopologyText(JSON.stringify(sampleJson()), 'compact.packetjourney').ok).toBe(true);
  });
});

describe('loadTopology: bad files get one clear message naming the file', () => {
  it('too large: says the size and the limit', () => {
    const error = errorOf(new Uint8Array(50 * 1024 * 1024), 'huge.packetjourney');
    expect(error).toBe('huge.packetjourney is too large (50.0 MB); Packet Journey opens files up to 20.0 MB.');
    expect(loadTopology(new Uint8Array(MAX_FILE_BYTES + 1), 'x').ok).toBe(false);
  });

  it('empty and whitespace-only', () => {
    expect(errorOf(new Uint8Array(0), 'e.packetjourney')).toBe('e.packetjourney is empty.');
    expect(errorOf(enc(' \n\t '), 'e.packetjourney')).toBe('e.packetjourney is empty.');
  });

  it('binary: NUL bytes or invalid UTF-8', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(errorOf(png, 'pic.png')).toMatch(/^pic\.png is a binary file/);
    const utf16 = Uint8Array.of(0xff, 0xfe, 0x7b, 0, 0x7d, 0);
    expect(errorOf(utf16, 'win.packetjourney')).toBe(
      'win.packetjourney is saved as UTF-16 text; Packet Journey files are UTF-8. Save it again as UTF-8.',
    );
    expect(errorOf(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), 'latin.packetjourney')).toMatch(
      /^latin\.packetjourney is not a text file: it is not valid UTF-8/,
    );
  });

  it('malformed JSON: line and column', () => {
    const text = '{\n  "format": "packet-journey-topology",\n  "version": 2,\n}\n';
    expect(errorOf(enc(text), 'bad.packetjourney')).toBe(
      'bad.packetjourney is not valid JSON at line 4, column 1: expected a property name in double quotes but found "}".',
    );
    expect(errorOf(enc('{"a": [1, 2'), 'cut.json')).toBe(
      'cut.json is not valid JSON at line 1, column 12: expected "," or "]" but found the end of the file.',
    );
    expect(errorOf(enc("{'a': 1}"), 'q.json')).toMatch(
      /line 1, column 2: expected a property name in double quotes but found "'"/,
    );
  });

  it('another format', () => {
    expect(errorOf(enc('[1,2,3]'), 'list.json')).toBe(
      'list.json is not a Packet Journey file (it has no "format": "packet-journey-topology" field).',
    );
    expect(errorOf(enc('{"name": "x"}'), 'pkg.json')).toMatch(
      /^pkg\.json is not a Packet Journey file \(it has no "format"/,
    );
    expect(errorOf(enc('{"format": "drawio"}'), 'd.json')).toBe(
      'd.json is not a Packet Journey file (its format is "drawio", expected "packet-journey-topology").',
    );
  });

  it('a newer version than the app knows', () => {
    const t = { ...sampleJson(), version: 7 };
    expect(errorOf(enc(JSON.stringify(t)), 'future.packetjourney')).toBe(
      'future.packetjourney was saved by a newer Packet Journey (format version 7); this app reads up to version 2. Update Packet Journey to open it.',
    );
    expect(errorOf(enc(JSON.stringify({ ...t, version: '2' })), 'v.packetjourney')).toMatch(
      /^v\.packetjourney has no valid format version/,
    );
    expect(errorOf(enc(JSON.stringify({ ...t, version: 0 })), 'v.packetjourney')).toMatch(
      /^v\.packetjourney has no valid format version/,
    );
  });

  it('schema violations: JSON paths, at most five, then "and N more"', () => {
    const t = sampleJson();
    t.devices[3].interfaces[0].mac = '02:00:00:00:00';
    expect(errorOf(enc(JSON.stringify(t)), 's.packetjourney')).toBe(
      's.packetjourney does not match the Packet Journey format (a problem): devices[3].interfaces[0].mac: must be a MAC address like 02:00:00:aa:bb:cc (lower case).',
    );
    const many = sampleJson();
    many.devices.slice(0, 7).forEach((d: { position: unknown }) => (d.position = null));
    const error = errorOf(enc(JSON.stringify(many)), 'm.packetjourney');
    expect(error).toMatch(
      /^m\.packetjourney does not match the Packet Journey format \(7 problems\): devices\[0\]\.position: /,
    );
    expect(error).toMatch(/; and 2 more\.$/);
    const extra = { ...sampleJson(), colour: 'red' };
    expect(errorOf(enc(JSON.stringify(extra)), 'x.packetjourney')).toMatch(/\(top level\): unknown field "colour"/);
    const kind = sampleJson();
    kind.devices[1].kind = 'hub';
    expect(errorOf(enc(JSON.stringify(kind)), 'k.packetjourney')).toMatch(/devices\[1\]\.kind: /);
  });

  it('schema violations in plain English, one per field', () => {
    const cases: [(t: any) => void, string][] = [
      [(t) => delete t.devices[0].name, 'devices[0].name: is missing (it must be text).'],
      [(t) => (t.devices[0].name = 5), 'devices[0].name: must be text, not a number.'],
      [(t) => (t.devices[0].name = ''), 'devices[0].name: must not be empty.'],
      [
        (t) => (t.devices[0].interfaces[0].mode = 'auto'),
        'devices[0].interfaces[0].mode: must be one of "static", "dhcp", "none".',
      ],
      [
        (t) => (t.devices[6].roles.dns.zones[0].records[0].ttl = -5),
        'devices[6].roles.dns.zones[0].records[0].ttl: must be at least 0.',
      ],
      [(t) => (t.devices[9].rules[0].port = 80.5), 'devices[9].rules[0].port: must be a whole number.'],
      [(t) => (t.devices[9].rules[0].port = 70000), 'devices[9].rules[0].port: must be at most 65535.'],
      [(t) => (t.devices = {}), 'devices: must be a list, not an object.'],
      [(t) => (t.description = 'x'.repeat(10001)), 'description: must be at most 10000 characters long.'],
      [
        (t) => (t.devices[0].name = 'a b'),
        'devices[0].name: must start with a letter or digit and use letters, digits, -, _ or .',
      ],
    ];
    for (const [mutate, expected] of cases) {
      const t = sampleJson();
      mutate(t);
      expect(errorOf(enc(JSON.stringify(t)), 'f.packetjourney')).toBe(
        `f.packetjourney does not match the Packet Journey format (a problem): ${expected}`,
      );
    }
  });

  it('duplicate ids the editor cannot represent', () => {
    const t = sampleJson();
    t.devices[4].id = 'pc';
    expect(errorOf(enc(JSON.stringify(t)), 'dup.packetjourney')).toBe(
      'dup.packetjourney has duplicate ids: devices[4].id: "pc" is already the id of devices[0].',
    );
    const l = sampleJson();
    l.links[2].id = 'l1';
    expect(errorOf(enc(JSON.stringify(l)), 'dup.packetjourney')).toMatch(
      /links\[2\]\.id: "l1" is already the id of links\[0\]/,
    );
    const itf = sampleJson();
    itf.devices[1].interfaces[3].name = 'p1';
    expect(errorOf(enc(JSON.stringify(itf)), 'dup.packetjourney')).toMatch(/devices\[1\]\.interfaces\[3\]\.name: "p1"/);
  });

  it('leaves a link to a missing device to the semantic checks (the editor can show it)', () => {
    const t = sampleJson();
    t.links[0].a.device = 'ghost';
    expect(loadTopology(enc(JSON.stringify(t)), 'ghost.packetjourney').ok).toBe(true);
  });
});

describe('scanJson: syntax', () => {
  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['1', '"a"', '[]', '{}', '[1,[2,{"a":null}]]', ' {"a" : -1.5e+3 } ', 'true', '"\\u00e9\\n"']) {
      expect(scanJson(text), text).toBeUndefined();
    }
    for (const text of ['', '[1,]', '{"a":1,}', '01', '"\t"', '{"a"}', 'nul', '[1 2]', '"\\x"', '{} x', '-', '1.']) {
      expect(scanJson(text), text).toBeDefined();
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  it('survives deep nesting without a stack overflow', () => {
    const deep = '['.repeat(1_000_000);
    expect(scanJson(deep)).toMatchObject({ kind: 'syntax', message: expect.stringContaining('the end of the file') });
    expect(loadTopologyText(deep, 'deep.json')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^deep\.json is not valid JSON at line 1, column 1000001/),
      reason: { key: 'notJsonAt', params: { line: 1, column: 1_000_001 } },
    });
  });
});

describe('why a file did not open, in both languages', () => {
  it('the English message is the reason read in English', () => {
    for (const text of ['', '{', '{"format": "other"}', '{"format": "packet-journey", "version": 99}', '\u0000x']) {
      const result = loadTopologyText(text, 'x.packetjourney');
      if (result.ok || !result.reason) throw new Error(`no reason for ${JSON.stringify(text)}`);
      const english = (enLoad as Record<string, string>)[result.reason.key].replace(
        /\{\{\s*(\w+)\s*\}\}/g,
        (_, name: string) => String(result.reason!.params[name]),
      );
      expect(result.error).toBe(english.endsWith('.') ? english : `${english}.`);
    }
  });
});
