// What a new row or a newly enabled role starts as. Every default is valid by the schema (the model only ever holds
// valid values) and as useful as the surroundings allow: a DHCP pool inside the interface's subnet, a next hop on a
// connected network, names that do not clash.
import { defaultMac } from '../../../shared/model/mac';
import { formatIpv4, hostRange, parseCidr } from '../../../shared/model/ipv4';
import type {
  CacheRole,
  Device,
  DhcpServerConfig,
  DnsRecord,
  DnsRole,
  DnsZone,
  FirewallRule,
  HostsEntry,
  NetInterface,
  Route,
  Topology,
  WebPage,
  WebRole,
  WebSite,
} from '../../../shared/model/schema';

/** `base`, or `base2`, `base3`… whichever is free. */
function freshName(base: string, taken: (name: string) => boolean, format = (n: number) => `${base}${n}`): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(format(n))) return format(n);
}

/** Continues the device's own numbering (eth0, eth1 → eth2; port3 → port4); a first interface is eth0 or port1. */
export function nextInterfaceName(device: Device): string {
  const names = new Set(device.interfaces.map((i) => i.name));
  const last = device.interfaces[device.interfaces.length - 1]?.name;
  const match = last ? /^(.*?)(\d+)$/.exec(last) : null;
  const prefix = match ? match[1] : device.kind === 'switch' ? 'port' : 'eth';
  let n = match ? Number(match[2]) + 1 : device.kind === 'switch' ? 1 : 0;
  while (names.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A new interface with the deterministic default MAC for its slot (skipping any MAC already in the topology). */
export function newInterface(topology: Topology, device: Device): NetInterface {
  const macs = new Set<string>();
  for (const d of topology.devices) for (const i of d.interfaces) macs.add(i.mac);
  let slot = device.interfaces.length;
  while (macs.has(defaultMac(device.id, slot))) slot++;
  const mode: NetInterface['mode'] = device.kind === 'switch' ? 'none' : device.kind === 'host' ? 'dhcp' : 'static';
  return { name: nextInterfaceName(device), mac: defaultMac(device.id, slot), mode };
}

/** The first static address of the device, parsed. */
function firstSubnet(device: Device) {
  for (const i of device.interfaces) {
    if (i.mode === 'static' && i.address) {
      const c = parseCidr(i.address);
      if (c) return c;
    }
  }
  return undefined;
}

/** A default route first; after that an example private prefix. The next hop sits on a connected network. */
export function newRoute(device: Device & { routes: Route[] }): Route {
  const hasDefault = device.routes.some((r) => r.destination === '0.0.0.0/0');
  const destinations = new Set(device.routes.map((r) => r.destination));
  let destination = '0.0.0.0/0';
  if (hasDefault) {
    destination = '10.0.0.0/8';
    for (let n = 0; destinations.has(destination) && n < 256; n++) destination = `10.${n}.0.0/16`;
  }
  const subnet = firstSubnet(device);
  let nextHop = '192.0.2.1';
  if (subnet) {
    const range = hostRange(subnet);
    if (range)
      nextHop = formatIpv4(range.first === subnet.address ? Math.min(range.first + 1, range.last) : range.first);
  }
  return { destination, nextHop };
}

/** Rule ids r1, r2…; a new rule is the cautious "deny anything inbound" until edited. */
export function newRule(rules: FirewallRule[]): FirewallRule {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`r${n}`)) n++;
  return { id: `r${n}`, action: 'deny', direction: 'in', protocol: 'any', source: 'any', destination: 'any' };
}

export function newHostsEntry(entries: HostsEntry[]): HostsEntry {
  const names = new Set(entries.map((e) => e.name));
  return {
    name: freshName(
      'host.example',
      (n) => names.has(n),
      (n) => `host${n}.example`,
    ),
    address: '192.0.2.10',
  };
}

/** a.root-servers.net is the real first root server. */
export function newRootHint(hints: HostsEntry[]): HostsEntry {
  const names = new Set(hints.map((e) => e.name));
  if (!names.has('a.root-servers.net.')) return { name: 'a.root-servers.net.', address: '198.41.0.4' };
  return {
    name:
      freshName(
        'root',
        (n) => names.has(`${n}.`),
        (n) => `root${n}`,
      ) + '.',
    address: '192.0.2.53',
  };
}

export function defaultRecordValue(type: DnsRecord['type'], origin: string): string {
  const apex = origin === '.' ? '' : origin;
  switch (type) {
    case 'A':
      return '192.0.2.1';
    case 'NS':
      return `ns1.${apex || 'example.'}`;
    case 'CNAME':
      return `www.${apex || 'example.'}`;
    case 'SOA':
      return `ns1.${apex || 'example.'} hostmaster.${apex || 'example.'} 1 7200 3600 1209600 3600`;
  }
}

export function newZone(zones: DnsZone[]): DnsZone {
  const origins = new Set(zones.map((z) => z.origin));
  const origin = freshName(
    'example.com.',
    (n) => origins.has(n),
    (n) => `example${n}.com.`,
  );
  return { origin, records: [{ name: origin, type: 'SOA', ttl: 3600, value: defaultRecordValue('SOA', origin) }] };
}

export function newRecord(zone: DnsZone): DnsRecord {
  const name = zone.origin === '.' ? 'example.' : `www.${zone.origin}`;
  return { name, type: 'A', ttl: 3600, value: defaultRecordValue('A', zone.origin) };
}

export function newPage(pages: WebPage[]): WebPage {
  const paths = new Set(pages.map((p) => p.path));
  const path = paths.has('/') ? freshName('/page', (p) => paths.has(p)) : '/';
  return { path, status: 200, contentType: 'text/html', body: '<h1>Hello</h1>\n' };
}

export function newSite(sites: WebSite[]): WebSite {
  const hosts = new Set(sites.map((s) => s.hostname));
  const hostname = freshName(
    'www.example.com',
    (h) => hosts.has(h),
    (n) => `www${n}.example.com`,
  );
  return { hostname, pages: [newPage([])] };
}

export function defaultWebRole(): WebRole {
  return { port: 80, sites: [newSite([])] };
}

export function defaultDnsRole(): DnsRole {
  return { recursive: true, rootHints: [newRootHint([])], zones: [] };
}

/** A cache in front of the first web server the topology has, if any. */
export function defaultCacheRole(topology: Topology): CacheRole {
  for (const d of topology.devices) {
    if (d.kind === 'server' && d.roles.web) {
      const address = d.interfaces.find((i) => i.mode === 'static' && i.address)?.address;
      if (address) return { port: 80, origin: address.split('/')[0], originPort: d.roles.web.port, maxAgeSeconds: 300 };
    }
  }
  return { port: 80, origin: '192.0.2.80', originPort: 80, maxAgeSeconds: 300 };
}

/**
 * DHCP on the first interface with a static address: the pool is the upper half of the subnet's hosts (leaving the
 * lower half for fixed addresses), the gateway is the server itself.
 */
export function defaultDhcp(device: Device): DhcpServerConfig {
  const iface = device.interfaces.find((i) => i.mode === 'static' && i.address) ?? device.interfaces[0];
  const subnet = iface?.address ? parseCidr(iface.address) : undefined;
  const range = subnet ? hostRange(subnet) : undefined;
  if (!iface || !subnet || !range || range.count < 4) {
    return {
      interface: iface?.name ?? 'eth0',
      poolStart: '192.168.0.100',
      poolEnd: '192.168.0.199',
      leaseSeconds: 86400,
    };
  }
  const start = range.first + Math.floor(range.count / 2);
  const end = Math.min(range.last, start + 99);
  const own = formatIpv4(subnet.address);
  const config: DhcpServerConfig = {
    interface: iface.name,
    poolStart: formatIpv4(start === subnet.address ? start + 1 : start),
    poolEnd: formatIpv4(end),
    leaseSeconds: 86400,
  };
  if (device.kind === 'router') config.gateway = own;
  return config;
}
