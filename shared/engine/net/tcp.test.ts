// TCP as Linux 6.x sends it, and the textbook variant one setting away: SYN and SYN-ACK bytes checked by tshark,
// the SYN retransmission times, and who keeps TIME_WAIT.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceToPcapng } from '../pcap';
import { device, frames, loadSample, run, variant } from '../testing/helpers';
import type { Trace } from '../trace';

const dir = mkdtempSync(join(tmpdir(), 'pj-tcp-'));
/** The first hop of every TCP segment (pc's link), as tshark reads it. */
function tcpFields(trace: Trace, name: string, fields: string[]): string[][] {
  const file = join(dir, `${name}.pcapng`);
  writeFileSync(file, traceToPcapng(trace));
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-o',
      'tcp.check_checksum:TRUE',
      '-o',
      'tcp.relative_sequence_numbers:FALSE',
      '-Y',
      'tcp && frame.interface_name contains "l1 pc:"',
      '-T',
      'fields',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8' },
  );
  return out
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
}
const bad = (trace: Trace, name: string) => {
  const file = join(dir, `${name}-bad.pcapng`);
  writeFileSync(file, traceToPcapng(trace));
  return execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-o',
      'tcp.check_checksum:TRUE',
      '-Y',
      '_ws.malformed || _ws.expert.severity >= "error" || tcp.checksum.status == 0',
    ],
    { encoding: 'utf8' },
  ).trim();
};

describe('TCP as Linux 6.x', () => {
  const trace = run(loadSample('home-to-web'));
  const first = frames(trace).find((f) => f.linkId === 'l1' && f.summary.includes('[SYN]'))!;

  it('sends the SYN and SYN-ACK with Linux options, sizes and windows; tshark finds nothing bad', () => {
    expect(bad(trace, 'linux')).toBe('');
    const rows = tcpFields(trace, 'linux', [
      'frame.len',
      'tcp.flags.str',
      'tcp.window_size_value',
      'tcp.options.mss_val',
      'tcp.options.sack_perm',
      'tcp.options.wscale.shift',
      'tcp.options.timestamp.tsval',
      'tcp.len',
    ]);
    const syn = rows.find((r) => r[1].includes('S') && !r[1].includes('A'))!;
    const synAck = rows.find((r) => r[1].includes('S') && r[1].includes('A'))!;
    expect(syn.slice(0, 6)).toEqual(['74', '··········S·', '64240', '1460', '0402', '7']);
    expect(synAck.slice(0, 6)).toEqual(['74', '·······A··S·', '65160', '1460', '0402', '7']);
    // Option bytes in Linux's order: MSS, SACK_PERM, TS, NOP, WS.
    const tcp = first.bytes.subarray(14 + 20);
    expect(Array.from(tcp.subarray(20, 24))).toEqual([0x02, 0x04, 0x05, 0xb4]);
    expect(Array.from(tcp.subarray(24, 28))).toEqual([0x04, 0x02, 0x08, 0x0a]);
    expect(Array.from(tcp.subarray(36, 40))).toEqual([0x01, 0x03, 0x03, 0x07]);
    // Data segments carry timestamps (66-byte bare ACKs).
    expect(rows.filter((r) => r[1] === '·······A····').every((r) => r[0] === '66')).toBe(true);
  });

  it('TSval is deterministic from the seed and differs with another seed', () => {
    const tsval = (t: Trace) => tcpFields(t, `ts${t.scenario.seed}`, ['tcp.options.timestamp.tsval'])[0][0];
    expect(tsval(run(loadSample('home-to-web')))).toBe(tsval(trace));
    expect(tsval(run(loadSample('home-to-web'), { seed: 2 }))).not.toBe(tsval(trace));
  });

  it('the decision before the SYN names the TCP setting', () => {
    const d = trace.steps.find((s) => s.type === 'decision' && s.kind === 'tcp')!;
    expect(d.type === 'decision' && d.configRef).toMatchObject({ deviceId: 'pc', path: ['tcp', 'linuxOptions'] });
    expect(d.index).toBeLessThan(first.index);
  });

  it('the side that closes first (nginx, when the keep-alive connection idles out) keeps the connection in TIME_WAIT', () => {
    const changes = (trace.stateChanges ?? []).filter((c) => c.table === 'connections');
    const tw = changes.filter((c) => c.entry && (c.entry as { state: string }).state === 'TIME_WAIT');
    expect(tw.map((c) => c.deviceId)).toEqual(['web']);
  });

  it('retransmits an unanswered SYN after RTOs of 1, 1, 1, 1, 1, 2, 4, 8, 16 and 32 s, each fired on the kernel timer wheel, and gives up at 131 s, as Linux 6.5+ (tcp_syn_retries = 6, tcp_syn_linear_timeouts = 4) and a real capture here do', () => {
    const blocked = variant(loadSample('home-to-web'), (t) => {
      const fw = device(t, 'fw', 'firewall');
      fw.rules = [];
      fw.defaultAction = 'deny';
    });
    const t = run(blocked);
    const syns = frames(t).filter((f) => f.linkId === 'l1' && f.summary.includes('[SYN]'));
    const t0 = syns[0].timeUs;
    // Each retransmission timer fires at the end of its wheel slot (HZ=250): 32 ms slots for 1 and 2 s, 256 ms for
    // 4 to 16 s, 2.048 s for 32 s — never early. The reference network's gaps: 1.024 s, then 2.016, 4.16, 8.192,
    // 16.128 and 34.048 s (the slot's phase depends on the kernel's jiffies).
    const rto = [1, 1, 1, 1, 1, 2, 4, 8, 16, 32];
    const slotMs = [32, 32, 32, 32, 32, 32, 256, 256, 256, 2048];
    const gapsMs = syns.slice(1).map((s, i) => (s.timeUs - syns[i].timeUs) / 1000);
    gapsMs.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(rto[i] * 1000);
      expect(gap).toBeLessThanOrEqual(rto[i] * 1000 + slotMs[i] + 4); // + the jiffy it was armed in
    });
    expect(gapsMs.slice(1, 6)).toEqual([1024, 1024, 1024, 1024, 2016]); // re-armed as it fires: as measured
    expect(syns.map((s) => Math.round((s.timeUs - t0) / 1e6))).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 20, 36, 69]);
    const gaveUp = t.steps.find((s) => s.type === 'decision' && s.summary.includes('timed out'))!;
    expect(Math.round((gaveUp.timeUs - t0) / 1e6)).toBe(131);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_TIMED_OUT' });
  });
});

describe('textbook TCP (the device setting off)', () => {
  const textbook = variant(loadSample('home-to-web'), (t) => {
    device(t, 'pc', 'host').tcp = { linuxOptions: false, quickAck: false };
    device(t, 'web', 'server').tcp = { linuxOptions: false, quickAck: false };
  });
  const trace = run(textbook);

  it('sends an MSS-only SYN with window 65535 and no options after it; the fetch still works', () => {
    expect(trace.outcome.ok).toBe(true);
    expect(bad(trace, 'textbook')).toBe('');
    const rows = tcpFields(trace, 'textbook', [
      'frame.len',
      'tcp.flags.str',
      'tcp.window_size_value',
      'tcp.options.mss_val',
      'tcp.hdr_len',
    ]);
    expect(rows[0]).toEqual(['60', '··········S·', '65535', '1460', '24']);
    expect(rows[1]).toEqual(['60', '·······A··S·', '65535', '1460', '24']);
    expect(rows.slice(2).every((r) => r[4] === '20')).toBe(true);
  });

  it('a Linux client meeting a textbook server gets a SYN-ACK offering only what it supports', () => {
    const mixed = run(
      variant(
        loadSample('home-to-web'),
        (t) => (device(t, 'web', 'server').tcp = { linuxOptions: false, quickAck: true }),
      ),
    );
    expect(mixed.outcome.ok).toBe(true);
    const rows = tcpFields(mixed, 'mixed', ['tcp.flags.str', 'tcp.hdr_len']);
    expect(rows[0]).toEqual(['··········S·', '40']);
    expect(rows[1]).toEqual(['·······A··S·', '24']);
    expect(rows.slice(2).every((r) => r[1] === '20')).toBe(true);
  });
});

describe("the server's quick-ACK: the request is ACKed before the answer is ready", () => {
  const onWebLink = (t: Trace) =>
    frames(t).filter((f) => f.linkId === 'l10' && f.from.deviceId === 'web' && f.protocol !== 'arp');

  it('Linux (the default): web sends a bare ACK of the whole GET, then the 200 OK 60 µs later (nginx), in that order', () => {
    const trace = run(loadSample('home-to-web'));
    const get = frames(trace).find((f) => f.linkId === 'l10' && f.summary.startsWith('GET '))!;
    const getLen = get.bytes.length - 14 - 20 - 32; // Ethernet, IPv4, TCP with timestamps
    const [synAck, ack, ok] = onWebLink(trace);
    expect(synAck.summary).toContain('[SYN, ACK]');
    expect(ack.summary).toMatch(/^80 → \d+ \[ACK\] Seq=1 Ack=(\d+) .*Len=0/);
    expect(Number(/Ack=(\d+)/.exec(ack.summary)![1])).toBe(1 + getLen);
    expect(ok.summary).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(ack.index).toBeLessThan(ok.index);
    expect(ok.timeUs - ack.timeUs).toBe(60);
    const told = trace.steps.find((s) => s.type === 'decision' && s.deviceId === 'web' && s.kind === 'tcp')!;
    expect(told.type === 'decision' && told.configRef).toEqual({ deviceId: 'web', path: ['tcp', 'quickAck'] });
    expect(told.index).toBe(ack.index - 1);
  });

  it('quick-ACK off on web (the textbook): no bare ACK, the ACK rides on the 200 OK', () => {
    const trace = run(
      variant(
        loadSample('home-to-web'),
        (t) => (device(t, 'web', 'server').tcp = { linuxOptions: true, quickAck: false }),
      ),
    );
    expect(trace.outcome.ok).toBe(true);
    const sent = onWebLink(trace).map((f) => f.summary.replace(/ Seq=.*/, ''));
    expect(sent[0]).toContain('[SYN, ACK]');
    expect(sent[1]).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(trace.steps.some((s) => s.type === 'decision' && s.deviceId === 'web' && s.kind === 'tcp')).toBe(false);
  });
});

describe('time on the wire: serialisation, propagation and each device’s processing', () => {
  const trace = run(loadSample('home-to-web'));
  const syn = frames(trace).filter((f) => f.summary.includes('[SYN]'));
  const at = (link: string) => syn.find((f) => f.linkId === link)!.timeUs;
  // 74 bytes at 100 Mbit/s take 6 µs, the cable 20 µs; then the switch takes 3 µs, a Linux router 10 µs.
  it('a SYN leaves the switch 29 µs and each router 36 µs after the device before it sent it', () => {
    expect(at('l2') - at('l1')).toBe(6 + 20 + 3);
    expect(at('l3') - at('l2')).toBe(6 + 20 + 10);
    expect(at('l5') - at('l3')).toBe(6 + 20 + 10);
  });
  it("web's kernel answers the SYN 5 µs after it arrived", () => {
    const synAck = frames(trace).find((f) => f.linkId === 'l10' && f.summary.includes('[SYN, ACK]'))!;
    expect(synAck.timeUs - at('l10')).toBe(6 + 20 + 5);
  });
});
