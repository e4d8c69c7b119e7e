// Semantic checks: things the schema cannot see (they span devices, links and addresses) but that will make a
// replay fail or surprise. They never block editing or saving; the Problems panel lists them, each pointing at a
// device or a link. Linear-time: everything is indexed by address, MAC, name or segment first, so a 5,000-device
// campus is checked in milliseconds.
import { resolveParticles } from '../i18n/particles';
import messages from '../i18n/en/problems.json';
import { contains, formatCidr, formatIpv4, isNetworkOrBroadcast, parseCidr, parseIpv4, type ParsedCidr } from './ipv4';
import { certificateProblem, issuingAuthority, readCertificate, readKey, SIMULATED_NOW_MS } from './certificates';
import type {
  Device,
  DhcpServerConfig,
  DnsZone,
  FirewallDevice,
  Link,
  RouterDevice,
  ServerDevice,
  Topology,
} from './schema';

export interface Problem {
  /** A key of shared/i18n/<lang>/problems.json. */
  code: string;
  severity: 'error' | 'warning';
  /** English, for the CLI and tests; the UI translates `code` with `params`. */
  message: string;
  params: Record<string, string | number>;
  deviceId?: string;
  linkId?: string;
  /** Into the device (e.g. ['interfaces', 0, 'address']), or into the link when there is no deviceId. */
  path?: (string | number)[];
}

export type ProblemCode = keyof typeof messages;

/** i18next-style `{{name}}` interpolation, so the English text here matches what the UI shows. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  // Korean texts write a particle pair after a value ("{{name}}을(를)"): keep the form that value takes.
  return resolveParticles(
    template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) =>
      key in params ? String(params[key]) : whole,
    ),
  );
}

type Where = Pick<Problem, 'deviceId' | 'linkId' | 'path'>;

class Collector {
  readonly problems: Problem[] = [];
  add(code: ProblemCode, severity: Problem['severity'], params: Problem['params'], where: Where): void {
    this.problems.push({ code, severity, message: interpolate(messages[code], params), params, ...where });
  }
}

/** A static address that parsed, with where it lives. */
interface AddressedInterface {
  device: Device;
  index: number;
  slot: number;
  cidr: ParsedCidr;
}

/**
 * Every interface of the topology gets an integer slot (device base + interface index), so that segments,
 * cabling and parsed addresses live in flat arrays instead of maps keyed by strings.
 */
class TopologyIndex {
  readonly deviceById = new Map<string, number>();
  readonly base: Int32Array;
  readonly slots: number;
  /** The parsed static address of each slot (undefined: no usable static address). */
  readonly cidr: (ParsedCidr | undefined)[];
  private names: (Map<string, number> | undefined)[] = [];

  constructor(readonly devices: Device[]) {
    this.base = new Int32Array(devices.length);
    let slots = 0;
    devices.forEach((device, i) => {
      if (!this.deviceById.has(device.id)) this.deviceById.set(device.id, i);
      this.base[i] = slots;
      slots += device.interfaces.length;
    });
    this.slots = slots;
    this.cidr = new Array(slots);
    devices.forEach((device, i) => {
      if (device.kind === 'switch') return;
      device.interfaces.forEach((itf, j) => {
        if (itf.mode === 'static' && itf.address !== undefined) this.cidr[this.base[i] + j] = parseCidr(itf.address);
      });
    });
  }

  /** Index of the named interface in device `d`, or -1. */
  interfaceIndex(d: number, name: string): number {
    const interfaces = this.devices[d].interfaces;
    if (interfaces.length <= 8) return interfaces.findIndex((i) => i.name === name);
    let names = this.names[d];
    if (!names) {
      names = new Map();
      interfaces.forEach((itf, j) => names!.has(itf.name) || names!.set(itf.name, j));
      this.names[d] = names;
    }
    return names.get(name) ?? -1;
  }

  /** The parsed static addresses of device `d` (its connected subnets). */
  connected(d: number): ParsedCidr[] {
    const out: ParsedCidr[] = [];
    const n = this.devices[d].interfaces.length;
    for (let j = 0; j < n; j++) {
      const c = this.cidr[this.base[d] + j];
      if (c) out.push(c);
    }
    return out;
  }
}

/** Union-find over interface slots: the layer-2 segments (a cable joins two ends; a switch joins all its ports). */
class Segments {
  private parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(slot: number): number {
    let root = slot;
    while (this.parent[root] !== root) root = this.parent[root];
    // Path compression keeps later finds near O(1).
    for (let node = slot; node !== root;) {
      const next = this.parent[node];
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

const onConnectedSubnet = (cidrs: ParsedCidr[], ip: number) => cidrs.some((c) => contains(c, ip));

function checkAddresses(
  index: TopologyIndex,
  out: Collector,
): { addressed: AddressedInterface[]; byAddress: Map<number, AddressedInterface[]> } {
  const addressed: AddressedInterface[] = [];
  const byAddress = new Map<number, AddressedInterface[]>();
  const byMac = new Map<string, { device: Device; index: number }[]>();
  const byName = new Map<string, Device[]>();

  index.devices.forEach((device, d) => {
    const named = byName.get(device.name);
    if (named) named.push(device);
    else byName.set(device.name, [device]);

    device.interfaces.forEach((itf, i) => {
      const macs = byMac.get(itf.mac);
      if (macs) macs.push({ device, index: i });
      else byMac.set(itf.mac, [{ device, index: i }]);

      const where = { deviceId: device.id, path: ['interfaces', i, 'address'] };
      const params = { device: device.name, interface: itf.name };
      if (itf.mode === 'static' && itf.address === undefined) {
        out.add('static-without-address', 'error', params, { deviceId: device.id, path: ['interfaces', i, 'mode'] });
      }
      if (itf.address === undefined) return;
      if (device.kind === 'switch') {
        out.add('switch-port-address', 'warning', { ...params, address: itf.address }, where);
        return;
      }
      const slot = index.base[d] + i;
      const cidr = index.cidr[slot];
      if (!cidr) return;
      const reserved = isNetworkOrBroadcast(cidr);
      if (reserved)
        out.add(
          reserved === 'network' ? 'address-is-network' : 'address-is-broadcast',
          'error',
          { ...params, address: itf.address },
          where,
        );
      const entry = { device, index: i, slot, cidr };
      addressed.push(entry);
      const same = byAddress.get(cidr.address);
      if (same) same.push(entry);
      else byAddress.set(cidr.address, [entry]);
    });
  });

  for (const group of byAddress.values()) {
    if (group.length < 2) continue;
    group.forEach((entry, i) => {
      const other = group[i === 0 ? 1 : 0];
      out.add(
        'duplicate-ip',
        'error',
        {
          device: entry.device.name,
          interface: entry.device.interfaces[entry.index].name,
          address: formatIpv4(entry.cidr.address),
          otherDevice: other.device.name,
          otherInterface: other.device.interfaces[other.index].name,
        },
        { deviceId: entry.device.id, path: ['interfaces', entry.index, 'address'] },
      );
    });
  }
  for (const [mac, group] of byMac) {
    if (group.length < 2) continue;
    group.forEach((entry, i) => {
      const other = group[i === 0 ? 1 : 0];
      out.add(
        'duplicate-mac',
        'error',
        {
          device: entry.device.name,
          interface: entry.device.interfaces[entry.index].name,
          mac,
          otherDevice: other.device.name,
          otherInterface: other.device.interfaces[other.index].name,
        },
        { deviceId: entry.device.id, path: ['interfaces', entry.index, 'mac'] },
      );
    });
  }
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    for (const device of group) out.add('duplicate-name', 'error', { name }, { deviceId: device.id, path: ['name'] });
  }
  return { addressed, byAddress };
}

/** Link integrity; returns the segments and which interface slots are cabled. */
function checkLinks(t: Topology, index: TopologyIndex, out: Collector): { segments: Segments; cabled: Uint8Array } {
  const segments = new Segments(index.slots);
  const usedBy = new Map<number, Link>();
  const cabled = new Uint8Array(index.slots);
  index.devices.forEach((device, d) => {
    if (device.kind !== 'switch') return;
    for (let j = 1; j < device.interfaces.length; j++) segments.union(index.base[d], index.base[d] + j);
  });
  for (const link of t.links) {
    const ends: number[] = [];
    for (const side of ['a', 'b'] as const) {
      const end = link[side];
      const d = index.deviceById.get(end.device);
      if (d === undefined) {
        out.add(
          'link-missing-device',
          'error',
          { link: link.id, device: end.device },
          { linkId: link.id, path: [side, 'device'] },
        );
        continue;
      }
      const device = index.devices[d];
      const i = index.interfaceIndex(d, end.interface);
      if (i < 0) {
        out.add(
          'link-missing-interface',
          'error',
          { link: link.id, device: device.name, interface: end.interface },
          { linkId: link.id, path: [side, 'interface'] },
        );
        continue;
      }
      const slot = index.base[d] + i;
      const previous = usedBy.get(slot);
      if (previous && previous !== link) {
        out.add(
          'interface-linked-twice',
          'error',
          { device: device.name, interface: end.interface, link: previous.id, otherLink: link.id },
          { deviceId: device.id, linkId: link.id, path: ['interfaces', i] },
        );
      } else usedBy.set(slot, link);
      cabled[slot] = 1;
      ends.push(slot);
    }
    if (link.a.device === link.b.device) {
      const d = index.deviceById.get(link.a.device);
      out.add(
        'link-self',
        'error',
        { link: link.id, device: d === undefined ? link.a.device : index.devices[d].name },
        { linkId: link.id },
      );
      continue;
    }
    if (ends.length === 2) segments.union(ends[0], ends[1]);
  }
  return { segments, cabled };
}

function checkSegments(
  index: TopologyIndex,
  addressed: AddressedInterface[],
  segments: Segments,
  cabled: Uint8Array,
  out: Collector,
): void {
  // Per segment: its subnets (the most common one is taken as "the" subnet) and whether a DHCP server answers there.
  const subnetsBySegment = new Map<number, Map<string, AddressedInterface[]>>();
  for (const entry of addressed) {
    if (!cabled[entry.slot]) continue;
    const segment = segments.find(entry.slot);
    let subnets = subnetsBySegment.get(segment);
    if (!subnets) subnetsBySegment.set(segment, (subnets = new Map()));
    const subnet = `${entry.cidr.network}/${entry.cidr.prefix}`;
    const members = subnets.get(subnet);
    if (members) members.push(entry);
    else subnets.set(subnet, [entry]);
  }
  for (const subnets of subnetsBySegment.values()) {
    if (subnets.size < 2) continue;
    let main: AddressedInterface[] = [];
    for (const members of subnets.values()) if (members.length > main.length) main = members;
    const reference = main[0];
    for (const members of subnets.values()) {
      if (members === main) continue;
      for (const entry of members) {
        const itf = entry.device.interfaces[entry.index];
        out.add(
          'subnet-mismatch',
          'warning',
          {
            device: entry.device.name,
            interface: itf.name,
            address: itf.address ?? '',
            otherDevice: reference.device.name,
            otherAddress: reference.device.interfaces[reference.index].address ?? '',
          },
          { deviceId: entry.device.id, path: ['interfaces', entry.index, 'address'] },
        );
      }
    }
  }

  const dhcpSegments = new Set<number>();
  index.devices.forEach((device, d) => {
    const dhcp = dhcpOf(device);
    if (!dhcp) return;
    const i = index.interfaceIndex(d, dhcp.config.interface);
    if (i >= 0) dhcpSegments.add(segments.find(index.base[d] + i));
  });
  index.devices.forEach((device, d) => {
    if (device.kind === 'switch') return;
    let anyCabled = false;
    device.interfaces.forEach((itf, i) => {
      const slot = index.base[d] + i;
      if (!cabled[slot]) return;
      anyCabled = true;
      if (itf.mode === 'dhcp' && !dhcpSegments.has(segments.find(slot))) {
        out.add(
          'dhcp-no-server',
          'warning',
          { device: device.name, interface: itf.name },
          { deviceId: device.id, path: ['interfaces', i, 'mode'] },
        );
      }
    });
    if (!anyCabled && (device.kind === 'host' || device.kind === 'server')) {
      out.add('device-not-connected', 'warning', { device: device.name }, { deviceId: device.id });
    }
  });
}

function dhcpOf(device: Device): { config: DhcpServerConfig; path: (string | number)[] } | undefined {
  if (device.kind === 'router' && device.dhcp) return { config: device.dhcp, path: ['dhcp'] };
  if (device.kind === 'server' && device.roles.dhcp) return { config: device.roles.dhcp, path: ['roles', 'dhcp'] };
  return undefined;
}

function checkEndSystem(
  device: Extract<Device, { kind: 'host' | 'server' }>,
  cidrs: ParsedCidr[],
  out: Collector,
): void {
  const usesDhcp = device.interfaces.some((i) => i.mode === 'dhcp');
  // With DHCP the connected subnet (and maybe the gateway) is only known at run time: nothing to judge here.
  if (device.gateway !== undefined && !usesDhcp) {
    const gateway = parseIpv4(device.gateway);
    if (gateway !== undefined && !onConnectedSubnet(cidrs, gateway)) {
      out.add(
        'gateway-not-connected',
        'error',
        { device: device.name, gateway: device.gateway },
        { deviceId: device.id, path: ['gateway'] },
      );
    }
  }
  if (device.dnsServer !== undefined && !usesDhcp) {
    const dns = parseIpv4(device.dnsServer);
    const hasGateway = device.gateway !== undefined;
    if (dns !== undefined && !hasGateway && !onConnectedSubnet(cidrs, dns)) {
      out.add(
        'dns-unreachable',
        'error',
        { device: device.name, dnsServer: device.dnsServer },
        { deviceId: device.id, path: ['dnsServer'] },
      );
    }
  }
}

function checkRoutes(device: RouterDevice | FirewallDevice, cidrs: ParsedCidr[], out: Collector): void {
  device.routes.forEach((route, index) => {
    const nextHop = parseIpv4(route.nextHop);
    if (nextHop !== undefined && !onConnectedSubnet(cidrs, nextHop)) {
      out.add(
        'route-next-hop-not-connected',
        'error',
        { device: device.name, destination: route.destination, nextHop: route.nextHop },
        { deviceId: device.id, path: ['routes', index, 'nextHop'] },
      );
    }
    const destination = parseCidr(route.destination);
    if (destination && destination.address !== destination.network) {
      out.add(
        'route-destination-host-bits',
        'warning',
        {
          device: device.name,
          destination: route.destination,
          network: formatCidr(destination.network, destination.prefix),
        },
        { deviceId: device.id, path: ['routes', index, 'destination'] },
      );
    }
  });
}

function checkDhcpServer(device: Device, out: Collector): void {
  const dhcp = dhcpOf(device);
  if (!dhcp) return;
  const { config, path } = dhcp;
  const base = { device: device.name, interface: config.interface };
  const index = device.interfaces.findIndex((i) => i.name === config.interface);
  if (index < 0) {
    out.add('dhcp-interface-unknown', 'error', base, { deviceId: device.id, path: [...path, 'interface'] });
    return;
  }
  const itf = device.interfaces[index];
  const cidr = itf.mode === 'static' && itf.address !== undefined ? parseCidr(itf.address) : undefined;
  if (!cidr) {
    out.add('dhcp-interface-no-address', 'error', base, { deviceId: device.id, path: [...path, 'interface'] });
    return;
  }
  const start = parseIpv4(config.poolStart);
  const end = parseIpv4(config.poolEnd);
  if (start === undefined || end === undefined) return;
  const pool = { ...base, poolStart: config.poolStart, poolEnd: config.poolEnd };
  const subnet = formatCidr(cidr.network, cidr.prefix);
  if (start > end) out.add('dhcp-pool-reversed', 'error', pool, { deviceId: device.id, path: [...path, 'poolStart'] });
  if (!contains(cidr, start) || !contains(cidr, end)) {
    out.add(
      'dhcp-pool-outside-subnet',
      'error',
      { ...pool, subnet },
      { deviceId: device.id, path: [...path, contains(cidr, start) ? 'poolEnd' : 'poolStart'] },
    );
  } else if (start <= end && cidr.address >= start && cidr.address <= end) {
    out.add(
      'dhcp-pool-includes-server',
      'warning',
      { ...pool, address: formatIpv4(cidr.address) },
      { deviceId: device.id, path: [...path, 'poolStart'] },
    );
  }
  if (config.gateway !== undefined && !contains(cidr, config.gateway)) {
    out.add(
      'dhcp-gateway-outside-subnet',
      'warning',
      { ...base, gateway: config.gateway, subnet },
      { deviceId: device.id, path: [...path, 'gateway'] },
    );
  }
}

function checkInterfaceReferences(device: RouterDevice | FirewallDevice, out: Collector): void {
  const names = new Set(device.interfaces.map((i) => i.name));
  if (device.kind === 'router' && device.nat) {
    const nat = device.nat;
    if (!names.has(nat.outside)) {
      out.add(
        'nat-outside-unknown',
        'error',
        { device: device.name, interface: nat.outside },
        { deviceId: device.id, path: ['nat', 'outside'] },
      );
    }
    nat.inside.forEach((name, index) => {
      if (!names.has(name)) {
        out.add(
          'nat-inside-unknown',
          'error',
          { device: device.name, interface: name },
          { deviceId: device.id, path: ['nat', 'inside', index] },
        );
      }
    });
  }
  if (device.kind === 'firewall') {
    if (!names.has(device.outside)) {
      out.add(
        'firewall-outside-unknown',
        'error',
        { device: device.name, interface: device.outside },
        { deviceId: device.id, path: ['outside'] },
      );
    }
    device.rules.forEach((rule, index) => {
      if (rule.port !== undefined && (rule.protocol === 'any' || rule.protocol === 'icmp')) {
        out.add(
          'firewall-port-without-protocol',
          'warning',
          { device: device.name, rule: rule.id, port: rule.port, protocol: rule.protocol },
          { deviceId: device.id, path: ['rules', index, 'port'] },
        );
      }
    });
  }
}

const absolute = (name: string) => (name.endsWith('.') ? name : `${name}.`);
/** Is `name` the zone apex or below it? Both absolute. */
const inZone = (name: string, zone: string) => zone === '.' || name === zone || name.endsWith(`.${zone}`);
const dnsNamePattern = /^(\.|([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)*\.?)$/;
const soaPattern = /^\S+ \S+ \d+ \d+ \d+ \d+ \d+$/;

function checkZone(device: ServerDevice, zone: DnsZone, zoneIndex: number, out: Collector): void {
  const origin = absolute(zone.origin);
  const glue = new Set<string>();
  const nameServers = new Set<string>();
  for (const r of zone.records) {
    if (r.type === 'A') glue.add(absolute(r.name));
    if (r.type === 'NS') nameServers.add(absolute(r.value));
  }
  zone.records.forEach((record, index) => {
    const path = ['roles', 'dns', 'zones', zoneIndex, 'records', index];
    const name = absolute(record.name);
    const params = { device: device.name, name: record.name, type: record.type, zone: zone.origin };
    // The address of one of the zone's own name servers may live elsewhere (a.gtld-servers.net. for com.): the
    // zone carries it as glue, so that is not stray data.
    const isGlue = record.type === 'A' && nameServers.has(name);
    if (!inZone(name, origin) && !isGlue) {
      out.add('dns-record-outside-zone', 'error', params, { deviceId: device.id, path: [...path, 'name'] });
      return;
    }
    const expected =
      record.type === 'A'
        ? 'an IPv4 address'
        : record.type === 'SOA'
          ? '"mname rname serial refresh retry expire minimum"'
          : 'a domain name';
    const valid =
      record.type === 'A'
        ? parseIpv4(record.value) !== undefined
        : record.type === 'SOA'
          ? soaPattern.test(record.value)
          : // An address where a name belongs is the classic NS/CNAME mistake, though digits alone form valid labels.
            dnsNamePattern.test(record.value) && parseIpv4(record.value.replace(/\.$/, '')) === undefined;
    if (!valid) {
      out.add(
        'dns-record-value-invalid',
        'error',
        { ...params, value: record.value, expected },
        { deviceId: device.id, path: [...path, 'value'] },
      );
      return;
    }
    // An NS below the apex is a delegation; a name server inside the delegated zone can only be found with glue.
    if (record.type === 'NS' && name !== origin) {
      const nameServer = absolute(record.value);
      if (inZone(nameServer, name) && !glue.has(nameServer)) {
        out.add(
          'dns-delegation-without-glue',
          'error',
          { device: device.name, zone: zone.origin, child: record.name, nameServer: record.value },
          { deviceId: device.id, path: [...path, 'value'] },
        );
      }
    }
  });
}

function checkDns(device: ServerDevice, out: Collector): void {
  const dns = device.roles.dns;
  if (!dns) return;
  if (dns.recursive && dns.rootHints.length === 0) {
    out.add(
      'dns-no-root-hints',
      'warning',
      { device: device.name },
      { deviceId: device.id, path: ['roles', 'dns', 'rootHints'] },
    );
  }
  const seen = new Set<string>();
  dns.zones.forEach((zone, index) => {
    const origin = absolute(zone.origin);
    if (seen.has(origin)) {
      out.add(
        'dns-zone-duplicate',
        'error',
        { device: device.name, zone: zone.origin },
        { deviceId: device.id, path: ['roles', 'dns', 'zones', index, 'origin'] },
      );
    }
    seen.add(origin);
    checkZone(device, zone, index, out);
  });
}

/**
 * Addresses that name a service — gateways, DNS servers, root hints, a cache's origin — must belong to a device
 * that offers it; in this closed world nothing else could answer. Unparsable or unreachable ones are reported by
 * the checks above, so only well-formed addresses are judged here.
 */
function checkServiceAddresses(
  index: TopologyIndex,
  byAddress: Map<number, AddressedInterface[]>,
  segments: Segments,
  cabled: Uint8Array,
  out: Collector,
): void {
  const offers = (text: string | undefined, test: (d: Device) => boolean): boolean => {
    const ip = text === undefined ? undefined : parseIpv4(text);
    return ip === undefined || (byAddress.get(ip) ?? []).some((e) => test(e.device));
  };
  const isRouter = (d: Device) => d.kind === 'router' || d.kind === 'firewall';
  // Clients send recursive queries: an authoritative-only server would refuse them.
  const isDns = (d: Device) => d.kind === 'server' && d.roles.dns?.recursive === true;
  const isRoot = (d: Device) => d.kind === 'server' && (d.roles.dns?.zones.some((z) => z.origin === '.') ?? false);
  const isWeb = (d: Device) => d.kind === 'server' && (d.roles.web !== undefined || d.roles.cache !== undefined);

  /**
   * Is a router with address `gateway` cabled to the segment of one of device d's interfaces in that subnet?
   * Undefined when it cannot be judged (no such interface cabled, or no router has the address).
   */
  const gatewayOnSegment = (d: number, gateway: number): boolean | undefined => {
    const routers = (byAddress.get(gateway) ?? []).filter((e) => isRouter(e.device));
    if (routers.length === 0) return undefined;
    let judged = false;
    const device = index.devices[d];
    for (let j = 0; j < device.interfaces.length; j++) {
      const slot = index.base[d] + j;
      const cidr = index.cidr[slot];
      if (!cidr || !cabled[slot] || !contains(cidr, gateway)) continue;
      judged = true;
      const segment = segments.find(slot);
      if (routers.some((e) => segments.find(e.slot) === segment)) return true;
    }
    return judged ? false : undefined;
  };

  index.devices.forEach((device, d) => {
    const at = (path: (string | number)[]) => ({ deviceId: device.id, path });
    if (device.kind === 'host' || device.kind === 'server') {
      if (!offers(device.gateway, isRouter))
        out.add('gateway-not-router', 'warning', { device: device.name, gateway: device.gateway! }, at(['gateway']));
      else if (device.gateway !== undefined && gatewayOnSegment(d, parseIpv4(device.gateway) ?? 0) === false) {
        out.add('gateway-not-on-segment', 'warning', { device: device.name, gateway: device.gateway }, at(['gateway']));
      }
      if (!offers(device.dnsServer, isDns))
        out.add(
          'dns-server-not-dns',
          'warning',
          { device: device.name, dnsServer: device.dnsServer! },
          at(['dnsServer']),
        );
    }
    const dhcp = dhcpOf(device);
    if (dhcp) {
      const { config, path } = dhcp;
      if (!offers(config.gateway, isRouter))
        out.add(
          'gateway-not-router',
          'warning',
          { device: device.name, gateway: config.gateway! },
          at([...path, 'gateway']),
        );
      if (!offers(config.dnsServer, isDns))
        out.add(
          'dns-server-not-dns',
          'warning',
          { device: device.name, dnsServer: config.dnsServer! },
          at([...path, 'dnsServer']),
        );
    }
    if (device.kind !== 'server') return;
    device.roles.dns?.rootHints.forEach((hint, i) => {
      if (!offers(hint.address, isRoot)) {
        out.add(
          'dns-root-hint-not-root',
          'warning',
          { device: device.name, name: hint.name, address: hint.address },
          at(['roles', 'dns', 'rootHints', i, 'address']),
        );
      }
    });
    const cache = device.roles.cache;
    if (cache && !offers(cache.origin, isWeb)) {
      out.add(
        'cache-origin-not-web',
        'warning',
        { device: device.name, origin: cache.origin },
        at(['roles', 'cache', 'origin']),
      );
    }
    const loop = cacheLoop(d);
    if (loop) out.add('cache-loop', 'warning', { device: device.name, cycle: loop }, at(['roles', 'cache', 'origin']));
  });

  /** The cache a cache fetches from on a miss: a server at its origin address with a cache on the origin port. */
  function upstreamCache(d: number): number | undefined {
    const device = index.devices[d];
    const cache = device.kind === 'server' ? device.roles.cache : undefined;
    const ip = cache ? parseIpv4(cache.origin) : undefined;
    if (!cache || ip === undefined) return undefined;
    const next = (byAddress.get(ip) ?? []).find(
      (e) => e.device.kind === 'server' && e.device.roles.cache?.port === cache.originPort,
    );
    return next ? index.deviceById.get(next.device.id) : undefined;
  }

  /** "a → b → a" when the caches from device d on fetch in a circle, reported once: at its first device. */
  function cacheLoop(d: number): string | undefined {
    const path = [d];
    for (let next = upstreamCache(d); next !== undefined; next = upstreamCache(next)) {
      if (next === d)
        return path.every((p) => p >= d) ? [...path, d].map((p) => index.devices[p].name).join(' → ') : undefined;
      if (path.includes(next)) return undefined; // a loop further on, reported from one of its own members
      path.push(next);
    }
    return undefined;
  }
}

/**
 * A DHCP pool whose every address is already some device's static address has nothing to offer (a server skips
 * addresses it sees in use). Counted with a sorted list of the static addresses, so a /8 pool costs a search.
 */
function checkDhcpPoolsInUse(index: TopologyIndex, addressed: AddressedInterface[], out: Collector): void {
  const sorted = addressed.map((e) => e.cidr.address).sort((a, b) => a - b);
  const lowerBound = (v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const device of index.devices) {
    const dhcp = dhcpOf(device);
    const start = dhcp ? parseIpv4(dhcp.config.poolStart) : undefined;
    const end = dhcp ? parseIpv4(dhcp.config.poolEnd) : undefined;
    if (
      !dhcp ||
      start === undefined ||
      end === undefined ||
      start > end ||
      lowerBound(end + 1) - lowerBound(start) < end - start + 1
    )
      continue;
    const users = addressed.filter((e) => e.cidr.address >= start && e.cidr.address <= end && e.device !== device);
    const distinct = new Set(users.map((e) => e.cidr.address));
    if (distinct.size < end - start + 1) continue;
    const shown = users.slice(0, 3).map((e) => `${formatIpv4(e.cidr.address)} (${e.device.name})`);
    out.add(
      'dhcp-pool-used-statically',
      'warning',
      {
        device: device.name,
        poolStart: dhcp.config.poolStart,
        poolEnd: dhcp.config.poolEnd,
        used: `${shown.join(', ')}${users.length > 3 ? ', …' : ''}`,
      },
      { deviceId: device.id, path: [...dhcp.path, 'poolStart'] },
    );
  }
}

/**
 * Certificates: an authority or a server certificate the product cannot read, a key that is not the
 * certificate's, a certificate that does not name a site it serves, is out of its dates on the simulated day, or
 * was not issued by one of the network's authorities — each is what a browser would refuse.
 */
function checkCertificates(t: Topology, out: Collector): void {
  const authorities = t.authorities ?? [];
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  authorities.forEach((a, i) => {
    const cert = readCertificate(a.certificate);
    const key = readKey(a.key);
    if (!cert || !cert.isCa || !key || !sameKey(cert.publicKey, key.publicKey)) {
      out.add('tls-authority-unreadable', 'error', { authority: a.id }, { path: ['authorities', i] });
    }
  });
  for (const device of t.devices) {
    if (device.kind !== 'host' && device.kind !== 'server') continue;
    for (const id of device.trustedAuthorities ?? []) {
      if (!authorities.some((a) => a.id === id)) {
        out.add(
          'tls-trust-unknown',
          'warning',
          { device: device.name, authority: id },
          { deviceId: device.id, path: ['trustedAuthorities'] },
        );
      }
    }
    if (device.kind !== 'server') continue;
    const servers = [
      { role: 'web', tls: device.roles.web?.tls, names: device.roles.web?.sites.map((s) => s.hostname) ?? [] },
      { role: 'cache', tls: device.roles.cache?.tls, names: [] as string[] },
    ];
    for (const { role, tls, names } of servers) {
      if (!tls) continue;
      const at = { deviceId: device.id, path: ['roles', role, 'tls', 'certificate'] };
      const cert = readCertificate(tls.certificate);
      const key = readKey(tls.key);
      if (!cert || !key || !sameKey(cert.publicKey, key.publicKey)) {
        out.add('tls-certificate-unreadable', 'error', { device: device.name }, at);
        continue;
      }
      const issuer = issuingAuthority(t, tls.certificate);
      if (!issuer) out.add('tls-certificate-untrusted', 'warning', { device: device.name, issuer: cert.issuer }, at);
      if (SIMULATED_NOW_MS < cert.notBefore || SIMULATED_NOW_MS > cert.notAfter) {
        out.add(
          'tls-certificate-expired',
          'warning',
          {
            device: device.name,
            notBefore: date(cert.notBefore),
            notAfter: date(cert.notAfter),
            today: date(SIMULATED_NOW_MS),
          },
          at,
        );
      }
      for (const name of names) {
        if (certificateProblem(tls.certificate, name, issuer ? [issuer] : [], cert.notBefore) === 'name') {
          out.add(
            'tls-certificate-name',
            'warning',
            { device: device.name, site: name, names: cert.names.join(', ') || '—' },
            at,
          );
        }
      }
    }
  }
}

const sameKey = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export function checkTopology(t: Topology): Problem[] {
  const out = new Collector();
  const index = new TopologyIndex(t.devices);
  const { addressed, byAddress } = checkAddresses(index, out);
  const { segments, cabled } = checkLinks(t, index, out);
  checkSegments(index, addressed, segments, cabled, out);
  t.devices.forEach((device, d) => {
    switch (device.kind) {
      case 'host':
        checkEndSystem(device, index.connected(d), out);
        break;
      case 'server':
        checkEndSystem(device, index.connected(d), out);
        checkDns(device, out);
        break;
      case 'router':
      case 'firewall':
        checkRoutes(device, index.connected(d), out);
        checkInterfaceReferences(device, out);
        break;
      case 'switch':
        break;
    }
    checkDhcpServer(device, out);
  });
  checkServiceAddresses(index, byAddress, segments, cabled, out);
  checkDhcpPoolsInUse(index, addressed, out);
  checkCertificates(t, out);
  return out.problems;
}
