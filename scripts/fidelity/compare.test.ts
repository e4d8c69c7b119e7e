// The fidelity benchmark's arithmetic (npm run fidelity): the per-link percentages are only as good as the frame
// signatures and their in-order alignment, so both are checked here on small known sequences — and the signatures
// also on a real capture read by tshark, as the benchmark reads the reference network's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceToPcapng } from '../../shared/engine/pcap';
import { loadSample, run } from '../../shared/engine/testing/helpers';
import { align, compareLink, signature, signatures } from './compare.mjs';

describe('align: the longest common subsequence of two frame sequences, in order', () => {
  it('matches everything in two equal sequences', () => {
    const s = ['a', 'b', 'c'];
    expect(align(s, s)).toEqual({
      matched: 3,
      ops: [
        { op: '=', real: 0, engine: 0 },
        { op: '=', real: 1, engine: 1 },
        { op: '=', real: 2, engine: 2 },
      ],
    });
  });

  it('a swapped pair matches only one of the two: order counts', () => {
    // real: query A, query AAAA, answer A — engine: query A, answer A, query AAAA
    const { matched, ops } = align(['qA', 'qAAAA', 'rA', 'rAAAA'], ['qA', 'rA', 'qAAAA', 'rAAAA']);
    expect(matched).toBe(3);
    expect(ops.filter((o) => o.op !== '=')).toHaveLength(2);
    expect(ops.filter((o) => o.op === '-').map((o) => o.real)).toHaveLength(1);
  });

  it('what only one side has is an insertion or a deletion, everything else still matched', () => {
    const real = ['discover', 'arp', 'arp', 'arp', 'icmp', 'offer', 'request', 'ack'];
    const engine = ['discover', 'arp', 'arp', 'arp', 'offer', 'request', 'ack', 'probe', 'probe-reply'];
    const { matched, ops } = align(real, engine);
    expect(matched).toBe(7);
    expect(ops.filter((o) => o.op === '-')).toEqual([{ op: '-', real: 4 }]);
    expect(ops.filter((o) => o.op === '+')).toEqual([
      { op: '+', engine: 7 },
      { op: '+', engine: 8 },
    ]);
    // every index of both sides appears exactly once, in order
    expect(ops.filter((o) => o.real !== undefined).map((o) => o.real)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(ops.filter((o) => o.engine !== undefined).map((o) => o.engine)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('empty sides', () => {
    expect(align([], ['x'])).toEqual({ matched: 0, ops: [{ op: '+', engine: 0 }] });
    expect(align(['x'], [])).toEqual({ matched: 0, ops: [{ op: '-', real: 0 }] });
    expect(align([], [])).toEqual({ matched: 0, ops: [] });
  });
});

describe('compareLink: counts and the differences, runs of one signature counted once', () => {
  it('counts real, engine and matched frames; folds repeated differences', () => {
    const real = ['syn', 'syn', 'syn', 'syn', 'rst'];
    const engine = ['syn', 'syn'];
    expect(compareLink(real, engine)).toEqual({
      real: 5,
      engine: 2,
      matched: 2,
      differences: [
        { op: '-', signature: 'syn', count: 2, at: 2 },
        { op: '-', signature: 'rst', count: 1, at: 4 },
      ],
    });
  });

  it('a link nothing crossed in either: 0 of 0, no differences', () => {
    expect(compareLink([], [])).toEqual({ real: 0, engine: 0, matched: 0, differences: [] });
  });
});

describe('signature: who sent it to whom and the key fields, no IDs, ports or times', () => {
  const macs = new Map([
    ['02:00:00:00:00:01', 'pc'],
    ['02:00:00:00:00:02', 'home'],
  ]);
  const fields = (v: Record<string, string>) => ({ 'dns.flags.response': '', 'tcp.flags.syn': '', ...v });

  it('ARP requests and replies, broadcast as *', () => {
    const who = fields({
      'eth.src': '02:00:00:00:00:01',
      'eth.dst': 'ff:ff:ff:ff:ff:ff',
      'arp.opcode': '1',
      'arp.src.proto_ipv4': '192.168.0.100',
      'arp.dst.proto_ipv4': '192.168.0.1',
    });
    expect(signature(who, macs)).toBe('pc→* ARP who-has 192.168.0.1 tell 192.168.0.100');
    const is = fields({
      'eth.src': '02:00:00:00:00:02',
      'eth.dst': '02:00:00:00:00:01',
      'arp.opcode': '2',
      'arp.src.proto_ipv4': '192.168.0.1',
    });
    expect(signature(is, macs)).toBe('home→pc ARP 192.168.0.1 is-at');
  });

  it('DNS: query or response, name (lower case, the root as <root>), type, rcode and answer count', () => {
    const base = {
      'eth.src': '02:00:00:00:00:02',
      'eth.dst': '02:00:00:00:00:01',
      'ip.src': '198.51.100.53',
      'ip.dst': '192.168.0.100',
    };
    const r = fields({
      ...base,
      'dns.flags.response': 'True',
      'dns.qry.name': 'WWW.Example.com',
      'dns.qry.type': '28',
      'dns.flags.rcode': '3',
      'dns.count.answers': '0',
    });
    expect(signature(r, macs)).toBe(
      'home→pc 198.51.100.53→192.168.0.100 DNS response www.example.com AAAA NXDOMAIN an=0',
    );
    const q = fields({ ...base, 'dns.flags.response': '0', 'dns.qry.name': '', 'dns.qry.type': '2' });
    expect(signature(q, macs)).toBe('home→pc 198.51.100.53→192.168.0.100 DNS query <root> NS');
  });

  it('TCP: flags, and whether it carries data (the HTTP method or status when it is HTTP)', () => {
    const base = {
      'eth.src': '02:00:00:00:00:01',
      'eth.dst': '02:00:00:00:00:02',
      'ip.src': '192.168.0.100',
      'ip.dst': '203.0.113.80',
    };
    const on = { 'tcp.flags.fin': '0', 'tcp.flags.reset': '0' };
    expect(
      signature(fields({ ...base, ...on, 'tcp.flags.syn': '1', 'tcp.flags.ack': '0', 'tcp.len': '0' }), macs),
    ).toBe('pc→home 192.168.0.100→203.0.113.80 TCP SYN');
    const get = fields({
      ...base,
      ...on,
      'tcp.flags.syn': 'False',
      'tcp.flags.ack': 'True',
      'tcp.len': '286',
      'http.request.method': 'GET',
    });
    expect(signature(get, macs)).toBe('pc→home 192.168.0.100→203.0.113.80 TCP ACK GET');
    const fin = fields({
      ...base,
      ...on,
      'tcp.flags.fin': '1',
      'tcp.flags.syn': '0',
      'tcp.flags.ack': '1',
      'tcp.len': '0',
    });
    expect(signature(fin, macs)).toBe('pc→home 192.168.0.100→203.0.113.80 TCP FIN/ACK');
  });

  it('an unknown MAC stays a MAC', () => {
    const v = fields({ 'eth.src': '02:99:99:99:99:99', 'eth.dst': '02:00:00:00:00:01' });
    expect(signature(v, macs)).toBe('02:99:99:99:99:99→pc other');
  });
});

describe('signatures: read from a capture by tshark', () => {
  it("the engine's cold home-to-web capture of link l1, frame by frame, and 100 % against itself", () => {
    const home = loadSample('home-to-web');
    const trace = run(home);
    const file = join(mkdtempSync(join(tmpdir(), 'pj-fidelity-')), 'l1.pcapng');
    writeFileSync(file, traceToPcapng(trace, { linkIds: ['l1'] }));
    const macs = new Map(home.devices.flatMap((d) => d.interfaces.map((i) => [i.mac, d.name] as [string, string])));
    const sigs = signatures(file, macs).map((f) => f.signature);
    expect(sigs.length).toBe(trace.steps.filter((s) => s.type === 'frame' && s.linkId === 'l1').length);
    // (the ping check's echo leaves just before the offer, when dnsmasq writes pc's address into the ARP table)
    expect(sigs.slice(0, 6)).toEqual([
      'pc→* 0.0.0.0→255.255.255.255 DHCP Discover',
      'home→* ARP who-has 192.168.0.100 tell 192.168.0.1',
      'home→* ARP who-has 192.168.0.100 tell 192.168.0.1',
      'home→* ARP who-has 192.168.0.100 tell 192.168.0.1',
      'home→pc 192.168.0.1→192.168.0.100 ICMP 8/0',
      'home→pc 192.168.0.1→192.168.0.100 DHCP Offer',
    ]);
    expect(sigs).toContain('pc→home 192.168.0.100→203.0.113.80 TCP ACK GET');
    expect(sigs).toContain('home→pc 203.0.113.80→192.168.0.100 TCP ACK HTTP 200');
    const self = compareLink(sigs, sigs);
    expect(self.matched).toBe(sigs.length);
    expect(self.differences).toEqual([]);
  });
});
