import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from './canonical';
import { SAMPLE_NAMES } from './sample-names';
import { buildSample } from './samples';
import { Topology } from './schema';

const sampleFile = (name: string) => resolve(__dirname, '../../resources/samples', `${name}.packetjourney`);

describe.each(SAMPLE_NAMES)('sample %s', (name) => {
  const text = readFileSync(sampleFile(name), 'utf8');

  it('is canonical: parse + serialize gives the same bytes', () => {
    expect(serializeTopology(JSON.parse(text))).toBe(text);
  });

  it('is what samples.ts builds (the files are generated, not hand-drifted)', () => {
    expect(serializeTopology(buildSample(name))).toBe(text);
  });

  it('uses device id = name, eth/p interface names and unique link ids', () => {
    const t = Topology.parse(JSON.parse(text));
    for (const d of t.devices) {
      expect(d.id).toBe(d.name);
      const pattern = d.kind === 'switch' ? /^p[1-8]$/ : /^eth\d+$/;
      for (const i of d.interfaces) expect(i.name).toMatch(pattern);
    }
    expect(t.links.map((l) => l.id)).toEqual(t.links.map((_, i) => `l${i + 1}`));
  });
});

describe('serializeTopology', () => {
  it('writes keys in schema order whatever the input order', () => {
    const t = buildSample('small-lan');
    const shuffled = JSON.parse(JSON.stringify(t), function (_key, value) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).reverse());
      }
      return value;
    });
    expect(Object.keys(shuffled)[0]).not.toBe('format');
    expect(serializeTopology(shuffled)).toBe(serializeTopology(t));
  });

  it('refuses an invalid topology', () => {
    const t = buildSample('small-lan');
    t.devices[0].interfaces[0].mac = 'nope';
    expect(() => serializeTopology(t)).toThrow(/devices\[0\]\.interfaces\[0\]\.mac: must be a MAC address/);
  });
});

describe('home-to-web contract details', () => {
  const t = buildSample('home-to-web');
  const device = (id: string) => t.devices.find((d) => d.id === id)!;
  it('has the addresses of samples.md', () => {
    const addrs = Object.fromEntries(t.devices.map((d) => [d.id, d.interfaces.map((i) => i.address ?? i.mode)]));
    expect(addrs.home).toEqual(['192.168.0.1/24', '203.0.113.2/30']);
    expect(addrs.isp).toEqual(['203.0.113.1/30', '198.51.100.54/30', '198.51.100.1/30']);
    expect(addrs.core).toEqual([
      '198.51.100.2/30',
      '198.51.100.17/30',
      '198.51.100.33/30',
      '198.51.100.65/30',
      '203.0.113.5/30',
    ]);
    expect(addrs.fw).toEqual(['203.0.113.6/30', '203.0.113.65/27']);
    expect(addrs.web).toEqual(['203.0.113.80/27']);
    expect(addrs.pc).toEqual(['dhcp']);
    const web = device('web');
    expect(web.kind === 'server' ? web.roles.web?.sites[0].pages[0].body : '').toContain(
      '<title>Example Domain</title>',
    );
  });
});
