// A router's rewrites go through the wire modules' header views: checked against frames captured from Linux.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../wire/address';
import { ETHERNET_HEADER_LENGTH } from '../../wire/ethernet';
import { LINUX_VETH } from '../../wire/fixtures/linux-veth';
import { IPV4_FIELDS, IPV4_HEADER_LENGTH, ipv4View } from '../../wire/ipv4';
import { emitUdp } from '../../wire/udp';
import { rewriteQuotedSource, withTtl } from './packet-edit';

const IP = ETHERNET_HEADER_LENGTH;

describe('packet edits through the views', () => {
  it('a TTL decrement keeps the header valid and changes only TTL and checksum', () => {
    const packet = fromHex(LINUX_VETH.tcpSyn).subarray(IP);
    const next = withTtl(packet, 63);
    const view = ipv4View(next);
    expect(view.ttl).toBe(63);
    expect(view.checksum).toBe(view.expectedChecksum());
    // RFC 1624: one less in the TTL byte is 0x0100 more in the checksum
    expect(view.checksum).toBe(0xfd2a + 0x0100);
    const changed = Array.from(next.keys()).filter((i) => next[i] !== packet[i]);
    expect(changed).toEqual([IPV4_FIELDS.ttl.at, IPV4_FIELDS.checksum.at]);
  });

  it('rewriting the source of an ICMP quote adjusts the quoted UDP checksum as a full recomputation would', () => {
    const frame = fromHex(LINUX_VETH.icmpPortUnreachable);
    const quoteAt = IP + IPV4_HEADER_LENGTH + 8;
    const quote = frame.subarray(quoteAt);
    const rewritten = rewriteQuotedSource(quote, '192.0.2.7', 40000);
    const ip = ipv4View(rewritten);
    expect([ip.src, ip.checksum]).toEqual(['192.0.2.7', ip.expectedChecksum()]);
    // the quote holds the whole "hello" datagram, so its checksum can be computed afresh and compared
    const whole = emitUdp({ srcPort: 40000, dstPort: 9999 }, new TextEncoder().encode('hello'), '192.0.2.7', ip.dst);
    expect(toHex(rewritten.subarray(ip.headerLength))).toBe(toHex(whole));
    // and back again: the bytes Linux quoted
    expect(toHex(rewriteQuotedSource(rewritten, '10.99.0.10', 55613))).toBe(toHex(quote));
  });
});
