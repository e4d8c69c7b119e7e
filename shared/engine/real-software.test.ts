// What real software sends, and the textbook one toggle away: glibc's stub resolver, unbound's recursion, NSD's
// answers (and, further down, dnsmasq's ping check and Linux's neighbour states), checked on the bytes and their order.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DNS_RCODE, DNS_TYPE } from '../wire/dns';
import { linkFingerprint } from './testing/fingerprint';
import { decodeAll, device, loadSample, run, variant, withStaticNas, type Decoded } from './testing/helpers';
import { textbook } from './testing/textbook';
import type { Trace } from './trace';

const home = loadSample('home-to-web');

describe('the textbook, all real-software settings off', () => {
  // Recorded from the engine before the real defaults existed (commit 49936b3): ARP, DHCP, DNS and ICMP on every
  // link, byte for byte but for the IPv4 identification and checksum.
  const golden = JSON.parse(readFileSync(resolve(__dirname, 'testing/textbook.golden.json'), 'utf8')) as Record<
    string,
    Record<string, string[]>
  >;
  const cases: [string, () => Trace][] = [
    ['home-to-web cold', () => run(textbook(home))],
    ['home-to-web nxdomain', () => run(textbook(home), { url: 'http://nope.example.com/' })],
    ['home-to-web seed 7', () => run(textbook(home), { seed: 7 })],
    ['home-to-web-with-cache cold', () => run(textbook(loadSample('home-to-web-with-cache')))],
    ['small-lan', () => run(textbook(loadSample('small-lan')), { from: 'alice', url: 'http://web.lan/' })],
  ];
  for (const [name, trace] of cases) {
    it(`${name}: the same frames on every link as before`, () => {
      expect(linkFingerprint(trace())).toEqual(golden[name]);
    });
  }
});

/**
 * Linux's 5 s DELAY timer (1250 jiffies at HZ=250) sits in the timer wheel's level 2, whose slots are 64 jiffies
 * (256 ms): it fires at the end of its slot, 5.000–5.256 s after it was armed, never early (kernel-timer.ts).
 */
function expectDelayTimer(armedUs: number, firesUs: number) {
  expect(firesUs - armedUs).toBeGreaterThanOrEqual(5_000_000);
  expect(firesUs - armedUs).toBeLessThan(5_256_000);
  expect(firesUs % 256_000).toBe(0);
}

const dnsOn = (t: Trace, link: string) =>
  decodeAll(t).filter(
    (d): d is Decoded & { dns: NonNullable<Decoded['dns']> } => d.step.linkId === link && d.dns !== undefined,
  );
const q = (d: Decoded) =>
  `${d.dns!.flags.qr ? 'R' : 'Q'} ${d.dns!.questions[0].name || '.'} ${d.dns!.questions[0].type === DNS_TYPE.AAAA ? 'AAAA' : d.dns!.questions[0].type === DNS_TYPE.NS ? 'NS' : 'A'}`;

describe('glibc stub resolver: A and AAAA together', () => {
  const cold = run(home);
  const fromPc = dnsOn(cold, 'l1').filter((d) => d.step.from.deviceId === 'pc');
  const toPc = dnsOn(cold, 'l1').filter((d) => d.step.to.deviceId === 'pc');

  it('sends A then AAAA back to back from one port with different IDs, RD set, no EDNS', () => {
    expect(fromPc.map(q)).toEqual(['Q www.example.com A', 'Q www.example.com AAAA']);
    const [a, aaaa] = fromPc;
    expect(aaaa.step.index).toBe(a.step.index + 1);
    expect(aaaa.udp!.repr.srcPort).toBe(a.udp!.repr.srcPort);
    expect(aaaa.dns.id).not.toBe(a.dns.id);
    for (const d of fromPc) {
      expect(d.dns.flags.rd).toBe(true);
      expect(d.dns.edns).toBeUndefined();
      expect(d.ip!.repr.dontFragment).toBe(true);
    }
  });

  it('sends the AAAA question 20 µs after the A one (a second send() after poll()), A bytes first', () => {
    // warm, after 90 s (the browser's connection and host cache gone, so the stub asks): pc knows its gateway's
    // MAC, so both questions leave pc the moment the stub sends them
    const warm = run(home, { warm: true, pauseSeconds: 90 });
    const sent = dnsOn(warm, 'l1').filter((d) => d.step.from.deviceId === 'pc');
    expect(sent.map(q)).toEqual(['Q www.example.com A', 'Q www.example.com AAAA']);
    const [a, aaaa] = sent;
    expect(aaaa.step.timeUs - a.step.timeUs).toBe(20);
    // the DNS payloads: ID, flags 0x0100 (RD), one question, www.example.com, then type A (1) / AAAA (28), class IN
    const hex = (d: Decoded) => [...d.udp!.payload].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const question = '01 00 00 01 00 00 00 00 00 00 03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00';
    expect(hex(a).slice(6)).toBe(`${question} 00 01 00 01`);
    expect(hex(aaaa).slice(6)).toBe(`${question} 00 1c 00 01`);
    // cold: the A question waits for the gateway's ARP answer, and the AAAA one, sent 20 µs later, waits behind it in
    // the kernel's queue for that neighbour: both leave the moment the answer arrives, A first (the queue's order)
    const [coldA, coldAaaa] = fromPc;
    const arpAnswer = decodeAll(cold).find(
      (d) => d.step.linkId === 'l1' && d.step.to.deviceId === 'pc' && d.eth.etherType === 0x0806 && d.step.timeUs > 3e6,
    )!;
    expect(coldA.step.timeUs).toBeGreaterThan(arpAnswer.step.timeUs);
    expect(coldAaaa.step.timeUs).toBe(coldA.step.timeUs);
    expect(coldAaaa.step.index).toBeGreaterThan(coldA.step.index);
  });

  it('waits for both answers before connecting: the SYN leaves after the AAAA answer', () => {
    expect(toPc.map(q)).toEqual(['R www.example.com A', 'R www.example.com AAAA']);
    const aaaaAnswer = toPc[1];
    expect(aaaaAnswer.dns.answers).toHaveLength(0);
    const syn = decodeAll(cold).find((d) => d.tcp?.repr.flags.syn && d.step.from.deviceId === 'pc')!;
    expect(syn.step.index).toBeGreaterThan(aaaaAnswer.step.index);
    const decided = cold.steps.find((s) => s.type === 'decision' && s.kind === 'dns-result' && s.deviceId === 'pc')!;
    expect(decided.type === 'decision' && decided.configRef).toEqual({ deviceId: 'pc', path: ['askAaaa'] });
    expect(decided.index).toBeGreaterThan(aaaaAnswer.step.index);
  });

  it('off: one A question, the textbook', () => {
    const t = run(variant(home, (x) => (device(x, 'pc', 'host').askAaaa = false)));
    expect(dnsOn(t, 'l1').map(q)).toEqual(['Q www.example.com A', 'R www.example.com A']);
  });

  it('the hosts file still comes first: no DNS at all for a name it lists', () => {
    const t = run(
      variant(home, (x) => device(x, 'pc', 'host').hosts.push({ name: 'www.example.com', address: '203.0.113.80' })),
    );
    expect(decodeAll(t).some((d) => d.dns)).toBe(false);
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
  });
});

describe('unbound: priming, QNAME minimisation, AAAA, flags and caching', () => {
  const cold = run(home);
  const upstream = dnsOn(cold, 'l4');

  it('primes the root, then asks each server one label more, with type A, and the full name last (as unbound 1.17 on a real capture)', () => {
    // Same order as unbound 1.17.1 + NSD 4.6.1 in network namespaces (A and AAAA from one client, back to back):
    // . NS, com. A, example.com. A, www A; then the client's A answer, and only then www AAAA upstream: the AAAA
    // question had waited on the same www answer, and unbound (one thread) goes on with the first asker first.
    expect(upstream.map((d) => (d.step.to.deviceId === 'resolver' ? 'in ' : 'out ') + q(d))).toEqual([
      'in Q www.example.com A',
      'in Q www.example.com AAAA',
      'out Q . NS',
      'in R . NS',
      'out Q com A',
      'in R com A',
      'out Q example.com A',
      'in R example.com A',
      'out Q www.example.com A',
      'in R www.example.com A',
      'out R www.example.com A',
      'out Q www.example.com AAAA',
      'in R www.example.com AAAA',
      'out R www.example.com AAAA',
    ]);
  });

  it('sets RD=0, CD=1 and EDNS(0) with DO and a 1232-byte buffer on its own queries, DF clear; random IDs', () => {
    const own = upstream.filter((d) => d.step.from.deviceId === 'resolver' && !d.dns.flags.qr);
    expect(own).toHaveLength(5);
    for (const d of own) {
      expect(d.dns.flags).toMatchObject({ rd: false, cd: true });
      expect(d.dns.edns).toEqual({ udpPayloadSize: 1232, dnssecOk: true });
      expect(d.ip!.repr.dontFragment).toBe(false);
    }
    expect(new Set(own.map((d) => d.dns.id)).size).toBe(5);
    expect(new Set(own.map((d) => d.udp!.repr.srcPort)).size).toBe(5);
    // the bytes of the first query: header (ID, flags 0x0010 = CD), the root name, NS IN, and the OPT record
    const bytes = [...own[0].udp!.payload].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(bytes.slice(6)).toBe('00 10 00 01 00 00 00 00 00 01 00 00 02 00 01 00 00 29 04 d0 00 00 80 00 00 00');
  });

  it('the authoritative answers look like NSD: AA, the zone NS in authority and their address in additional, DO echoed', () => {
    const auth = dnsOn(cold, 'l8').filter((d) => d.dns.flags.qr);
    const [a, aaaa] = auth;
    expect(a.dns.flags.aa).toBe(true);
    expect(a.dns.answers.map((r) => r.data)).toEqual(['203.0.113.80']);
    expect(a.dns.authorities.map((r) => [r.type, r.data])).toEqual([[DNS_TYPE.NS, 'ns1.example.com']]);
    expect(a.dns.additionals.map((r) => [r.name, r.data])).toEqual([['ns1.example.com', '198.51.100.66']]);
    expect(a.dns.edns).toEqual({ udpPayloadSize: 1232, dnssecOk: true });
    expect(aaaa.dns).toMatchObject({ flags: { aa: true, rcode: DNS_RCODE.NOERROR }, answers: [] });
    expect(aaaa.dns.authorities.map((r) => r.type)).toEqual([DNS_TYPE.SOA]);
    const prime = dnsOn(cold, 'l6').find((d) => d.dns.flags.qr)!;
    expect(prime.dns).toMatchObject({ flags: { aa: true } });
    expect(prime.dns.answers.map((r) => r.data)).toEqual(['a.root-servers.net']);
    expect(prime.dns.additionals.map((r) => r.data)).toEqual(['198.51.100.18']);
  });

  it('answers the client from its cache on a warm fetch, the NODATA for AAAA too; nothing goes upstream', () => {
    // 90 s after the first fetch: past Chromium's host cache (60 s) and nginx's keep-alive (75 s), so pc asks again
    const warm = run(home, { warm: true, pauseSeconds: 90 });
    const l4 = dnsOn(warm, 'l4');
    // glibc's AAAA question, 20 µs behind the A one, reaches unbound before its cached A answer leaves (the
    // reference network's warm fetch, npm run fidelity, with the client at real-time priority: Q A, Q AAAA, R A, R AAAA).
    expect(l4.map(q)).toEqual([
      'Q www.example.com A',
      'Q www.example.com AAAA',
      'R www.example.com A',
      'R www.example.com AAAA',
    ]);
    expect(l4[3].dns.authorities.map((r) => r.type)).toEqual([DNS_TYPE.SOA]);
  });

  it('a name that does not exist: the full name at the last server (no re-query needed), NXDOMAIN for both', () => {
    const t = run(home, { url: 'http://nope.example.com/' });
    const out = dnsOn(t, 'l8').map(q);
    expect(out).toEqual([
      'Q nope.example.com A',
      'R nope.example.com A',
      'Q nope.example.com AAAA',
      'R nope.example.com AAAA',
    ]);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
  });

  it('NXDOMAIN for a shortened name: unbound asks the full name again, and says why (linked to the setting)', () => {
    const t = run(home, { url: 'http://www.example.zzz/' });
    expect(dnsOn(t, 'l6').map(q)).toEqual([
      'Q . NS',
      'R . NS',
      'Q zzz A',
      'R zzz A',
      // both questions waited on the zzz answer: the first asker (A) goes on first
      'Q www.example.zzz A',
      'Q www.example.zzz AAAA',
      'R www.example.zzz A',
      'R www.example.zzz AAAA',
    ]);
    const why = t.steps.filter(
      (s) => s.type === 'decision' && s.deviceId === 'resolver' && s.summary.startsWith('NXDOMAIN for zzz.'),
    );
    expect(why.length).toBeGreaterThan(0);
    expect(why[0].type === 'decision' && why[0].configRef).toEqual({
      deviceId: 'resolver',
      path: ['roles', 'dns', 'qnameMinimisation'],
    });
    const deeper = run(home, { url: 'http://www.nope.example.com/' });
    expect(dnsOn(deeper, 'l8').map(q).slice(0, 4)).toEqual([
      'Q nope.example.com A',
      'R nope.example.com A',
      'Q www.nope.example.com A',
      'Q www.nope.example.com AAAA',
    ]);
  });

  it('off: the full name to every server; priming off: straight to the hint', () => {
    const full = run(
      variant(home, (x) => Object.assign(device(x, 'resolver', 'server').roles.dns!, { qnameMinimisation: false })),
    );
    expect(dnsOn(full, 'l6').map(q)).toEqual([
      'Q . NS',
      'R . NS',
      'Q www.example.com A',
      'Q www.example.com AAAA',
      'R www.example.com A',
      'R www.example.com AAAA',
    ]);
    const unprimed = run(
      variant(home, (x) => Object.assign(device(x, 'resolver', 'server').roles.dns!, { primeRoot: false })),
    );
    expect(dnsOn(unprimed, 'l6').map(q).slice(0, 2)).toEqual(['Q com A', 'R com A']);
  });
});

describe('dnsmasq: the ping check before an offer', () => {
  const cold = run(home);
  const onL2 = decodeAll(cold).filter((d) => d.step.linkId === 'l2');

  it('pings the address it is about to offer — the kernel ARPs for it three times, 1 s apart, nobody answers — and offers 3 s after the DISCOVER', () => {
    const discover = onL2.find((d) => d.step.summary.startsWith('DHCP Discover'))!;
    const offer = onL2.find((d) => d.step.summary.startsWith('DHCP Offer'))!;
    // Broadcast: the unicast one 5 s after pc got its lease is home checking its neighbour entry for pc.
    const probes = onL2.filter(
      (d) => d.step.summary === 'Who has 192.168.0.100? Tell 192.168.0.1' && d.eth.dst === 'ff:ff:ff:ff:ff:ff',
    );
    // The kernel's 1 s retransmit timer fires on its timer wheel (HZ=250, 8-jiffy slots for 1 s): the first retry
    // at the end of its slot, 1.024 s after virtual time 0's tick, the next one exactly 1.024 s after that
    // (the reference network: 1.014–1.030 s between the kernel's requests).
    expect(probes.map((d) => d.step.timeUs)).toEqual([109, 1_024_000, 2_048_000]);
    expect(probes[0].step.index).toBeGreaterThan(discover.step.index);
    expect(offer.step.index).toBeGreaterThan(probes[2].step.index);
    expect(offer.step.timeUs - discover.step.timeUs).toBeGreaterThanOrEqual(3_000_000);
    expect(offer.step.timeUs - discover.step.timeUs).toBeLessThan(3_100_000);
    // The echo waited behind the unanswered ARP requests; the kernel gives up on them only after its third 1.024 s
    // timer (3.072 s), so it is still queued when dnsmasq writes pc's address into the ARP table for the offer
    // (arp_inject): it leaves then, just before the offer, and pc, without an address yet, discards it.
    const echoes = onL2.filter((d) => d.icmp);
    expect(echoes.map((d) => [d.icmp!.repr.type, d.eth.dst, d.ip!.repr.dst])).toEqual([
      [8, '02:e5:92:f5:ea:e2', '192.168.0.100'],
    ]);
    expect(echoes[0].step.index).toBeLessThan(offer.step.index);
    expect(echoes[0].step.timeUs).toBe(offer.step.timeUs);
    const inject = cold.steps.find((s) => s.type === 'decision' && s.summary.startsWith('write 192.168.0.100'))!;
    expect(inject.type === 'decision' && inject.configRef).toEqual({ deviceId: 'home', path: ['dhcp', 'pingCheck'] });
    const check = cold.steps.find((s) => s.type === 'decision' && s.deviceId === 'home' && s.kind === 'dhcp')!;
    expect(check.type === 'decision' && check.configRef).toEqual({ deviceId: 'home', path: ['dhcp', 'pingCheck'] });
    expect(cold.steps.filter((s) => s.type === 'drop').map((s) => s.type === 'drop' && [s.deviceId, s.reason])).toEqual(
      [['pc', 'not-for-me']],
    );
  });

  it('an address in use answers the ping and is not offered: the next free one is pinged, then offered', () => {
    const taken = variant(home, (x) => withStaticNas(x));
    const t = run(taken);
    const echo = decodeAll(t).filter((d) => d.icmp && d.step.linkId === 'lnas');
    expect(echo.map((d) => [d.icmp!.repr.type, d.ip!.repr.src, d.ip!.repr.dst])).toEqual([
      [8, '192.168.0.1', '192.168.0.100'],
      [0, '192.168.0.100', '192.168.0.1'],
    ]);
    const request = echo[0];
    expect(request.icmp!.repr).toMatchObject({ code: 0, sequence: 0 });
    expect(request.icmp!.repr.data).toEqual(new Uint8Array(20)); // a struct icmp: 28 bytes in all
    const offer = decodeAll(t).find((d) => d.step.summary.startsWith('DHCP Offer'))!;
    expect(offer.step.summary).toContain('0x');
    expect(t.steps.some((s) => s.type === 'decision' && s.summary === '192.168.0.100 is in use: try the next')).toBe(
      true,
    );
    const pings = decodeAll(t).filter(
      (d) =>
        d.step.linkId === 'l2' &&
        d.step.summary.startsWith('Who has 192.168.0.101?') &&
        d.eth.dst === 'ff:ff:ff:ff:ff:ff',
    );
    expect(pings).toHaveLength(3);
    expect(t.outcome).toMatchObject({ ok: true });
    const pc = t.steps.filter((s) => s.type === 'decision' && s.deviceId === 'pc' && s.summary.startsWith('bound'));
    expect(pc[0].summary).toContain('192.168.0.101');
  });

  it('off: the offer at once, the textbook', () => {
    const t = run(variant(home, (x) => (device(x, 'home', 'router').dhcp!.pingCheck = false)));
    const l2 = decodeAll(t).filter((d) => d.step.linkId === 'l2');
    expect(l2.slice(0, 2).map((d) => d.step.summary.split(' - ')[0])).toEqual(['DHCP Discover', 'DHCP Offer']);
  });
});

describe("Linux's neighbour states: REACHABLE, STALE, DELAY, PROBE", () => {
  const blockedHome = variant(home, (x) => {
    const fw = device(x, 'fw', 'firewall');
    fw.rules = [];
    fw.defaultAction = 'deny';
  });
  // 131 s of SYN retries: long enough for entries to go stale and be used again.
  const blocked = run(blockedHome);
  const arpEntries = (t: Trace, deviceId: string) =>
    (t.stateChanges ?? [])
      .filter((c) => c.deviceId === deviceId && c.table === 'arp' && c.entry)
      .map((c) => ({ step: c.step, ...(c.entry as { ip: string; mac: string; state?: string; timerUs?: number }) }));
  const stepTime = (t: Trace, i: number) => t.steps[i].timeUs;

  it('an answer makes an entry REACHABLE for this interface’s reachable time, drawn from the seed between 15 and 45 s', () => {
    const learned = arpEntries(blocked, 'home').find((e) => e.ip === '203.0.113.1')!;
    expect(learned.state).toBe('REACHABLE');
    const reachable = learned.timerUs! - stepTime(blocked, learned.step);
    expect(reachable).toBeGreaterThanOrEqual(15e6);
    expect(reachable).toBeLessThanOrEqual(45e6);
    const again = arpEntries(run(blockedHome), 'home').find((e) => e.ip === '203.0.113.1')!;
    expect(again.timerUs).toBe(learned.timerUs);
    const otherSeeds = [2, 3, 4].map((seed) => {
      const t = run(blockedHome, { seed });
      const e = arpEntries(t, 'home').find((x) => x.ip === '203.0.113.1')!;
      return e.timerUs! - stepTime(t, e.step);
    });
    expect(new Set([reachable, ...otherSeeds]).size).toBeGreaterThan(1);
  });

  it('what an ARP question says about its asker is kept as STALE; using it moves it to DELAY, named in a decision with its setting', () => {
    const cold = run(home);
    const fromRequest = arpEntries(cold, 'web').find((e) => e.ip === '203.0.113.65')!;
    expect(fromRequest.state).toBe('STALE');
    expect(fromRequest.timerUs).toBeUndefined();
    const delay = cold.steps.find(
      (s) =>
        s.type === 'decision' &&
        s.deviceId === 'web' &&
        s.summary === 'ARP entry for 203.0.113.65 is STALE: use it, check it in 5 s',
    )!;
    expect(delay.type === 'decision' && delay.configRef).toEqual({ deviceId: 'web', path: ['neighbourStates'] });
    const synAck = decodeAll(cold).find(
      (d) => d.step.linkId === 'l10' && d.tcp?.repr.flags.syn && d.tcp.repr.flags.ack,
    )!;
    expect(delay.index).toBeLessThan(synAck.step.index); // sent at once, with the cached address
    const delayed = arpEntries(cold, 'web').find((e) => e.ip === '203.0.113.65' && e.state === 'DELAY')!;
    expectDelayTimer(delay.timeUs, delayed.timerUs!);
  });

  it('after reachable time an entry in use is STALE → DELAY, and 5 s later PROBE: a unicast ARP request to the cached MAC, answered, REACHABLE again', () => {
    const learned = arpEntries(blocked, 'home').find((e) => e.ip === '203.0.113.1')!;
    const delay = blocked.steps.find(
      (s) =>
        s.type === 'decision' &&
        s.deviceId === 'home' &&
        s.summary === 'ARP entry for 203.0.113.1 is STALE: use it, check it in 5 s',
    )!;
    expect(delay.timeUs).toBeGreaterThanOrEqual(learned.timerUs!);
    const l3 = decodeAll(blocked).filter((d) => d.step.linkId === 'l3' && d.eth.etherType === 0x0806);
    const probe = l3.find((d) => d.step.from.deviceId === 'home' && d.step.timeUs > delay.timeUs)!;
    expectDelayTimer(delay.timeUs, probe.step.timeUs);
    const isp = learned.mac;
    expect(probe.eth.dst).toBe(isp); // unicast to the cached address, not ff:ff:ff:ff:ff:ff
    const arp = probe.step.bytes.subarray(14);
    expect(Array.from(arp.subarray(6, 8))).toEqual([0, 1]); // a request
    expect(Array.from(arp.subarray(18, 24))).toEqual([0, 0, 0, 0, 0, 0]); // target MAC unknown, as Linux's arp_solicit sends it
    expect(probe.step.summary).toBe('Who has 203.0.113.1? Tell 203.0.113.2');
    const reply = l3[l3.indexOf(probe) + 1];
    expect(reply.step.from.deviceId).toBe('isp');
    expect(reply.eth.dst).toBe(probe.eth.src);
    const confirmed = blocked.steps.find(
      (s) => s.index > reply.step.index && s.type === 'decision' && s.deviceId === 'home',
    )!;
    expect(confirmed.summary).toBe('203.0.113.1 is at ' + isp + ': entry REACHABLE again');
    expect(
      arpEntries(blocked, 'home')
        .filter((e) => e.ip === '203.0.113.1')
        .map((e) => e.state),
    ).toEqual(['REACHABLE', 'DELAY', 'PROBE', 'REACHABLE', 'DELAY', 'PROBE', 'REACHABLE']);
  });

  it('TCP confirms a neighbour only when the socket next sends (sock_confirm_neigh): nginx, only waiting on its keep-alive connection, probes its stale entry for fw after 5 s; pc, which ACKs, does not', () => {
    const cold = run(home);
    const delay = cold.steps.find(
      (s) =>
        s.type === 'decision' &&
        s.deviceId === 'web' &&
        s.summary === 'ARP entry for 203.0.113.65 is STALE: use it, check it in 5 s',
    )!;
    const webArp = decodeAll(cold).filter(
      (d) =>
        d.step.linkId === 'l10' &&
        d.eth.etherType === 0x0806 &&
        d.step.bytes[21] === 1 && // requests (web's answer to fw's question is not one)
        d.step.from.deviceId === 'web',
    );
    expect(webArp).toHaveLength(1);
    expectDelayTimer(delay.timeUs, webArp[0].step.timeUs);
    expect(webArp[0].eth.dst).toBe('02:8a:69:57:2e:57'); // unicast to fw's eth1
    const fin = decodeAll(cold).find((d) => d.step.linkId === 'l10' && d.tcp?.repr.flags.fin)!;
    expect(webArp[0].step.index).toBeLessThan(fin.step.index);
    // pc asked for its gateway (REACHABLE on the answer) and its ACKs keep confirming it: one request, no probe.
    const pcArp = decodeAll(cold).filter(
      (d) => d.step.linkId === 'l1' && d.eth.etherType === 0x0806 && d.step.from.deviceId === 'pc',
    );
    expect(pcArp.map((d) => d.eth.dst)).toEqual(['ff:ff:ff:ff:ff:ff', '02:9c:4b:ee:9c:7d']); // its question, its answer to home's probe
  });

  it('a warm fetch starts with the entries the first one left, their timers in the new trace time', () => {
    const warm = run(home, { warm: true });
    expect(warm.outcome.ok).toBe(true);
    const web = warm.initialState!.web.arp.find((e) => e.ip === '203.0.113.65')!;
    // Used in the first fetch (DELAY), and the first fetch ended 3 s before this one began: 2 s of DELAY are left.
    expect(web.state).toBe('DELAY');
    expect(web.timerUs).toBeGreaterThan(1_000_000);
    expect(web.timerUs).toBeLessThan(5_000_000);
    const pc = warm.initialState!.pc.arp.find((e) => e.ip === '192.168.0.1')!;
    expect(pc.state).toBe('REACHABLE');
    expect(pc.timerUs).toBeGreaterThan(10_000_000);
  });

  it('off: no states, no probes — an entry, once learned, is trusted for ever', () => {
    const off = run(
      variant(blockedHome, (x) => {
        for (const d of x.devices) if (d.kind !== 'switch') d.neighbourStates = false;
      }),
    );
    expect(
      decodeAll(off).filter((d) => d.eth.etherType === 0x0806 && (d.step.bytes[0] & 1) === 0 && d.step.bytes[21] === 1),
    ).toHaveLength(0);
    expect(arpEntries(off, 'home').every((e) => e.state === undefined && e.timerUs === undefined)).toBe(true);
  });
});

describe('the browser as Chromium: HTTP/1.1 keep-alive, closed by the idle side; its own connect timeout', () => {
  const http = (d: Decoded) => new TextDecoder().decode(d.tcp!.payload);
  const onL10 = (t: Trace) => decodeAll(t).filter((d) => d.step.linkId === 'l10' && d.tcp);
  const fin = (t: Trace, from: string) => onL10(t).find((d) => d.step.from.deviceId === from && d.tcp!.repr.flags.fin);
  const ok = (t: Trace) => onL10(t).find((d) => d.step.summary.startsWith('HTTP/1.1 200'))!;

  it('keeps the connection open after the page; nginx closes it after keepalive_timeout (75 s), so web keeps TIME_WAIT', () => {
    const t = run(home);
    expect(t.outcome.ok).toBe(true);
    const get = onL10(t).find((d) => d.step.summary.startsWith('GET '))!;
    expect(http(get)).toContain('\r\nConnection: keep-alive\r\n');
    expect(http(ok(t))).toContain('\r\nConnection: keep-alive\r\n');
    const webFin = fin(t, 'web')!;
    expect(webFin.step.timeUs - ok(t).step.timeUs).toBe(75_000_000);
    const pcFin = fin(t, 'fw')!; // pc's FIN, forwarded by fw to web
    expect(pcFin.step.index).toBeGreaterThan(webFin.step.index);
    const decided = t.steps.find(
      (s) => s.type === 'decision' && s.deviceId === 'web' && s.summaryMessage?.key === 'web.summary.keepaliveTimeout',
    )!;
    expect(decided.type === 'decision' && decided.configRef).toEqual({
      deviceId: 'web',
      path: ['roles', 'web', 'keepaliveTimeoutSeconds'],
    });
    expect(decided.index).toBeLessThan(webFin.step.index);
    // The browser's result comes with the page, long before the close.
    const result = t.steps.find((s) => s.type === 'decision' && s.kind === 'browser')!;
    expect(result.index).toBeLessThan(webFin.step.index);
  });

  it('keepaliveTimeoutSeconds: 10 closes after 10 s; 0 answers "Connection: close" and closes at once', () => {
    const ten = run(variant(home, (x) => (device(x, 'web', 'server').roles.web!.keepaliveTimeoutSeconds = 10)));
    expect(fin(ten, 'web')!.step.timeUs - ok(ten).step.timeUs).toBe(10_000_000);
    const off = run(variant(home, (x) => (device(x, 'web', 'server').roles.web!.keepaliveTimeoutSeconds = 0)));
    expect(http(ok(off))).toContain('\r\nConnection: close\r\n');
    expect(fin(off, 'web')!.step.index).toBe(ok(off).step.index + 1);
    expect(off.outcome.ok).toBe(true);
  });

  it('keep-alive off in the browser (the textbook): it asks "Connection: close" and the server closes after the response', () => {
    const t = run(
      variant(
        home,
        (x) =>
          (device(x, 'pc', 'host').browser = {
            keepAlive: false,
            maxConnectionsPerHost: 6,
            connectTimeoutSeconds: 240,
          }),
      ),
    );
    expect(t.outcome.ok).toBe(true);
    expect(http(onL10(t).find((d) => d.step.summary.startsWith('GET '))!)).toContain('\r\nConnection: close\r\n');
    expect(fin(t, 'web')!.step.timeUs - ok(t).step.timeUs).toBeLessThan(1000);
  });

  it("the browser's connect timeout, shorter than the kernel's 131 s, gives up first and says so", () => {
    const blocked = variant(home, (x) => {
      const fw = device(x, 'fw', 'firewall');
      fw.rules = [];
      fw.defaultAction = 'deny';
      device(x, 'pc', 'host').browser = { keepAlive: true, maxConnectionsPerHost: 6, connectTimeoutSeconds: 20 };
    });
    const t = run(blocked);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_TIMED_OUT' });
    const syns = decodeAll(t).filter((d) => d.step.linkId === 'l1' && d.tcp?.repr.flags.syn);
    expect(syns.map((d) => Math.round((d.step.timeUs - syns[0].step.timeUs) / 1e6))).toEqual([
      0,
      1,
      2,
      3,
      4,
      5,
      7,
      11,
      20, // the RTOs on the kernel timer wheel: the ninth SYN 19.5 s after the first
    ]);
    const gaveUp = t.steps.find(
      (s) => s.type === 'decision' && s.deviceId === 'pc' && s.summaryMessage?.key === 'web.summary.connectTimeout',
    )!;
    expect(gaveUp.type === 'decision' && gaveUp.configRef).toEqual({
      deviceId: 'pc',
      path: ['browser', 'connectTimeoutSeconds'],
    });
    expect(gaveUp.timeUs - syns[0].step.timeUs).toBe(20_000_000);
  });
});
