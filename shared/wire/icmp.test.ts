import { describe, expect, it } from 'vitest';
import { toHex } from './address';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';
import {
  ICMP_DEST_UNREACHABLE,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_TIME_EXCEEDED,
  emitIcmp,
  parseIcmp,
} from './icmp';
import { emitIpv4, parseIpv4 } from './ipv4';
import { ipv4Of } from './testing';

const enc = new TextEncoder();

describe('icmp', () => {
  it('emits the exact echo request and reply of the real Linux capture', () => {
    const request = emitIcmp({
      type: ICMP_ECHO_REQUEST,
      code: 0,
      identifier: 0xa218,
      sequence: 1,
      data: enc.encode('packet-journey'),
    });
    expect(toHex(request)).toBe(toHex(ipv4Of(LINUX_VETH.icmpEchoRequest).payload));
    const reply = emitIcmp({
      type: ICMP_ECHO_REPLY,
      code: 0,
      identifier: 0xa218,
      sequence: 1,
      data: enc.encode('packet-journey'),
    });
    expect(toHex(reply)).toBe(toHex(ipv4Of(LINUX_VETH.icmpEchoReply).payload));
  });

  it('parses the real port unreachable and its quoted datagram', () => {
    const parsed = parseIcmp(ipv4Of(LINUX_VETH.icmpPortUnreachable).payload);
    expect(parsed.checksumValid).toBe(true);
    expect(parsed.repr.type).toBe(ICMP_DEST_UNREACHABLE);
    expect(parsed.repr.code).toBe(3);
    expect(parsed.repr.identifier).toBeUndefined();
    expect(toHex(emitIcmp(parsed.repr))).toBe(toHex(ipv4Of(LINUX_VETH.icmpPortUnreachable).payload));
    // the quote is the whole UDP packet Linux sent, IP header first
    expect(toHex(parsed.repr.data)).toBe(LINUX_VETH.udpHello.slice(28));
  });

  it('round-trips a time exceeded that quotes an IP header and 8 bytes', () => {
    const expired = emitIpv4(
      { src: '192.168.1.100', dst: '93.184.215.14', protocol: 6, ttl: 1, identification: 0x1234, dontFragment: true },
      new Uint8Array(20),
    );
    const quote = expired.subarray(0, 28);
    const bytes = emitIcmp({ type: ICMP_TIME_EXCEEDED, code: 0, data: quote });
    expect(toHex(bytes.subarray(4, 8))).toBe('00000000');
    const parsed = parseIcmp(bytes);
    expect(parsed.checksumValid).toBe(true);
    expect(parsed.repr).toEqual({ type: 11, code: 0, data: quote });
    expect(parseIpv4(Uint8Array.from([...parsed.repr.data.subarray(0, 20), ...new Uint8Array(20)])).repr.ttl).toBe(1);
  });

  it('rejects a truncated header and flags a bad checksum', () => {
    expect(() => parseIcmp(new Uint8Array(7))).toThrow(WireError);
    const bytes = emitIcmp({ type: 8, code: 0, identifier: 1, sequence: 2, data: new Uint8Array(4) });
    bytes[9] = 1;
    expect(parseIcmp(bytes).checksumValid).toBe(false);
  });
});
