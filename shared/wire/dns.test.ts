import fc from 'fast-check';
import * as dnsPacket from 'dns-packet';
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { DNS_CLASS_IN, DNS_TYPE, type DnsRepr, dnsFlags, emitDns, parseDns, parseDnsDetailed } from './dns';
import { WireError } from './error';

/** The parts of dns-packet's decoded message these tests read (its typings do not cover rcode or OPT fields). */
interface Decoded {
  id: number;
  flag_qr: boolean;
  flag_aa: boolean;
  rcode: string;
  questions: { name: string; type: string; class: string }[];
  answers: DecodedRecord[];
  authorities: DecodedRecord[];
  additionals: DecodedRecord[];
}
interface DecodedRecord {
  name: string;
  type: string;
  ttl?: number;
  data?: unknown;
  udpPayloadSize?: number;
  flags?: number;
}
const decode = (bytes: Uint8Array) => dnsPacket.decode(Buffer.from(bytes)) as unknown as Decoded;

const query: DnsRepr = {
  id: 0x1a2b,
  flags: dnsFlags({ rd: true }),
  questions: [{ name: 'www.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }],
  answers: [],
  authorities: [],
  additionals: [],
};

/** A root server's referral to .com, with glue, as resolvers receive it. */
const referral: DnsRepr = {
  id: 0xbeef,
  flags: dnsFlags({ qr: true }),
  questions: [{ name: 'www.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }],
  answers: [],
  authorities: [
    { name: 'com', type: DNS_TYPE.NS, class: DNS_CLASS_IN, ttl: 172800, data: 'a.gtld-servers.net' },
    { name: 'com', type: DNS_TYPE.NS, class: DNS_CLASS_IN, ttl: 172800, data: 'b.gtld-servers.net' },
  ],
  additionals: [
    { name: 'a.gtld-servers.net', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 172800, data: '192.5.6.30' },
    { name: 'b.gtld-servers.net', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 172800, data: '192.33.14.30' },
  ],
  edns: { udpPayloadSize: 1232, dnssecOk: false },
};

const answer: DnsRepr = {
  id: 0x1a2b,
  flags: dnsFlags({ qr: true, aa: true, rd: true, ra: true }),
  questions: [{ name: 'www.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }],
  answers: [
    { name: 'www.example.com', type: DNS_TYPE.CNAME, class: DNS_CLASS_IN, ttl: 300, data: 'web.example.com' },
    { name: 'web.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN, ttl: 300, data: '93.184.215.14' },
    {
      name: 'web.example.com',
      type: DNS_TYPE.AAAA,
      class: DNS_CLASS_IN,
      ttl: 300,
      data: fromHex('20010db8000000000000000000000001'),
    },
  ],
  authorities: [],
  additionals: [],
};

const nxdomain: DnsRepr = {
  id: 0x4242,
  flags: dnsFlags({ qr: true, aa: true, rcode: 3 }),
  questions: [{ name: 'nope.example.com', type: DNS_TYPE.A, class: DNS_CLASS_IN }],
  answers: [],
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
  additionals: [],
  edns: { udpPayloadSize: 4096, dnssecOk: true },
};

describe('dns', () => {
  it('emits the classic query bytes', () => {
    expect(toHex(emitDns(query))).toBe('1a2b01000001000000000000' + '03777777076578616d706c6503636f6d00' + '00010001');
  });

  it('compresses repeated names with pointers to their first occurrence', () => {
    const bytes = emitDns(answer);
    // answer 1 owner name = pointer to the question name at offset 12
    expect(toHex(bytes.subarray(33, 35))).toBe('c00c');
    // CNAME target "web" + pointer to "example.com" at offset 16
    expect(toHex(bytes.subarray(45, 51))).toBe('03776562c010');
    // the A record's owner "web.example.com" points at the CNAME target
    expect(toHex(bytes.subarray(51, 53))).toBe('c02d');
  });

  for (const [label, repr] of [
    ['query', query],
    ['referral', referral],
    ['answer', answer],
    ['NXDOMAIN', nxdomain],
  ] as const) {
    it(`round-trips a ${label}`, () => {
      expect(parseDns(emitDns(repr))).toEqual(repr);
    });
  }

  it('is decoded identically by dns-packet (an independent decoder)', () => {
    const ref = decode(emitDns(referral));
    expect(ref.id).toBe(0xbeef);
    expect(ref.flag_qr).toBe(true);
    expect(ref.questions).toEqual([{ name: 'www.example.com', type: 'A', class: 'IN' }]);
    expect(ref.authorities.map((r) => [r.name, r.type, r.ttl, r.data])).toEqual([
      ['com', 'NS', 172800, 'a.gtld-servers.net'],
      ['com', 'NS', 172800, 'b.gtld-servers.net'],
    ]);
    expect(ref.additionals.map((r) => [r.name, r.type, r.data])).toEqual([
      ['a.gtld-servers.net', 'A', '192.5.6.30'],
      ['b.gtld-servers.net', 'A', '192.33.14.30'],
      ['.', 'OPT', undefined],
    ]);
    const opt = ref.additionals[2];
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.flags).toBe(0);

    const nx = decode(emitDns(nxdomain));
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.flag_aa).toBe(true);
    const soa = nx.authorities[0];
    expect(soa.type).toBe('SOA');
    expect(soa.data).toEqual({
      mname: 'ns1.example.com',
      rname: 'hostmaster.example.com',
      serial: 2024010101,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 3600,
    });
    expect((nx.additionals[0].flags ?? 0) & dnsPacket.DNSSEC_OK).toBe(dnsPacket.DNSSEC_OK);

    const ans = decode(emitDns(answer));
    expect(ans.answers.map((r) => [r.name, r.type, r.data])).toEqual([
      ['www.example.com', 'CNAME', 'web.example.com'],
      ['web.example.com', 'A', '93.184.215.14'],
      ['web.example.com', 'AAAA', '2001:db8::1'],
    ]);
  });

  it('parses what dns-packet encodes (both directions agree)', () => {
    const bytes = dnsPacket.encode({
      type: 'response',
      id: 7,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'A', name: 'example.org' }],
      answers: [{ type: 'A', name: 'example.org', ttl: 60, data: '203.0.113.5' }],
      authorities: [{ type: 'NS', name: 'example.org', ttl: 60, data: 'ns.example.org' }],
    });
    const repr = parseDns(new Uint8Array(bytes));
    expect(repr.flags).toEqual(dnsFlags({ qr: true, aa: true, rd: true }));
    expect(repr.answers).toEqual([{ name: 'example.org', type: 1, class: 1, ttl: 60, data: '203.0.113.5' }]);
    expect(repr.authorities[0].data).toBe('ns.example.org');
  });

  it('gives the byte range of every question, record and name', () => {
    const bytes = emitDns(answer);
    const detail = parseDnsDetailed(bytes);
    expect(detail.questions[0]).toMatchObject({
      offset: 12,
      length: 21,
      name: { offset: 12, length: 17, compressed: false },
    });
    const [cname, a, aaaa] = detail.records;
    expect(cname).toMatchObject({
      section: 'answer',
      offset: 33,
      name: { offset: 33, length: 2, compressed: true },
      rdataOffset: 45,
      rdataLength: 6,
    });
    expect(cname.rdataNames[0]).toMatchObject({ name: 'web.example.com', offset: 45, length: 6 });
    expect(a).toMatchObject({ offset: 51, length: 16, rdataOffset: 63, rdataLength: 4 });
    expect(aaaa.offset + aaaa.length).toBe(bytes.length);
  });

  it('refuses compression loops, bad labels and truncated messages', () => {
    const loop = fromHex('000001000001000000000000' + 'c00c' + '00010001');
    expect(() => parseDns(loop)).toThrow(/loop/);
    const extended = fromHex('000001000001000000000000' + '41' + '00010001');
    expect(() => parseDns(extended)).toThrow(WireError);
    const bytes = emitDns(answer);
    for (const cut of [5, 20, 40, 60, bytes.length - 1])
      expect(() => parseDns(bytes.subarray(0, cut))).toThrow(WireError);
    expect(() => emitDns({ ...query, questions: [{ name: 'a..b', type: 1, class: 1 }] })).toThrow(WireError);
  });

  it('encodes the root name as a single zero byte', () => {
    const rootNs: DnsRepr = { ...query, questions: [{ name: '', type: DNS_TYPE.NS, class: DNS_CLASS_IN }] };
    expect(toHex(emitDns(rootNs).subarray(12))).toBe('0000020001');
    expect(parseDns(emitDns(rootNs))).toEqual(rootNs);
  });

  it('round-trips random messages, and dns-packet reads the same names and records (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/);
    // few distinct suffixes so compression pointers are exercised
    const name = fc
      .tuple(fc.array(label, { maxLength: 3 }), fc.constantFrom('', 'com', 'example.com', 'a.example.com'))
      .map(([ls, suffix]) => [...ls, ...(suffix ? [suffix] : [])].join('.'));
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    const u32 = fc.nat(0xffffffff);
    const record = fc.oneof(
      fc.record({ name, type: fc.constant(1), class: fc.constant(1), ttl: u32, data: ip }),
      fc.record({ name, type: fc.constantFrom(2, 5), class: fc.constant(1), ttl: u32, data: name }),
      fc.record({
        name,
        type: fc.constant(6),
        class: fc.constant(1),
        ttl: u32,
        data: fc.record({ mname: name, rname: name, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 }),
      }),
      fc.record({
        name,
        type: fc.constant(28),
        class: fc.constant(1),
        ttl: u32,
        data: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      }),
    );
    const message = fc.record({
      id: fc.nat(0xffff),
      flags: fc.record({
        qr: fc.boolean(),
        opcode: fc.constant(0),
        aa: fc.boolean(),
        tc: fc.boolean(),
        rd: fc.boolean(),
        ra: fc.boolean(),
        ad: fc.boolean(),
        cd: fc.boolean(),
        rcode: fc.nat(5),
      }),
      questions: fc.array(fc.record({ name, type: fc.constantFrom(1, 2, 5, 6, 28), class: fc.constant(1) }), {
        maxLength: 2,
      }),
      answers: fc.array(record, { maxLength: 4 }),
      authorities: fc.array(record, { maxLength: 3 }),
      additionals: fc.array(record, { maxLength: 3 }),
      edns: fc.option(fc.record({ udpPayloadSize: fc.integer({ min: 512, max: 4096 }), dnssecOk: fc.boolean() }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(message, (raw) => {
        const repr = (raw.edns ? raw : { ...raw, edns: undefined }) as DnsRepr;
        if (!raw.edns) delete (repr as { edns?: unknown }).edns;
        const bytes = emitDns(repr);
        expect(parseDns(bytes)).toEqual(repr);
        const theirs = decode(bytes);
        const rootDot = (n: string) => (n === '' ? '.' : n);
        expect(theirs.questions.map((q) => q.name)).toEqual(repr.questions.map((q) => rootDot(q.name)));
        expect(theirs.answers.map((r) => rootDot(r.name))).toEqual(repr.answers.map((r) => rootDot(r.name)));
        expect(theirs.authorities.map((r) => r.ttl)).toEqual(repr.authorities.map((r) => r.ttl));
        expect(theirs.additionals.length).toBe(repr.additionals.length + (repr.edns ? 1 : 0));
      }),
      { numRuns: 500 },
    );
  });
});
