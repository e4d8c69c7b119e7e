import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../../shared/model/load';
import { removeInterface, renameInterface } from '../../../shared/model/topology-edits';
import {
  Topology,
  type FirewallDevice,
  type RouterDevice,
  type Topology as TopologyType,
} from '../../../shared/model/schema';
import {
  defaultCacheRole,
  defaultDhcp,
  defaultDnsRole,
  defaultWebRole,
  newInterface,
  newRecord,
  newRootHint,
  newRoute,
  newRule,
  newZone,
  nextInterfaceName,
} from './defaults';
import {
  findDevice,
  freeInterfaceNames,
  isDeviceNameTaken,
  moveItem,
  applyTopology,
  setOptional,
  usedInterfaces,
} from './draft-edits';
import { focusKeys, sectionOf } from './paths';

/** The links plugged into one interface of a device. */
function linksOfInterface(topology: TopologyType, deviceId: string, name: string) {
  return topology.links.filter(
    (l) => (l.a.device === deviceId && l.a.interface === name) || (l.b.device === deviceId && l.b.interface === name),
  );
}

function sample(name: string): TopologyType {
  const file = resolve(__dirname, `../../../resources/samples/${name}.packetjourney`);
  const loaded = loadTopologyText(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.topology;
}

const device = <T>(t: TopologyType, id: string) => findDevice(t, id) as T;

describe('edits on the home-to-web sample', () => {
  const base = sample('home-to-web');

  it('renaming an interface follows it into links, NAT and DHCP', () => {
    const next = produce(base, (d) => applyTopology(d, renameInterface(d, 'home', 'eth0', 'lan0')));
    const home = device<RouterDevice>(next, 'home');
    expect(home.interfaces.map((i) => i.name)).toEqual(['lan0', 'eth1']);
    expect(home.nat?.inside).toEqual(['lan0']);
    expect(home.dhcp?.interface).toBe('lan0');
    expect(linksOfInterface(next, 'home', 'lan0')).toHaveLength(1);
    expect(linksOfInterface(next, 'home', 'eth0')).toHaveLength(0);
    expect(Topology.safeParse(next).success).toBe(true);
    // The original is untouched: the edit is one immer step the store can undo.
    expect(device<RouterDevice>(base, 'home').interfaces[0].name).toBe('eth0');
  });

  it("renaming a firewall's outside interface keeps it the outside", () => {
    const next = produce(base, (d) => applyTopology(d, renameInterface(d, 'fw', 'eth0', 'wan')));
    expect(device<FirewallDevice>(next, 'fw').outside).toBe('wan');
  });

  it('removing an interface removes the links plugged into it, and only those', () => {
    let removed = 0;
    const next = produce(base, (d) => {
      const result = removeInterface(d, 'home', 'eth1');
      removed = result.linksRemoved;
      applyTopology(d, result.topology);
    });
    expect(removed).toBe(1);
    expect(next.links).toHaveLength(base.links.length - 1);
    expect(next.links.some((l) => l.a.device === 'home' && l.a.interface === 'eth1')).toBe(false);
    expect(next.links.some((l) => l.b.device === 'home' && l.b.interface === 'eth1')).toBe(false);
  });

  it('offers only free interfaces, plus the one a link end already uses', () => {
    const used = usedInterfaces(base);
    const sw = findDevice(base, 'sw')!;
    const free = freeInterfaceNames(sw, used);
    expect(free).not.toContain('p1');
    expect(free).toContain('p8');
    expect(freeInterfaceNames(sw, used, 'p1')[0]).toBe('p1');
  });

  it('finds duplicate device names case-insensitively, ignoring the device itself', () => {
    expect(isDeviceNameTaken(base, 'WEB', 'pc')).toBe(true);
    expect(isDeviceNameTaken(base, 'web', 'web')).toBe(false);
    expect(isDeviceNameTaken(base, 'web2', 'pc')).toBe(false);
  });

  it('moves rules and removes unset optional keys', () => {
    const next = produce(base, (d) => {
      const fw = findDevice(d, 'fw') as FirewallDevice;
      moveItem(fw.rules, 0, 1);
      setOptional(fw.rules[1], 'port', undefined);
    });
    const rules = device<FirewallDevice>(next, 'fw').rules;
    expect(rules.map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
    expect('port' in rules[1]).toBe(false);
  });
});

describe('defaults are valid and fit their surroundings', () => {
  const base = sample('home-to-web');

  it('every new row and role keeps the topology valid', () => {
    const next = produce(base, (d) => {
      const home = findDevice(d, 'home') as RouterDevice;
      home.interfaces.push(newInterface(d, home));
      home.routes.push(newRoute(home));
      const fw = findDevice(d, 'fw') as FirewallDevice;
      fw.rules.push(newRule(fw.rules));
      const web = findDevice(d, 'web');
      if (web?.kind !== 'server') throw new Error('web is a server');
      web.roles.dns = defaultDnsRole();
      web.roles.dns.rootHints.push(newRootHint(web.roles.dns.rootHints));
      web.roles.dns.zones.push(newZone(web.roles.dns.zones));
      web.roles.dns.zones[0].records.push(newRecord(web.roles.dns.zones[0]));
      web.roles.dhcp = defaultDhcp(web);
      web.roles.cache = defaultCacheRole(d);
      const resolver = findDevice(d, 'resolver');
      if (resolver?.kind !== 'server') throw new Error('resolver is a server');
      resolver.roles.web = defaultWebRole();
    });
    const result = Topology.safeParse(next);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('continues interface numbering and picks a MAC nobody has', () => {
    const sw = findDevice(base, 'sw')!;
    expect(nextInterfaceName(sw)).toBe('p9');
    const core = findDevice(base, 'core')!;
    expect(nextInterfaceName(core)).toBe('eth5');
    const iface = newInterface(base, core);
    const macs = base.devices.flatMap((d) => d.interfaces.map((i) => i.mac));
    expect(macs).not.toContain(iface.mac);
  });

  it('a second route is not another default route; the next hop is on a connected network', () => {
    const home = device<RouterDevice>(base, 'home');
    const route = newRoute(home);
    expect(route.destination).not.toBe('0.0.0.0/0');
    expect(route.nextHop).toBe('192.168.0.2'); // eth0 is 192.168.0.1/24: the next free neighbour
  });

  it('a DHCP pool sits inside the served subnet and the router is the gateway', () => {
    const home = device<RouterDevice>(base, 'home');
    const dhcp = defaultDhcp(home);
    expect(dhcp).toMatchObject({
      interface: 'eth0',
      poolStart: '192.168.0.128',
      poolEnd: '192.168.0.227',
      gateway: '192.168.0.1',
    });
  });

  it('a cache points at the existing web server', () => {
    expect(defaultCacheRole(base)).toMatchObject({ origin: '203.0.113.80', originPort: 80 });
  });

  it('new rule ids do not clash', () => {
    expect(newRule(device<FirewallDevice>(base, 'fw').rules).id).toBe('r4');
    expect(newRule([{ ...newRule([]), id: 'r2' }]).id).toBe('r3');
  });
});

describe('focus paths', () => {
  it('open the section that shows the entry', () => {
    expect(sectionOf(['rules', 0])).toBe('rules');
    expect(sectionOf(['routes', 1, 'nextHop'])).toBe('routes');
    expect(sectionOf(['roles', 'dns', 'zones', 0, 'records', 2])).toBe('dns');
    expect(sectionOf(['roles', 'dhcp'])).toBe('dhcp');
    expect(sectionOf(['gateway'])).toBe('addressing');
    expect(sectionOf(['outside'])).toBe('firewall');
    expect(sectionOf(['name'])).toBe('general');
  });

  it('look for the most specific row first', () => {
    expect(focusKeys(['rules', 0, 'port'])).toEqual(['rules.0.port', 'rules.0', 'rules']);
  });
});
