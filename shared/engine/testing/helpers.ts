// Test-only (Node, vitest; never imported by the app). Test helpers: the real sample files from disk, variants of them, and frame inspection with the wire parsers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from '../../model/load';
import type { Topology } from '../../model/schema';
import { parseEthernet, ETHERTYPE_IPV4 } from '../../wire/ethernet';
import { parseIpv4, IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, type ParsedIpv4 } from '../../wire/ipv4';
import { parseTcp, type ParsedTcp } from '../../wire/tcp';
import { parseUdp } from '../../wire/udp';
import { parseIcmp } from '../../wire/icmp';
import { parseDns, type DnsRepr } from '../../wire/dns';
import { simulate } from '../simulate';
import type { FrameStep, Scenario, Trace } from '../trace';

export function loadSample(name: string): Topology {
  const path = resolve(__dirname, '../../../resources/samples', `${name}.packetjourney`);
  const result = loadTopologyText(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(result.error);
  return result.topology;
}

export function variant(t: Topology, edit: (t: Topology) => void): Topology {
  const copy = structuredClone(t);
  edit(copy);
  return copy;
}

/** home-to-web's LAN with a NAS on sw's free port p3 (link lnas) that uses `address` statically. */
export function withStaticNas(t: Topology, address = '192.168.0.100/24'): void {
  t.devices.push({
    kind: 'host',
    id: 'nas',
    name: 'nas',
    position: { x: 0, y: 0 },
    interfaces: [{ name: 'eth0', mac: '02:00:00:00:0a:05', mode: 'static', address }],
    gateway: '192.168.0.1',
    hosts: [],
  });
  t.links.push({ id: 'lnas', a: { device: 'sw', interface: 'p3' }, b: { device: 'nas', interface: 'eth0' } });
}

export function device<K extends Topology['devices'][number]['kind']>(
  t: Topology,
  id: string,
  kind: K,
): Extract<Topology['devices'][number], { kind: K }> {
  const d = t.devices.find((x) => x.id === id);
  if (!d || d.kind !== kind) throw new Error(`no ${kind} ${id}`);
  return d as Extract<Topology['devices'][number], { kind: K }>;
}

export function run(t: Topology, scenario: Partial<Scenario> = {}): Trace {
  return simulate(t, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false, ...scenario });
}

export const frames = (trace: Trace): FrameStep[] => trace.steps.filter((s): s is FrameStep => s.type === 'frame');

export interface Decoded {
  step: FrameStep;
  eth: ReturnType<typeof parseEthernet>['repr'];
  ip?: ParsedIpv4;
  tcp?: ParsedTcp;
  udp?: ReturnType<typeof parseUdp>;
  icmp?: ReturnType<typeof parseIcmp>;
  dns?: DnsRepr;
}

/** Decodes a frame with the wire parsers (independently of the layers the trace carries). */
export function decode(step: FrameStep): Decoded {
  const eth = parseEthernet(step.bytes);
  const out: Decoded = { step, eth: eth.repr };
  if (eth.repr.etherType !== ETHERTYPE_IPV4) return out;
  const ip = parseIpv4(eth.payload);
  out.ip = ip;
  if (ip.repr.protocol === IP_PROTO_TCP) out.tcp = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
  if (ip.repr.protocol === IP_PROTO_UDP) {
    out.udp = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
    if (out.udp.repr.srcPort === 53 || out.udp.repr.dstPort === 53) out.dns = parseDns(out.udp.payload);
  }
  if (ip.repr.protocol === IP_PROTO_ICMP) out.icmp = parseIcmp(ip.payload);
  return out;
}

export const decodeAll = (trace: Trace): Decoded[] => frames(trace).map(decode);
