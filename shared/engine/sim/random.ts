// Seeded randomness: ephemeral ports, TCP ISNs, DNS ids, DHCP xids, IP identification. Each device draws from its
// own stream derived from (seed, device id), so editing one device does not reshuffle the numbers of the others.

export interface Random {
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
}

/** FNV-1a of a string, mixed with a seed: stable across platforms. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for protocol identifiers (not for cryptography). */
class Mulberry32 implements Random {
  constructor(private state: number) {}

  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  int(min: number, max: number): number {
    return min + (this.u32() % (max - min + 1));
  }
}

/** One object per stream, no closures: every device of a large network has one. */
export function mulberry32(seed: number): Random {
  return new Mulberry32(seed >>> 0);
}

export function deviceRandom(seed: number, deviceId: string): Random {
  return mulberry32(hashString(deviceId, seed));
}

/** `n` bytes from a device's stream (TLS randoms, session ids, key shares): same seed, same bytes. */
export function randomBytes(rng: Random, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = rng.u32();
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
  }
  return out;
}
