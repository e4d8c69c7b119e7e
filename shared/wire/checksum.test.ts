import { describe, expect, it } from 'vitest';
import { fromHex } from './address';
import { internetChecksum, onesComplementSum, pseudoHeaderSum } from './checksum';

describe('internet checksum', () => {
  it('matches the RFC 1071 section 3 worked example (sum ddf2)', () => {
    const bytes = fromHex('0001 f203 f4f5 f6f7');
    expect(onesComplementSum(bytes)).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('gives b861 for the textbook IPv4 header (Wikipedia "IPv4 header checksum")', () => {
    expect(internetChecksum(fromHex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7'))).toBe(0xb861);
    expect(internetChecksum(fromHex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'))).toBe(0);
  });

  it('treats chunks of odd length as one continuous buffer', () => {
    const whole = fromHex('0001f203f4f5f6f7ab');
    expect(internetChecksum(whole.subarray(0, 3), whole.subarray(3, 4), whole.subarray(4))).toBe(
      internetChecksum(whole),
    );
    expect(internetChecksum(fromHex('ab'))).toBe(~0xab00 & 0xffff);
  });

  it('sums the IPv4 pseudo-header (RFC 9293 §3.1: source, destination, zero, protocol, length) as its bytes', () => {
    const ph = Uint8Array.of(10, 99, 0, 10, 10, 99, 0, 1, 0, 6, 0, 40);
    expect(pseudoHeaderSum('10.99.0.10', '10.99.0.1', 6, 40)).toBe(onesComplementSum(ph));
  });
});
