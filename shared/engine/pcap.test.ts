// The capture of a trace must open in tshark: one interface per link, every frame (every TCP/UDP conversation on
// one link in the journey's file), no malformed packets, no reassembly errors and no checksum errors (with checksum
// validation switched on), the explanation as the packet comment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONE_COPY_COMMENT, traceToPcapng } from './pcap';
import { frames, loadSample, run, variant, device, decode } from './testing/helpers';
import { proseText } from './prose';

const tshark = (file: string, ...args: string[]) =>
  execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-o',
      'ip.check_checksum:TRUE',
      '-o',
      'tcp.check_checksum:TRUE',
      '-o',
      'udp.check_checksum:TRUE',
      ...args,
    ],
    { encoding: 'utf8' },
  );

describe('traceToPcapng', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pj-engine-'));

  for (const [name, topology] of [
    ['cold fetch', loadSample('home-to-web')],
    [
      'routing loop (ICMP errors through NAT)',
      variant(
        loadSample('home-to-web'),
        (x) => (device(x, 'core', 'router').routes = device(x, 'core', 'router').routes.slice(1)),
      ),
    ],
  ] as const) {
    it(`${name}: opens in tshark with every copy of every frame, no malformed packet and no checksum error`, () => {
      const trace = run(topology);
      const file = join(dir, `${name.split(' ')[0]}.pcapng`);
      writeFileSync(file, traceToPcapng(trace, { everyHop: true }));
      const lines = tshark(
        file,
        '-T',
        'fields',
        '-e',
        'frame.interface_name',
        '-e',
        '_ws.expert.message',
        '-e',
        'frame.comment',
      )
        .trim()
        .split('\n');
      expect(lines).toHaveLength(frames(trace).length);
      const all = lines.join('\n');
      expect(all).not.toMatch(/Malformed|[Bb]ad checksum|incorrect/);
      expect(
        tshark(
          file,
          '-Y',
          '_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0 || icmp.checksum.status == 0',
        ).trim(),
      ).toBe('');
      const first = frames(trace)[0];
      expect(lines[0].split('\t')[0]).toBe(trace.links!.find((l) => l.id === first.linkId)!.name);
      expect(lines[0]).toContain(proseText(first.explanation).slice(0, 40));
    });
  }

  it('names interfaces after the links', () => {
    const trace = run(loadSample('home-to-web'));
    const file = join(dir, 'names.pcapng');
    writeFileSync(file, traceToPcapng(trace));
    const ifaces = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.interface_name'], {
      encoding: 'utf8',
    });
    expect(ifaces).toContain('l3 home:eth1 – isp:eth0');
  });

  it('exports one link alone: its interface only, every frame that crossed it, in order', () => {
    const trace = run(loadSample('home-to-web'));
    const file = join(dir, 'l4.pcapng');
    writeFileSync(file, traceToPcapng(trace, { linkIds: ['l4'] }));
    const lines = tshark(file, '-T', 'fields', '-e', 'frame.interface_name', '-e', 'frame.comment').trim().split('\n');
    const onLink = frames(trace).filter((f) => f.linkId === 'l4');
    expect(onLink.length).toBeGreaterThan(4);
    expect(lines).toHaveLength(onLink.length);
    expect(new Set(lines.map((l) => l.split('\t')[0]))).toEqual(new Set(['l4 isp:eth1 – resolver:eth0']));
    expect(lines[0]).toContain(proseText(onLink[0].explanation).slice(0, 40));
  });

  // The journey's file: Wireshark keys a TCP conversation by addresses and ports only, so the copies of one
  // segment on several links were, to it, one stream retransmitting everything — and a response cut into several
  // segments, its copies interleaved across links, failed reassembly ("New fragment overlaps old data").
  const errors = (file: string) =>
    [
      ...tshark(file)
        .split('\n')
        .filter((l) => /Malformed|[Rr]eassembly error|[Oo]verlap|Retransmission|Out-Of-Order|Dup ACK/.test(l)),
      ...tshark(file, '-q', '-z', 'expert')
        .split('\n')
        .filter((l) => /^(Errors|Warns)|retransmission|Malformed/.test(l)),
    ].join('\n');

  for (const [sample, url] of [
    ['home-to-web-page', 'http://www.example.com/'],
    ['home-to-web', 'https://www.example.com/'],
    ['home-to-web-with-cache', 'https://www.example.com/'],
  ] as const) {
    it(`${sample} ${url}: the journey's file reassembles every response with no error, retransmission or warning`, () => {
      const trace = run(loadSample(sample), { url });
      const file = join(dir, `${sample}-once.pcapng`);
      writeFileSync(file, traceToPcapng(trace));
      expect(errors(file)).toBe('');
      // Every response, also the ones cut into several segments, is whole (the 200s of the page and its files).
      const codes = tshark(file, '-Y', 'http.response', '-T', 'fields', '-e', 'http.response.code').trim().split('\n');
      expect(codes.length).toBeGreaterThanOrEqual(2);
      expect(new Set(codes)).toEqual(new Set(['200']));
      const every = join(dir, `${sample}-every.pcapng`);
      writeFileSync(every, traceToPcapng(trace, { everyHop: true }));
      expect(errors(every)).not.toBe(''); // what the file was before: the copies on the other links
    });
  }

  it('keeps each TCP and UDP conversation on the first link it crossed, ARP on every link, and says so in the file', () => {
    const trace = run(loadSample('home-to-web'), { url: 'https://www.example.com/' });
    const file = join(dir, 'once.pcapng');
    writeFileSync(file, traceToPcapng(trace));
    const lines = tshark(file, '-T', 'fields', '-e', 'frame.interface_name', '-e', 'frame.comment').trim().split('\n');
    const nameOf = new Map(trace.links!.map((l) => [l.id, l.name]));
    const kept: string[] = [];
    const firstLink = new Map<string, string>();
    for (const f of frames(trace)) {
      const d = decode(f);
      const ports = (d.tcp ?? d.udp)?.repr;
      if (!d.ip || !ports) {
        kept.push(nameOf.get(f.linkId)!);
        continue;
      }
      const ends = [`${d.ip.repr.src}:${ports.srcPort}`, `${d.ip.repr.dst}:${ports.dstPort}`].sort().join(' ');
      const conversation = `${d.tcp ? 'tcp' : 'udp'} ${ends}`;
      if (!firstLink.has(conversation)) firstLink.set(conversation, f.linkId);
      if (firstLink.get(conversation) === f.linkId) kept.push(nameOf.get(f.linkId)!);
    }
    expect(lines.map((l) => l.split('\t')[0])).toEqual(kept);
    expect(kept.length).toBeLessThan(frames(trace).length);
    // The client's connection: its LAN side on pc's link, its NAT-ed side on home's WAN link, nowhere else.
    const tls = tshark(file, '-Y', 'tls.handshake.type == 1', '-T', 'fields', '-e', 'frame.interface_name').trim();
    expect(tls.split('\n')).toEqual(['l1 pc:eth0 – sw:p1', 'l3 home:eth1 – isp:eth0']);
    const arp = frames(trace).filter((f) => f.protocol === 'arp').length;
    expect(tshark(file, '-Y', 'arp').trim().split('\n')).toHaveLength(arp);
    expect(execFileSync('capinfos', [file], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(ONE_COPY_COMMENT);
    // One link's export has every frame of that link, also the copies.
    const l5 = join(dir, 'l5.pcapng');
    writeFileSync(l5, traceToPcapng(trace, { linkIds: ['l5'] }));
    expect(tshark(l5).trim().split('\n')).toHaveLength(frames(trace).filter((f) => f.linkId === 'l5').length);
    expect(execFileSync('capinfos', [l5], { encoding: 'utf8' })).not.toContain('Each TCP connection');
  });
});
