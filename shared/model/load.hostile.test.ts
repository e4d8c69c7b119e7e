// Files made to hurt: millions of tiny list items (which once ran `validate` out of memory and overflowed the
// browser's stack), and duplicate keys (which JSON.parse silently resolves to the last value).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from './load';

const head = '{"format":"packet-journey-topology","version":2,"name":"x",';
const sample = readFileSync(resolve(__dirname, '../../resources/samples/home-to-web.packetjourney'), 'utf8');

function errorOf(text: string): string {
  const result = loadTopologyText(text, 'net.packetjourney');
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('loadTopology: huge lists of tiny items', () => {
  it('refuses a list of a million items before checking each one, naming where it starts', () => {
    const text = `${head}"devices":[],\n"links":[${Array(1_000_000).fill('0').join(',')}]}`;
    const error = errorOf(text);
    expect(error).toMatch(/^net\.packetjourney, line 2, column 9: a list has more than 100,000 items/);
  });

  it('refuses millions of empty objects the same way', () => {
    const text = `${head}"devices":[${Array(2_000_000).fill('{}').join(',')}],"links":[]}`;
    expect(errorOf(text)).toContain('a list has more than 100,000 items');
  });

  it('stops describing after the first problems: a long list of bad items is cut short, and says so', () => {
    const text = `${head}"devices":[${Array(50_000).fill('{}').join(',')}],"links":[${Array(50_000).fill('0').join(',')}]}`;
    const result = loadTopologyText(text, 'net.packetjourney');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('(more than 100 problems; checking stopped there)');
    expect(result.error).toContain('devices[0].kind: must be one of "host"');
    expect(result.reason?.key).toBe('schemaTooMany');
  });
});

describe('loadTopology: duplicate keys', () => {
  it('refuses a second "devices" with the line and column of the repeat', () => {
    const text = sample.replace(/\n}\n$/, ',\n  "devices": []\n}\n');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === '  "devices": []') + 1;
    expect(errorOf(text)).toBe(
      `net.packetjourney, line ${line}, column 3: the field "devices" appears twice in the same object (first at line 6, column 3); a Packet Journey file names each field once.`,
    );
  });

  it('sees through escapes ("\\u006eame" is "name") and only compares keys of the same object', () => {
    expect(errorOf(`${head}"\\u006eame":"y","devices":[],"links":[]}`)).toContain('the field "name" appears twice');
    const nested = `${head}"devices":[{"name":"a"},{"name":"b"}],"links":[]}`;
    expect(errorOf(nested)).not.toContain('appears twice');
  });
});
