// The capture of a trace must open in tshark: one interface per link, every frame, no malformed packets and no
// checksum errors (with checksum validation switched on), the explanation as the packet comment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceToPcapng } from './pcap';
import { frames, loadSample, run, variant, device } from './testing/helpers';
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
    it(`${name}: opens in tshark with every frame, no malformed packet and no checksum error`, () => {
      const trace = run(topology);
      const file = join(dir, `${name.split(' ')[0]}.pcapng`);
      writeFileSync(file, traceToPcapng(trace));
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
});
