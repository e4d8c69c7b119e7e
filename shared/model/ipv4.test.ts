import { describe, expect, it } from 'vitest';
import {
  contains,
  formatIpv4,
  hostAddresses,
  hostRange,
  isNetworkOrBroadcast,
  parseCidr,
  parseIpv4,
  prefixFromMask,
  sameSubnet,
} from './ipv4';

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
    expect(sameSubnet('198.51.100.53/30', '198.51.100.54/30')).toBe(true);
    expect(sameSubnet('198.51.100.53/30', '198.51.100.57/30')).toBe(false);
    expect(sameSubnet('10.0.0.1/24', '10.0.0.2/25')).toBe(false);
  });

  it('lists host addresses, including /31 and /32', () => {
    expect(hostAddresses('198.51.100.52/30').map(formatIpv4)).toEqual(['198.51.100.53', '198.51.100.54']);
    expect(hostAddresses('10.0.0.0/31').map(formatIpv4)).toEqual(['10.0.0.0', '10.0.0.1']);
    expect(hostAddresses('10.0.0.9/32').map(formatIpv4)).toEqual(['10.0.0.9']);
    expect(hostRange('10.0.0.0/8')?.count).toBe(16777214);
    expect(hostAddresses('10.0.0.0/8', 3).map(formatIpv4)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
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
