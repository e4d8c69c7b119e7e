// The cold and warm journeys of the home-to-web sample, checked on the real bytes with the wire parsers.
import { describe, expect, it } from 'vitest';
import { DNS_TYPE } from '../wire/dns';
import { stateAt } from './state';
import { decode, decodeAll, frames, loadSample, run, type Decoded } from './testing/helpers';
import { textbook } from './testing/textbook';
import type { FrameStep, Trace } from './trace';

const home = loadSample('home-to-web');
const cold = run(home);

const firstIndex = (trace: Trace, pred: (f: FrameStep, d: Decoded) => boolean): number => {
  for (const f of frames(trace)) {
    const d = decode(f);
    if (pred(f, d)) return f.index;
  }
  return -1;
};
const isDnsQuery = (d: Decoded) => d.dns !== undefined && !d.dns.flags.qr;

describe('home-to-web, cold', () => {
  it('fetches the page', () => {
    expect(cold.outcome).toMatchObject({ ok: true, status: 200, statusText: 'OK', title: 'Example Domain' });
    expect(cold.stopReason).toBe('done');
  });

  it('goes through DHCP, ARP, DNS iteration, handshake, GET, 200 and the close by the idle side (nginx) in that order on the right links', () => {
    const order = [
      firstIndex(cold, (f) => f.linkId === 'l1' && f.summary.startsWith('DHCP Discover')),
      firstIndex(cold, (f) => f.linkId === 'l2' && f.summary.startsWith('DHCP Discover')),
      firstIndex(cold, (f) => f.linkId === 'l2' && f.summary.startsWith('DHCP Offer')),
      firstIndex(cold, (f) => f.linkId === 'l1' && f.summary.startsWith('DHCP ACK')),
      firstIndex(cold, (f) => f.linkId === 'l1' && f.protocol === 'arp' && f.from.deviceId === 'pc'),
      firstIndex(cold, (f, d) => f.linkId === 'l1' && f.from.deviceId === 'pc' && isDnsQuery(d) && d.dns!.flags.rd),
      firstIndex(cold, (f, d) => f.linkId === 'l4' && f.to.deviceId === 'resolver' && isDnsQuery(d)),
      firstIndex(cold, (f, d) => f.linkId === 'l6' && f.to.deviceId === 'root' && isDnsQuery(d) && !d.dns!.flags.rd),
      firstIndex(cold, (f, d) => f.linkId === 'l7' && f.to.deviceId === 'tld' && isDnsQuery(d)),
      firstIndex(cold, (f, d) => f.linkId === 'l8' && f.to.deviceId === 'auth' && isDnsQuery(d)),
      firstIndex(cold, (f, d) => f.linkId === 'l1' && f.to.deviceId === 'pc' && d.dns?.flags.qr === true),
      firstIndex(cold, (f, d) => f.linkId === 'l10' && !!d.tcp?.repr.flags.syn && !d.tcp.repr.flags.ack),
      firstIndex(cold, (f, d) => f.linkId === 'l10' && !!d.tcp?.repr.flags.syn && d.tcp.repr.flags.ack),
      firstIndex(cold, (f) => f.linkId === 'l10' && f.summary.startsWith('GET / HTTP/1.1')),
      firstIndex(cold, (f) => f.linkId === 'l1' && f.summary.startsWith('HTTP/1.1 200 OK')),
      firstIndex(cold, (f, d) => f.linkId === 'l10' && f.from.deviceId === 'web' && !!d.tcp?.repr.flags.fin),
      firstIndex(cold, (f, d) => f.linkId === 'l1' && f.from.deviceId === 'pc' && !!d.tcp?.repr.flags.fin),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('the textbook resolver (QNAME minimisation and priming off) asks root, TLD and authoritative servers the full name, and each answers as it should', () => {
    const dns = decodeAll(run(textbook(home))).filter((d) => d.dns);
    const reply = (link: string) => dns.find((d) => d.step.linkId === link && d.dns!.flags.qr)!.dns!;
    for (const link of ['l6', 'l7', 'l8']) {
      const q = dns.find((d) => d.step.linkId === link && !d.dns!.flags.qr)!.dns!;
      expect(q.questions[0]).toMatchObject({ name: 'www.example.com', type: DNS_TYPE.A });
      expect(q.flags.rd).toBe(false);
    }
    const root = reply('l6');
    expect(root.flags.aa).toBe(false);
    expect(root.answers).toHaveLength(0);
    expect(root.authorities[0]).toMatchObject({ name: 'com', type: DNS_TYPE.NS, data: 'a.gtld-servers.net' });
    expect(root.additionals.find((r) => r.type === DNS_TYPE.A)).toMatchObject({
      name: 'a.gtld-servers.net',
      data: '198.51.100.34',
    });
    expect(reply('l7').authorities[0]).toMatchObject({ name: 'example.com', type: DNS_TYPE.NS });
    const auth = reply('l8');
    expect(auth.flags.aa).toBe(true);
    expect(auth.answers[0]).toMatchObject({ name: 'www.example.com', data: '203.0.113.80', ttl: 3600 });
    const toPc = dns.find((d) => d.step.linkId === 'l1' && d.dns!.flags.qr)!.dns!;
    expect(toPc.flags).toMatchObject({ ra: true, aa: false, rd: true, rcode: 0 });
    expect(toPc.answers[0].data).toBe('203.0.113.80');
  });

  it('rewrites MACs at every routed hop, keeps IPs except the NAT at home, and decrements TTL per router', () => {
    const syn = decodeAll(cold).filter((d) => d.tcp?.repr.flags.syn && !d.tcp.repr.flags.ack);
    const byLink = new Map(syn.map((d) => [d.step.linkId, d]));
    expect([...byLink.keys()]).toEqual(['l1', 'l2', 'l3', 'l5', 'l9', 'l10']);
    expect(new Set(syn.map((d) => d.step.packetId)).size).toBe(1);
    const mac = (dev: string, itf: string) =>
      home.devices.find((d) => d.id === dev)!.interfaces.find((i) => i.name === itf)!.mac;
    const hops: [string, string, string, string, string, number][] = [
      ['l1', mac('pc', 'eth0'), mac('home', 'eth0'), '192.168.0.100', '203.0.113.80', 64],
      ['l2', mac('pc', 'eth0'), mac('home', 'eth0'), '192.168.0.100', '203.0.113.80', 64],
      ['l3', mac('home', 'eth1'), mac('isp', 'eth0'), '203.0.113.2', '203.0.113.80', 63],
      ['l5', mac('isp', 'eth2'), mac('core', 'eth0'), '203.0.113.2', '203.0.113.80', 62],
      ['l9', mac('core', 'eth4'), mac('fw', 'eth0'), '203.0.113.2', '203.0.113.80', 61],
      ['l10', mac('fw', 'eth1'), mac('web', 'eth0'), '203.0.113.2', '203.0.113.80', 60],
    ];
    for (const [link, srcMac, dstMac, src, dst, ttl] of hops) {
      const d = byLink.get(link)!;
      expect({
        link,
        src: d.eth.src,
        dst: d.eth.dst,
        ipSrc: d.ip!.repr.src,
        ipDst: d.ip!.repr.dst,
        ttl: d.ip!.repr.ttl,
      }).toEqual({ link, src: srcMac, dst: dstMac, ipSrc: src, ipDst: dst, ttl });
    }
    // Linux masquerade keeps the source port when it is free.
    expect(byLink.get('l3')!.tcp!.repr.srcPort).toBe(byLink.get('l1')!.tcp!.repr.srcPort);
  });

  it('puts valid IPv4, UDP, TCP and ICMP checksums on every frame, and layers parsed from the bytes', () => {
    for (const d of decodeAll(cold)) {
      if (d.ip) expect(d.ip.checksumValid).toBe(true);
      if (d.tcp) expect(d.tcp.checksumValid).toBe(true);
      if (d.udp) expect(d.udp.checksumValid).toBe(true);
      if (d.icmp) expect(d.icmp.checksumValid).toBe(true);
      expect(d.step.layers[0].protocol).toBe('ethernet');
      expect(d.step.layers.some((l) => l.protocol === 'malformed')).toBe(false);
    }
  });

  it('uses the TCP handshake options and numbers of Linux, and segments/acks consistently', () => {
    const tcp = decodeAll(cold).filter((d) => d.tcp && d.step.linkId === 'l10');
    const syn = tcp.find((d) => d.tcp!.repr.flags.syn && !d.tcp!.repr.flags.ack)!.tcp!.repr;
    const synAck = tcp.find((d) => d.tcp!.repr.flags.syn && d.tcp!.repr.flags.ack)!.tcp!.repr;
    expect(syn.options).toMatchObject({ mss: 1460, sackPermitted: true, windowScale: 7 });
    expect(syn.window).toBe(64240);
    expect(synAck.ack).toBe((syn.seq + 1) >>> 0);
    const get = tcp.find((d) => d.step.summary.startsWith('GET'))!;
    expect(get.tcp!.repr.seq).toBe((syn.seq + 1) >>> 0);
    const ok = tcp.find((d) => d.step.summary.startsWith('HTTP/1.1 200'))!;
    expect(ok.tcp!.repr.ack).toBe((get.tcp!.repr.seq + get.tcp!.payload.length) >>> 0);
    expect(ok.tcp!.repr.seq).toBe((synAck.seq + 1) >>> 0);
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = run(home);
    expect(again.steps.length).toBe(cold.steps.length);
    frames(again).forEach((f, i) => expect(f.bytes).toEqual(frames(cold)[i].bytes));
    const other = run(home, { seed: 2 });
    const port = (t: Trace) => decodeAll(t).find((d) => d.tcp?.repr.flags.syn)!.tcp!.repr.srcPort;
    const dnsId = (t: Trace) => decodeAll(t).find((d) => d.dns)!.dns!.id;
    expect(port(other)).not.toBe(port(cold));
    expect(dnsId(other)).not.toBe(dnsId(cold));
    expect(other.outcome.ok).toBe(true);
  });

  it('records per-device state that stateAt recovers at any step', () => {
    const before = stateAt(cold, -1);
    expect(before.pc.addresses).toEqual([]);
    expect(before.home.routes.map((r) => r.destination)).toContain('0.0.0.0/0');
    const end = stateAt(cold, cold.steps.length - 1);
    expect(end.pc.addresses[0]).toMatchObject({ address: '192.168.0.100/24', source: 'dhcp' });
    expect(end.pc.arp.map((e) => e.ip)).toContain('192.168.0.1');
    expect(end.sw.macTable.length).toBeGreaterThanOrEqual(2);
    expect(end.home.nat.some((n) => n.protocol === 'tcp' && n.remotePort === 80 && n.outsideIp === '203.0.113.2')).toBe(
      true,
    );
    expect(end.home.dhcpLeases[0]).toMatchObject({ ip: '192.168.0.100', state: 'bound' });
    expect(end.resolver.dnsCache.some((e) => e.name === 'www.example.com.' && e.value === '203.0.113.80')).toBe(true);
    expect(end.fw.conntrack.some((c) => c.dstPort === 80 && c.ruleId === 'r1')).toBe(true);
    const dhcpAck = cold.steps.find(
      (s) => s.type === 'decision' && s.kind === 'dhcp' && s.deviceId === 'pc' && s.summary.startsWith('bound'),
    )!;
    expect(stateAt(cold, dhcpAck.index - 1).pc.addresses).toEqual([]);
    expect(stateAt(cold, dhcpAck.index).pc.addresses).toHaveLength(1);
  });

  it('stateAt reads a trace recorded before a table existed (no hsts key): that table is empty, the rest as recorded', () => {
    const old = structuredClone(cold);
    for (const state of Object.values(old.initialState!)) delete (state as Partial<typeof state>).hsts;
    const end = stateAt(old, old.steps.length - 1);
    expect(end.pc.hsts).toEqual([]);
    expect(end.pc.addresses).toEqual(stateAt(cold, cold.steps.length - 1).pc.addresses);
  });

  it('survives structured clone and JSON (what a worker and the CLI do) with the parsed layers included', () => {
    const copy = structuredClone(cold);
    const f = frames(copy);
    expect(f).toHaveLength(frames(cold).length);
    expect(f[0].layers).toEqual(frames(cold)[0].layers);
    expect(f.at(-1)!.summary).toBe(frames(cold).at(-1)!.summary);
    const json = JSON.parse(JSON.stringify(cold.steps[0]));
    expect(json.layers[0].protocol).toBe('ethernet');
    expect(json.protocol).toBe('dhcp');
  });

  it('points decisions at the configuration entry that caused them', () => {
    const refs = cold.steps.flatMap((s) =>
      s.type === 'decision' && s.configRef ? [`${s.deviceId} ${s.configRef.path.join('.')}`] : [],
    );
    expect(refs).toContain('home routes.0');
    expect(refs).toContain('fw rules.0');
    expect(refs).toContain('home dhcp');
    expect(refs).toContain('resolver roles.dns.rootHints.0');
    expect(refs).toContain('auth roles.dns.zones.0.records.3');
    expect(refs).toContain('web roles.web.sites.0.pages.0');
  });
});

describe("home-to-web, warm after 90 s (the browser's kept-alive connection and host cache are gone)", () => {
  const warm = run(home, { warm: true, pauseSeconds: 90 });

  it('skips DHCP, ARP and the DNS iteration, and still gets the page', () => {
    expect(warm.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    const f = frames(warm);
    expect(f.some((x) => x.protocol === 'dhcp')).toBe(false);
    // No ARP question: the only ARP is Linux checking entries it has (unicast probes and their answers).
    expect(f.filter((x) => x.protocol === 'arp').every((x) => (x.bytes[0] & 1) === 0)).toBe(true);
    expect(f.some((x) => ['l6', 'l7', 'l8'].includes(x.linkId) && x.protocol !== 'arp')).toBe(false);
    expect(
      warm.steps.some((s) => s.type === 'decision' && s.kind === 'dns-cache' && s.summary.startsWith('cache hit')),
    ).toBe(true);
    expect(warm.steps[0].timeUs).toBe(0);
    expect(stateAt(warm, -1).pc.addresses).toHaveLength(1);
  });
});
