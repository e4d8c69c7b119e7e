// IPv4 header (RFC 791). Emitted without options, as Linux does for ordinary traffic.
import { internetChecksum } from './checksum';
import { WireError, requireLength } from './error';
import { HeaderView, layoutEnd, span } from './view';

export interface Ipv4Repr {
  src: string;
  dst: string;
  protocol: number;
  ttl: number;
  identification: number;
  dontFragment: boolean;
  /** Differentiated services code point (upper 6 bits of the old TOS byte); 0 when absent. */
  dscp?: number;
}

export const IP_PROTO_ICMP = 1;
export const IP_PROTO_TCP = 6;
export const IP_PROTO_UDP = 17;

/** Where the fields of an IPv4 header sit (RFC 791 §3.1); options, when present, start at `options`. */
export const IPV4_FIELDS = {
  versionAndHeaderLength: span(0, 1),
  dscpAndEcn: span(1, 1),
  totalLength: span(2, 2),
  identification: span(4, 2),
  flagsAndFragmentOffset: span(6, 2),
  ttl: span(8, 1),
  protocol: span(9, 1),
  checksum: span(10, 2),
  src: span(12, 4),
  dst: span(16, 4),
  options: span(20, 0),
} as const;
export const IPV4_HEADER_LENGTH = layoutEnd(IPV4_FIELDS);

const F = IPV4_FIELDS;
const DONT_FRAGMENT = 0x4000;
const MORE_FRAGMENTS = 0x2000;
const RESERVED_FLAG = 0x8000;

/** An IPv4 header in place: what the parser reads, the emitter writes and a router rewrites (TTL, NAT). */
export class Ipv4View extends HeaderView {
  get version(): number {
    return this.u8(F.versionAndHeaderLength) >> 4;
  }
  /** In bytes (the IHL field counts 32-bit words). */
  get headerLength(): number {
    return (this.u8(F.versionAndHeaderLength) & 0x0f) * 4;
  }
  set headerLength(bytes: number) {
    this.setU8(F.versionAndHeaderLength, 0x40 | (bytes / 4));
  }
  get dscp(): number {
    return this.u8(F.dscpAndEcn) >> 2;
  }
  set dscp(value: number) {
    this.setU8(F.dscpAndEcn, ((value & 0x3f) << 2) | this.ecn);
  }
  get ecn(): number {
    return this.u8(F.dscpAndEcn) & 0x03;
  }
  get totalLength(): number {
    return this.u16(F.totalLength);
  }
  set totalLength(value: number) {
    this.setU16(F.totalLength, value);
  }
  get identification(): number {
    return this.u16(F.identification);
  }
  set identification(value: number) {
    this.setU16(F.identification, value);
  }
  /** The 3 flag bits and the 13-bit fragment offset as one word. */
  get flagsAndFragmentOffset(): number {
    return this.u16(F.flagsAndFragmentOffset);
  }
  set flagsAndFragmentOffset(value: number) {
    this.setU16(F.flagsAndFragmentOffset, value);
  }
  get reservedFlag(): boolean {
    return (this.flagsAndFragmentOffset & RESERVED_FLAG) !== 0;
  }
  get dontFragment(): boolean {
    return (this.flagsAndFragmentOffset & DONT_FRAGMENT) !== 0;
  }
  get moreFragments(): boolean {
    return (this.flagsAndFragmentOffset & MORE_FRAGMENTS) !== 0;
  }
  /** In bytes (the field counts 8-byte units). */
  get fragmentOffset(): number {
    return (this.flagsAndFragmentOffset & 0x1fff) * 8;
  }
  get ttl(): number {
    return this.u8(F.ttl);
  }
  set ttl(value: number) {
    this.setU8(F.ttl, value);
  }
  get protocol(): number {
    return this.u8(F.protocol);
  }
  set protocol(value: number) {
    this.setU8(F.protocol, value);
  }
  get checksum(): number {
    return this.u16(F.checksum);
  }
  set checksum(value: number) {
    this.setU16(F.checksum, value);
  }
  get src(): string {
    return this.ipv4(F.src);
  }
  set src(address: string) {
    this.setIpv4(F.src, address);
  }
  get dst(): string {
    return this.ipv4(F.dst);
  }
  set dst(address: string) {
    this.setIpv4(F.dst, address);
  }
  /** The header with its options, as the checksum covers it. */
  get header(): Uint8Array {
    return this.bytes.subarray(this.offset, this.offset + this.headerLength);
  }
  /** The checksum the header should carry (computed with the checksum field as zero). */
  expectedChecksum(): number {
    const copy = this.header.slice();
    copy[F.checksum.at] = 0;
    copy[F.checksum.at + 1] = 0;
    return internetChecksum(copy);
  }
  /** Sets the checksum after the header changed. */
  fillChecksum(): void {
    this.checksum = 0;
    this.checksum = internetChecksum(this.header);
  }
}

export function ipv4View(bytes: Uint8Array, offset = 0): Ipv4View {
  return new Ipv4View(bytes, offset);
}

export function emitIpv4(repr: Ipv4Repr, payload: Uint8Array): Uint8Array {
  const totalLength = IPV4_HEADER_LENGTH + payload.length;
  if (totalLength > 0xffff) throw new WireError(`IPv4: packet too long (${totalLength} bytes)`);
  const out = new Uint8Array(totalLength);
  const ip = ipv4View(out);
  ip.headerLength = IPV4_HEADER_LENGTH;
  ip.dscp = repr.dscp ?? 0;
  ip.totalLength = totalLength;
  ip.identification = repr.identification;
  ip.flagsAndFragmentOffset = repr.dontFragment ? DONT_FRAGMENT : 0;
  ip.ttl = repr.ttl;
  ip.protocol = repr.protocol;
  ip.src = repr.src;
  ip.dst = repr.dst;
  ip.fillChecksum();
  out.set(payload, IPV4_HEADER_LENGTH);
  return out;
}

export interface ParsedIpv4 {
  repr: Ipv4Repr;
  /** The payload up to the total length, so trailing Ethernet padding is not part of it. */
  payload: Uint8Array;
  checksum: number;
  checksumValid: boolean;
  headerLength: number;
  totalLength: number;
  moreFragments: boolean;
  fragmentOffset: number;
}

export function parseIpv4(bytes: Uint8Array): ParsedIpv4 {
  requireLength(bytes, IPV4_HEADER_LENGTH, 'IPv4 header');
  const ip = ipv4View(bytes);
  const version = ip.version;
  if (version !== 4) throw new WireError(`IPv4: version is ${version}`, F.versionAndHeaderLength.at);
  const headerLength = ip.headerLength;
  if (headerLength < IPV4_HEADER_LENGTH) {
    throw new WireError(`IPv4: header length ${headerLength} < 20`, F.versionAndHeaderLength.at);
  }
  const totalLength = ip.totalLength;
  if (totalLength < headerLength) {
    throw new WireError(`IPv4: total length ${totalLength} < header length`, F.totalLength.at);
  }
  if (totalLength > bytes.length) {
    throw new WireError(
      `IPv4: total length ${totalLength} exceeds the ${bytes.length} bytes present`,
      F.totalLength.at,
    );
  }
  return {
    repr: {
      src: ip.src,
      dst: ip.dst,
      protocol: ip.protocol,
      ttl: ip.ttl,
      identification: ip.identification,
      dontFragment: ip.dontFragment,
      dscp: ip.dscp,
    },
    payload: bytes.subarray(headerLength, totalLength),
    checksum: ip.checksum,
    checksumValid: internetChecksum(ip.header) === 0,
    headerLength,
    totalLength,
    moreFragments: ip.moreFragments,
    fragmentOffset: ip.fragmentOffset,
  };
}
