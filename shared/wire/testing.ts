// Test helpers shared by the wire tests (not exported from index.ts): real frames of every protocol we model,
// built with our emitters the way the engine builds them.
import { fromHex } from './address';
import { emitArp } from './arp';
import { DHCPACK, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, type DhcpRepr, emitDhcp } from './dhcp';
import { DNS_CLASS_IN, DNS_TYPE, type DnsRepr, dnsFlags, emitDns } from './dns';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, emitEthernet, parseEthernet } from './ethernet';
import { emitHttpRequest, emitHttpResponse } from './http';
import { emitIcmp } from './icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, emitIpv4, parseIpv4 } from './ipv4';
import { type TcpOptions, emitTcp, tcpFlags } from './tcp';
import { emitUdp } from './udp';

/** The IPv4 packet inside a hex Ethernet frame. */
export function ipv4Of(frameHex: string) {
  return parseIpv4(parseEthernet(fromHex(frameHex)).payload);
}

export interface SampleFrame {
  name: string;
  bytes: Uint8Array;
  /** What a reader should expect, used as the pcapng packet comment. */
  comment: string;
  /** Which link it was seen on (index into SAMPLE_LINKS). */
  link: number;
}

export const SAMPLE_LINKS = ['laptop—switch', 'router—isp', 'isp—dns'];

const PC_MAC = '02:00:00:00:00:10';
const ROUTER_MAC = '02:00:00:00:00:01';
const BROADCAST = 'ff:ff:ff:ff:ff:ff';
const PC = '192.168.1.100';
const ROUTER = '192.168.1.1';
const WAN = '203.0.113.2';
const ISP_MAC = '02:00:00:00:01:01';
const WAN_MAC = '02:00:00:00:00:02';
const RESOLVER = '198.51.100.53';
const WEB = '93.184.215.14';

function ip(
  src: string,
  dst: string,
  protocol: number,
  payload: Uint8Array,
  id: number,
  ttl = 64,
  dontFragment = true,
  dscp = 0,
) {
  return emitIpv4({ src, dst, protocol, ttl, identification: id, dontFragment, dscp }, payload);
}
const eth = (src: string, dst: string, payload: Uint8Array, etherType = ETHERTYPE_IPV4) =>
  emitEthernet({ src, dst, etherType }, payload);

export function sampleFrames(): SampleFrame[] {
  const frames: SampleFrame[] = [];
  const add = (name: string, link: number, bytes: Uint8Array, comment: string) =>
    frames.push({ name, bytes, comment, link });

  // ARP
  add(
    'arp-request',
    0,
    eth(
      PC_MAC,
      BROADCAST,
      emitArp({ op: 1, senderMac: PC_MAC, senderIp: PC, targetMac: '00:00:00:00:00:00', targetIp: ROUTER }),
      ETHERTYPE_ARP,
    ),
    'laptop asks who has the gateway address',
  );
  add(
    'arp-reply',
    0,
    eth(
      ROUTER_MAC,
      PC_MAC,
      emitArp({ op: 2, senderMac: ROUTER_MAC, senderIp: ROUTER, targetMac: PC_MAC, targetIp: PC }),
      ETHERTYPE_ARP,
    ),
    'the router answers with its MAC',
  );

  // DHCP
  const dhcp = (messageType: DhcpRepr['messageType'], server: boolean, options: DhcpRepr['options']): DhcpRepr => ({
    op: server ? 2 : 1,
    xid: 0x5a17c0de,
    secs: 0,
    broadcast: false,
    ciaddr: '0.0.0.0',
    yiaddr: server ? PC : '0.0.0.0',
    siaddr: '0.0.0.0',
    giaddr: '0.0.0.0',
    chaddr: PC_MAC,
    messageType,
    options,
  });
  const clientOpts = {
    clientId: fromHex('01' + PC_MAC.replace(/:/g, '')),
    maxMessageSize: 576,
    hostname: 'laptop',
    parameterRequestList: [1, 3, 6, 15, 28, 51, 58, 59],
  };
  const serverOpts = {
    serverId: ROUTER,
    leaseSeconds: 86400,
    renewalSeconds: 43200,
    rebindingSeconds: 75600,
    subnetMask: '255.255.255.0',
    router: [ROUTER],
    dnsServers: [ROUTER],
  };
  const fromClient = (repr: DhcpRepr, id: number) =>
    eth(
      PC_MAC,
      BROADCAST,
      ip(
        '0.0.0.0',
        '255.255.255.255',
        IP_PROTO_UDP,
        emitUdp({ srcPort: 68, dstPort: 67 }, emitDhcp(repr), '0.0.0.0', '255.255.255.255'),
        id,
        64,
        false,
        4,
      ),
    );
  const fromServer = (repr: DhcpRepr, id: number) =>
    eth(
      ROUTER_MAC,
      PC_MAC,
      ip(ROUTER, PC, IP_PROTO_UDP, emitUdp({ srcPort: 67, dstPort: 68 }, emitDhcp(repr), ROUTER, PC), id, 64, false, 4),
    );
  add(
    'dhcp-discover',
    0,
    fromClient(dhcp(DHCPDISCOVER, false, clientOpts), 0),
    'DHCP Discover: the laptop has no address yet',
  );
  add('dhcp-offer', 0, fromServer(dhcp(DHCPOFFER, true, serverOpts), 0x1001), 'DHCP Offer');
  add(
    'dhcp-request',
    0,
    fromClient(dhcp(DHCPREQUEST, false, { ...clientOpts, requestedIp: PC, serverId: ROUTER }), 0),
    'DHCP Request',
  );
  add('dhcp-ack', 0, fromServer(dhcp(DHCPACK, true, serverOpts), 0x1002), 'DHCP ACK: lease of one day');

  // DNS
  const q = [{ name: 'www.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }];
  const dnsFrame = (repr: DnsRepr, toServer: boolean, id: number, port = 41000) => {
    const [src, dst] = toServer ? [WAN, RESOLVER] : [RESOLVER, WAN];
    const udp = emitUdp(
      toServer ? { srcPort: port, dstPort: 53 } : { srcPort: 53, dstPort: port },
      emitDns(repr),
      src,
      dst,
    );
    return toServer
      ? eth(WAN_MAC, ISP_MAC, ip(src, dst, IP_PROTO_UDP, udp, id, 64, false))
      : eth(ISP_MAC, WAN_MAC, ip(src, dst, IP_PROTO_UDP, udp, id, 57, false));
  };
  const base = { questions: q, answers: [], authorities: [], additionals: [] };
  add(
    'dns-query',
    1,
    dnsFrame(
      { id: 0x1a2b, flags: dnsFlags({ rd: true }), ...base, edns: { udpPayloadSize: 1232, dnssecOk: false } },
      true,
      0x3000,
    ),
    'stub resolver query',
  );
  add(
    'dns-referral',
    2,
    dnsFrame(
      {
        id: 0xbeef,
        flags: dnsFlags({ qr: true }),
        ...base,
        authorities: [
          { name: 'com', type: DNS_TYPE.NS, class: DNS_CLASS_IN, ttl: 172800, data: 'a.gtld-servers.net' },
          { name: 'com', type: DNS_TYPE.NS, class: DNS_CLASS_IN, ttl: 172800, data: 'b.gtld-servers.net' },
        ],
        additionals: [
          { name: 'a.gtld-servers.net', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 172800, data: '192.5.6.30' },
          { name: 'b.gtld-servers.net', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 172800, data: '192.33.14.30' },
        ],
        edns: { udpPayloadSize: 1232, dnssecOk: false },
      },
      false,
      0x3001,
      52011,
    ),
    'root referral to .com with glue',
  );
  add(
    'dns-answer',
    1,
    dnsFrame(
      {
        id: 0x1a2b,
        flags: dnsFlags({ qr: true, rd: true, ra: true }),
        ...base,
        answers: [
          { name: 'www.example.com', type: DNS_TYPE.CNAME, class: DNS_CLASS_IN, ttl: 300, data: 'web.example.com' },
          { name: 'web.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 300, data: WEB },
        ],
      },
      false,
      0x3002,
    ),
    'answer: CNAME then A',
  );
  add(
    'dns-nxdomain',
    1,
    dnsFrame(
      {
        id: 0x4242,
        flags: dnsFlags({ qr: true, rd: true, ra: true, rcode: 3 }),
        ...base,
        questions: [{ name: 'nope.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }],
        authorities: [
          {
            name: 'example.com',
            type: DNS_TYPE.SOA,
            class: DNS_CLASS_IN,
            ttl: 3600,
            data: {
              mname: 'ns1.example.com',
              rname: 'hostmaster.example.com',
              serial: 2024010101,
              refresh: 7200,
              retry: 3600,
              expire: 1209600,
              minimum: 3600,
            },
          },
        ],
        edns: { udpPayloadSize: 1232, dnssecOk: true },
      },
      false,
      0x3003,
    ),
    'NXDOMAIN with the zone SOA for negative caching',
  );

  // TCP + HTTP
  const client = { ip: WAN, port: 51234 };
  const server = { ip: WEB, port: 80 };
  const isnC = 0x2f1e3d4c;
  const isnS = 0xa1b2c3d4;
  let ipId = 0x4000;
  const tcp = (
    fromClient: boolean,
    seq: number,
    ack: number,
    flags: Parameters<typeof tcpFlags>[0],
    payload: Uint8Array,
    options: TcpOptions,
    window: number,
  ) => {
    const [s, d] = fromClient ? [client, server] : [server, client];
    const segment = emitTcp(
      { srcPort: s.port, dstPort: d.port, seq, ack, flags: tcpFlags(flags), window, options },
      payload,
      s.ip,
      d.ip,
    );
    const packet = ip(s.ip, d.ip, IP_PROTO_TCP, segment, fromClient ? ipId++ : 0, fromClient ? 64 : 55, true);
    return fromClient ? eth(WAN_MAC, ISP_MAC, packet) : eth(ISP_MAC, WAN_MAC, packet);
  };
  const ts = (value: number, echo: number) => ({ timestamp: { value, echo } });
  const none = new Uint8Array(0);
  add(
    'tcp-syn',
    1,
    tcp(true, isnC, 0, { syn: true }, none, { mss: 1460, sackPermitted: true, ...ts(1000, 0), windowScale: 7 }, 64240),
    'SYN',
  );
  add(
    'tcp-syn-ack',
    1,
    tcp(
      false,
      isnS,
      isnC + 1,
      { syn: true, ack: true },
      none,
      { mss: 1460, sackPermitted: true, ...ts(5000, 1000), windowScale: 7 },
      65160,
    ),
    'SYN-ACK',
  );
  add(
    'tcp-ack',
    1,
    tcp(true, isnC + 1, isnS + 1, { ack: true }, none, ts(1001, 5000), 502),
    'ACK completes the handshake',
  );
  const get = emitHttpRequest({
    method: 'GET',
    target: '/',
    version: 'HTTP/1.1',
    headers: [
      ['Host', 'www.example.com'],
      ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64)'],
      ['Accept', 'text/html'],
      ['Connection', 'keep-alive'],
    ],
    body: none,
  });
  add('http-get', 1, tcp(true, isnC + 1, isnS + 1, { psh: true, ack: true }, get, ts(1002, 5000), 502), 'HTTP GET');
  const html = new TextEncoder().encode(
    '<!doctype html><html><head><title>Example Domain</title></head><body><p>Hello</p></body></html>\n',
  );
  const ok = emitHttpResponse({
    version: 'HTTP/1.1',
    status: 200,
    reason: 'OK',
    headers: [
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Content-Length', String(html.length)],
      ['Cache-Control', 'max-age=600'],
    ],
    body: html,
  });
  add(
    'http-200',
    1,
    tcp(false, isnS + 1, isnC + 1 + get.length, { psh: true, ack: true }, ok, ts(5010, 1002), 509),
    'HTTP 200 with the page',
  );
  add(
    'tcp-fin-ack',
    1,
    tcp(true, isnC + 1 + get.length, isnS + 1 + ok.length, { fin: true, ack: true }, none, ts(1010, 5010), 501),
    'the browser closes',
  );

  // ICMP
  const echoData = new TextEncoder().encode('abcdefghijklmnopqrstuvwabcdefghi');
  add(
    'icmp-echo-request',
    0,
    eth(
      PC_MAC,
      ROUTER_MAC,
      ip(
        PC,
        ROUTER,
        IP_PROTO_ICMP,
        emitIcmp({ type: 8, code: 0, identifier: 0x0b0c, sequence: 1, data: echoData }),
        0x5000,
      ),
    ),
    'ping',
  );
  add(
    'icmp-echo-reply',
    0,
    eth(
      ROUTER_MAC,
      PC_MAC,
      ip(
        ROUTER,
        PC,
        IP_PROTO_ICMP,
        emitIcmp({ type: 0, code: 0, identifier: 0x0b0c, sequence: 1, data: echoData }),
        0x9000,
        64,
        false,
      ),
    ),
    'pong',
  );
  const expiring = ip(
    WAN,
    WEB,
    IP_PROTO_TCP,
    emitTcp(
      {
        srcPort: 51234,
        dstPort: 80,
        seq: isnC,
        ack: 0,
        flags: tcpFlags({ syn: true }),
        window: 64240,
        options: { mss: 1460 },
      },
      none,
      WAN,
      WEB,
    ),
    0x4100,
    1,
  );
  const quote = expiring.slice(0, 28);
  add(
    'icmp-time-exceeded',
    1,
    eth(
      ISP_MAC,
      WAN_MAC,
      ip('198.51.100.1', WAN, IP_PROTO_ICMP, emitIcmp({ type: 11, code: 0, data: quote }), 0x7000, 64, false, 48),
    ),
    'a router on the way drops the packet whose TTL reached zero and says so',
  );
  return frames;
}
