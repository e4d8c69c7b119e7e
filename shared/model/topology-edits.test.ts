import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from './canonical';
import { checkTopology } from './checks';
import {
  addDevice,
  connectDevices,
  createDevice,
  duplicateDevices,
  emptyTopology,
  PRESETS,
  removeDevices,
  removeLinks,
  renameDevice,
  type PresetId,
} from './topology-edits';
import type { Device, ServerDevice, Topology } from './schema';
import { Topology as TopologySchema } from './schema';

const load = (name: string): Topology =>
  JSON.parse(readFileSync(resolve(__dirname, '../../resources/samples', `${name}.packetjourney`), 'utf8'));
const frozen = <T>(value: T): T => {
  // Deep-freeze: any mutation of the input throws in strict mode.
  if (value && typeof value === 'object') {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
};
const at = { x: 10, y: 20 };
const byId = (t: Topology, id: string) => t.devices.find((d) => d.id === id) as Device;

function build(...presets: PresetId[]): Topology {
  let t = emptyTopology('test');
  for (const p of presets) t = addDevice(t, p, at).topology;
  return t;
}

describe('createDevice', () => {
  it('gives each preset a fresh human name, id = name, and schema-valid defaults', () => {
    const expected: Record<PresetId, string> = {
      host: 'pc1',
      laptop: 'laptop1',
      switch: 'sw1',
      router: 'router1',
      firewall: 'fw1',
      server: 'srv1',
      'server-web': 'web1',
      'server-dns-resolver': 'dns1',
      'server-dns-root': 'root1',
      'server-dns-tld': 'tld1',
      'server-dns-auth': 'auth1',
      'server-dhcp': 'dhcp1',
      'server-cache': 'cache1',
    };
    const t = emptyTopology('x');
    for (const preset of PRESETS) {
      const d = createDevice(t, preset.id, at);
      expect(d.name).toBe(expected[preset.id]);
      expect(d.id).toBe(d.name);
      expect(d.kind).toBe(preset.kind);
      expect(preset.labelKey).toBe(`palette.presets.${preset.id}`);
      expect(TopologySchema.safeParse({ ...t, devices: [d] }).success).toBe(true);
    }
  });

  it('has the right interfaces per kind, with default MACs', () => {
    const count = (p: PresetId) => createDevice(emptyTopology('x'), p, at).interfaces.map((i) => `${i.name}:${i.mode}`);
    expect(count('host')).toEqual(['eth0:dhcp']);
    expect(count('server-web')).toEqual(['eth0:static']);
    expect(count('router')).toEqual(['eth0:static', 'eth1:static']);
    expect(count('firewall')).toEqual(['eth0:static', 'eth1:static']);
    expect(count('switch')).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((p) => `${p}:none`));
    expect(createDevice(emptyTopology('x'), 'host', at).interfaces[0].mac).toMatch(/^02:/);
  });

  it('numbers names past the ones in use', () => {
    const t = build('host', 'host', 'switch');
    expect(t.devices.map((d) => d.name)).toEqual(['pc1', 'pc2', 'sw1']);
    expect(createDevice(removeDevices(t, ['pc1']), 'host', at).name).toBe('pc1');
  });

  it('prefills roles from the preset', () => {
    const web = createDevice(emptyTopology('x'), 'server-web', at) as ServerDevice;
    expect(web.roles.web?.sites[0].pages[0]).toMatchObject({ path: '/', status: 200 });
    const root = createDevice(emptyTopology('x'), 'server-dns-root', at) as ServerDevice;
    expect(root.roles.dns?.zones[0].origin).toBe('.');
    expect(root.roles.dns?.zones[0].records.map((r) => r.type)).toEqual(['SOA', 'NS']);
    const tld = createDevice(emptyTopology('x'), 'server-dns-tld', at) as ServerDevice;
    expect(tld.roles.dns?.zones[0].origin).toBe('com.');
    // A resolver added to home-to-web finds the root server for its hints; a cache finds the web server.
    const resolver = createDevice(load('home-to-web'), 'server-dns-resolver', at) as ServerDevice;
    expect(resolver.roles.dns).toMatchObject({ recursive: true, rootHints: [{ address: '198.51.100.18' }] });
    const cache = createDevice(load('home-to-web'), 'server-cache', at) as ServerDevice;
    expect(cache.roles.cache?.origin).toBe('203.0.113.80');
  });

  it('gives a DHCP server an address in a LAN nobody uses and a pool inside it', () => {
    const t = build('server-dhcp', 'server-dhcp');
    const [a, b] = t.devices as ServerDevice[];
    expect(a.interfaces[0].address).toBe('192.168.1.2/24');
    expect(b.interfaces[0].address).toBe('192.168.2.2/24');
    expect(b.roles.dhcp).toMatchObject({ interface: 'eth0', poolStart: '192.168.2.100', poolEnd: '192.168.2.199' });
    expect(
      checkTopology(t).filter((p) => p.code.startsWith('dhcp-pool') || p.code.startsWith('dhcp-interface')),
    ).toEqual([]);
  });
});

describe('connectDevices', () => {
  it('picks the first free interface on each side and returns a new topology', () => {
    const t = frozen(build('host', 'switch', 'host'));
    const r1 = connectDevices(t, 'pc1', 'sw1');
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    expect(r1.link).toEqual({
      id: 'l1',
      a: { device: 'pc1', interface: 'eth0' },
      b: { device: 'sw1', interface: 'p1' },
    });
    expect(r1.linkId).toBe('l1');
    expect(t.links).toEqual([]);
    const r2 = connectDevices(r1.topology, 'pc2', 'sw1');
    expect(r2.ok && r2.link).toEqual({
      id: 'l2',
      a: { device: 'pc2', interface: 'eth0' },
      b: { device: 'sw1', interface: 'p2' },
    });
  });

  it('adds ethN to a host or router that is full, and ports to a switch up to 48', () => {
    let t = build('router', 'host', 'host', 'host');
    for (const pc of ['pc1', 'pc2', 'pc3']) {
      const r = connectDevices(t, 'router1', pc);
      if (!r.ok) throw new Error(r.reason);
      t = r.topology;
    }
    const router = byId(t, 'router1');
    expect(router.interfaces.map((i) => i.name)).toEqual(['eth0', 'eth1', 'eth2']);
    expect(router.interfaces[2]).toMatchObject({ mode: 'static' });
    expect(new Set(router.interfaces.map((i) => i.mac)).size).toBe(3);
    expect(t.links[2].a.interface).toBe('eth2');

    let s = build('switch');
    for (let i = 0; i < 48; i++) {
      s = addDevice(s, 'host', at).topology;
      const r = connectDevices(s, 'sw1', `pc${i + 1}`);
      if (!r.ok) throw new Error(r.reason);
      s = r.topology;
    }
    expect(byId(s, 'sw1').interfaces).toHaveLength(48);
    expect(byId(s, 'sw1').interfaces[47]).toMatchObject({ name: 'p48', mode: 'none' });
    s = addDevice(s, 'host', at).topology;
    expect(connectDevices(s, 'sw1', 'pc49')).toMatchObject({
      ok: false,
      reason: 'sw1 has no free port (all 48 are used).',
    });
    expect(TopologySchema.safeParse(s).success).toBe(true);
    expect(checkTopology(s).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses self-links, duplicates, missing devices and busy or unknown interfaces', () => {
    const t = build('host', 'switch', 'router');
    expect(connectDevices(t, 'pc1', 'pc1')).toMatchObject({ ok: false, reason: 'pc1 cannot be connected to itself.' });
    expect(connectDevices(t, 'pc1', 'nope')).toMatchObject({ ok: false, reason: 'There is no device nope.' });
    const r = connectDevices(t, 'pc1', 'sw1');
    if (!r.ok) throw new Error(r.reason);
    expect(connectDevices(r.topology, 'sw1', 'pc1')).toMatchObject({
      ok: false,
      reason: 'sw1 and pc1 are already connected.',
    });
    expect(connectDevices(r.topology, 'router1', 'sw1', 'eth0', 'p1')).toMatchObject({
      ok: false,
      reason: 'sw1 p1 is already connected.',
    });
    expect(connectDevices(r.topology, 'router1', 'sw1', 'eth7')).toMatchObject({
      ok: false,
      reason: 'router1 has no interface eth7.',
    });
    expect(connectDevices(r.topology, 'router1', 'sw1', 'eth1', 'p5')).toMatchObject({
      ok: true,
      link: { a: { interface: 'eth1' }, b: { interface: 'p5' } },
    });
  });
});

describe('duplicateDevices', () => {
  it('copies devices and their links with fresh names, ids, MACs and non-clashing addresses', () => {
    const t = frozen(load('small-lan'));
    const { topology, newIds } = duplicateDevices(t, ['alice', 'bob', 'sw'], { x: 40, y: 40 });
    expect(newIds).toEqual(['sw2', 'alice2', 'bob2']);
    const alice2 = byId(topology, 'alice2');
    expect(alice2.name).toBe('alice2');
    expect(alice2.position).toEqual({ x: 40, y: 220 });
    // 192.168.1.10 and .11 are taken: the copies get the next free host addresses in the same subnet.
    expect(alice2.interfaces[0].address).toBe('192.168.1.12/24');
    expect(byId(topology, 'bob2').interfaces[0].address).toBe('192.168.1.13/24');
    expect(topology.links.slice(3)).toEqual([
      { id: 'l4', a: { device: 'alice2', interface: 'eth0' }, b: { device: 'sw2', interface: 'p1' } },
      { id: 'l5', a: { device: 'bob2', interface: 'eth0' }, b: { device: 'sw2', interface: 'p2' } },
    ]);
    expect(checkTopology(topology).filter((p) => p.severity === 'error')).toEqual([]);
    expect(() => serializeTopology(topology)).not.toThrow();
  });

  it('numbers pc1 → pc2 → pc3 and leaves links to devices outside the selection behind', () => {
    let t = build('host', 'switch');
    const r = connectDevices(t, 'pc1', 'sw1');
    if (!r.ok) throw new Error(r.reason);
    t = duplicateDevices(r.topology, ['pc1'], at).topology;
    t = duplicateDevices(t, ['pc1'], at).topology;
    expect(t.devices.map((d) => d.name)).toEqual(['pc1', 'sw1', 'pc2', 'pc3']);
    expect(t.links).toHaveLength(1);
  });

  it('wraps around a nearly full subnet and skips network and broadcast addresses', () => {
    const t = load('home-to-web');
    // fw.eth1 is 203.0.113.65/27 and web is .80: copies of web take .81, .82, …
    let next = t;
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = duplicateDevices(next, ['web'], at);
      next = r.topology;
      seen.push(byId(next, r.newIds[0]).interfaces[0].address ?? 'none');
    }
    expect(seen.slice(0, 2)).toEqual(['203.0.113.81/27', '203.0.113.82/27']);
    expect(seen).toContain('203.0.113.66/27');
    expect(seen).not.toContain('203.0.113.64/27');
    expect(seen).not.toContain('203.0.113.95/27');
    // 30 host addresses minus .65 and .80 leave 28; then the subnet is full and copies get no address (a
    // "static without address" problem) rather than a clash.
    expect(new Set(seen.slice(0, 28)).size).toBe(28);
    expect(seen.slice(28)).toEqual(['none', 'none']);
    const errors = checkTopology(next).filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.code} ${p.deviceId}`).sort()).toEqual([
      'gateway-not-connected web30',
      'gateway-not-connected web31',
      'static-without-address web30',
      'static-without-address web31',
    ]);
  });
});

describe('remove and rename', () => {
  it('removeDevices also removes their links and a replay that started from them', () => {
    const t = frozen({
      ...load('home-to-web'),
      replay: { from: 'pc', url: 'http://www.example.com/', level: 3, step: 0, warm: false, seed: 1 },
    });
    const r = removeDevices(t, ['sw']);
    expect(r.devices.map((d) => d.id)).not.toContain('sw');
    expect(r.links.map((l) => l.id)).toEqual(['l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9', 'l10']);
    expect(r.replay?.from).toBe('pc');
    expect(removeDevices(t, ['pc']).replay).toBeUndefined();
  });

  it('removeLinks', () => {
    const t = frozen(load('small-lan'));
    expect(removeLinks(t, ['l2']).links.map((l) => l.id)).toEqual(['l1', 'l3']);
  });

  it('renameDevice keeps the id and refuses duplicates and invalid names', () => {
    const t = frozen(load('small-lan'));
    const r = renameDevice(t, 'bob', 'robert');
    expect(r.ok && byId(r.topology, 'bob').name).toBe('robert');
    expect(renameDevice(t, 'bob', 'alice')).toEqual({ ok: false, reason: 'Another device is already named alice.' });
    expect(renameDevice(t, 'bob', '')).toMatchObject({ ok: false });
    expect(renameDevice(t, 'bob', 'has space')).toMatchObject({ ok: false });
    expect(renameDevice(t, 'ghost', 'x')).toMatchObject({ ok: false });
  });

  it('emptyTopology is a valid file', () => {
    expect(serializeTopology(emptyTopology('New network'))).toBe(
      '{\n  "format": "packet-journey-topology",\n  "version": 2,\n  "name": "New network",\n  "devices": [],\n  "links": []\n}\n',
    );
  });
});
