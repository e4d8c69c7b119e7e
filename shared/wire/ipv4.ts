// IPv4 header (RFC 791). Emitted without options, as Linux does for ordinary traffic.
import { ipv4FromBytes, ipv4ToBytes } from './address';
import { internetChecksum } from './checksum';
import { WireError, requireLength } from './error';

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
export const IPV4_HEADER_LENGTH = 20;

export function emitIpv4(repr: Ipv4Repr, payload: Uint8Array): Uint8Array {
  const totalLength = IPV4_HEADER_LENGTH + payload.length;
  if (totalLength > 0xffff) throw new WireError(`IPv4: packet too long (${totalLength} bytes)`);
  const out = new Uint8Array(totalLength);
  const view = new DataView(out.buffer);
  out[0] = 0x45; // version 4, header length 5 words
  out[1] = ((repr.dscp ?? 0) & 0x3f) << 2;
  view.setUint16(2, totalLength);
  view.setUint16(4, repr.identification & 0xffff);
  view.setUint16(6, repr.dontFragment ? 0x4000 : 0);
  out[8] = repr.ttl & 0xff;
  out[9] = repr.protocol & 0xff;
  out.set(ipv4ToBytes(repr.src), 12);
  out.set(ipv4ToBytes(repr.dst), 16);
  view.setUint16(10, internetChecksum(out.subarray(0, IPV4_HEADER_LENGTH)));
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0] >> 4;
  if (version !== 4) throw new WireError(`IPv4: version is ${version}`, 0);
  const headerLength = (bytes[0] & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LENGTH) throw new WireError(`IPv4: header length ${headerLength} < 20`, 0);
  const totalLength = view.getUint16(2);
  if (totalLength < headerLength) throw new WireError(`IPv4: total length ${totalLength} < header length`, 2);
  if (totalLength > bytes.length) {
    throw new WireError(`IPv4: total length ${totalLength} exceeds the ${bytes.length} bytes present`, 2);
  }
  const flagsAndOffset = view.getUint16(6);
  return {
    repr: {
      src: ipv4FromBytes(bytes, 12),
      dst: ipv4FromBytes(bytes, 16),
      protocol: bytes[9],
      ttl: bytes[8],
      identification: view.getUint16(4),
      dontFragment: (flagsAndOffset & 0x4000) !== 0,
      dscp: bytes[1] >> 2,
    },
    payload: bytes.subarray(headerLength, totalLength),
    checksum: view.getUint16(10),
    checksumValid: internetChecksum(bytes.subarray(0, headerLength)) === 0,
    headerLength,
    totalLength,
    moreFragments: (flagsAndOffset & 0x2000) !== 0,
    fragmentOffset: (flagsAndOffset & 0x1fff) * 8,
  };
}
