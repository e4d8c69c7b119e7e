import { describe, expect, it } from 'vitest';
import { toHex } from './address';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';
import { ipv4Of } from './testing';
import { emitUdp, parseUdp } from './udp';

const enc = new TextEncoder();

describe('udp', () => {
  it('emits the exact datagram Linux sent, checksum included', () => {
    const bytes = emitUdp({ srcPort: 55613, dstPort: 9999 }, enc.encode('hello'), '10.99.0.10', '10.99.0.1');
    expect(toHex(bytes)).toBe(toHex(ipv4Of(LINUX_VETH.udpHello).payload));
  });

  it('parses it back', () => {
    const ip = ipv4Of(LINUX_VETH.udpHello);
    const parsed = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
    expect(parsed.repr).toEqual({ srcPort: 55613, dstPort: 9999 });
    expect(new TextDecoder().decode(parsed.payload)).toBe('hello');
    expect(parsed.checksum).toBe(0xa6e4);
    expect(parsed.checksumValid).toBe(true);
  });

  it('detects a wrong pseudo-header (as after a NAT rewrite without checksum update)', () => {
    const ip = ipv4Of(LINUX_VETH.udpHello);
    expect(parseUdp(ip.payload, '10.99.0.11', ip.repr.dst).checksumValid).toBe(false);
  });

  it('sends a computed checksum of 0 as ffff and accepts 0 as "no checksum"', () => {
    const zeroPayload = emitUdp({ srcPort: 1, dstPort: 2 }, new Uint8Array(2), '10.0.0.1', '10.0.0.2');
    const c = (zeroPayload[6] << 8) | zeroPayload[7];
    // a payload word equal to that checksum makes the complemented sum 0
    const bytes = emitUdp({ srcPort: 1, dstPort: 2 }, Uint8Array.of(c >> 8, c & 0xff), '10.0.0.1', '10.0.0.2');
    expect(toHex(bytes.subarray(6, 8))).toBe('ffff');
    expect(parseUdp(bytes, '10.0.0.1', '10.0.0.2').checksumValid).toBe(true);
    const unchecked = bytes.slice();
    unchecked[6] = 0;
    unchecked[7] = 0;
    expect(parseUdp(unchecked, '10.0.0.1', '10.0.0.2').checksumValid).toBe(true);
  });

  it('rejects bad lengths', () => {
    const bytes = emitUdp({ srcPort: 1, dstPort: 2 }, new Uint8Array(4), '10.0.0.1', '10.0.0.2');
    expect(() => parseUdp(bytes.subarray(0, 7), '10.0.0.1', '10.0.0.2')).toThrow(WireError);
    expect(() => parseUdp(bytes.subarray(0, 10), '10.0.0.1', '10.0.0.2')).toThrow(/length 12/);
    const tiny = bytes.slice();
    tiny[5] = 4;
    expect(() => parseUdp(tiny, '10.0.0.1', '10.0.0.2')).toThrow(/< 8/);
  });
});
