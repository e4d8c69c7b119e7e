// Header views, smoltcp-style: each protocol's wire file says once where its header fields sit (a `Span` per field,
// counted from the start of the header) and offers a view that reads and writes those fields in place over a frame's
// bytes. The parser and emitter, the dissector (the byte ranges it shows), the engine's in-flight rewrites and the
// replay all go through the same table, so an offset is written down in one place per protocol.
import { ipv4FromBytes, ipv4ToBytes, macFromBytes, macToBytes } from './address';

/** Where a header field lies: bytes from the start of its header, and how many. */
export interface Span {
  readonly at: number;
  readonly length: number;
}

export function span(at: number, length: number): Span {
  return { at, length };
}

/** A field's offset and length in the frame, for a header starting at `headerOffset`. */
export function within(headerOffset: number, field: Span): [offset: number, length: number] {
  return [headerOffset + field.at, field.length];
}

/** The first byte after a fixed layout (the end of its last field). */
export function layoutEnd(layout: Record<string, Span>): number {
  return Math.max(...Object.values(layout).map((f) => f.at + f.length));
}

/**
 * The bytes of one header inside a larger buffer (a frame, an IP packet, an ICMP quote). Reads and writes are
 * big-endian, as on the wire, and unchecked: callers ask `has(n)` first where the bytes may be short.
 */
export class HeaderView {
  constructor(
    readonly bytes: Uint8Array,
    readonly offset = 0,
  ) {}

  /** Whether the first `length` bytes of the header are there. */
  has(length: number): boolean {
    return this.offset >= 0 && this.offset + length <= this.bytes.length;
  }

  /** Where a field starts in `bytes`. */
  where(field: Span): number {
    return this.offset + field.at;
  }

  /** A field's bytes (shared, not copied). */
  slice(field: Span): Uint8Array {
    const at = this.offset + field.at;
    return this.bytes.subarray(at, at + field.length);
  }

  protected u8(field: Span): number {
    return this.bytes[this.offset + field.at];
  }

  protected u16(field: Span): number {
    const at = this.offset + field.at;
    return (this.bytes[at] << 8) | this.bytes[at + 1];
  }

  protected u32(field: Span): number {
    const b = this.bytes;
    const at = this.offset + field.at;
    return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }

  protected ipv4(field: Span): string {
    return ipv4FromBytes(this.bytes, this.offset + field.at);
  }

  protected mac(field: Span): string {
    return macFromBytes(this.bytes, this.offset + field.at);
  }

  protected setU8(field: Span, value: number): void {
    this.bytes[this.offset + field.at] = value & 0xff;
  }

  protected setU16(field: Span, value: number): void {
    const at = this.offset + field.at;
    this.bytes[at] = (value >>> 8) & 0xff;
    this.bytes[at + 1] = value & 0xff;
  }

  protected setU32(field: Span, value: number): void {
    const at = this.offset + field.at;
    const b = this.bytes;
    b[at] = (value >>> 24) & 0xff;
    b[at + 1] = (value >>> 16) & 0xff;
    b[at + 2] = (value >>> 8) & 0xff;
    b[at + 3] = value & 0xff;
  }

  protected setIpv4(field: Span, address: string): void {
    this.bytes.set(ipv4ToBytes(address), this.offset + field.at);
  }

  protected setMac(field: Span, address: string): void {
    this.bytes.set(macToBytes(address), this.offset + field.at);
  }
}
