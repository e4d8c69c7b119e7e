// ICMP for IPv4 (RFC 792): echo request/reply and the error messages that quote the offending datagram.
import { internetChecksum } from './checksum';
import { requireLength } from './error';
import { HeaderView, layoutEnd, span } from './view';

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

/** Where the fields of an ICMP header sit (RFC 792); echo messages use `rest` as identifier and sequence. */
export const ICMP_FIELDS = {
  type: span(0, 1),
  code: span(1, 1),
  checksum: span(2, 2),
  rest: span(4, 4),
  identifier: span(4, 2),
  sequence: span(6, 2),
  /** Echo data, or the quoted datagram of an error. */
  data: span(8, 0),
} as const;
export const ICMP_HEADER_LENGTH = layoutEnd(ICMP_FIELDS);

const F = ICMP_FIELDS;

/** An ICMP header in place. */
export class IcmpView extends HeaderView {
  get type(): number {
    return this.u8(F.type);
  }
  set type(value: number) {
    this.setU8(F.type, value);
  }
  get code(): number {
    return this.u8(F.code);
  }
  set code(value: number) {
    this.setU8(F.code, value);
  }
  get checksum(): number {
    return this.u16(F.checksum);
  }
  set checksum(value: number) {
    this.setU16(F.checksum, value);
  }
  get identifier(): number {
    return this.u16(F.identifier);
  }
  set identifier(value: number) {
    this.setU16(F.identifier, value);
  }
  get sequence(): number {
    return this.u16(F.sequence);
  }
  set sequence(value: number) {
    this.setU16(F.sequence, value);
  }
}

export function icmpView(bytes: Uint8Array, offset = 0): IcmpView {
  return new IcmpView(bytes, offset);
}

export function isIcmpEcho(type: number): boolean {
  return type === ICMP_ECHO_REQUEST || type === ICMP_ECHO_REPLY;
}

export function emitIcmp(repr: IcmpRepr): Uint8Array {
  const out = new Uint8Array(ICMP_HEADER_LENGTH + repr.data.length);
  const icmp = icmpView(out);
  icmp.type = repr.type;
  icmp.code = repr.code;
  if (isIcmpEcho(repr.type)) {
    icmp.identifier = repr.identifier ?? 0;
    icmp.sequence = repr.sequence ?? 0;
  } // errors: the 4 bytes after the checksum are unused (zero) for the types we emit
  out.set(repr.data, F.data.at);
  icmp.checksum = internetChecksum(out);
  return out;
}

export interface ParsedIcmp {
  repr: IcmpRepr;
  checksum: number;
  checksumValid: boolean;
}

export function parseIcmp(bytes: Uint8Array): ParsedIcmp {
  requireLength(bytes, ICMP_HEADER_LENGTH, 'ICMP header');
  const icmp = icmpView(bytes);
  const type = icmp.type;
  const repr: IcmpRepr = { type, code: icmp.code, data: bytes.slice(F.data.at) };
  if (isIcmpEcho(type)) {
    repr.identifier = icmp.identifier;
    repr.sequence = icmp.sequence;
  }
  return { repr, checksum: icmp.checksum, checksumValid: internetChecksum(bytes) === 0 };
}
