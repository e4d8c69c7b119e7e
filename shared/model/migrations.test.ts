import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from './canonical';
import { loadTopology, loadTopologyText } from './load';
import { migrate } from './migrations';

const read = (p: string) => new Uint8Array(readFileSync(resolve(__dirname, p)));

describe('migrations', () => {
  it('opens a version 1 file, reports it, and upgrades it to exactly the version 2 sample', () => {
    const result = loadTopology(read('fixtures/small-lan.v1.packetjourney'), 'small-lan.v1.packetjourney');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(serializeTopology(result.topology)).toBe(
      new TextDecoder().decode(read('../../resources/samples/small-lan.packetjourney')),
    );
  });

  it('turns ip + prefix into address/static and no ip into mode none', () => {
    const v1 = {
      format: 'packet-journey-topology',
      version: 1,
      devices: [
        {
          interfaces: [
            { name: 'eth0', mac: 'm', ip: '10.0.0.1', prefix: 8 },
            { name: 'p1', mac: 'm' },
          ],
        },
      ],
    };
    expect(migrate(v1, 1)).toEqual({
      format: 'packet-journey-topology',
      version: 2,
      devices: [
        {
          interfaces: [
            { name: 'eth0', mac: 'm', mode: 'static', address: '10.0.0.1/8' },
            { name: 'p1', mac: 'm', mode: 'none' },
          ],
        },
      ],
    });
  });

  it('leaves half an address for the schema to name', () => {
    const text = new TextDecoder()
      .decode(read('fixtures/small-lan.v1.packetjourney'))
      .replace('"prefix": 24', '"prefixx": 24');
    const result = loadTopologyText(text, 'half.packetjourney');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/devices\[1\]\.interfaces\[0\]: unknown fields? .*"ip"/);
  });

  it('does not throw on garbage shapes', () => {
    for (const devices of [undefined, 3, [null, 1, { interfaces: 'x' }, { interfaces: [null, 'a', { ip: 5 }] }]]) {
      expect(() => migrate({ format: 'packet-journey-topology', version: 1, devices }, 1)).not.toThrow();
    }
  });
});
