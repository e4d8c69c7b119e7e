// Reads the few header values the replay needs straight from a frame's bytes, using the parsed layers only to know
// where each header starts. The bytes are the ground truth, so this does not depend on how fields are keyed.
import type { FrameStep } from '../engine/trace';
import type { Layer } from '../wire/field';
import type { LayerProtocol } from '../wire/protocols';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

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

export interface ArpInfo {
  isRequest: boolean;
  senderMac: string;
  senderIp: string;
  targetIp: string;
}

const DHCP_TYPES = ['', 'Discover', 'Offer', 'Request', 'Decline', 'ACK', 'NAK', 'Release', 'Inform'];

export function findLayer(frame: Pick<FrameStep, 'layers'>, protocol: LayerProtocol): Layer | undefined {
  return frame.layers.find((l) => l.protocol === protocol);
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
}

function ip(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

function mac(b: Uint8Array, o: number): string {
  return Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

function fits(b: Uint8Array, offset: number, length: number): boolean {
  return offset >= 0 && offset + length <= b.length;
}

export function ipv4Info(frame: FrameStep): Ipv4Info | undefined {
  const layer = findLayer(frame, 'ipv4');
  if (!layer || !fits(frame.bytes, layer.offset, 20)) return undefined;
  const o = layer.offset;
  return { src: ip(frame.bytes, o + 12), dst: ip(frame.bytes, o + 16), ttl: frame.bytes[o + 8] };
}

export function tcpInfo(frame: FrameStep): TcpInfo | undefined {
  const layer = findLayer(frame, 'tcp');
  const ipLayer = findLayer(frame, 'ipv4');
  const b = frame.bytes;
  if (!layer || !ipLayer || !fits(b, layer.offset, 20)) return undefined;
  const o = layer.offset;
  const ipHeader = (b[ipLayer.offset] & 0x0f) * 4;
  const ipTotal = u16(b, ipLayer.offset + 2);
  const tcpHeader = (b[o + 12] >> 4) * 4;
  return {
    srcPort: u16(b, o),
    dstPort: u16(b, o + 2),
    seq: u32(b, o + 4),
    ack: u32(b, o + 8),
    flags: b[o + 13],
    payloadLength: Math.max(0, ipTotal - ipHeader - tcpHeader),
  };
}

export function udpInfo(frame: FrameStep): UdpInfo | undefined {
  const layer = findLayer(frame, 'udp');
  if (!layer || !fits(frame.bytes, layer.offset, 8)) return undefined;
  return { srcPort: u16(frame.bytes, layer.offset), dstPort: u16(frame.bytes, layer.offset + 2) };
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
  const b = frame.bytes;
  if (!layer || !fits(b, layer.offset, 12)) return undefined;
  const o = layer.offset;
  return {
    id: u16(b, o),
    isResponse: (b[o + 2] & 0x80) !== 0,
    authoritative: (b[o + 2] & 0x04) !== 0,
    recursionDesired: (b[o + 2] & 0x01) !== 0,
    rcode: b[o + 3] & 0x0f,
    answerCount: u16(b, o + 6),
    authorityCount: u16(b, o + 8),
    questionName: u16(b, o + 4) > 0 ? readName(b, o + 12) : '',
    authorityType: firstAuthorityType(b, o),
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

/** The type of the first record of the authority section (after the questions and answers). */
function firstAuthorityType(b: Uint8Array, dns: number): number | undefined {
  if (u16(b, dns + 8) === 0) return undefined;
  let o = dns + 12;
  for (let q = u16(b, dns + 4); q > 0; q--) {
    o = skipName(b, o);
    if (o < 0) return undefined;
    o += 4;
  }
  for (let a = u16(b, dns + 6); a > 0; a--) {
    o = skipName(b, o);
    if (o < 0 || !fits(b, o, 10)) return undefined;
    o += 10 + u16(b, o + 8);
  }
  o = skipName(b, o);
  return o >= 0 && fits(b, o, 2) ? u16(b, o) : undefined;
}

export function arpInfo(frame: FrameStep): ArpInfo | undefined {
  const layer = findLayer(frame, 'arp');
  const b = frame.bytes;
  if (!layer || !fits(b, layer.offset, 28)) return undefined;
  const o = layer.offset;
  return { isRequest: u16(b, o + 6) === 1, senderMac: mac(b, o + 8), senderIp: ip(b, o + 14), targetIp: ip(b, o + 24) };
}

/** The DHCP message type (option 53) as a word: Discover, Offer, Request, ACK… */
export function dhcpType(frame: FrameStep): string | undefined {
  const layer = findLayer(frame, 'dhcp');
  const b = frame.bytes;
  if (!layer || !fits(b, layer.offset, 240)) return undefined;
  let o = layer.offset + 240; // after the fixed header and the magic cookie
  while (o < b.length && b[o] !== 255) {
    if (b[o] === 0) {
      o++;
      continue;
    }
    if (b[o] === 53 && o + 2 < b.length) return DHCP_TYPES[b[o + 2]] ?? String(b[o + 2]);
    o += 2 + b[o + 1];
  }
  return undefined;
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
