// Scenarios a lesson needs: fetches before the recorded one, a pause between them in which time passes, and a
// configuration change between two fetches. Real engine, real sample, frames decoded with the wire parsers.
import { describe, expect, it } from 'vitest';
import { DNS_TYPE } from '../wire/dns';
import { decodeAll, frames, loadSample, run } from './testing/helpers';
import type { Trace } from './trace';

const home = loadSample('home-to-web');
const URL = 'http://www.example.com/';

/** DNS questions the resolver sends to `server` in the recorded fetch, as "name type". */
const questionsTo = (t: Trace, server: string) =>
  decodeAll(t)
    .filter((d) => d.dns && !d.dns.flags.qr && d.step.to.deviceId === server && d.step.from.deviceId !== 'resolver')
    .map(
      (d) =>
        `${d.dns!.questions[0].name || '.'} ${d.dns!.questions[0].type === DNS_TYPE.AAAA ? 'AAAA' : d.dns!.questions[0].type === DNS_TYPE.NS ? 'NS' : 'A'}`,
    );

describe('fetches before the recorded one', () => {
  const cold = run(home);
  const warm = run(home, { warm: true });
  const before = run(home, { before: [URL] });

  it('--warm is --before the same URL: the same trace', () => {
    expect(before.steps.map((s) => s.summary)).toEqual(warm.steps.map((s) => s.summary));
    expect(frames(before).map((f) => f.bytes)).toEqual(frames(warm).map((f) => f.bytes));
    expect(before.earlier).toEqual([{ url: URL, ok: true, result: '200 OK' }]);
    expect(cold.earlier).toBeUndefined();
  });

  it('after a fetch before, the resolver asks nobody: no DNS to the root, the TLD or the authoritative server', () => {
    // 90 s later nginx has closed the kept-alive connection (75 s) and Chromium's host cache (60 s) has let the
    // name go, so pc asks its resolver again — which answers from its cache.
    const later = run(home, { before: [URL], pauseSeconds: 90 });
    expect(questionsTo(cold, 'root').length).toBeGreaterThan(0);
    for (const server of ['root', 'tld', 'auth']) expect(questionsTo(later, server)).toEqual([]);
    expect(later.outcome.ok).toBe(true);
    expect(decodeAll(later).some((d) => d.dns && d.step.from.deviceId === 'pc')).toBe(true);
    // A second later nothing is asked at all: the browser reuses its idle connection (./browser-warm.test.ts).
    expect(decodeAll(before).some((d) => d.dns)).toBe(false);
  });

  it('records only the last fetch: it starts at trace time 0 with the earlier fetch already in the caches', () => {
    expect(before.steps[0].timeUs).toBe(0);
    const cache = before.initialState!.resolver.dnsCache;
    expect(cache.some((e) => e.name.startsWith('www.example.com') && e.type === 'A')).toBe(true);
    // Stored during the earlier fetch: before recording began.
    for (const e of cache) expect(e.storedAtUs).toBeLessThan(0);
  });

  it('a different URL before: its answers are cached, the recorded fetch asks only what is new', () => {
    const t = run(home, { before: ['http://nope.example.com/'] });
    expect(t.earlier).toEqual([{ url: 'http://nope.example.com/', ok: false, result: 'ERR_NAME_NOT_RESOLVED' }]);
    expect(questionsTo(t, 'root')).toEqual([]);
    expect(questionsTo(t, 'tld')).toEqual([]);
    expect(questionsTo(t, 'auth').length).toBeGreaterThan(0);
    expect(t.outcome.ok).toBe(true);
  });

  it('several URLs before are fetched in order', () => {
    const t = run(home, { before: ['http://nope.example.com/', URL] });
    expect(t.earlier!.map((e) => e.result)).toEqual(['ERR_NAME_NOT_RESOLVED', '200 OK']);
    expect(questionsTo(t, 'auth')).toEqual([]);
  });

  it('a bad URL before fails at once and says which', () => {
    const t = run(home, { before: ['ftp://www.example.com/'] });
    expect(t.outcome.ok).toBe(false);
    expect(t.steps).toEqual([]);
  });
});

describe('--pause: the clock advances between the fetches', () => {
  it('after 3600 s the www A record (TTL 3600) has expired: the resolver asks the authoritative server again, but not the root or the TLD (TTL 172800)', () => {
    const short = run(home, { before: [URL], pauseSeconds: 10 });
    const long = run(home, { before: [URL], pauseSeconds: 3600 });
    expect(questionsTo(short, 'auth')).toEqual([]);
    expect(questionsTo(long, 'auth')).toContain('www.example.com A');
    expect(questionsTo(long, 'root')).toEqual([]);
    expect(questionsTo(long, 'tld')).toEqual([]);
    const recorded = long.initialState!.resolver.dnsCache.find(
      (e) => e.type === 'A' && e.name.startsWith('www.example.com'),
    )!;
    expect(recorded.storedAtUs).toBeLessThan(-3600e6);
  });

  it('the pause shows in the cache entries: stored more than the pause before the recorded fetch', () => {
    const t = run(home, { before: [URL], pauseSeconds: 120 });
    for (const e of t.initialState!.resolver.dnsCache) expect(e.storedAtUs).toBeLessThan(-120e6);
  });
});

describe('--then-set: a change between the fetches', () => {
  it('turning the firewall rule that lets the web traffic in into a deny makes the second fetch drop at fw', () => {
    const first = run(home, { before: [URL] });
    expect(first.outcome.ok).toBe(true);
    // 90 s after the first visit: nginx has closed its kept-alive connection, so the browser needs a new one.
    const deny = [{ device: 'fw', path: 'rules[0].action', value: 'deny' }];
    const t = run(home, { before: [URL], pauseSeconds: 90, thenSet: deny });
    expect(t.earlier).toEqual([{ url: URL, ok: true, result: '200 OK' }]);
    expect(t.outcome.ok).toBe(false);
    const drop = t.steps.find((s) => s.type === 'drop' && s.deviceId === 'fw');
    expect(drop).toMatchObject({ type: 'drop', reason: 'firewall', configRef: { deviceId: 'fw', path: ['rules', 0] } });
    // The change is the engine's own copy: the topology passed in is untouched.
    expect(home.devices.find((d) => d.id === 'fw')).toMatchObject({ rules: [{ action: 'allow' }, {}, {}] });
  });

  it('a deny rule added in front of the others, by the device name: the SYN is dropped by it', () => {
    const deny = {
      id: 'block',
      action: 'deny',
      direction: 'in',
      protocol: 'tcp',
      source: 'any',
      destination: 'any',
      port: 80,
    };
    const fw = home.devices.find((d) => d.id === 'fw')!;
    const rules = fw.kind === 'firewall' ? fw.rules : [];
    // After 90 s, when the kept-alive connection is gone and a new SYN must pass the rules.
    const t = run(home, {
      before: [URL],
      pauseSeconds: 90,
      thenSet: [{ device: 'fw', path: 'rules', value: [deny, ...rules] }],
    });
    const drop = t.steps.find((s) => s.type === 'drop' && s.deviceId === 'fw');
    expect(drop).toMatchObject({ reason: 'firewall', configRef: { path: ['rules', 0] } });
    expect(drop!.summary).toContain('block');
  });

  it('a changed DNS record is not seen while the old answer is cached, and is seen once its TTL has passed', () => {
    const change = [{ device: 'auth', path: 'roles.dns.zones[0].records[3].value', value: '203.0.113.81' }];
    // 90 s: the browser's own connection and host cache are gone (it connects anew), the resolver's answer is not.
    const cached = run(home, { before: [URL], pauseSeconds: 90, thenSet: change });
    const expired = run(home, { before: [URL], pauseSeconds: 3601, thenSet: change });
    const synTo = (t: Trace) =>
      decodeAll(t).find((d) => d.tcp?.repr.flags.syn && d.step.from.deviceId === 'pc')?.ip?.repr.dst;
    expect(synTo(cached)).toBe('203.0.113.80');
    expect(synTo(expired)).toBe('203.0.113.81');
  });

  it('without fetches before, the change is the network the fetch runs on', () => {
    const t = run(home, {
      thenSet: [
        { device: 'fw', path: 'defaultAction', value: 'allow' },
        { device: 'fw', path: 'rules', value: [] },
      ],
    });
    expect(t.outcome.ok).toBe(true);
    expect(
      t.steps.some((s) => s.type === 'decision' && s.deviceId === 'fw' && s.configRef?.path[0] === 'defaultAction'),
    ).toBe(true);
  });

  it('a change that cannot be made fails before anything runs, in one sentence', () => {
    const cases: [string, unknown, RegExp][] = [
      ['nobody', 'x', /There is no device nobody to change; the devices are pc, sw, home/],
      ['fw', 'deny', /fw.rules\[7\].action does not exist: fw.rules has 3 entries/],
      ['fw', 'maybe', /"maybe" is not a valid value for fw.rules\[0\].action: must be one of "allow", "deny"/],
    ];
    const paths = ['rules[0].action', 'rules[7].action', 'rules[0].action'];
    cases.forEach(([dev, value, message], i) => {
      const t = run(home, { before: [URL], thenSet: [{ device: dev, path: paths[i], value: value as string }] });
      expect(t.outcome).toMatchObject({ ok: false, error: 'BAD_CHANGE' });
      expect(t.outcome.summary).toMatch(message);
      expect(t.steps).toEqual([]);
    });
  });
});

describe('--pause ages the neighbour entries as Linux does', () => {
  const arpAt = (t: Trace, deviceId: string, ip: string) =>
    (t.initialState![deviceId].arp as { ip: string; state?: string; timerUs?: number }[]).find((e) => e.ip === ip);

  it('a REACHABLE entry past its reachable time (at most 45 s) begins the recorded fetch STALE, without a timer; its first use is DELAY, then a unicast PROBE 5 s later', () => {
    const short = run(home, { before: [URL], pauseSeconds: 1 });
    expect(arpAt(short, 'pc', '192.168.0.1')).toMatchObject({ state: 'REACHABLE' });
    expect(arpAt(short, 'pc', '192.168.0.1')!.timerUs).toBeGreaterThan(0);

    const t = run(home, { before: [URL], pauseSeconds: 60 });
    expect(t.outcome.ok).toBe(true);
    const gw = arpAt(t, 'pc', '192.168.0.1')!;
    expect(gw.state).toBe('STALE');
    expect(gw.timerUs).toBeUndefined();
    // No entry of any device starts the fetch with a timer already run out.
    for (const [id, state] of Object.entries(t.initialState!))
      for (const e of (state.arp ?? []) as { ip: string; timerUs?: number }[])
        expect(e.timerUs ?? 0, `${id} ${e.ip}`).toBeGreaterThanOrEqual(0);

    const delay = t.steps.find(
      (s) =>
        s.type === 'decision' &&
        s.deviceId === 'pc' &&
        s.summary === 'ARP entry for 192.168.0.1 is STALE: use it, check it in 5 s',
    )!;
    expect(delay).toBeDefined();
    const firstFromPc = frames(t).find((f) => f.from.deviceId === 'pc')!;
    expect(delay.index).toBeLessThan(firstFromPc.index);
    // Sent at once with the cached address: no broadcast question from pc for its gateway.
    expect(firstFromPc.bytes[0] & 1).toBe(0);
    // pc's TCP exchange through the gateway confirms it within the 5 s: REACHABLE again without a frame, so pc
    // asks nothing (it only answers home's probe).
    const pcArp = decodeAll(t).filter((d) => d.eth.etherType === 0x0806 && d.step.from.deviceId === 'pc');
    expect(pcArp.map((d) => d.step.summary)).toEqual([
      `192.168.0.100 is at ${decodeAll(t).find((d) => d.step.from.deviceId === 'pc')!.eth.src}`,
    ]);
    // A router confirms nothing by TCP: home's stale entry for isp is probed, unicast, 5 s after its first use
    const homeDelay = t.steps.find(
      (s) =>
        s.type === 'decision' &&
        s.deviceId === 'home' &&
        s.summary === 'ARP entry for 203.0.113.1 is STALE: use it, check it in 5 s',
    )!;
    const homeProbe = decodeAll(t).find(
      (d) => d.eth.etherType === 0x0806 && d.step.from.deviceId === 'home' && d.step.to.deviceId === 'isp',
    )!;
    // 5 s on the kernel's timer wheel: the end of a 256 ms slot (level 2 at HZ=250), 5.000–5.256 s later
    expect(homeProbe.step.timeUs - homeDelay.timeUs).toBeGreaterThanOrEqual(5_000_000);
    expect(homeProbe.step.timeUs - homeDelay.timeUs).toBeLessThan(5_256_000);
    expect(homeProbe.eth.dst).not.toBe('ff:ff:ff:ff:ff:ff');
    expect(homeProbe.step.summary).toBe('Who has 203.0.113.1? Tell 203.0.113.2');
  });
});

describe('what a fetch before leaves pending runs on into the recorded one', () => {
  const finsFromWeb = (t: Trace) =>
    decodeAll(t).filter((d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp?.repr.flags.fin);

  it('nginx closes the earlier keep-alive connection 75 s after its response: with a 1 s pause that is inside the recorded fetch, before its own close, as a real capture shows', () => {
    // Another origin before (https: port 443), so the recorded http:// fetch cannot reuse that connection.
    const t = run(home, { before: ['https://www.example.com/'] });
    const fins = finsFromWeb(t);
    expect(fins).toHaveLength(2);
    const ports = fins.map((d) => d.tcp!.repr.dstPort);
    expect(new Set(ports).size).toBe(2); // two connections: the earlier one first
    const recordedSyn = decodeAll(t).find((d) => d.step.linkId === 'l10' && d.tcp?.repr.flags.syn)!;
    expect(ports[1]).toBe(recordedSyn.tcp!.repr.srcPort);
    expect(fins[0].step.timeUs).toBeLessThan(fins[1].step.timeUs);
    expect(fins[0].step.timeUs).toBeGreaterThan(70e6);
    // pc answers it with its own FIN: the earlier browser still holds the connection.
    const pcFins = decodeAll(t).filter(
      (d) => d.step.linkId === 'l1' && d.step.from.deviceId === 'pc' && d.tcp?.repr.flags.fin,
    );
    expect(pcFins).toHaveLength(2);
  });

  it('after a pause longer than 75 s the earlier connection closed in the pause: only the recorded one closes in the trace', () => {
    const t = run(home, { before: [URL], pauseSeconds: 120 });
    expect(finsFromWeb(t)).toHaveLength(1);
  });
});
