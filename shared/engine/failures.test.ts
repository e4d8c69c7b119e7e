// Every failure the issue lists, built as variants of the sample, must emerge from the devices' behaviour and
// explain itself.
import { describe, expect, it } from 'vitest';
import { DNS_RCODE, DNS_TYPE } from '../wire/dns';
import { simulate } from './simulate';
import { decodeAll, device, frames, loadSample, run, variant } from './testing/helpers';
import type { DropStep, Trace } from './trace';

const home = loadSample('home-to-web');
const drops = (t: Trace, reason: string): DropStep[] =>
  t.steps.filter((s): s is DropStep => s.type === 'drop' && s.reason === reason);

describe('failures on home-to-web', () => {
  it('firewall without rule r1: the SYN is dropped naming the default action, retried with backoff, then times out', () => {
    const t = run(
      variant(
        home,
        (x) => (device(x, 'fw', 'firewall').rules = device(x, 'fw', 'firewall').rules.filter((r) => r.id !== 'r1')),
      ),
    );
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_TIMED_OUT' });
    const fwDrops = drops(t, 'firewall');
    expect(fwDrops.length).toBe(11);
    expect(fwDrops[0].configRef).toEqual({ deviceId: 'fw', path: ['defaultAction'] });
    const synTimes = decodeAll(t)
      .filter((d) => d.step.linkId === 'l1' && d.tcp?.repr.flags.syn)
      .map((d) => d.step.timeUs);
    const gaps = synTimes.slice(1).map((at, i) => Math.round((at - synTimes[i]) / 1e6));
    // the 32 s RTO fires on the kernel timer wheel's level 3 (2.048 s slots): 33.0 s here
    expect(gaps).toEqual([1, 1, 1, 1, 1, 2, 4, 8, 16, 33]);
    expect(frames(t).some((f) => f.linkId === 'l10')).toBe(false);
  });

  it('a deny rule is named in the drop', () => {
    const t = run(
      variant(home, (x) => {
        device(x, 'fw', 'firewall').rules.unshift({
          id: 'block-web',
          action: 'deny',
          direction: 'in',
          protocol: 'tcp',
          source: 'any',
          destination: 'any',
          port: 80,
        });
      }),
      { seed: 3 },
    );
    expect(drops(t, 'firewall')[0]).toMatchObject({
      summary: 'denied by rule block-web',
      configRef: { deviceId: 'fw', path: ['rules', 0] },
    });
  });

  it('a short time budget cuts the SYN retries and still ends with ERR_CONNECTION_TIMED_OUT', () => {
    // without the DHCP ping check's 3 s, so the budget is all the connect's
    const blocked = variant(home, (x) => {
      device(x, 'fw', 'firewall').rules = [];
      device(x, 'home', 'router').dhcp!.pingCheck = false;
    });
    const t = simulate(
      blocked,
      { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false },
      { maxTimeUs: 10e6 },
    );
    expect(t.outcome).toMatchObject({ error: 'ERR_CONNECTION_TIMED_OUT' });
    expect(t.stopReason).toBe('done');
    const syns = frames(t).filter((f) => f.linkId === 'l1' && f.summary.includes('[SYN]'));
    // 10 s budget − 2 s to settle = an 8 s connect deadline: SYNs at 0, 1, 2, 3, 4, 5 and 7 s, the next (11 s) does not fit.
    expect(syns.map((f) => Math.round(f.timeUs / 1e6))).toEqual([0, 1, 2, 3, 4, 5, 7]);
    expect(t.steps.at(-1)!.timeUs).toBeLessThanOrEqual(10e6);
  });

  it('NXDOMAIN: the authoritative server says so with its SOA, the browser shows ERR_NAME_NOT_RESOLVED', () => {
    const t = run(home, { url: 'http://nope.example.com/' });
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
    const nx = decodeAll(t).find((d) => d.step.linkId === 'l8' && d.dns?.flags.qr)!.dns!;
    expect(nx.flags).toMatchObject({ aa: true, rcode: DNS_RCODE.NXDOMAIN });
    expect(nx.authorities[0].type).toBe(DNS_TYPE.SOA);
    expect(nx.authorities[0].ttl).toBe(3600);
    expect(frames(t).some((f) => f.protocol === 'tcp')).toBe(false);
  });

  it('no route at home: ICMP network unreachable back to pc; DNS gives up (ERR_NAME_NOT_RESOLVED)', () => {
    const t = run(variant(home, (x) => (device(x, 'home', 'router').routes = [])));
    expect(drops(t, 'no-route')[0]).toMatchObject({ deviceId: 'home' });
    // l1's first ICMP is dnsmasq's ping-check echo, which reaches pc with the offer (arp_inject); then home's error
    const [ping, icmp] = decodeAll(t).filter((d) => d.icmp && d.step.linkId === 'l1');
    expect(ping.icmp!.repr).toMatchObject({ type: 8, code: 0, sequence: 0 });
    expect(ping.step.from.deviceId).toBe('sw');
    expect(icmp.icmp!.repr).toMatchObject({ type: 3, code: 0 });
    expect(icmp.icmp!.checksumValid).toBe(true);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
  });

  it('no route for a TCP connection: the ICMP error aborts connect at once (ERR_ADDRESS_UNREACHABLE)', () => {
    const t = run(
      variant(home, (x) => {
        device(x, 'home', 'router').routes = [];
        device(x, 'pc', 'host').hosts = [{ name: 'www.example.com', address: '203.0.113.80' }];
      }),
    );
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_ADDRESS_UNREACHABLE' });
    expect(frames(t).filter((f) => f.summary.includes('[SYN]'))).toHaveLength(2); // l1 and l2 only, no retry
  });

  it('no DHCP server: four DISCOVERs, then DHCP gives up after 60 s', () => {
    const t = run(variant(home, (x) => delete device(x, 'home', 'router').dhcp));
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_INTERNET_DISCONNECTED' });
    expect(frames(t).filter((f) => f.linkId === 'l1' && f.summary.startsWith('DHCP Discover'))).toHaveLength(4);
    expect(t.steps.at(-1)!.timeUs).toBeGreaterThanOrEqual(60e6);
  });

  it('missing link l5: isp cannot use its default route, the resolver gets no answers, SERVFAIL', () => {
    const t = run(variant(home, (x) => (x.links = x.links.filter((l) => l.id !== 'l5'))));
    expect(
      t.steps.some((s) => s.type === 'decision' && s.deviceId === 'isp' && s.summary.includes('is not usable')),
    ).toBe(true);
    expect(drops(t, 'no-route').some((d) => d.deviceId === 'isp')).toBe(true);
    const toPc = decodeAll(t).find((d) => d.step.linkId === 'l1' && d.dns?.flags.qr)!;
    expect(toPc.dns!.flags.rcode).toBe(DNS_RCODE.SERVFAIL);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
  });

  it('wrong gateway on a static host: ARP for it goes unanswered', () => {
    const t = run(
      variant(home, (x) => {
        const pc = device(x, 'pc', 'host');
        pc.interfaces[0] = { ...pc.interfaces[0], mode: 'static', address: '192.168.0.10/24' };
        pc.gateway = '192.168.0.254';
        pc.dnsServer = '198.51.100.53';
      }),
    );
    expect(drops(t, 'no-arp-reply')[0]).toMatchObject({ deviceId: 'pc' });
    expect(frames(t).filter((f) => f.summary.startsWith('Who has 192.168.0.254?')).length).toBeGreaterThanOrEqual(3);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
  });

  it('routing loop: core and isp send it to each other until the TTL runs out; ICMP time exceeded', () => {
    const t = run(
      variant(
        home,
        (x) =>
          (device(x, 'core', 'router').routes = device(x, 'core', 'router').routes.filter(
            (r) => r.destination !== '203.0.113.64/27',
          )),
      ),
    );
    const expired = drops(t, 'ttl-expired');
    expect(expired).toHaveLength(1);
    const synHops = decodeAll(t).filter((d) => d.tcp?.repr.flags.syn && d.step.packetId === expired[0].packetId);
    expect(synHops.length).toBeGreaterThan(50);
    expect(synHops.map((d) => d.ip!.repr.ttl).at(-1)).toBe(1);
    const te = decodeAll(t).find((d) => d.icmp?.repr.type === 11 && d.step.linkId === 'l1')!;
    expect(te.ip!.repr.dst).toBe('192.168.0.100'); // translated back by home's NAT, quote included
    const quote = te.icmp!.repr.data;
    expect(`${quote[12]}.${quote[13]}.${quote[14]}.${quote[15]}`).toBe('192.168.0.100');
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_ADDRESS_UNREACHABLE' });
  });

  it('switching loop: two switches cabled twice; the storm is detected, bounded and explained', () => {
    const t = run(
      variant(home, (x) => {
        const sw = device(x, 'sw', 'switch');
        x.devices.push({
          ...structuredClone(sw),
          id: 'sw2',
          name: 'sw2',
          interfaces: sw.interfaces.map((p, i) => ({ ...p, mac: `02:00:00:00:02:0${i}` })),
        });
        x.links.push({ id: 'l11', a: { device: 'sw', interface: 'p3' }, b: { device: 'sw2', interface: 'p1' } });
        x.links.push({ id: 'l12', a: { device: 'sw', interface: 'p4' }, b: { device: 'sw2', interface: 'p2' } });
      }),
    );
    expect(t.stopReason).toBe('switching-loop');
    expect(t.outcome).toMatchObject({ ok: false, error: 'SWITCHING_LOOP' });
    expect(drops(t, 'switching-loop')).toHaveLength(1);
    expect(t.steps.length).toBeLessThan(200);
    expect(t.steps.some((s) => s.type === 'decision' && s.kind === 'switch' && s.summary.includes('moved'))).toBe(true);
  });

  it('unreachable DNS server: the host cannot even ARP for it; the lookup times out', () => {
    const t = run(variant(home, (x) => (device(x, 'home', 'router').dhcp!.dnsServer = '192.168.0.53')));
    expect(drops(t, 'no-arp-reply').length).toBeGreaterThanOrEqual(1);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
  });

  it('a step budget stops a run with a clear outcome', () => {
    const limited = simulate(
      home,
      { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false },
      { maxSteps: 40 },
    );
    expect(limited.outcome).toMatchObject({ ok: false, error: 'BUDGET_STEPS' });
    expect(limited.stopReason).toBe('budget-steps');
    expect(limited.steps.length).toBeLessThanOrEqual(41);
  });
});

describe('no route from the host itself, told by its cause', () => {
  const lan = loadSample('small-lan');
  const fetchWeb = (t: typeof lan) => run(t, { from: 'alice', url: 'http://192.168.1.80/' });

  it('a cable pulled out: the address is on the network of an interface with no link, not a missing gateway', () => {
    const t = fetchWeb(variant(lan, (x) => (x.links = x.links.filter((l) => l.id !== 'l1'))));
    expect(t.outcome).toMatchObject({
      ok: false,
      error: 'ERR_ADDRESS_UNREACHABLE',
      summary: 'alice cannot reach 192.168.1.80: nothing is plugged into eth0, the interface on that network.',
    });
    expect(drops(t, 'no-route')[0]).toMatchObject({
      summary: 'no route to 192.168.1.80: eth0 has no link',
      configRef: { deviceId: 'alice', path: ['interfaces', 0] },
    });
  });

  it('a default gateway off every network the host is on: said so, pointing at the gateway', () => {
    const t = run(
      variant(lan, (x) => (device(x, 'alice', 'host').gateway = '10.9.9.1')),
      { from: 'alice', url: 'http://203.0.113.80/' },
    );
    expect(t.outcome).toMatchObject({
      ok: false,
      error: 'ERR_ADDRESS_UNREACHABLE',
      summary:
        'alice has no route to 203.0.113.80: its default gateway 10.9.9.1 is not on a network it is connected to.',
    });
    expect(drops(t, 'no-route')[0]).toMatchObject({ configRef: { deviceId: 'alice', path: ['gateway'] } });
  });

  it('a pulled cable before a name lookup: the DNS question cannot be sent, and the browser says so at once', () => {
    const t = run(
      variant(lan, (x) => {
        device(x, 'alice', 'host').dnsServer = '192.168.1.80';
        x.links = x.links.filter((l) => l.id !== 'l1');
      }),
      { from: 'alice', url: 'http://www.example.com/' },
    );
    expect(t.outcome).toMatchObject({
      ok: false,
      error: 'ERR_NAME_NOT_RESOLVED',
      summary:
        'www.example.com could not be resolved: alice has no route to its DNS server 192.168.1.80, so the question cannot even be sent.',
    });
    expect(drops(t, 'no-route')).toHaveLength(1);
    expect(drops(t, 'no-route')[0]).toMatchObject({
      summary: 'no route to 192.168.1.80: eth0 has no link',
      configRef: { deviceId: 'alice', path: ['interfaces', 0] },
    });
    expect(t.steps.at(-1)!.timeUs).toBeLessThan(1000); // no 2 × 5 s of waiting for an answer that cannot come
  });

  it('a server with no gateway cannot answer a client on another network: its drop points at its gateway setting', () => {
    const t = run(variant(loadSample('home-to-web'), (x) => delete device(x, 'web', 'server').gateway));
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_TIMED_OUT' });
    expect(drops(t, 'no-route')[0]).toMatchObject({
      deviceId: 'web',
      summary: 'no route to 203.0.113.2',
      configRef: { deviceId: 'web', path: ['gateway'] },
    });
  });

  it('no gateway at all: as before', () => {
    const t = run(lan, { from: 'alice', url: 'http://203.0.113.80/' });
    expect(t.outcome).toMatchObject({
      ok: false,
      error: 'ERR_ADDRESS_UNREACHABLE',
      summary: 'alice has no route to 203.0.113.80 (no default gateway), so it cannot even try to connect.',
    });
  });
});
