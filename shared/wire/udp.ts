// UDP (RFC 768) with the IPv4 pseudo-header checksum.
import { transportChecksum } from './checksum';
import { WireError, requireLength } from './error';
import { IP_PROTO_UDP } from './ipv4';
import { HeaderView, layoutEnd, span } from './view';

export interface UdpRepr {
  srcPort: number;
  dstPort: number;
}

/** Where the fields of a UDP header sit (RFC 768). */
export const UDP_FIELDS = {
  srcPort: span(0, 2),
  dstPort: span(2, 2),
  length: span(4, 2),
  checksum: span(6, 2),
} as const;
export const UDP_HEADER_LENGTH = layoutEnd(UDP_FIELDS);

const F = UDP_FIELDS;

/** A UDP header in place. */
export class UdpView extends HeaderView {
  get srcPort(): number {
    return this.u16(F.srcPort);
  }
  set srcPort(port: number) {
    this.setU16(F.srcPort, port);
  }
  get dstPort(): number {
    return this.u16(F.dstPort);
  }
  set dstPort(port: number) {
    this.setU16(F.dstPort, port);
  }
  /** Header and data, in bytes. */
  get length(): number {
    return this.u16(F.length);
  }
  set length(value: number) {
    this.setU16(F.length, value);
  }
  /** 0 on the wire: the sender computed none. */
  get checksum(): number {
    return this.u16(F.checksum);
  }
  set checksum(value: number) {
    this.setU16(F.checksum, value);
  }
}

export function udpView(bytes: Uint8Array, offset = 0): UdpView {
  return new UdpView(bytes, offset);
}

export function emitUdp(repr: UdpRepr, payload: Uint8Array, srcIp: string, dstIp: string): Uint8Array {
  const length = UDP_HEADER_LENGTH + payload.length;
  if (length > 0xffff) throw new WireError(`UDP: datagram too long (${length} bytes)`);
  const out = new Uint8Array(length);
  const udp = udpView(out);
  udp.srcPort = repr.srcPort;
  udp.dstPort = repr.dstPort;
  udp.length = length;
  out.set(payload, UDP_HEADER_LENGTH);
  const checksum = transportChecksum(srcIp, dstIp, IP_PROTO_UDP, out);
  // A computed 0 is sent as 0xffff: 0 on the wire means "no checksum".
  udp.checksum = checksum === 0 ? 0xffff : checksum;
  return out;
}

export interface ParsedUdp {
  repr: UdpRepr;
  payload: Uint8Array;
  checksum: number;
  /** True when the checksum verifies, or is 0 (sender computed none). */
  checksumValid: boolean;
  length: number;
}

export function parseUdp(bytes: Uint8Array, srcIp: string, dstIp: string): ParsedUdp {
  requireLength(bytes, UDP_HEADER_LENGTH, 'UDP header');
  const udp = udpView(bytes);
  const length = udp.length;
  if (length < UDP_HEADER_LENGTH) throw new WireError(`UDP: length ${length} < 8`, F.length.at);
  if (length > bytes.length) {
    throw new WireError(`UDP: length ${length} exceeds the ${bytes.length} bytes present`, F.length.at);
  }
  const datagram = bytes.subarray(0, length);
  const checksum = udp.checksum;
  return {
    repr: { srcPort: udp.srcPort, dstPort: udp.dstPort },
    payload: datagram.subarray(UDP_HEADER_LENGTH),
    checksum,
    checksumValid: checksum === 0 || transportChecksum(srcIp, dstIp, IP_PROTO_UDP, datagram) === 0,
    length,
  };
}
