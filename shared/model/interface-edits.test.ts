// Renaming or removing an interface keeps every reference to it true: link ends, NAT outside and inside, the DHCP
// server's interface, the firewall's outside, and (on removal) the routes whose next hop only it reached.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkTopology } from './checks';
import { removeInterface, renameInterface } from './topology-edits';
import type { Device, FirewallDevice, RouterDevice, ServerDevice, Topology } from './schema';

const load = (name: string): Topology =>
  JSON.parse(readFileSync(resolve(__dirname, '../../resources/samples', `${name}.packetjourney`), 'utf8'));
const dev = <T extends Device>(t: Topology, id: string) => t.devices.find((d) => d.id === id) as T;
const interfaceProblems = (t: Topology) => checkTopology(t).filter((p) => /interface|link/.test(p.code));

describe('renameInterface', () => {
  it("a router's LAN: links, NAT inside and the DHCP server follow; the input is untouched", () => {
    const before = load('home-to-web');
    const snapshot = JSON.stringify(before);
    const after = renameInterface(before, 'home', 'eth0', 'lan0');
    const home = dev<RouterDevice>(after, 'home');
    expect(home.interfaces.map((i) => i.name)).toContain('lan0');
    expect(home.nat!.inside).toEqual(['lan0']);
    expect(home.dhcp!.interface).toBe('lan0');
    expect(
      after.links.some(
        (l) =>
          (l.a.device === 'home' && l.a.interface === 'lan0') || (l.b.device === 'home' && l.b.interface === 'lan0'),
      ),
    ).toBe(true);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(checkTopology(after)).toEqual([]);
  });

  it("NAT outside and a firewall's outside follow too", () => {
    const t = load('home-to-web');
    const outside = dev<RouterDevice>(t, 'home').nat!.outside;
    expect(dev<RouterDevice>(renameInterface(t, 'home', outside, 'wan'), 'home').nat!.outside).toBe('wan');
    const fwOutside = dev<FirewallDevice>(t, 'fw').outside;
    const renamed = renameInterface(t, 'fw', fwOutside, 'untrusted');
    expect(dev<FirewallDevice>(renamed, 'fw').outside).toBe('untrusted');
    expect(checkTopology(renamed)).toEqual([]);
  });

  it('a DHCP role on a server follows; a rename to a taken name or of a missing interface changes nothing', () => {
    const t = load('home-to-web');
    const resolver = dev<ServerDevice>(t, 'resolver');
    resolver.roles.dhcp = {
      interface: resolver.interfaces[0].name,
      poolStart: '198.51.100.54',
      poolEnd: '198.51.100.54',
      leaseSeconds: 3600,
    };
    expect(
      dev<ServerDevice>(renameInterface(t, 'resolver', resolver.interfaces[0].name, 'svc0'), 'resolver').roles.dhcp!
        .interface,
    ).toBe('svc0');
    const home = dev<RouterDevice>(t, 'home');
    expect(renameInterface(t, 'home', home.interfaces[0].name, home.interfaces[1].name)).toBe(t);
    expect(renameInterface(t, 'home', 'nope', 'x')).toBe(t);
  });
});

describe('removeInterface', () => {
  it("a router's LAN: its links, its NAT inside entry and the DHCP server on it go", () => {
    const t = load('home-to-web');
    const { topology, linksRemoved } = removeInterface(t, 'home', 'eth0');
    const home = dev<RouterDevice>(topology, 'home');
    expect(linksRemoved).toBe(1);
    expect(home.interfaces.some((i) => i.name === 'eth0')).toBe(false);
    expect(home.nat!.inside).toEqual([]);
    expect(home.dhcp).toBeUndefined();
    expect(interfaceProblems(topology)).toEqual([]);
  });

  it('the NAT outside: NAT goes (nothing left to hide behind); the routes whose next hop only it reached go too', () => {
    const t = load('home-to-web');
    const home = dev<RouterDevice>(t, 'home');
    const outside = home.nat!.outside;
    expect(home.routes.length).toBeGreaterThan(0);
    const { topology } = removeInterface(t, 'home', outside);
    const after = dev<RouterDevice>(topology, 'home');
    expect(after.nat).toBeUndefined();
    expect(after.routes).toEqual([]);
    expect(checkTopology(topology).filter((p) => p.deviceId === 'home')).toEqual([]);
  });

  it("a firewall's outside moves to the interface that remains, so the firewall stays valid", () => {
    const t = load('home-to-web');
    const fw = dev<FirewallDevice>(t, 'fw');
    const other = fw.interfaces.find((i) => i.name !== fw.outside)!.name;
    const { topology } = removeInterface(t, 'fw', fw.outside);
    expect(dev<FirewallDevice>(topology, 'fw').outside).toBe(other);
    expect(interfaceProblems(topology).filter((p) => p.deviceId === 'fw')).toEqual([]);
  });
});
