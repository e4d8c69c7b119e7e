// Reads the few header values the replay needs straight from a frame's bytes, through the wire modules' header views,
// using the parsed layers only to know where each header starts. The bytes are the ground truth, so this does not
// depend on how fields are keyed.
import type { FrameStep } from '../engine/trace';
import type { Layer } from '../wire/field';
import type { LayerProtocol } from '../wire/protocols';
import { ARP_LENGTH, ARP_OP_REQUEST, arpView } from '../wire/arp';
import { DHCP_MESSAGE_TYPE_NAMES, DHCP_OPT, DHCP_OPTIONS_OFFSET, scanDhcpOptions } from '../wire/dhcp';
import {
  DNS_HEADER_FIELDS,
  DNS_HEADER_LENGTH,
  DNS_QUESTION_FIXED_LENGTH,
  DNS_RECORD_FIELDS,
  dnsHeaderView,
} from '../wire/dns';
import { ICMP_HEADER_LENGTH, icmpView } from '../wire/icmp';
import { IPV4_HEADER_LENGTH, ipv4View } from '../wire/ipv4';
import { TCP_FLAG, TCP_HEADER_LENGTH, tcpView } from '../wire/tcp';
import { UDP_HEADER_LENGTH, udpView } from '../wire/udp';

export const TCP_FIN = TCP_FLAG.fin;
export const TCP_SYN = TCP_FLAG.syn;
export const TCP_RST = TCP_FLAG.rst;
export const TCP_PSH = TCP_FLAG.psh;
export const TCP_ACK = TCP_FLAG.ack;

export interface Ipv4Info {
  src: string;
  dst: string;
  ttl: number;
}

export interface TcpInfo {
  srcPort: number;
  dstPort: number;
  flags: number;
  seq: number;
  ack: number;
  payloadLength: number;
}

export interface UdpInfo {
  srcPort: number;
  dstPort: number;
}

export interface DnsInfo {
  id: number;
  isResponse: boolean;
  recursionDesired: boolean;
  authoritative: boolean;
  rcode: number;
  answerCount: number;
  authorityCount: number;
  questionName: string;
  /** The type of the first authority record (2 NS: a referral; 6 SOA: no such data here), when there is one. */
  authorityType?: number;
}

export interface IcmpInfo {
  type: number;
  code: number;
  /** An echo's identifier (meaningless for other types). */
  identifier: number;
}

export interface ArpInfo {
  isRequest: boolean;
  senderMac: string;
  senderIp: string;
  targetIp: string;
}

export function findLayer(frame: Pick<FrameStep, 'layers'>, protocol: LayerProtocol): Layer | undefined {
  return frame.layers.find((l) => l.protocol === protocol);
}

export function ipv4Info(frame: FrameStep): Ipv4Info | undefined {
  const layer = findLayer(frame, 'ipv4');
  const ip = layer && ipv4View(frame.bytes, layer.offset);
  if (!ip?.has(IPV4_HEADER_LENGTH)) return undefined;
  return { src: ip.src, dst: ip.dst, ttl: ip.ttl };
}

export function tcpInfo(frame: FrameStep): TcpInfo | undefined {
  const layer = findLayer(frame, 'tcp');
  const ipLayer = findLayer(frame, 'ipv4');
  if (!layer || !ipLayer) return undefined;
  const tcp = tcpView(frame.bytes, layer.offset);
  if (!tcp.has(TCP_HEADER_LENGTH)) return undefined;
  const ip = ipv4View(frame.bytes, ipLayer.offset);
  return {
    srcPort: tcp.srcPort,
    dstPort: tcp.dstPort,
    seq: tcp.seq,
    ack: tcp.ack,
    flags: tcp.flags,
    payloadLength: Math.max(0, ip.totalLength - ip.headerLength - tcp.headerLength),
  };
}

export function icmpInfo(frame: FrameStep): IcmpInfo | undefined {
  const layer = findLayer(frame, 'icmp');
  const icmp = layer && icmpView(frame.bytes, layer.offset);
  if (!icmp?.has(ICMP_HEADER_LENGTH)) return undefined;
  return { type: icmp.type, code: icmp.code, identifier: icmp.identifier };
}

export function udpInfo(frame: FrameStep): UdpInfo | undefined {
  const layer = findLayer(frame, 'udp');
  const udp = layer && udpView(frame.bytes, layer.offset);
  if (!udp?.has(UDP_HEADER_LENGTH)) return undefined;
  return { srcPort: udp.srcPort, dstPort: udp.dstPort };
}

function readName(b: Uint8Array, start: number): string {
  const labels: string[] = [];
  let o = start;
  for (let guard = 0; guard < 128 && o < b.length; guard++) {
    const len = b[o];
    if (len === 0) break;
    if ((len & 0xc0) !== 0) break; // a question name is never compressed in practice
    labels.push(new TextDecoder().decode(b.subarray(o + 1, o + 1 + len)));
    o += 1 + len;
  }
  return labels.length ? labels.join('.') : '.';
}

export function dnsInfo(frame: FrameStep): DnsInfo | undefined {
  const layer = findLayer(frame, 'dns');
  if (!layer) return undefined;
  const dns = dnsHeaderView(frame.bytes, layer.offset);
  if (!dns.has(DNS_HEADER_LENGTH)) return undefined;
  const flags = dns.flags;
  return {
    id: dns.id,
    isResponse: flags.qr,
    authoritative: flags.aa,
    recursionDesired: flags.rd,
    rcode: flags.rcode,
    answerCount: dns.answerCount,
    authorityCount: dns.authorityCount,
    questionName: dns.questionCount > 0 ? readName(frame.bytes, dns.where(DNS_HEADER_FIELDS.questions)) : '',
    authorityType: firstAuthorityType(frame.bytes, layer.offset),
  };
}

/** Past a (possibly compressed) name; -1 when it runs off the end. */
function skipName(b: Uint8Array, start: number): number {
  let o = start;
  for (let guard = 0; guard < 128 && o < b.length; guard++) {
    const len = b[o];
    if (len === 0) return o + 1;
    if ((len & 0xc0) === 0xc0) return o + 2;
    o += 1 + len;
  }
  return -1;
}

function fits(b: Uint8Array, offset: number, length: number): boolean {
  return offset >= 0 && offset + length <= b.length;
}

/** The type of the first record of the authority section (after the questions and answers). */
function firstAuthorityType(b: Uint8Array, dnsOffset: number): number | undefined {
  const dns = dnsHeaderView(b, dnsOffset);
  const R = DNS_RECORD_FIELDS;
  const u16 = (at: number) => (b[at] << 8) | b[at + 1];
  if (dns.authorityCount === 0) return undefined;
  let o = dns.where(DNS_HEADER_FIELDS.questions);
  for (let q = dns.questionCount; q > 0; q--) {
    o = skipName(b, o);
    if (o < 0) return undefined;
    o += DNS_QUESTION_FIXED_LENGTH;
  }
  for (let a = dns.answerCount; a > 0; a--) {
    o = skipName(b, o);
    if (o < 0 || !fits(b, o, R.rdata.at)) return undefined;
    o += R.rdata.at + u16(o + R.rdLength.at);
  }
  o = skipName(b, o);
  return o >= 0 && fits(b, o + R.type.at, R.type.length) ? u16(o + R.type.at) : undefined;
}

export function arpInfo(frame: FrameStep): ArpInfo | undefined {
  const layer = findLayer(frame, 'arp');
  const arp = layer && arpView(frame.bytes, layer.offset);
  if (!arp?.has(ARP_LENGTH)) return undefined;
  return {
    isRequest: arp.opcode === ARP_OP_REQUEST,
    senderMac: arp.senderMac,
    senderIp: arp.senderIp,
    targetIp: arp.targetIp,
  };
}

/** The DHCP message type (option 53) as a word: Discover, Offer, Request, ACK… */
export function dhcpType(frame: FrameStep): string | undefined {
  const layer = findLayer(frame, 'dhcp');
  if (!layer || !fits(frame.bytes, layer.offset, DHCP_OPTIONS_OFFSET)) return undefined;
  try {
    const type = scanDhcpOptions(frame.bytes.subarray(layer.offset)).find((o) => o.code === DHCP_OPT.MESSAGE_TYPE)
      ?.value[0];
    return type === undefined ? undefined : (DHCP_MESSAGE_TYPE_NAMES[type] ?? String(type));
  } catch {
    return undefined; // options that run past the end: no type to show
  }
}

export function tcpFlagNames(flags: number): string {
  const names: string[] = [];
  if (flags & TCP_SYN) names.push('SYN');
  if (flags & TCP_FIN) names.push('FIN');
  if (flags & TCP_RST) names.push('RST');
  if (flags & TCP_PSH) names.push('PSH');
  if (flags & TCP_ACK) names.push('ACK');
  return names.join(', ');
}
