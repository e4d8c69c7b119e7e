import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, ipv4FromBytes, macFromBytes } from './address';
import type { Field, Layer } from './field';
import { LINUX_VETH } from './fixtures/linux-veth';
import { TcpStreamTracker, parseFrame, summarizeFrame, topProtocol } from './frame';
import { latin1 } from './http';
import { sampleFrames } from './testing';

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...allFields(f.children ?? [])]);
}
function find(layers: Layer[], key: string): Field {
  const hit = allFields(layers.flatMap((l) => l.fields)).find((f) => f.key === key);
  if (!hit) throw new Error(`no field ${key}`);
  return hit;
}
function findAll(layers: Layer[], key: string): Field[] {
  return allFields(layers.flatMap((l) => l.fields)).filter((f) => f.key === key);
}

/** Every layer and field lies inside the frame, and every child inside its parent. */
function expectInBounds(layers: Layer[], length: number) {
  const check = (f: Field, lo: number, hi: number) => {
    expect(f.offset, f.key).toBeGreaterThanOrEqual(lo);
    expect(f.offset + f.length, f.key).toBeLessThanOrEqual(hi);
    for (const c of f.children ?? []) check(c, f.offset, f.offset + f.length);
  };
  for (const layer of layers) {
    expect(layer.offset).toBeGreaterThanOrEqual(0);
    expect(layer.offset + layer.length).toBeLessThanOrEqual(length);
    for (const f of layer.fields) check(f, 0, length);
  }
}

const samples = Object.fromEntries(sampleFrames().map((s) => [s.name, s.bytes]));

describe('parseFrame', () => {
  it('dissects every sample frame into the expected layers, all fields in bounds', () => {
    const expected: Record<string, string[]> = {
      'arp-request': ['ethernet', 'arp'],
      'dhcp-discover': ['ethernet', 'ipv4', 'udp', 'dhcp'],
      'dns-referral': ['ethernet', 'ipv4', 'udp', 'dns'],
      'tcp-syn': ['ethernet', 'ipv4', 'tcp'],
      'http-get': ['ethernet', 'ipv4', 'tcp', 'http'],
      'http-200': ['ethernet', 'ipv4', 'tcp', 'http'],
      'icmp-time-exceeded': ['ethernet', 'ipv4', 'icmp'],
    };
    for (const [name, bytes] of Object.entries(samples)) {
      const layers = parseFrame(bytes);
      expect(
        layers.map((l) => l.protocol),
        name,
      ).not.toContain('malformed');
      if (expected[name])
        expect(
          layers.map((l) => l.protocol),
          name,
        ).toEqual(expected[name]);
      expectInBounds(layers, bytes.length);
    }
  });

  it('gives the real offsets of a Linux SYN, field by field', () => {
    const bytes = fromHex(LINUX_VETH.tcpSyn);
    const layers = parseFrame(bytes);
    expect(find(layers, 'ethernet.src')).toMatchObject({ value: '02:00:00:00:00:0a', offset: 6, length: 6 });
    expect(find(layers, 'ipv4.ttl')).toMatchObject({ value: '64', offset: 22, length: 1 });
    expect(find(layers, 'ipv4.checksum')).toMatchObject({ value: '0xfd2a [correct]', offset: 24, length: 2 });
    expect(find(layers, 'ipv4.identification').value).toBe('0x28c1 (10433)');
    expect(find(layers, 'tcp.src_port')).toMatchObject({ value: '35402', offset: 34 });
    expect(find(layers, 'tcp.window')).toMatchObject({ value: '64240', offset: 48, length: 2 });
    expect(find(layers, 'tcp.option.mss')).toMatchObject({ value: '1460 bytes', offset: 54, length: 4 });
    expect(find(layers, 'tcp.option.sack_perm')).toMatchObject({ offset: 58, length: 2 });
    expect(find(layers, 'tcp.option.timestamp')).toMatchObject({
      value: 'TSval 3814474308, TSecr 0',
      offset: 60,
      length: 10,
    });
    expect(find(layers, 'tcp.option.nop')).toMatchObject({ offset: 70, length: 1 });
    expect(find(layers, 'tcp.option.wscale')).toMatchObject({ value: '7 (multiply by 128)', offset: 71, length: 3 });
    expect(summarizeFrame(layers)).toBe(
      '35402 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=3814474308 TSecr=0 WS=128',
    );
    expect(topProtocol(layers)).toBe('tcp');
  });

  it('shows relative sequence numbers across a stream, like Wireshark', () => {
    const tracker = new TcpStreamTracker();
    const lines = ['tcpSyn', 'tcpSynAck', 'tcpAck', 'httpGet', 'httpOk', 'serverFinAck'].map((name) =>
      summarizeFrame(parseFrame(fromHex(LINUX_VETH[name as keyof typeof LINUX_VETH]), { tcpStreams: tracker })),
    );
    expect(lines[1]).toBe(
      '80 → 35402 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM TSval=174373673 TSecr=3814474308 WS=128',
    );
    expect(lines[2]).toBe('35402 → 80 [ACK] Seq=1 Ack=1 Win=64256 Len=0');
    expect(lines[3]).toBe('GET / HTTP/1.1');
    expect(lines[4]).toBe('HTTP/1.1 200 OK');
    expect(lines[5]).toBe('80 → 35402 [FIN, ACK] Seq=41 Ack=28 Win=65152 Len=0');
  });

  it("summarizes like Wireshark's Info column", () => {
    const s = (name: string) => summarizeFrame(parseFrame(samples[name]));
    expect(s('arp-request')).toBe('Who has 192.168.1.1? Tell 192.168.1.100');
    expect(s('arp-reply')).toBe('192.168.1.1 is at 02:00:00:00:00:01');
    expect(s('dns-query')).toBe('Standard query 0x1a2b A www.example.com OPT');
    expect(s('dns-answer')).toBe(
      'Standard query response 0x1a2b A www.example.com CNAME web.example.com A 93.184.215.14',
    );
    expect(s('dns-nxdomain')).toBe(
      'Standard query response 0x4242 No such name A nope.example.com SOA ns1.example.com OPT',
    );
    expect(s('dhcp-discover')).toBe('DHCP Discover - Transaction ID 0x5a17c0de');
    expect(s('icmp-time-exceeded')).toBe('Time-to-live exceeded (Time to live exceeded in transit)');
    expect(s('icmp-echo-request')).toBe('Echo (ping) request id=0x0b0c, seq=1');
    expect(s('http-200')).toBe('HTTP/1.1 200 OK');
  });

  it('points DNS names, records and EDNS fields at their bytes', () => {
    const bytes = samples['dns-referral'];
    const layers = parseFrame(bytes);
    const dns = layers[3];
    const qname = find(layers, 'dns.qry.name');
    expect(qname).toMatchObject({ value: 'www.example.com', offset: dns.offset + 12, length: 17 });
    expect(latin1(bytes.subarray(qname.offset + 1, qname.offset + 4))).toBe('www');
    const records = findAll(layers, 'dns.rr');
    expect(records.map((r) => r.label)).toEqual([
      'com: NS',
      'com: NS',
      'a.gtld-servers.net: A',
      'b.gtld-servers.net: A',
    ]);
    for (const address of findAll(layers, 'dns.rr.address'))
      expect(ipv4FromBytes(bytes, address.offset)).toBe(address.value);
    // the owner "com" of the first NS record is compressed: a 2-byte pointer into the question name
    const owner = findAll(layers, 'dns.rr.name')[0];
    expect(owner).toMatchObject({ value: 'com (compressed)', length: 2 });
    expect(bytes[owner.offset] & 0xc0).toBe(0xc0);
    expect(find(layers, 'dns.opt.udp_payload_size').value).toBe('1232');
    expect(find(layers, 'dns.flags.qr').value).toBe('Message is a response');
    const last = find(layers, 'dns.additionals');
    expect(last.offset + last.length).toBe(bytes.length);
  });

  it('points every DHCP option and the BOOTP fields at their bytes', () => {
    const bytes = samples['dhcp-ack'];
    const layers = parseFrame(bytes);
    const dhcpStart = 14 + 20 + 8;
    expect(find(layers, 'dhcp.yiaddr')).toMatchObject({ value: '192.168.1.100', offset: dhcpStart + 16 });
    expect(macFromBytes(bytes, find(layers, 'dhcp.chaddr').offset)).toBe('02:00:00:00:00:10');
    const type = find(layers, 'dhcp.option.message_type');
    expect(type).toMatchObject({ value: 'ACK (5)', offset: dhcpStart + 240, length: 3 });
    expect(find(layers, 'dhcp.option.lease_time').value).toBe('86400 s');
    expect(find(layers, 'dhcp.option.dns_servers.value')).toMatchObject({ value: '192.168.1.1', length: 4 });
    expect(bytes[find(layers, 'dhcp.option.end').offset]).toBe(255);
    expect(find(layers, 'dhcp.padding').offset + find(layers, 'dhcp.padding').length).toBe(bytes.length);
  });

  it('splits HTTP into the start line, each header line and the body', () => {
    const bytes = samples['http-200'];
    const layers = parseFrame(bytes);
    const status = find(layers, 'http.status_line');
    expect(latin1(bytes.subarray(status.offset, status.offset + status.length))).toBe('HTTP/1.1 200 OK\r\n');
    expect(find(layers, 'http.status')).toMatchObject({ value: '200', offset: status.offset + 9, length: 3 });
    const header = find(layers, 'http.header.content-type');
    expect(latin1(bytes.subarray(header.offset, header.offset + header.length))).toBe(
      'Content-Type: text/html; charset=UTF-8\r\n',
    );
    const body = find(layers, 'http.body');
    expect(body.offset + body.length).toBe(bytes.length);
    expect(latin1(bytes.subarray(body.offset, body.offset + 15))).toBe('<!doctype html>');
    const get = parseFrame(samples['http-get']);
    expect(find(get, 'http.method')).toMatchObject({ value: 'GET', length: 3 });
    expect(find(get, 'http.header.host').value).toBe('www.example.com');
  });

  it('shows Ethernet padding, the quoted datagram of an ICMP error, and a bad checksum', () => {
    const arp = parseFrame(samples['arp-request']);
    expect(find(arp, 'ethernet.padding')).toMatchObject({ offset: 42, length: 18 });
    const icmp = parseFrame(samples['icmp-time-exceeded']);
    expect(find(icmp, 'icmp.quoted.ttl').value).toBe('1');
    expect(find(icmp, 'icmp.quoted.dst_port').value).toBe('80');
    const broken = samples['tcp-syn'].slice();
    broken[22] = 63; // TTL decremented without fixing the checksum
    const layers = parseFrame(broken);
    expect(find(layers, 'ipv4.checksum').value).toMatch(/incorrect, should be 0x/);
    expect(layers.map((l) => l.protocol)).toEqual(['ethernet', 'ipv4', 'tcp']);
  });

  it('turns a truncated tail into a malformed layer and keeps the layers before it', () => {
    const bytes = samples['dns-answer'];
    const cut = bytes.subarray(0, bytes.length - 3);
    // the IPv4 total length now exceeds the frame: IPv4 itself is malformed
    const layers = parseFrame(cut);
    expect(layers.map((l) => l.protocol)).toEqual(['ethernet', 'malformed']);
    expect(layers[1]).toMatchObject({ offset: 14, summary: expect.stringMatching(/^Malformed IPV4: .*total length/) });
    expect(topProtocol(layers)).toBe('ethernet');
    expect(summarizeFrame(layers)).toMatch(/\[Malformed IPV4/);
    const empty = parseFrame(new Uint8Array(3));
    expect(empty.map((l) => l.protocol)).toEqual(['malformed']);
    expect(topProtocol(empty)).toBe('malformed');
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const layers = parseFrame(bytes);
        expectInBounds(layers, bytes.length);
        summarizeFrame(layers);
        topProtocol(layers);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated or truncated valid frames, and keeps fields in bounds (property)', () => {
    const valid = Object.values(samples);
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (frame, edits, cutAt) => {
          const bytes = frame.slice(0, cutAt === undefined ? frame.length : cutAt % (frame.length + 1));
          for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
          const layers = parseFrame(bytes);
          expect(layers.length).toBeGreaterThan(0);
          expectInBounds(layers, bytes.length);
          expect(typeof summarizeFrame(layers)).toBe('string');
        },
      ),
      { numRuns: 3000 },
    );
  });
});
