// Pure editing operations on a topology: the editor calls these and keeps the results for undo. None of them
// mutates its input; unchanged devices and links are shared with the input (cheap undo snapshots).
import { contains, formatIpv4, hostRange, parseCidr, parseIpv4 } from './ipv4';
import { defaultMac } from './mac';
import { CURRENT_VERSION, DeviceName, FILE_FORMAT } from './schema';
import type { Device, DeviceKind, Link, NetInterface, Position, ServerDevice, ServerRoles, Topology } from './schema';
import { interpolate } from './checks';
import refusals from '../i18n/en/edit.json';

export type PresetId =
  | 'host'
  | 'laptop'
  | 'switch'
  | 'router'
  | 'firewall'
  /** A server with no role yet (the palette's fifth kind). */
  | 'server'
  | 'server-web'
  | 'server-dns-resolver'
  | 'server-dns-root'
  | 'server-dns-tld'
  | 'server-dns-auth'
  | 'server-dhcp'
  | 'server-cache';

/** labelKey: in the `app` i18n namespace. */
export const PRESETS: { id: PresetId; kind: DeviceKind; labelKey: string }[] = (
  [
    ['host', 'host'],
    ['laptop', 'host'],
    ['switch', 'switch'],
    ['router', 'router'],
    ['firewall', 'firewall'],
    ['server', 'server'],
    ['server-web', 'server'],
    ['server-dns-resolver', 'server'],
    ['server-dns-root', 'server'],
    ['server-dns-tld', 'server'],
    ['server-dns-auth', 'server'],
    ['server-dhcp', 'server'],
    ['server-cache', 'server'],
  ] as const
).map(([id, kind]) => ({ id, kind, labelKey: `palette.presets.${id}` }));

const NAME_PREFIX: Record<PresetId, string> = {
  host: 'pc',
  laptop: 'laptop',
  switch: 'sw',
  router: 'router',
  firewall: 'fw',
  server: 'srv',
  'server-web': 'web',
  'server-dns-resolver': 'dns',
  'server-dns-root': 'root',
  'server-dns-tld': 'tld',
  'server-dns-auth': 'auth',
  'server-dhcp': 'dhcp',
  'server-cache': 'cache',
};

export const MAX_SWITCH_PORTS = 48;
const DEFAULT_SWITCH_PORTS = 8;

export function emptyTopology(name: string): Topology {
  return { format: FILE_FORMAT, version: CURRENT_VERSION, name, devices: [], links: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Fresh names, ids, MACs and addresses

/** Used ids and names, so that a batch of new devices (duplicate) does not collide with itself either. */
class Namer {
  private ids: Set<string>;
  private names: Set<string>;
  private macs: Set<string>;
  private addresses: Set<number>;
  constructor(t: Topology) {
    this.ids = new Set(t.devices.map((d) => d.id));
    this.names = new Set(t.devices.map((d) => d.name));
    this.macs = new Set();
    this.addresses = new Set();
    for (const d of t.devices) {
      for (const i of d.interfaces) {
        this.macs.add(i.mac);
        const cidr = i.address === undefined ? undefined : parseCidr(i.address);
        if (cidr) this.addresses.add(cidr.address);
      }
    }
  }

  /** `prefix` + the smallest number ≥ `from` that is free as a name and (sanitized) as an id. */
  name(prefix: string, from = 1): string {
    for (let n = from; ; n++) {
      const name = `${prefix.slice(0, 58)}${n}`;
      if (!this.names.has(name) && !this.ids.has(toId(name))) {
        this.names.add(name);
        return name;
      }
    }
  }

  /** The id for a new device named `name`: the name itself when possible, as in the samples. */
  id(name: string): string {
    const base = toId(name);
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
    this.ids.add(id);
    return id;
  }

  mac(deviceId: string, index: number): string {
    let mac = defaultMac(deviceId, index);
    // Only a hand-edited MAC elsewhere can collide; re-salt the hash until it does not.
    for (let salt = 1; this.macs.has(mac); salt++) mac = defaultMac(`${deviceId}~${salt}`, index);
    this.macs.add(mac);
    return mac;
  }

  /**
   * The next free host address after `cidrText`'s, in the same subnet (wrapping around); undefined when the subnet
   * is full — a copy without an address (a visible problem) is better than a silent clash.
   */
  nextAddress(cidrText: string): string | undefined {
    const cidr = parseCidr(cidrText);
    const range = cidr && hostRange(cidr);
    if (!cidr || !range) return undefined;
    for (let k = 1; k <= range.count; k++) {
      const candidate = range.first + ((((cidr.address - range.first + k) % range.count) + range.count) % range.count);
      if (!this.addresses.has(candidate)) {
        this.addresses.add(candidate);
        return `${formatIpv4(candidate)}/${cidr.prefix}`;
      }
    }
    return undefined;
  }

  claimAddress(address: number): void {
    this.addresses.add(address);
  }

  hasAddress(address: number): boolean {
    return this.addresses.has(address);
  }
}

/** Device ids allow fewer characters than names ("web.lan" → "web-lan"). */
const toId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64) || 'device';

/** "pc1" → ["pc", 1]; "web" → ["web", undefined]. */
function splitName(name: string): [string, number | undefined] {
  const m = /^(.*?)(\d+)$/.exec(name);
  if (!m || m[1] === '') return [name, undefined];
  return [m[1], Number(m[2])];
}

// ---------------------------------------------------------------------------------------------------------------
// Creating devices

function interfaces(namer: Namer, id: string, count: number, mode: NetInterface['mode'], port = false): NetInterface[] {
  return Array.from({ length: count }, (_, i) => ({
    name: port ? `p${i + 1}` : `eth${i}`,
    mac: namer.mac(id, i),
    mode,
  }));
}

const page = (title: string) =>
  `<!doctype html>\n<html>\n<head>\n<title>${title}</title>\n<meta charset="utf-8">\n</head>\n<body>\n<h1>${title}</h1>\n<p>It works.</p>\n</body>\n</html>\n`;

const SOA_TIMERS = '2026010100 7200 3600 1209600 3600';

function staticAddress(t: Topology, kind: (s: ServerDevice) => boolean): string | undefined {
  for (const d of t.devices) {
    if (d.kind !== 'server' || !kind(d)) continue;
    const address = d.interfaces.find((i) => i.mode === 'static' && i.address)?.address;
    if (address) return address.split('/')[0];
  }
  return undefined;
}

/** A /24 in 192.168.N.0 that no interface uses yet, for a DHCP server preset to serve. */
function freeLan(namer: Namer): number {
  for (let n = 1; n < 255; n++) {
    const base = (parseIpv4(`192.168.${n}.0`) ?? 0) >>> 0;
    let used = false;
    for (let h = 0; h < 256 && !used; h++) used = namer.hasAddress(base + h);
    if (!used) return n;
  }
  return 1;
}

function roles(t: Topology, namer: Namer, preset: PresetId, interfacesOut: NetInterface[]): ServerRoles {
  switch (preset) {
    case 'server-web':
      return {
        web: {
          port: 80,
          sites: [
            {
              hostname: 'www.example.com',
              pages: [{ path: '/', status: 200, contentType: 'text/html; charset=utf-8', body: page('Welcome') }],
            },
          ],
        },
      };
    case 'server-dns-resolver': {
      // Point it at a root server already in the network, if there is one.
      const root = staticAddress(t, (s) => s.roles.dns?.zones.some((z) => z.origin === '.') ?? false);
      return {
        dns: { recursive: true, rootHints: root ? [{ name: 'a.root-servers.net', address: root }] : [], zones: [] },
      };
    }
    case 'server-dns-root':
      return {
        dns: {
          recursive: false,
          rootHints: [],
          zones: [
            {
              origin: '.',
              records: [
                {
                  name: '.',
                  type: 'SOA',
                  ttl: 86400,
                  value: `a.root-servers.net. nstld.verisign-grs.com. ${SOA_TIMERS}`,
                },
                { name: '.', type: 'NS', ttl: 518400, value: 'a.root-servers.net.' },
              ],
            },
          ],
        },
      };
    case 'server-dns-tld':
      return {
        dns: {
          recursive: false,
          rootHints: [],
          zones: [
            {
              origin: 'com.',
              records: [
                {
                  name: 'com.',
                  type: 'SOA',
                  ttl: 900,
                  value: `a.gtld-servers.net. nstld.verisign-grs.com. ${SOA_TIMERS}`,
                },
                { name: 'com.', type: 'NS', ttl: 172800, value: 'a.gtld-servers.net.' },
              ],
            },
          ],
        },
      };
    case 'server-dns-auth':
      return {
        dns: {
          recursive: false,
          rootHints: [],
          zones: [
            {
              origin: 'example.com.',
              records: [
                {
                  name: 'example.com.',
                  type: 'SOA',
                  ttl: 3600,
                  value: `ns1.example.com. hostmaster.example.com. ${SOA_TIMERS}`,
                },
                { name: 'example.com.', type: 'NS', ttl: 86400, value: 'ns1.example.com.' },
              ],
            },
          ],
        },
      };
    case 'server-dhcp': {
      // A DHCP server is useless without an address: give it one in a LAN nobody uses yet, and serve that LAN.
      const n = freeLan(namer);
      interfacesOut[0].address = `192.168.${n}.2/24`;
      namer.claimAddress((parseIpv4(`192.168.${n}.2`) ?? 0) >>> 0);
      return {
        dhcp: {
          interface: 'eth0',
          poolStart: `192.168.${n}.100`,
          poolEnd: `192.168.${n}.199`,
          gateway: `192.168.${n}.1`,
          leaseSeconds: 86400,
        },
      };
    }
    case 'server-cache': {
      const origin = staticAddress(t, (s) => s.roles.web !== undefined) ?? '192.0.2.80';
      return { cache: { port: 80, origin, originPort: 80, maxAgeSeconds: 60 } };
    }
    default:
      return {};
  }
}

function buildDevice(t: Topology, namer: Namer, preset: PresetId, position: Position): Device {
  const name = namer.name(NAME_PREFIX[preset]);
  const id = namer.id(name);
  const base = { id, name, position: { x: position.x, y: position.y } };
  switch (preset) {
    case 'host':
    case 'laptop':
      return { kind: 'host', ...base, interfaces: interfaces(namer, id, 1, 'dhcp'), hosts: [] };
    case 'switch':
      return { kind: 'switch', ...base, interfaces: interfaces(namer, id, DEFAULT_SWITCH_PORTS, 'none', true) };
    case 'router':
      return { kind: 'router', ...base, interfaces: interfaces(namer, id, 2, 'static'), routes: [] };
    case 'firewall':
      return {
        kind: 'firewall',
        ...base,
        interfaces: interfaces(namer, id, 2, 'static'),
        routes: [],
        outside: 'eth0',
        stateful: true,
        // The usual starting point: the inside may go out, nothing comes in unless answered or allowed.
        rules: [
          {
            id: 'r1',
            action: 'allow',
            direction: 'out',
            protocol: 'any',
            source: 'any',
            destination: 'any',
            comment: 'inside may go out',
          },
        ],
        defaultAction: 'deny',
      };
    default: {
      const itfs = interfaces(namer, id, 1, 'static');
      const serverRoles = roles(t, namer, preset, itfs);
      return { kind: 'server', ...base, interfaces: itfs, hosts: [], roles: serverRoles };
    }
  }
}

/** A new device for `preset` with a fresh id and name, not yet part of `t`. */
export function createDevice(t: Topology, preset: PresetId, position: Position): Device {
  return buildDevice(t, new Namer(t), preset, position);
}

/** createDevice and add it: what dropping a preset on the canvas does. */
export function addDevice(
  t: Topology,
  preset: PresetId,
  position: Position,
): { topology: Topology; device: Device; deviceId: string } {
  const device = createDevice(t, preset, position);
  return { topology: { ...t, devices: [...t.devices, device] }, device, deviceId: device.id };
}

// ---------------------------------------------------------------------------------------------------------------
// Links

/** Why two devices were not connected: a key of shared/i18n/<lang>/edit.json with its values. */
export interface ConnectRefusal {
  key: keyof typeof refusals;
  params: Record<string, string | number>;
}

export type ConnectResult =
  | { ok: true; link: Link; topology: Topology; /** = link.id */ linkId: string }
  | { ok: false; /** `refusal` in English */ reason: string; /** = reason */ error: string; refusal: ConnectRefusal };

function refuse(refusal: ConnectRefusal): ConnectResult & { ok: false } {
  const reason = interpolate(refusals[refusal.key], refusal.params);
  return { ok: false, reason, error: reason, refusal };
}

function usedInterfaces(t: Topology, deviceId: string): Set<string> {
  const used = new Set<string>();
  for (const l of t.links) {
    if (l.a.device === deviceId) used.add(l.a.interface);
    if (l.b.device === deviceId) used.add(l.b.interface);
  }
  return used;
}

/** The first free interface, or a new one appended (devices grow NICs; switches up to 48 ports). */
function pickInterface(
  device: Device,
  used: Set<string>,
  requested: string | undefined,
): { device: Device; name: string } | ConnectRefusal {
  if (requested !== undefined) {
    if (!device.interfaces.some((i) => i.name === requested))
      return { key: 'noInterface', params: { device: device.name, interface: requested } };
    if (used.has(requested)) return { key: 'interfaceUsed', params: { device: device.name, interface: requested } };
    return { device, name: requested };
  }
  const free = device.interfaces.find((i) => !used.has(i.name));
  if (free) return { device, name: free.name };
  const names = new Set(device.interfaces.map((i) => i.name));
  const isSwitch = device.kind === 'switch';
  if (isSwitch && device.interfaces.length >= MAX_SWITCH_PORTS) {
    return { key: 'noFreePort', params: { device: device.name, ports: MAX_SWITCH_PORTS } };
  }
  let n = isSwitch ? 1 : 0;
  while (names.has(isSwitch ? `p${n}` : `eth${n}`)) n++;
  const name = isSwitch ? `p${n}` : `eth${n}`;
  const mode: NetInterface['mode'] = isSwitch ? 'none' : device.kind === 'host' ? 'dhcp' : 'static';
  const index = device.interfaces.length;
  // Avoid another interface's MAC (it could have been copied by hand).
  const macs = new Set(device.interfaces.map((i) => i.mac));
  let mac = defaultMac(device.id, index);
  for (let salt = 1; macs.has(mac); salt++) mac = defaultMac(`${device.id}~${salt}`, index);
  return { device: { ...device, interfaces: [...device.interfaces, { name, mac, mode }] } as Device, name };
}

function freshLinkId(t: Topology): string {
  const ids = new Set(t.links.map((l) => l.id));
  let n = t.links.length + 1;
  while (ids.has(`l${n}`)) n++;
  return `l${n}`;
}

export function connectDevices(
  t: Topology,
  a: string,
  b: string,
  aInterface?: string,
  bInterface?: string,
): ConnectResult {
  const da = t.devices.find((d) => d.id === a);
  const db = t.devices.find((d) => d.id === b);
  if (!da) return refuse({ key: 'noDevice', params: { device: a } });
  if (!db) return refuse({ key: 'noDevice', params: { device: b } });
  if (a === b) return refuse({ key: 'self', params: { device: da.name } });
  const explicit = aInterface !== undefined && bInterface !== undefined;
  if (
    !explicit &&
    t.links.some((l) => (l.a.device === a && l.b.device === b) || (l.a.device === b && l.b.device === a))
  ) {
    return refuse({ key: 'alreadyConnected', params: { a: da.name, b: db.name } });
  }
  const pa = pickInterface(da, usedInterfaces(t, a), aInterface);
  if ('key' in pa) return refuse(pa);
  const pb = pickInterface(db, usedInterfaces(t, b), bInterface);
  if ('key' in pb) return refuse(pb);
  const link: Link = { id: freshLinkId(t), a: { device: a, interface: pa.name }, b: { device: b, interface: pb.name } };
  const devices = t.devices.map((d) => (d === da ? pa.device : d === db ? pb.device : d));
  return { ok: true, link, linkId: link.id, topology: { ...t, devices, links: [...t.links, link] } };
}

// ---------------------------------------------------------------------------------------------------------------
// Duplicate, remove, rename

export function duplicateDevices(
  t: Topology,
  deviceIds: string[],
  offset: Position,
): { topology: Topology; newIds: string[]; /** = newIds */ deviceIds: string[] } {
  const namer = new Namer(t);
  const wanted = new Set(deviceIds);
  const idMap = new Map<string, string>();
  const copies: Device[] = [];
  for (const device of t.devices) {
    if (!wanted.has(device.id) || idMap.has(device.id)) continue;
    const [prefix, number] = splitName(device.name);
    const name = namer.name(prefix, number === undefined ? 2 : 1);
    const id = namer.id(name);
    idMap.set(device.id, id);
    const copy = structuredClone(device);
    copy.id = id;
    copy.name = name;
    copy.position = { x: device.position.x + offset.x, y: device.position.y + offset.y };
    copy.interfaces = copy.interfaces.map((itf, i) => {
      const { address, ...rest } = itf;
      const next: NetInterface = { ...rest, mac: namer.mac(id, i) };
      const fresh = itf.mode === 'static' && address !== undefined ? namer.nextAddress(address) : address;
      if (fresh !== undefined) next.address = fresh;
      return next;
    });
    copies.push(copy);
  }
  const links = [...t.links];
  const taken = new Set(t.links.map((l) => l.id));
  let n = t.links.length + 1;
  for (const l of t.links) {
    const a = idMap.get(l.a.device);
    const b = idMap.get(l.b.device);
    if (a === undefined || b === undefined) continue;
    while (taken.has(`l${n}`)) n++;
    taken.add(`l${n}`);
    links.push({ id: `l${n}`, a: { device: a, interface: l.a.interface }, b: { device: b, interface: l.b.interface } });
  }
  const newIds = copies.map((d) => d.id);
  return { topology: { ...t, devices: [...t.devices, ...copies], links }, newIds, deviceIds: newIds };
}

/** Removes the devices and every link that touches them (and the saved replay if it started from one of them). */
export function removeDevices(t: Topology, ids: string[]): Topology {
  const gone = new Set(ids);
  const { replay, ...rest } = t;
  const next: Topology = {
    ...rest,
    devices: t.devices.filter((d) => !gone.has(d.id)),
    links: t.links.filter((l) => !gone.has(l.a.device) && !gone.has(l.b.device)),
  };
  return replay && !gone.has(replay.from) ? { ...next, replay } : next;
}

export function removeLinks(t: Topology, ids: string[]): Topology {
  const gone = new Set(ids);
  return { ...t, links: t.links.filter((l) => !gone.has(l.id)) };
}

/** Renames a device (its id stays, so links and the file's diff stay stable). Refuses invalid and duplicate names. */
export function renameDevice(
  t: Topology,
  id: string,
  name: string,
): { ok: true; topology: Topology } | { ok: false; reason: string } {
  const device = t.devices.find((d) => d.id === id);
  if (!device) return { ok: false, reason: `There is no device ${id}.` };
  const valid = DeviceName.safeParse(name);
  if (!valid.success)
    return {
      ok: false,
      reason: `The name ${JSON.stringify(name)} ${valid.error.issues[0]?.message ?? 'is not valid'}.`,
    };
  if (t.devices.some((d) => d.id !== id && d.name === name))
    return { ok: false, reason: `Another device is already named ${name}.` };
  if (device.name === name) return { ok: true, topology: t };
  return { ok: true, topology: { ...t, devices: t.devices.map((d) => (d === device ? { ...d, name } : d)) } };
}

/** The device with `edit` applied (a shallow copy), every other device and link shared with `t`. */
function withDevice(t: Topology, deviceId: string, edit: (d: Device) => Device): Topology {
  return { ...t, devices: t.devices.map((d) => (d.id === deviceId ? edit(d) : d)) };
}

/**
 * Renames an interface and every reference to it: link ends, NAT outside and inside, the DHCP server's interface,
 * a firewall's outside — a rename must not unplug a cable or break a configuration. `t` itself if nothing to do
 * (no such interface, or `to` is taken).
 */
export function renameInterface(t: Topology, deviceId: string, from: string, to: string): Topology {
  const device = t.devices.find((d) => d.id === deviceId);
  if (
    !device ||
    from === to ||
    !device.interfaces.some((i) => i.name === from) ||
    device.interfaces.some((i) => i.name === to)
  )
    return t;
  const swap = (name: string) => (name === from ? to : name);
  const renamed = withDevice(t, deviceId, (d): Device => {
    const interfaces = d.interfaces.map((i) => (i.name === from ? { ...i, name: to } : i));
    switch (d.kind) {
      case 'router':
        return {
          ...d,
          interfaces,
          ...(d.nat ? { nat: { outside: swap(d.nat.outside), inside: d.nat.inside.map(swap) } } : {}),
          ...(d.dhcp ? { dhcp: { ...d.dhcp, interface: swap(d.dhcp.interface) } } : {}),
        };
      case 'firewall':
        return { ...d, interfaces, outside: swap(d.outside) };
      case 'server':
        return d.roles.dhcp
          ? {
              ...d,
              interfaces,
              roles: { ...d.roles, dhcp: { ...d.roles.dhcp, interface: swap(d.roles.dhcp.interface) } },
            }
          : { ...d, interfaces };
      case 'host':
      case 'switch':
        return { ...d, interfaces };
    }
  });
  const end = (e: Link['a']) => (e.device === deviceId && e.interface === from ? { ...e, interface: to } : e);
  return {
    ...renamed,
    links: t.links.map((l) => (end(l.a) !== l.a || end(l.b) !== l.b ? { ...l, a: end(l.a), b: end(l.b) } : l)),
  };
}

/**
 * Removes an interface and what cannot outlive it: the links plugged into it, its NAT inside entry, the NAT (when
 * it was the outside), the DHCP server on it, and the routes whose next hop only its subnet reached (as Linux drops
 * a device's routes with the device). A firewall's outside moves to the first interface that remains.
 */
export function removeInterface(
  t: Topology,
  deviceId: string,
  name: string,
): { topology: Topology; linksRemoved: number } {
  const device = t.devices.find((d) => d.id === deviceId);
  const gone = device?.interfaces.find((i) => i.name === name);
  if (!device || !gone) return { topology: t, linksRemoved: 0 };
  const interfaces = device.interfaces.filter((i) => i !== gone);
  const subnets = (list: NetInterface[]) =>
    list
      .flatMap((i) => (i.mode === 'static' && i.address ? [parseCidr(i.address)] : []))
      .filter((c) => c !== undefined);
  const remaining = subnets(interfaces);
  const reached = (ip: number, list: ReturnType<typeof subnets>) => list.some((c) => contains(c, ip));
  const keepRoute = (nextHop: string) => {
    const ip = parseIpv4(nextHop);
    return ip === undefined || !reached(ip, subnets([gone])) || reached(ip, remaining);
  };
  const next = withDevice(t, deviceId, (d): Device => {
    switch (d.kind) {
      case 'router': {
        const { nat, dhcp, ...rest } = d;
        return {
          ...rest,
          interfaces,
          routes: d.routes.filter((r) => keepRoute(r.nextHop)),
          ...(nat && nat.outside !== name ? { nat: { ...nat, inside: nat.inside.filter((n) => n !== name) } } : {}),
          ...(dhcp && dhcp.interface !== name ? { dhcp } : {}),
        };
      }
      case 'firewall':
        return {
          ...d,
          interfaces,
          routes: d.routes.filter((r) => keepRoute(r.nextHop)),
          outside: d.outside === name && interfaces[0] ? interfaces[0].name : d.outside,
        };
      case 'server': {
        if (d.roles.dhcp?.interface !== name) return { ...d, interfaces };
        const { dhcp: _removed, ...roles } = d.roles;
        return { ...d, interfaces, roles };
      }
      case 'host':
      case 'switch':
        return { ...d, interfaces };
    }
  });
  const plugged = (e: Link['a']) => e.device === deviceId && e.interface === name;
  const links = t.links.filter((l) => !plugged(l.a) && !plugged(l.b));
  return { topology: { ...next, links }, linksRemoved: t.links.length - links.length };
}
