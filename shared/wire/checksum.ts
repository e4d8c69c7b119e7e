// RFC 1071 Internet checksum, used by IPv4, ICMP, UDP and TCP.
import { ipv4ToBytes } from './address';

/**
 * Ones'-complement sum of the 16-bit big-endian words of the concatenation of `chunks`, folded to 16 bits
 * (not complemented). Chunks may have odd lengths: the sum continues across chunk boundaries as if they were one buffer.
 */
export function onesComplementSum(...chunks: Uint8Array[]): number {
  let sum = 0;
  let high = true; // whether the next byte is the high byte of a word
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      sum += high ? chunk[i] << 8 : chunk[i];
      high = !high;
    }
    // fold occasionally so the sum never leaves the exact range of a double
    sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum of the concatenation of `chunks`: the complement of their ones'-complement sum. */
export function internetChecksum(...chunks: Uint8Array[]): number {
  return ~onesComplementSum(...chunks) & 0xffff;
}

/** The 12-byte IPv4 pseudo-header that UDP and TCP checksums cover. */
export function pseudoHeader(srcIp: string, dstIp: string, protocol: number, length: number): Uint8Array {
  const out = new Uint8Array(12);
  out.set(ipv4ToBytes(srcIp), 0);
  out.set(ipv4ToBytes(dstIp), 4);
  out[9] = protocol;
  out[10] = (length >>> 8) & 0xff;
  out[11] = length & 0xff;
  return out;
}

/** The folded ones'-complement sum of the IPv4 pseudo-header (to be added into a transport checksum). */
export function pseudoHeaderSum(srcIp: string, dstIp: string, protocol: number, length: number): number {
  return onesComplementSum(pseudoHeader(srcIp, dstIp, protocol, length));
}
