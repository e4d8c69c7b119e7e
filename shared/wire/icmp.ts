// ICMP for IPv4 (RFC 792): echo request/reply and the error messages that quote the offending datagram.
import { internetChecksum } from './checksum';
import { requireLength } from './error';

export interface IcmpRepr {
  type: number;
  code: number;
  /** Echo request/reply only. */
  identifier?: number;
  sequence?: number;
  /** Echo payload or, for errors, the quoted IP header + first 8 bytes of its payload. */
  data: Uint8Array;
}

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_HEADER_LENGTH = 8;

export function isIcmpEcho(type: number): boolean {
  return type === ICMP_ECHO_REQUEST || type === ICMP_ECHO_REPLY;
}

export function emitIcmp(repr: IcmpRepr): Uint8Array {
  const out = new Uint8Array(ICMP_HEADER_LENGTH + repr.data.length);
  const view = new DataView(out.buffer);
  out[0] = repr.type;
  out[1] = repr.code;
  if (isIcmpEcho(repr.type)) {
    view.setUint16(4, repr.identifier ?? 0);
    view.setUint16(6, repr.sequence ?? 0);
  } // errors: the 4 bytes after the checksum are unused (zero) for the types we emit
  out.set(repr.data, ICMP_HEADER_LENGTH);
  view.setUint16(2, internetChecksum(out));
  return out;
}

export interface ParsedIcmp {
  repr: IcmpRepr;
  checksum: number;
  checksumValid: boolean;
}

export function parseIcmp(bytes: Uint8Array): ParsedIcmp {
  requireLength(bytes, ICMP_HEADER_LENGTH, 'ICMP header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = bytes[0];
  const repr: IcmpRepr = { type, code: bytes[1], data: bytes.slice(ICMP_HEADER_LENGTH) };
  if (isIcmpEcho(type)) {
    repr.identifier = view.getUint16(4);
    repr.sequence = view.getUint16(6);
  }
  return { repr, checksum: view.getUint16(2), checksumValid: internetChecksum(bytes) === 0 };
}
