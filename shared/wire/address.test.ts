import { describe, expect, it } from 'vitest';
import { fromHex, ipv4FromBytes, ipv4ToBytes, ipv4ToNumber, macFromBytes, macToBytes, toHex } from './address';
import { WireError } from './error';

describe('addresses', () => {
  it('converts IPv4 addresses both ways', () => {
    expect(ipv4ToNumber('192.168.0.1')).toBe(0xc0a80001);
    expect(ipv4ToNumber('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4ToNumber('0.0.0.0')).toBe(0);
    expect(Array.from(ipv4ToBytes('10.99.0.1'))).toEqual([10, 99, 0, 1]);
    expect(ipv4FromBytes(Uint8Array.of(0, 0, 203, 0, 113, 5), 2)).toBe('203.0.113.5');
  });

  it('rejects anything that is not four octets 0–255', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.',
      '.1.2.3',
      '1..2.3',
      '256.0.0.1',
      '1.2.3.1000',
      '1.2.3.a',
      ' 1.2.3.4',
      '1.2.3.4/24',
    ]) {
      expect(() => ipv4ToNumber(bad), bad).toThrow(WireError);
    }
  });

  it('converts MAC addresses both ways, lower-case', () => {
    expect(macFromBytes(macToBytes('02:00:00:AA:bb:0c'))).toBe('02:00:00:aa:bb:0c');
    expect(() => macToBytes('02-00-00-aa-bb-cc')).toThrow(WireError);
    expect(() => macToBytes('02:00:00:aa:bb')).toThrow(WireError);
  });

  it('converts hex both ways, ignoring whitespace', () => {
    expect(toHex(fromHex('00 ff\n10'))).toBe('00ff10');
    expect(() => fromHex('abc')).toThrow(WireError);
  });
});
