// Conversions between the string addresses used in Reprs and their wire bytes.
import { WireError } from './error';

/** The address as an unsigned 32-bit number; throws WireError unless it is four decimal octets 0–255. */
export function ipv4ToNumber(address: string): number {
  // hand-rolled: this runs for every checksum and every emitted header
  let value = 0;
  let octet = -1;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= address.length; i++) {
    const c = i < address.length ? address.charCodeAt(i) : 46; // treat the end as a final '.'
    if (c >= 48 && c <= 57 && digits < 3) {
      octet = (octet < 0 ? 0 : octet * 10) + (c - 48);
      digits++;
    } else if (c === 46 && digits > 0 && octet <= 255) {
      value = value * 256 + octet;
      octet = -1;
      digits = 0;
      if (i < address.length) dots++;
    } else {
      throw new WireError(`not an IPv4 address: "${address}"`);
    }
  }
  if (dots !== 3) throw new WireError(`not an IPv4 address: "${address}"`);
  return value;
}

export function ipv4ToBytes(address: string): Uint8Array {
  const n = ipv4ToNumber(address);
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

export function ipv4FromBytes(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

export function macToBytes(address: string): Uint8Array {
  const parts = address.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) {
    throw new WireError(`not a MAC address: "${address}"`);
  }
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function macFromBytes(bytes: Uint8Array, offset = 0): string {
  const h = HEX_BYTE;
  const o = offset;
  return `${h[bytes[o]]}:${h[bytes[o + 1]]}:${h[bytes[o + 2]]}:${h[bytes[o + 3]]}:${h[bytes[o + 4]]}:${h[bytes[o + 5]]}`;
}

export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC = '00:00:00:00:00:00';

/** Lower-case hex without separators; handy in tests and in the inspector. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_BYTE[bytes[i]];
  return s;
}

/** Parses hex, ignoring whitespace (so multi-line hex dumps can be pasted as they are). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new WireError('bad hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
