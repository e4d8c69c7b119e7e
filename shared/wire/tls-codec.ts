// The TLS presentation language's building blocks (RFC 8446 §3): big-endian integers and length-prefixed vectors.
import { WireError } from './error';

export class TlsWriter {
  private chunks: number[] = [];

  u8(v: number): this {
    this.chunks.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >> 8).u8(v);
  }
  u24(v: number): this {
    return this.u8(v >> 16)
      .u8(v >> 8)
      .u8(v);
  }
  bytes(b: Uint8Array): this {
    for (let i = 0; i < b.length; i++) this.chunks.push(b[i]);
    return this;
  }
  /** A vector whose length is written in `lengthBytes` bytes before it. */
  vector(lengthBytes: 1 | 2 | 3, body: Uint8Array | ((w: TlsWriter) => void)): this {
    const bytes =
      body instanceof Uint8Array
        ? body
        : (() => {
            const inner = new TlsWriter();
            body(inner);
            return inner.finish();
          })();
    if (bytes.length >= 2 ** (8 * lengthBytes)) throw new WireError(`TLS: vector of ${bytes.length} bytes is too long`);
    if (lengthBytes === 1) this.u8(bytes.length);
    else if (lengthBytes === 2) this.u16(bytes.length);
    else this.u24(bytes.length);
    return this.bytes(bytes);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

export class TlsReader {
  offset: number;

  constructor(
    readonly buf: Uint8Array,
    readonly what: string,
    offset = 0,
    readonly end = buf.length,
  ) {
    this.offset = offset;
  }

  private need(n: number): void {
    if (this.offset + n > this.end) throw new WireError(`${this.what}: cut short`, this.offset);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.offset++];
  }
  u16(): number {
    this.need(2);
    const v = (this.buf[this.offset] << 8) | this.buf[this.offset + 1];
    this.offset += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = (this.buf[this.offset] << 16) | (this.buf[this.offset + 1] << 8) | this.buf[this.offset + 2];
    this.offset += 3;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  /** Reads a length-prefixed vector and returns a reader over just its body (and skips past it). */
  vector(lengthBytes: 1 | 2 | 3): TlsReader {
    const n = lengthBytes === 1 ? this.u8() : lengthBytes === 2 ? this.u16() : this.u24();
    this.need(n);
    const inner = new TlsReader(this.buf, this.what, this.offset, this.offset + n);
    this.offset += n;
    return inner;
  }
  /** Reads a length-prefixed vector's body bytes. */
  vectorBytes(lengthBytes: 1 | 2 | 3): Uint8Array {
    const inner = this.vector(lengthBytes);
    return this.buf.slice(inner.offset, inner.end);
  }
  get remaining(): number {
    return this.end - this.offset;
  }
  done(): void {
    if (this.offset !== this.end)
      throw new WireError(`${this.what}: ${this.end - this.offset} unexpected bytes`, this.offset);
  }
}

// One byte joiner for every wire format.
export { concatBytes } from './address';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

export function asciiBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, one line (how a file stores certificates and keys). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63];
    s += i + 1 < bytes.length ? BASE64_ALPHABET[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? BASE64_ALPHABET[n & 63] : '=';
  }
  return s;
}

/** Decodes standard base64 (whitespace ignored); undefined for anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/\s+/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (s[i + j] === '=' ? 0 : BASE64_ALPHABET.indexOf(s[i + j]));
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}
