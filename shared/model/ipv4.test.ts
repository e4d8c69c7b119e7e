import { describe, expect, it } from 'vitest';
import { contains, formatIpv4, hostRange, isNetworkOrBroadcast, parseCidr, parseIpv4, prefixFromMask } from './ipv4';

describe('ipv4', () => {
  it('parses and formats dotted quads as uint32', () => {
    expect(parseIpv4('192.168.0.1')).toBe(0xc0a80001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(formatIpv4(0xc0a80001)).toBe('192.168.0.1');
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-1', '', 'a.b.c.d', '1.2.3.4 ']) {
      expect(parseIpv4(bad), bad).toBeUndefined();
    }
  });

  it('parses a CIDR into address, network, broadcast and mask', () => {
    expect(parseCidr('192.168.0.77/24')).toEqual({
      address: 0xc0a8004d,
      prefix: 24,
      network: 0xc0a80000,
      broadcast: 0xc0a800ff,
      mask: 0xffffff00,
    });
    expect(parseCidr('0.0.0.0/0')).toEqual({ address: 0, prefix: 0, network: 0, broadcast: 0xffffffff, mask: 0 });
    expect(parseCidr('203.0.113.80/32')?.broadcast).toBe(parseIpv4('203.0.113.80'));
    expect(parseCidr('10.0.0.1/33')).toBeUndefined();
    expect(parseCidr('10.0.0.1')).toBeUndefined();
  });

  it('answers subnet membership', () => {
    expect(contains('203.0.113.65/27', '203.0.113.80')).toBe(true);
    expect(contains('203.0.113.65/27', '203.0.113.96')).toBe(false);
    expect(contains('0.0.0.0/0', '8.8.8.8')).toBe(true);
  });

  it('gives the range of host addresses, including /31 and /32', () => {
    const range = (cidr: string) => {
      const r = hostRange(cidr)!;
      return [formatIpv4(r.first), formatIpv4(r.last), r.count];
    };
    expect(range('198.51.100.52/30')).toEqual(['198.51.100.53', '198.51.100.54', 2]);
    expect(range('10.0.0.0/31')).toEqual(['10.0.0.0', '10.0.0.1', 2]);
    expect(range('10.0.0.9/32')).toEqual(['10.0.0.9', '10.0.0.9', 1]);
    expect(range('10.0.0.0/8')).toEqual(['10.0.0.1', '10.255.255.254', 16777214]);
    expect(hostRange('10.0.0.0/33')).toBeUndefined();
    expect(isNetworkOrBroadcast('192.168.0.0/24')).toBe('network');
    expect(isNetworkOrBroadcast('192.168.0.255/24')).toBe('broadcast');
    expect(isNetworkOrBroadcast('192.168.0.1/24')).toBeUndefined();
    expect(isNetworkOrBroadcast('10.0.0.0/31')).toBeUndefined();
  });

  it('turns a netmask back into a prefix', () => {
    expect(prefixFromMask(0xffffff00)).toBe(24);
    expect(prefixFromMask(0)).toBe(0);
    expect(prefixFromMask(0xff00ff00)).toBeUndefined();
  });
});
