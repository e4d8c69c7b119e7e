import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';
import { IP_PROTO_UDP, emitIpv4, parseIpv4 } from './ipv4';
import { ipv4Of } from './testing';

const WIKIPEDIA_HEADER = '450000730000400040 11b861c0a80001c0a800c7'.replace(/ /g, '');

describe('ipv4', () => {
  it('emits the textbook header with checksum b861 (Wikipedia "IPv4 header checksum")', () => {
    const packet = emitIpv4(
      {
        src: '192.168.0.1',
        dst: '192.168.0.199',
        protocol: IP_PROTO_UDP,
        ttl: 64,
        identification: 0,
        dontFragment: true,
      },
      new Uint8Array(0x73 - 20),
    );
    expect(toHex(packet.subarray(0, 20))).toBe(WIKIPEDIA_HEADER);
  });

  it('parses the textbook header', () => {
    const parsed = parseIpv4(fromHex(WIKIPEDIA_HEADER + '00'.repeat(0x73 - 20)));
    expect(parsed.repr).toEqual({
      src: '192.168.0.1',
      dst: '192.168.0.199',
      protocol: 17,
      ttl: 64,
      identification: 0,
      dontFragment: true,
      dscp: 0,
    });
    expect(parsed.checksum).toBe(0xb861);
    expect(parsed.checksumValid).toBe(true);
    expect(parsed.payload.length).toBe(0x73 - 20);
  });

  it('re-emits every IPv4 packet of the real Linux capture byte for byte', () => {
    const ipFrames = Object.entries(LINUX_VETH).filter(([name]) => !name.startsWith('arp'));
    expect(ipFrames.length).toBe(10);
    for (const [name, hex] of ipFrames) {
      const parsed = ipv4Of(hex);
      expect(parsed.checksumValid, name).toBe(true);
      expect(toHex(emitIpv4(parsed.repr, parsed.payload)), name).toBe(hex.slice(28));
    }
  });

  it('reads DSCP and DF as Linux sets them on an ICMP error (TOS 0xc0, DF clear)', () => {
    const { repr } = ipv4Of(LINUX_VETH.icmpPortUnreachable);
    expect(repr.dscp).toBe(48);
    expect(repr.dontFragment).toBe(false);
  });

  it('trims Ethernet padding using the total length', () => {
    const packet = emitIpv4(
      { src: '10.0.0.1', dst: '10.0.0.2', protocol: 1, ttl: 1, identification: 7, dontFragment: false },
      fromHex('0800f7ff00000000'),
    );
    const padded = new Uint8Array(46);
    padded.set(packet);
    expect(parseIpv4(padded).payload.length).toBe(8);
  });

  it('flags a bad header checksum without throwing', () => {
    const bytes = fromHex(WIKIPEDIA_HEADER + '00'.repeat(0x73 - 20));
    bytes[8] = 63; // a router decremented TTL and forgot the checksum
    const parsed = parseIpv4(bytes);
    expect(parsed.checksumValid).toBe(false);
    expect(parsed.checksum).toBe(0xb861);
  });

  it('rejects truncated packets, wrong versions and impossible lengths', () => {
    const good = fromHex(WIKIPEDIA_HEADER + '00'.repeat(0x73 - 20));
    expect(() => parseIpv4(good.subarray(0, 19))).toThrow(WireError);
    expect(() => parseIpv4(good.subarray(0, 100))).toThrow(/total length/);
    const v6 = good.slice();
    v6[0] = 0x65;
    expect(() => parseIpv4(v6)).toThrow(/version/);
    const shortIhl = good.slice();
    shortIhl[0] = 0x44;
    expect(() => parseIpv4(shortIhl)).toThrow(/header length/);
  });
});
