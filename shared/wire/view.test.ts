// The header views against known-good bytes: frames captured from real Linux stacks, Wireshark's DHCP sample and a
// hand-laid DNS answer (checked with the dns-packet library); writes through a view must give the bytes Linux sent.
import { describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { fromHex, toHex } from './address';
import { ARP_LENGTH, arpView } from './arp';
import { DHCP_OPTIONS_OFFSET, dhcpView } from './dhcp';
import {
  DNS_HEADER_FIELDS,
  DNS_HEADER_LENGTH,
  DNS_QUESTION_FIXED_LENGTH,
  DNS_SOA_NUMBERS_LENGTH,
  dnsHeaderView,
} from './dns';
import { ETHERNET_HEADER_LENGTH, ethernetView } from './ethernet';
import { ICMP_HEADER_LENGTH, icmpView } from './icmp';
import { IPV4_FIELDS, IPV4_HEADER_LENGTH, ipv4View } from './ipv4';
import { TCP_FLAG, TCP_HEADER_LENGTH, tcpView } from './tcp';
import { UDP_HEADER_LENGTH, udpView } from './udp';
import { within } from './view';
import { LINUX_VETH } from './fixtures/linux-veth';

const IP = ETHERNET_HEADER_LENGTH;

describe('header views', () => {
  it('give the fixed header lengths of the RFCs, measured from their field tables', () => {
    expect({
      ethernet: ETHERNET_HEADER_LENGTH,
      arp: ARP_LENGTH,
      ipv4: IPV4_HEADER_LENGTH,
      icmp: ICMP_HEADER_LENGTH,
      udp: UDP_HEADER_LENGTH,
      tcp: TCP_HEADER_LENGTH,
      dns: DNS_HEADER_LENGTH,
      dnsQuestion: DNS_QUESTION_FIXED_LENGTH,
      soaNumbers: DNS_SOA_NUMBERS_LENGTH,
    }).toEqual({ ethernet: 14, arp: 28, ipv4: 20, icmp: 8, udp: 8, tcp: 20, dns: 12, dnsQuestion: 4, soaNumbers: 20 });
  });

  it('read a captured TCP SYN at its offsets in the frame', () => {
    const frame = fromHex(LINUX_VETH.tcpSyn);
    const eth = ethernetView(frame);
    expect([eth.dst, eth.src, eth.etherType]).toEqual(['02:00:00:00:00:0b', '02:00:00:00:00:0a', 0x0800]);
    const ip = ipv4View(frame, IP);
    expect({
      version: ip.version,
      headerLength: ip.headerLength,
      totalLength: ip.totalLength,
      identification: ip.identification,
      dontFragment: ip.dontFragment,
      ttl: ip.ttl,
      protocol: ip.protocol,
      checksum: ip.checksum,
      src: ip.src,
      dst: ip.dst,
    }).toEqual({
      version: 4,
      headerLength: 20,
      totalLength: 60,
      identification: 0x28c1,
      dontFragment: true,
      ttl: 64,
      protocol: 6,
      checksum: 0xfd2a,
      src: '10.99.0.10',
      dst: '10.99.0.1',
    });
    expect(ip.expectedChecksum()).toBe(0xfd2a);
    const tcp = tcpView(frame, IP + ip.headerLength);
    expect([tcp.srcPort, tcp.dstPort, tcp.seq, tcp.ack, tcp.headerLength, tcp.window, tcp.checksum]).toEqual([
      35402, 80, 0x14e92aef, 0, 40, 64240, 0x482b,
    ]);
    expect(tcp.flags).toBe(TCP_FLAG.syn);
  });

  it('write through a view gives the bytes Linux sent', () => {
    const sent = fromHex(LINUX_VETH.tcpSynAck);
    const copy = sent.slice();
    const ip = ipv4View(copy, IP);
    ip.ttl = 1;
    ip.src = '1.2.3.4';
    ip.fillChecksum();
    expect(toHex(copy)).not.toBe(toHex(sent));
    ip.ttl = 64;
    ip.src = '10.99.0.1';
    ip.fillChecksum();
    expect(toHex(copy)).toBe(toHex(sent));
  });

  it('the field table is where the bytes are: a field read by hand at its span matches the view', () => {
    const frame = fromHex(LINUX_VETH.udpHello);
    const [srcAt, srcLength] = within(IP, IPV4_FIELDS.src);
    expect(Array.from(frame.subarray(srcAt, srcAt + srcLength)).join('.')).toBe(ipv4View(frame, IP).src);
    const udp = udpView(frame, IP + IPV4_HEADER_LENGTH);
    expect([udp.srcPort, udp.dstPort, udp.length, udp.checksum]).toEqual([55613, 9999, 13, 0xa6e4]);
  });

  it('read ARP and ICMP as captured', () => {
    const arp = arpView(fromHex(LINUX_VETH.arpReply), IP);
    expect(arp.isEthernetIpv4).toBe(true);
    expect([arp.opcode, arp.senderMac, arp.senderIp, arp.targetMac, arp.targetIp]).toEqual([
      2,
      '02:00:00:00:00:0b',
      '10.99.0.1',
      '02:00:00:00:00:0a',
      '10.99.0.10',
    ]);
    const echo = icmpView(fromHex(LINUX_VETH.icmpEchoRequest), IP + IPV4_HEADER_LENGTH);
    expect([echo.type, echo.code, echo.checksum, echo.identifier, echo.sequence]).toEqual([8, 0, 0xa7dd, 0xa218, 1]);
  });

  it('read the DHCP fixed part of Wireshark’s sample Discover', () => {
    const discover = fromHex(
      '01010600' + '00003d1d' + '0000' + '0000' + '00000000'.repeat(4) + '000b8201fc42' + '00'.repeat(202) + '63825363',
    );
    const dhcp = dhcpView(discover);
    expect([dhcp.op, dhcp.isEthernet, dhcp.xid, dhcp.broadcast, dhcp.yiaddr, dhcp.chaddr, dhcp.cookie]).toEqual([
      1,
      true,
      0x3d1d,
      false,
      '0.0.0.0',
      '00:0b:82:01:fc:42',
      0x63825363,
    ]);
    expect(DHCP_OPTIONS_OFFSET).toBe(240); // 236 bytes of BOOTP, the 4-byte cookie
  });

  it('read a DNS answer header the way dns-packet decodes it', () => {
    const answer = fromHex(
      'abcd85800001000100000000' +
        '03777777076578616d706c6503636f6d00' +
        '00010001' +
        'c00c00010001' +
        '0000012c0004' +
        '5db8d822',
    );
    const decoded = dnsPacket.decode(Buffer.from(answer));
    const dns = dnsHeaderView(answer);
    expect(dns.id).toBe(decoded.id);
    expect([dns.flags.qr, dns.flags.aa, dns.flags.rd, dns.flags.rcode]).toEqual([true, true, true, 0]);
    expect([dns.questionCount, dns.answerCount, dns.authorityCount, dns.additionalCount]).toEqual([
      decoded.questions?.length,
      decoded.answers?.length,
      0,
      0,
    ]);
    expect(dns.where(DNS_HEADER_FIELDS.questions)).toBe(12);
  });

  it('reject what is not there: has() says whether the header fits', () => {
    const short = fromHex(LINUX_VETH.tcpSyn).subarray(0, IP + 10);
    expect(ipv4View(short, IP).has(IPV4_HEADER_LENGTH)).toBe(false);
    expect(ipv4View(short, IP).has(10)).toBe(true);
  });
});
