import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { emitArp, parseArp } from './arp';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';

const body = (frameHex: string) => frameHex.slice(28); // after the 14-byte Ethernet header

describe('arp', () => {
  it('emits the exact bytes of a real Linux ARP request', () => {
    const bytes = emitArp({
      op: 1,
      senderMac: '02:00:00:00:00:0a',
      senderIp: '10.99.0.10',
      targetMac: '00:00:00:00:00:00',
      targetIp: '10.99.0.1',
    });
    expect(toHex(bytes)).toBe(body(LINUX_VETH.arpRequest));
  });

  it('parses a real Linux ARP reply and emits it back identically', () => {
    const repr = parseArp(fromHex(body(LINUX_VETH.arpReply)));
    expect(repr).toEqual({
      op: 2,
      senderMac: '02:00:00:00:00:0b',
      senderIp: '10.99.0.1',
      targetMac: '02:00:00:00:00:0a',
      targetIp: '10.99.0.10',
    });
    expect(toHex(emitArp(repr))).toBe(body(LINUX_VETH.arpReply));
  });

  it('ignores Ethernet padding after the 28 bytes', () => {
    const padded = fromHex(body(LINUX_VETH.arpReply) + '00'.repeat(18));
    expect(parseArp(padded).senderIp).toBe('10.99.0.1');
  });

  it('rejects truncated packets, other hardware types and unknown operations', () => {
    const good = fromHex(body(LINUX_VETH.arpReply));
    expect(() => parseArp(good.subarray(0, 27))).toThrow(WireError);
    const ieee802 = good.slice();
    ieee802[1] = 6;
    expect(() => parseArp(ieee802)).toThrow(WireError);
    const rarp = good.slice();
    rarp[7] = 3;
    expect(() => parseArp(rarp)).toThrow(/operation 3/);
  });

  it('rejects malformed addresses on emit', () => {
    expect(() =>
      emitArp({
        op: 1,
        senderMac: '02:00:00:00:00',
        senderIp: '10.0.0.1',
        targetMac: '00:00:00:00:00:00',
        targetIp: '10.0.0.2',
      }),
    ).toThrow(WireError);
    expect(() =>
      emitArp({
        op: 1,
        senderMac: '02:00:00:00:00:01',
        senderIp: '10.0.0.256',
        targetMac: '00:00:00:00:00:00',
        targetIp: '10.0.0.2',
      }),
    ).toThrow(WireError);
  });
});
