// RFC 1071 Internet checksum, used by IPv4, ICMP, UDP and TCP.
import { ipv4ToNumber } from './address';

/**
 * Ones'-complement sum of the 16-bit big-endian words of the concatenation of `chunks`, folded to 16 bits
 * (not complemented). Chunks may have odd lengths: the sum continues across chunk boundaries as if they were one buffer.
 */
export function onesComplementSum(...chunks: Uint8Array[]): number {
  let sum = 0;
  let odd = false; // the previous chunk ended in the high byte of a word
  for (const chunk of chunks) {
    const n = chunk.length;
    let i = 0;
    if (odd && n > 0) {
      sum += chunk[0];
      i = 1;
      odd = false;
    }
    for (; i + 1 < n; i += 2) sum += (chunk[i] << 8) | chunk[i + 1];
    if (i < n) {
      sum += chunk[i] << 8;
      odd = true;
    }
    // a 64 KiB chunk adds at most 32768 × 0xffff < 2^32, so folding once per chunk keeps the sum exact
    sum = (sum >>> 16) + (sum & 0xffff);
  }
  while (sum > 0xffff) sum = (sum >>> 16) + (sum & 0xffff);
  return sum;
}

/** The Internet checksum of the concatenation of `chunks`: the complement of their ones'-complement sum. */
export function internetChecksum(...chunks: Uint8Array[]): number {
  return ~onesComplementSum(...chunks) & 0xffff;
}

/** The folded ones'-complement sum of the IPv4 pseudo-header (to be added into a transport checksum). */
export function pseudoHeaderSum(srcIp: string, dstIp: string, protocol: number, length: number): number {
  const src = ipv4ToNumber(srcIp);
  const dst = ipv4ToNumber(dstIp);
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (length & 0xffff);
  while (sum > 0xffff) sum = (sum >>> 16) + (sum & 0xffff);
  return sum;
}

/** The checksum of a UDP or TCP segment: its pseudo-header sum plus the segment, complemented. */
export function transportChecksum(srcIp: string, dstIp: string, protocol: number, segment: Uint8Array): number {
  let sum = pseudoHeaderSum(srcIp, dstIp, protocol, segment.length) + onesComplementSum(segment);
  while (sum > 0xffff) sum = (sum >>> 16) + (sum & 0xffff);
  return ~sum & 0xffff;
}
