/** Thrown by every `parse*` function of `shared/wire` when the bytes do not form a valid header. */
export class WireError extends Error {
  /** Byte offset (relative to the buffer given to the parser) where the problem was found, when known. */
  readonly offset?: number;

  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'WireError';
    this.offset = offset;
  }
}

/** Throws a WireError unless `bytes` holds at least `needed` bytes. */
export function requireLength(bytes: Uint8Array, needed: number, what: string): void {
  if (bytes.length < needed) {
    throw new WireError(`${what}: need ${needed} bytes, got ${bytes.length}`, bytes.length);
  }
}
