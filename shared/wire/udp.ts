// UDP (RFC 768) with the IPv4 pseudo-header checksum.
import { transportChecksum } from './checksum';
import { WireError, requireLength } from './error';
import { IP_PROTO_UDP } from './ipv4';

export interface UdpRepr {
  srcPort: number;
  dstPort: number;
}

export const UDP_HEADER_LENGTH = 8;

export function emitUdp(repr: UdpRepr, payload: Uint8Array, srcIp: string, dstIp: string): Uint8Array {
  const length = UDP_HEADER_LENGTH + payload.length;
  if (length > 0xffff) throw new WireError(`UDP: datagram too long (${length} bytes)`);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint16(0, repr.srcPort);
  view.setUint16(2, repr.dstPort);
  view.setUint16(4, length);
  out.set(payload, UDP_HEADER_LENGTH);
  const checksum = transportChecksum(srcIp, dstIp, IP_PROTO_UDP, out);
  // A computed 0 is sent as 0xffff: 0 on the wire means "no checksum".
  view.setUint16(6, checksum === 0 ? 0xffff : checksum);
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(4);
  if (length < UDP_HEADER_LENGTH) throw new WireError(`UDP: length ${length} < 8`, 4);
  if (length > bytes.length) throw new WireError(`UDP: length ${length} exceeds the ${bytes.length} bytes present`, 4);
  const datagram = bytes.subarray(0, length);
  const checksum = view.getUint16(6);
  return {
    repr: { srcPort: view.getUint16(0), dstPort: view.getUint16(2) },
    payload: datagram.subarray(UDP_HEADER_LENGTH),
    checksum,
    checksumValid: checksum === 0 || transportChecksum(srcIp, dstIp, IP_PROTO_UDP, datagram) === 0,
    length,
  };
}
