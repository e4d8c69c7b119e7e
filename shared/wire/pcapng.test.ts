// The capture must open in Wireshark as a person would open it: checked with the real tshark (Debian package).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from './address';
import { parseArp } from './arp';
import { parseDhcp } from './dhcp';
import { parseDns } from './dns';
import { parseEthernet } from './ethernet';
import type { Field } from './field';
import { TcpStreamTracker, parseFrame, summarizeFrame } from './frame';
import { parseHttpRequest, parseHttpResponse } from './http';
import { parseIcmp } from './icmp';
import { parseIpv4 } from './ipv4';
import { type PcapngPacket, writePcapng } from './pcapng';
import { parseTcp } from './tcp';
import { LINUX_VETH } from './fixtures/linux-veth';
import { SAMPLE_LINKS, type SampleFrame, sampleFrames } from './testing';
import { parseUdp } from './udp';

/** CI installs tshark: a missing tshark is a failure, not a reason to skip. */
function findTshark(): string {
  try {
    return execFileSync('which', ['tshark'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('tshark not found on PATH: install the Debian package "tshark" (CI does this in .ci/run)');
  }
}

const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
const START_US = 1_700_000_000_000_000;

let dir: string;
let tshark: string;
let frames: SampleFrame[];
let file: string;

function tsharkRun(args: string[]): string {
  return execFileSync(tshark, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function capture(packets: SampleFrame[]): PcapngPacket[] {
  return packets.map((f, i) => ({
    interfaceIndex: f.link,
    timestampUs: START_US + i * 1500,
    bytes: f.bytes,
    comment: `${f.comment} — 설명 ${i + 1}`,
  }));
}

function writeCapture(name: string, packets: PcapngPacket[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    writePcapng({ interfaces: SAMPLE_LINKS.map((link) => ({ name: link, description: `link ${link}` })), packets }),
  );
  return path;
}

type Occurrence = { value: string; offset: number; length: number };

/** Every field tshark decoded, by name, in document order, with the byte range of its `_raw` twin. */
function tsharkFields(layers: unknown): Map<string, Occurrence[]> {
  const out = new Map<string, Occurrence[]>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key.endsWith('_raw') && key.slice(0, -4) in obj && typeof value !== 'string') continue; // a byte-range twin
      const values =
        typeof value === 'string'
          ? [value]
          : Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? (value as string[])
            : undefined;
      if (values) {
        // tcp.seq's byte-range twin "tcp.seq_raw" collides with the field tcp.seq_raw, which JSON.parse keeps; the
        // same bytes are then in that field's own twin "tcp.seq_raw_raw"
        const raw = (Array.isArray(obj[`${key}_raw`]) ? obj[`${key}_raw`] : obj[`${key}_raw_raw`]) as
          unknown[] | undefined;
        const raws = (!Array.isArray(raw) ? [] : raw.some(Array.isArray) ? raw.filter(Array.isArray) : [raw]) as [
          string,
          number,
          number,
        ][];
        const list = out.get(key) ?? [];
        values.forEach((v, i) => list.push({ value: v, offset: raws[i]?.[1] ?? -1, length: raws[i]?.[2] ?? -1 }));
        out.set(key, list);
      }
      if (typeof value === 'object') walk(value);
    }
  };
  walk(layers);
  return out;
}

function ourFields(fields: Field[], out = new Map<string, Occurrence[]>()): Map<string, Occurrence[]> {
  for (const f of fields) {
    const list = out.get(f.key) ?? [];
    list.push({ value: f.value, offset: f.offset, length: f.length });
    out.set(f.key, list);
    if (f.children) ourFields(f.children, out);
  }
  return out;
}

const first = (v: string) => v.split(' ')[0];
const inParens = (v: string) => /\((\d+)\)/.exec(v)?.[1] ?? v;
const stripNote = (v: string) => v.replace(/ \((compressed|broadcast)\)$/, '');

/**
 * Our field key → tshark field, how to read our value, whether the byte ranges must agree too, and whether tshark
 * may show more occurrences after ours (the quoted header of an ICMP error, the MAC inside DHCP's client id).
 */
const MAPPING: [
  ours: string,
  theirs: string,
  normalize: (v: string) => string,
  sameBytes: boolean,
  prefix?: boolean,
][] = [
  ['ethernet.dst', 'eth.dst', stripNote, true],
  ['ethernet.src', 'eth.src', (v) => v, true],
  ['arp.opcode', 'arp.opcode', inParens, true],
  ['arp.sender_mac', 'arp.src.hw_mac', (v) => v, true],
  ['arp.sender_ip', 'arp.src.proto_ipv4', (v) => v, true],
  ['arp.target_mac', 'arp.dst.hw_mac', (v) => v, true],
  ['arp.target_ip', 'arp.dst.proto_ipv4', (v) => v, true],
  ['ipv4.total_length', 'ip.len', (v) => v, true, true],
  ['ipv4.identification', 'ip.id', first, true, true],
  ['ipv4.ttl', 'ip.ttl', (v) => v, true],
  ['ipv4.protocol', 'ip.proto', inParens, true],
  ['ipv4.checksum', 'ip.checksum', first, true, true],
  ['ipv4.src', 'ip.src', (v) => v, true],
  ['ipv4.dst', 'ip.dst', (v) => v, true],
  ['udp.src_port', 'udp.srcport', (v) => v, true],
  ['udp.dst_port', 'udp.dstport', (v) => v, true],
  ['udp.length', 'udp.length', (v) => v, true, true],
  ['udp.checksum', 'udp.checksum', first, true, true],
  ['tcp.src_port', 'tcp.srcport', (v) => v, true],
  ['tcp.dst_port', 'tcp.dstport', (v) => v, true],
  ['tcp.seq', 'tcp.seq', first, true],
  ['tcp.ack', 'tcp.ack', first, true],
  ['tcp.window', 'tcp.window_size_value', first, true],
  ['tcp.checksum', 'tcp.checksum', first, true],
  ['tcp.option.mss.value', 'tcp.options.mss_val', (v) => v, true],
  ['tcp.option.wscale.shift', 'tcp.options.wscale.shift', (v) => v, true],
  ['tcp.option.timestamp.value', 'tcp.options.timestamp.tsval', (v) => v, true],
  ['tcp.option.timestamp.echo', 'tcp.options.timestamp.tsecr', (v) => v, true],
  ['icmp.code', 'icmp.code', first, true],
  ['icmp.checksum', 'icmp.checksum', first, true],
  ['icmp.sequence', 'icmp.seq', (v) => v, true],
  ['dhcp.xid', 'dhcp.id', (v) => v, true],
  ['dhcp.ciaddr', 'dhcp.ip.client', (v) => v, true],
  ['dhcp.yiaddr', 'dhcp.ip.your', (v) => v, true],
  ['dhcp.chaddr', 'dhcp.hw.mac_addr', (v) => v, true, true],
  ['dhcp.option.message_type.value', 'dhcp.option.dhcp', inParens, true],
  ['dhcp.option.server_id.value', 'dhcp.option.dhcp_server_id', (v) => v, true],
  ['dhcp.option.requested_ip.value', 'dhcp.option.requested_ip_address', (v) => v, true],
  ['dhcp.option.lease_time.value', 'dhcp.option.ip_address_lease_time', first, true],
  ['dhcp.option.subnet_mask.value', 'dhcp.option.subnet_mask', (v) => v, true],
  ['dhcp.option.hostname.value', 'dhcp.option.hostname', (v) => v, true],
  ['dns.id', 'dns.id', (v) => v, true],
  ['dns.qry.name', 'dns.qry.name', (v) => v, true],
  ['dns.rr.name', 'dns.resp.name', stripNote, true],
  ['dns.rr.ns', 'dns.ns', stripNote, true],
  ['dns.rr.cname', 'dns.cname', stripNote, true],
  ['dns.rr.address', 'dns.a', (v) => v, true],
  ['dns.soa.mname', 'dns.soa.mname', stripNote, true],
  ['dns.soa.rname', 'dns.soa.rname', stripNote, true],
  ['dns.soa.serial', 'dns.soa.serial_number', (v) => v, true],
  ['dns.opt.udp_payload_size', 'dns.rr.udp_payload_size', (v) => v, true],
  ['http.method', 'http.request.method', (v) => v, true],
  ['http.target', 'http.request.uri', (v) => v, true],
  ['http.status', 'http.response.code', (v) => v, true],
  ['http.reason', 'http.response.phrase', (v) => v, true],
  ['http.header.host', 'http.host', (v) => v, true],
  ['http.header.content-length', 'http.content_length_header', (v) => v, true],
];

/** Compares parseFrame with tshark field by field (values and byte ranges) and the Info line; returns how many fields. */
function compareWithTshark(path: string, frames: SampleFrame[]): number {
  const packets = JSON.parse(tsharkRun(['-r', path, ...CHECKSUMS, '-T', 'json', '-x', '--no-duplicate-keys'])) as {
    _source: { layers: unknown };
  }[];
  const infos = tsharkRun(['-r', path, '-T', 'fields', '-e', '_ws.col.Info']).trimEnd().split('\n');
  const tracker = new TcpStreamTracker();
  let compared = 0;
  frames.forEach((frame, i) => {
    const layers = parseFrame(frame.bytes, { tcpStreams: tracker });
    const ours = ourFields(layers.flatMap((l) => l.fields));
    const theirs = tsharkFields(packets[i]._source.layers);
    // ICMP errors quote an IP header that tshark dissects as a second IPv4 header: ours are icmp.quoted.*
    const quoted = (key: string) => ours.get(`icmp.quoted.${key}`) ?? [];
    for (const [ourKey, theirKey, normalize, sameBytes, prefix] of MAPPING) {
      let mine = ours.get(ourKey) ?? [];
      if (['ipv4.ttl', 'ipv4.src', 'ipv4.dst', 'ipv4.protocol'].includes(ourKey))
        mine = [...mine, ...quoted(ourKey.slice(5))];
      const quotedTransport = quoted('protocol')[0]?.value.split(' ')[0].toLowerCase();
      if (quotedTransport && (ourKey === `${quotedTransport}.src_port` || ourKey === `${quotedTransport}.dst_port`)) {
        mine = [...mine, ...quoted(ourKey.slice(4))];
      }
      if (quotedTransport === 'tcp' && ourKey === 'tcp.seq') mine = [...mine, ...quoted('seq')];
      let their = theirs.get(theirKey) ?? [];
      if (prefix) their = their.slice(0, mine.length);
      if (mine.length === 0 && their.length === 0) continue;
      expect(
        mine.map((o) => normalize(o.value)),
        `${frame.name} ${ourKey}`,
      ).toEqual(their.map((o) => o.value));
      if (sameBytes)
        expect(
          mine.map((o) => [o.offset, o.length]),
          `${frame.name} ${ourKey} bytes`,
        ).toEqual(their.map((o) => [o.offset, o.length]));
      compared += mine.length;
    }
    const normalized = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(
      normalized(infos[i]).startsWith(normalized(summarizeFrame(layers))),
      `${frame.name}: "${summarizeFrame(layers)}" vs "${infos[i]}"`,
    ).toBe(true);
  });
  return compared;
}

beforeAll(() => {
  tshark = findTshark();
  dir = mkdtempSync(join(tmpdir(), 'packet-journey-pcapng-'));
  frames = sampleFrames();
  file = writeCapture('journey.pcapng', capture(frames));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('writePcapng', () => {
  it('lays out SHB, one IDB per interface and one EPB per packet, 32-bit aligned, little-endian', () => {
    const bytes = writePcapng({
      interfaces: [{ name: 'a' }, { name: 'b', description: 'second' }],
      packets: [{ interfaceIndex: 1, timestampUs: 2 ** 32 + 5, bytes: new Uint8Array(61).fill(7), comment: 'hi' }],
    });
    const view = new DataView(bytes.buffer);
    const blocks: [number, number][] = [];
    for (let at = 0; at < bytes.length;) {
      const type = view.getUint32(at, true);
      const length = view.getUint32(at + 4, true);
      expect(length % 4).toBe(0);
      expect(view.getUint32(at + length - 4, true)).toBe(length);
      blocks.push([type, at]);
      at += length;
    }
    expect(blocks.map(([t]) => t)).toEqual([0x0a0d0d0a, 1, 1, 6]);
    expect(view.getUint32(8, true)).toBe(0x1a2b3c4d);
    const epb = blocks[3][1];
    expect(view.getUint32(epb + 8, true)).toBe(1); // interface id
    expect(view.getUint32(epb + 12, true)).toBe(1); // timestamp high
    expect(view.getUint32(epb + 16, true)).toBe(5); // timestamp low
    expect(view.getUint32(epb + 20, true)).toBe(61);
    expect(view.getUint32(epb + 24, true)).toBe(61);
    expect(() =>
      writePcapng({ interfaces: [], packets: [{ interfaceIndex: 0, timestampUs: 0, bytes: new Uint8Array(1) }] }),
    ).toThrow(RangeError);
  });

  it('opens in tshark with no malformed packet, no warning or error, and every checksum verified good', () => {
    const problems = tsharkRun(['-r', file, ...CHECKSUMS, '-Y', '_ws.malformed || _ws.expert.severity >= "Warning"']);
    expect(problems.trim()).toBe('');
    const expert = tsharkRun(['-r', file, ...CHECKSUMS, '-q', '-z', 'expert']);
    expect(expert).not.toMatch(/^(Errors|Warnings) \(/m);
    const statuses = tsharkRun([
      '-r',
      file,
      ...CHECKSUMS,
      '-T',
      'fields',
      '-E',
      'occurrence=a',
      '-E',
      'aggregator=,',
      '-e',
      'ip.checksum.status',
      '-e',
      'udp.checksum.status',
      '-e',
      'tcp.checksum.status',
      '-e',
      'icmp.checksum.status',
    ]);
    const all = statuses.split(/[\s,]+/).filter(Boolean);
    // 17 IP headers + 2 quoted in ICMP errors' … counted loosely: every status present must be 1 (good)
    expect(all.length).toBeGreaterThanOrEqual(frames.length);
    expect(new Set(all)).toEqual(new Set(['1']));
  });

  it('would notice a bad checksum (the check above can fail)', () => {
    const broken = frames.map((f) => ({ ...f, bytes: f.bytes.slice() }));
    const syn = broken.find((f) => f.name === 'tcp-syn')!;
    syn.bytes[22] -= 1; // TTL decremented without updating the IPv4 checksum
    const path = writeCapture('broken.pcapng', capture(broken));
    const problems = tsharkRun([
      '-r',
      path,
      ...CHECKSUMS,
      '-Y',
      '_ws.expert.severity >= "Warning"',
      '-T',
      'fields',
      '-e',
      'frame.number',
    ]);
    expect(problems.trim()).toBe(String(broken.indexOf(syn) + 1));
  });

  it("names the interfaces after the links and carries each step's comment, in UTF-8", () => {
    const out = tsharkRun([
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'frame.interface_name',
      '-e',
      'frame.comment',
      '-e',
      'frame.time_epoch',
    ]);
    const rows = out
      .trimEnd()
      .split('\n')
      .map((line) => line.split('|'));
    expect(rows.length).toBe(frames.length);
    rows.forEach(([iface, comment, time], i) => {
      expect(iface).toBe(SAMPLE_LINKS[frames[i].link]);
      expect(comment).toBe(`${frames[i].comment} — 설명 ${i + 1}`);
      expect(time).toBe(`1700000000.${String(i * 1500).padStart(6, '0')}000`);
    });
  });

  it('decodes to the same key values as our parsers', () => {
    const packets = JSON.parse(tsharkRun(['-r', file, ...CHECKSUMS, '-T', 'json', '--no-duplicate-keys'])) as {
      _source: { layers: unknown };
    }[];
    expect(packets.length).toBe(frames.length);
    const one = (map: Map<string, Occurrence[]>, key: string) => map.get(key)?.map((o) => o.value);
    frames.forEach((frame, i) => {
      const theirs = tsharkFields(packets[i]._source.layers);
      const { repr: ethernet, payload } = parseEthernet(frame.bytes);
      expect(one(theirs, 'eth.src'), frame.name).toEqual([ethernet.src]);
      if (frame.name.startsWith('arp')) {
        const arp = parseArp(payload);
        expect(one(theirs, 'arp.opcode')).toEqual([String(arp.op)]);
        expect(one(theirs, 'arp.dst.proto_ipv4')).toEqual([arp.targetIp]);
        return;
      }
      const ip = parseIpv4(payload);
      expect(one(theirs, 'ip.src')?.[0], frame.name).toBe(ip.repr.src);
      expect(one(theirs, 'ip.dst')?.[0]).toBe(ip.repr.dst);
      expect(one(theirs, 'ip.ttl')?.[0]).toBe(String(ip.repr.ttl));
      expect(one(theirs, 'ip.flags.df')?.[0]).toBe(ip.repr.dontFragment ? '1' : '0');
      expect(one(theirs, 'ip.dsfield.dscp')?.[0]).toBe(String(ip.repr.dscp));
      if (ip.repr.protocol === 6) {
        const tcp = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
        const flagByte = Number(one(theirs, 'tcp.flags')?.[0]);
        expect(flagByte & 0x3f, frame.name).toBe(
          (tcp.repr.flags.fin ? 1 : 0) |
            (tcp.repr.flags.syn ? 2 : 0) |
            (tcp.repr.flags.rst ? 4 : 0) |
            (tcp.repr.flags.psh ? 8 : 0) |
            (tcp.repr.flags.ack ? 16 : 0),
        );
        expect(one(theirs, 'tcp.seq_raw')).toEqual([String(tcp.repr.seq)]);
        expect(one(theirs, 'tcp.ack_raw')).toEqual([String(tcp.repr.ack)]);
        if (tcp.repr.options.mss) expect(one(theirs, 'tcp.options.mss_val')).toEqual([String(tcp.repr.options.mss)]);
        if (frame.name === 'http-get') {
          const http = parseHttpRequest(tcp.payload);
          expect(one(theirs, 'http.request.method')).toEqual([http.method]);
          expect(one(theirs, 'http.request.uri')).toEqual([http.target]);
          expect(one(theirs, 'http.host')).toEqual(['www.example.com']);
        }
        if (frame.name === 'http-200') {
          const http = parseHttpResponse(tcp.payload);
          expect(one(theirs, 'http.response.code')).toEqual([String(http.status)]);
          expect(one(theirs, 'http.content_length_header')).toEqual([String(http.body.length)]);
        }
      } else if (ip.repr.protocol === 17) {
        const udp = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
        expect(one(theirs, 'udp.srcport')).toEqual([String(udp.repr.srcPort)]);
        if (udp.repr.srcPort === 53 || udp.repr.dstPort === 53) {
          const dns = parseDns(udp.payload);
          expect(one(theirs, 'dns.id')).toEqual(['0x' + dns.id.toString(16).padStart(4, '0')]);
          expect(one(theirs, 'dns.flags.response')).toEqual([dns.flags.qr ? '1' : '0']);
          if (dns.flags.qr) expect(one(theirs, 'dns.flags.rcode')).toEqual([String(dns.flags.rcode)]);
          expect(one(theirs, 'dns.qry.name')).toEqual(dns.questions.map((q) => q.name));
          expect(one(theirs, 'dns.count.answers')).toEqual([String(dns.answers.length)]);
          expect(one(theirs, 'dns.count.auth_rr')).toEqual([String(dns.authorities.length)]);
          expect(one(theirs, 'dns.count.add_rr')).toEqual([String(dns.additionals.length + (dns.edns ? 1 : 0))]);
          if (dns.edns) expect(one(theirs, 'dns.rr.udp_payload_size')).toEqual([String(dns.edns.udpPayloadSize)]);
        } else {
          const dhcp = parseDhcp(udp.payload);
          expect(one(theirs, 'dhcp.option.dhcp')).toEqual([String(dhcp.messageType)]);
          expect(one(theirs, 'dhcp.id')).toEqual(['0x' + dhcp.xid.toString(16).padStart(8, '0')]);
          expect(one(theirs, 'dhcp.ip.your')).toEqual([dhcp.yiaddr]);
        }
      } else {
        const icmp = parseIcmp(ip.payload);
        expect(one(theirs, 'icmp.type')).toEqual([String(icmp.repr.type)]);
        expect(one(theirs, 'icmp.code')).toEqual([String(icmp.repr.code)]);
      }
    });
  });

  it('parseFrame shows the same values at the same byte offsets as tshark, and the same Info line', () => {
    expect(compareWithTshark(file, frames)).toBeGreaterThan(250);
  });

  it('parseFrame agrees with tshark on the frames captured from real Linux stacks', () => {
    const linux = Object.entries(LINUX_VETH).map(([name, hex]): SampleFrame => ({
      name,
      bytes: fromHex(hex),
      comment: name,
      link: 0,
    }));
    const path = writeCapture('linux.pcapng', capture(linux));
    expect(
      tsharkRun(['-r', path, ...CHECKSUMS, '-Y', '_ws.malformed || _ws.expert.severity >= "Warning"']).trim(),
    ).toBe('');
    expect(compareWithTshark(path, linux)).toBeGreaterThan(120);
  });
});

describe('Decryption Secrets Block', () => {
  it('carries a TLS key log before the packets, 4-byte aligned, and tshark reads the file with it', () => {
    const keyLog = 'CLIENT_HANDSHAKE_TRAFFIC_SECRET 00112233 4455\n'; // 46 bytes: padded to 48
    const bytes = writePcapng({
      interfaces: [{ name: 'l1' }],
      packets: capture(frames.slice(0, 2)).map((p) => ({ ...p, interfaceIndex: 0 })),
      tlsKeyLog: keyLog,
    });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Section header, then one interface, then the secrets block, then the packets.
    let o = view.getUint32(4, true);
    o += view.getUint32(o + 4, true);
    expect(view.getUint32(o, true)).toBe(0x0000000a);
    const total = view.getUint32(o + 4, true);
    expect(total).toBe(12 + 8 + 48);
    expect(view.getUint32(o + 8, true)).toBe(0x544c534b);
    expect(view.getUint32(o + 12, true)).toBe(keyLog.length);
    expect(new TextDecoder().decode(bytes.subarray(o + 16, o + 16 + keyLog.length))).toBe(keyLog);
    expect(view.getUint32(o + total - 4, true)).toBe(total);
    expect(view.getUint32(o + total, true)).toBe(0x00000006);
    const path = join(dir, 'secrets.pcapng');
    writeFileSync(path, bytes);
    expect(tsharkRun(['-r', path, '-T', 'fields', '-e', 'frame.number']).trim().split('\n')).toEqual(['1', '2']);
  });
});
