// Every step tells the truth: on every sample and on the failure variants, at every level (and in "all frames"),
// each item's key step is inside its range, and what its caption asserts (its claim, and the caption chosen from
// it) agrees with the key frame as the wire parsers decode it — protocol, kind of message, who sent it, where it
// arrives — or with the decision or drop it is about. Step counts never shrink from one level to the next.
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en/replay.json';
import ko from '../i18n/ko/replay.json';
import { decode, device, loadSample, run, variant } from '../engine/testing/helpers';
import { parseEthernet, ETHERTYPE_ARP } from '../wire/ethernet';
import { parseArp } from '../wire/arp';
import { parseDhcp } from '../wire/dhcp';
import type { FrameStep, Trace } from '../engine/trace';
import type { Topology } from '../model/schema';
import { replayContext, type ReplayContext } from './context';
import { allFrameItems, DETAIL_LEVELS, itemIndexAtStep, viewAtLevel, type Caption, type ReplayItem } from './levels';
import type { MessageKind, StepClaim } from './claims';
import { captionKeys, captionText } from './captions';
import { decryptedRecords } from './tls';

/** A TLS segment's message from its first record header (RFC 8446 §5.1) and, for what is encrypted, the key log. */
function tlsKind(trace: Trace, frame: FrameStep, payload: Uint8Array): MessageKind | undefined {
  if (payload.length < 6 || payload[0] < 20 || payload[0] > 23 || payload[1] !== 3) return undefined;
  if (payload[0] === 22)
    return payload[5] === 1 ? 'tls-client-hello' : payload[5] === 2 ? 'tls-server-hello' : undefined;
  if (payload[0] === 20) return 'tls-client-finished';
  if (payload[0] === 21) return 'tls-alert';
  const records = decryptedRecords(trace, frame);
  if (records.some((r) => r.contentType === 21)) return 'tls-alert';
  // handshake messages after the handshake: the server's NewSessionTickets
  return records.length > 0 && records.every((r) => r.contentType === 22 && r.plaintext[0] === 4)
    ? 'tls-session-ticket'
    : 'tls-data';
}

/** The browser sent a request on a connection it opened before the recording (shared/engine/apps/socket-pool.ts). */
const reusedTls = (trace: Trace) =>
  trace.steps.some((s) => s.type === 'decision' && s.summaryMessage?.key === 'web.summary.reuseConnection');

/** The HTTP a TLS frame carries, decrypted with the trace's key log ('' without). */
function decryptedHttp(trace: Trace, frame: FrameStep): string {
  return decryptedRecords(trace, frame)
    .filter((r) => r.contentType === 23)
    .map((r) => new TextDecoder().decode(r.plaintext))
    .join('');
}

/** The kind of message, decoded with the wire parsers (not with the replay's own byte readers). */
function decodedKind(frame: FrameStep, trace?: Trace): MessageKind {
  const eth = parseEthernet(frame.bytes);
  if (eth.repr.etherType === ETHERTYPE_ARP) return parseArp(eth.payload).op === 1 ? 'arp-request' : 'arp-reply';
  const d = decode(frame);
  if (d.udp && [67, 68].includes(d.udp.repr.dstPort)) {
    return (
      ({ 1: 'dhcp-discover', 2: 'dhcp-offer', 3: 'dhcp-request', 5: 'dhcp-ack' } as Record<number, MessageKind>)[
        parseDhcp(d.udp.payload).messageType
      ] ?? 'dhcp-other'
    );
  }
  if (d.dns) {
    if (!d.dns.flags.qr) return 'dns-query';
    if (d.dns.flags.rcode !== 0) return 'dns-error';
    return d.dns.answers.length > 0 ? 'dns-answer' : 'dns-referral';
  }
  if (d.tcp) {
    const tls = trace && tlsKind(trace, frame, d.tcp.payload);
    if (tls) return tls;
    const text = new TextDecoder().decode(d.tcp.payload.subarray(0, 16));
    if (d.tcp.payload.length > 0)
      return text.startsWith('HTTP/') ? 'http-response' : /^[A-Z]+ \//.test(text) ? 'http-request' : 'tcp-data';
    const f = d.tcp.repr.flags;
    return f.rst ? 'tcp-rst' : f.syn ? (f.ack ? 'tcp-syn-ack' : 'tcp-syn') : f.fin ? 'tcp-fin' : 'tcp-ack';
  }
  if (d.icmp) return 'icmp';
  return 'other';
}

function origin(trace: Trace, packetId: number): string {
  return trace.steps.find((s): s is FrameStep => s.type === 'frame' && s.packetId === packetId)!.from.deviceId;
}

const frameKinds = (...kinds: MessageKind[]) => ({ subject: 'frame' as const, kinds });
/** What each caption asserts about the step it is shown with. */
const ASSERTS: Record<
  string,
  {
    subject: StepClaim['subject'] | 'any';
    kinds?: MessageKind[];
    decisions?: string[];
    toClient?: boolean;
    fromClient?: boolean;
  }
> = {
  'caption.l1.journey': { subject: 'decision', decisions: ['browser'] },
  'caption.l1.journeyFailed': { subject: 'any', decisions: ['browser'] },
  'caption.l2.typeDhcp': { ...frameKinds('dhcp-discover', 'dhcp-request'), fromClient: true },
  'caption.l2.lookup': { ...frameKinds('dns-answer'), toClient: true },
  'caption.l3.lookup': { ...frameKinds('dns-answer'), toClient: true },
  'caption.l3.lookupFailed': { ...frameKinds('dns-error'), toClient: true },
  'caption.l3.lookupNoAnswer': { ...frameKinds('dns-query', 'dns-referral'), fromClient: true },
  'caption.l3.hosts': { subject: 'decision', decisions: ['hosts-file'] },
  'caption.l2.fetch': { ...frameKinds('http-response', 'tls-data'), toClient: true },
  'caption.l2.fetchMoved': { ...frameKinds('http-response', 'tls-data'), toClient: true },
  'caption.l2.redirect': { subject: 'decision', decisions: ['browser'] },
  'caption.l2.hsts': { subject: 'decision', decisions: ['browser'] },
  'caption.l3.portTls': { ...frameKinds('tls-data'), fromClient: true },
  'caption.l3.portTlsHello': { ...frameKinds('tls-client-hello'), fromClient: true },
  'caption.l4.tls': { ...frameKinds('tls-client-hello'), fromClient: true },
  'caption.l4.requestTls': { ...frameKinds('tls-data'), fromClient: true },
  'caption.l4.responseTls': { ...frameKinds('tls-data'), toClient: true },
  'caption.l7.tlsClientHello': frameKinds('tls-client-hello'),
  'caption.l7.tlsServerHello': frameKinds('tls-server-hello'),
  'caption.l7.tlsFinished': frameKinds('tls-client-finished'),
  'caption.l7.tlsSessionTicket': { ...frameKinds('tls-session-ticket'), toClient: true },
  'caption.l7.tlsAlert': frameKinds('tls-alert'),
  'caption.l7.tlsCloseNotify': frameKinds('tls-alert'),
  'caption.l2.fetchTry': { ...frameKinds('tcp-syn'), fromClient: true },
  'caption.l3.travel': { ...frameKinds('tcp-syn'), fromClient: true },
  'caption.l3.port': { ...frameKinds('http-request'), fromClient: true },
  'caption.l4.request': { ...frameKinds('http-request'), fromClient: true },
  'caption.l4.requestReused': { ...frameKinds('http-request'), fromClient: true },
  'caption.l4.requestReusedTls': { ...frameKinds('tls-data'), fromClient: true },
  'caption.l4.response': { ...frameKinds('http-response'), toClient: true },
  'caption.l2.page': { subject: 'decision', decisions: ['browser'] },
  'caption.l4.render': { subject: 'decision', decisions: ['browser'] },
  'caption.l6.render': { subject: 'decision', decisions: ['browser'] },
  'caption.l6.renderKeepAlive': { subject: 'decision', decisions: ['browser'] },
  'caption.l6.renderStaysOpen': { subject: 'decision', decisions: ['browser'] },
  'caption.pageFailed': { subject: 'decision', decisions: ['browser'] },
  'caption.l5.askResolver': { ...frameKinds('dns-query'), fromClient: true },
  'caption.l5.root': frameKinds('dns-query'),
  'caption.l5.tld': frameKinds('dns-query'),
  'caption.l5.auth': frameKinds('dns-query'),
  'caption.l5.resolverAnswers': { ...frameKinds('dns-answer'), toClient: true },
  'caption.l5.resolverFails': { ...frameKinds('dns-error'), toClient: true },
  'caption.l6.syn': frameKinds('tcp-syn'),
  'caption.l6.synAck': frameKinds('tcp-syn-ack'),
  'caption.l6.ack': frameKinds('tcp-ack'),
  'caption.l6.fin': frameKinds('tcp-fin'),
  'caption.l6.finAck': frameKinds('tcp-ack'),
  'caption.l7.dataAck': frameKinds('tcp-ack'),
  'caption.l7.arpExchange': frameKinds('arp-reply'),
  'caption.problem.drop': { subject: 'drop' },
  'caption.problem.dropRepeated': { subject: 'drop' },
  'caption.problem.dropTimes': { subject: 'drop' },
  'caption.problem.icmp': frameKinds('icmp'),
  // The page's files: shown with the last of them arriving (or the browser's word when none arrived).
  'caption.subresources.fetch': { subject: 'any', kinds: ['http-response'], toClient: true, decisions: ['http'] },
  'caption.subresources.fetchSomeFailed': {
    subject: 'any',
    kinds: ['http-response'],
    toClient: true,
    decisions: ['http'],
  },
};
const WHAT_KINDS: Record<string, MessageKind[]> = {
  'what.arpRequest': ['arp-request'],
  'what.arpReply': ['arp-reply'],
  'what.dhcp': ['dhcp-discover', 'dhcp-offer', 'dhcp-request', 'dhcp-ack', 'dhcp-other'],
  'what.dnsQuery': ['dns-query'],
  'what.dnsNxdomain': ['dns-error'],
  'what.dnsReferral': ['dns-referral'],
  'what.dnsNoData': ['dns-referral'],
  'what.dnsAnswer': ['dns-answer', 'dns-error'],
  'what.httpRequest': ['http-request', 'tcp-data'],
  'what.httpResponse': ['http-response', 'tcp-data'],
  'what.tcp': ['tcp-syn', 'tcp-syn-ack', 'tcp-ack', 'tcp-fin', 'tcp-rst'],
  'what.tlsClientHello': ['tls-client-hello'],
  'what.tlsServerHello': ['tls-server-hello'],
  'what.tlsFinished': ['tls-client-finished'],
  'what.tlsSessionTicket': ['tls-session-ticket'],
  'what.tlsData': ['tls-data'],
  'what.tlsRequest': ['tls-data'],
  'what.tlsResponse': ['tls-data'],
  'what.tlsAlert': ['tls-alert'],
  'what.icmp': ['icmp'],
  'what.pingCheck': ['icmp'],
  'what.pingCheckReply': ['icmp'],
  'what.frame': ['other', 'tcp-data'],
};

function checkCaption(trace: Trace, ctx: ReplayContext, item: ReplayItem, caption: Caption, where: string) {
  if (caption.key === 'caption.repeated') {
    checkCaption(trace, ctx, item, caption.params.caption as Caption, where);
    return;
  }
  if (caption.key === 'caption.l7.onConnection') {
    // "… (connection from port N)": N is the client's end of the key frame's TCP connection.
    const step = trace.steps[item.keyStep];
    const tcp = step.type === 'frame' ? decode(step).tcp : undefined;
    expect(tcp, where).toBeDefined();
    const fromClient = step.type === 'frame' && origin(trace, step.packetId) === ctx.clientId;
    expect(caption.params.port, where).toBe(fromClient ? tcp!.repr.srcPort : tcp!.repr.dstPort);
    checkCaption(trace, ctx, item, caption.params.caption as Caption, where);
    return;
  }
  if (caption.key === 'caption.joined') {
    checkCaption(trace, ctx, item, caption.params.first as Caption, where);
    checkCaption(trace, ctx, item, caption.params.second as Caption, where);
    return;
  }
  const step = trace.steps[item.keyStep];
  const name = ctx.deviceName;
  if (caption.key === 'caption.l2.type') {
    // "You type…" shows the first thing the browser causes: never DHCP, always at the client
    expect(step.type === 'frame' ? step.protocol : step.type === 'decision' ? step.kind : 'drop', where).not.toBe(
      'dhcp',
    );
    expect(step.type === 'frame' ? origin(trace, step.packetId) : step.deviceId, where).toBe(ctx.clientId);
    return;
  }
  if (caption.key.startsWith('caption.l7.decision.')) {
    expect(step.type, where).toBe('decision');
    if (step.type === 'decision') expect(step.kind, where).toBe(caption.key.slice('caption.l7.decision.'.length));
    expect(caption.params.device, where).toBe(step.type === 'decision' ? name(step.deviceId) : '');
    return;
  }
  if (['caption.l7.message', 'caption.l7.send', 'caption.l7.forward'].includes(caption.key)) {
    expect(step.type, where).toBe('frame');
    if (step.type !== 'frame') return;
    const what = caption.params.what as Caption;
    expect(WHAT_KINDS[what.key], `${where} ${what.key}`).toContain(decodedKind(step, trace));
    // a referral names the next servers (NS); "no such data" carries the zone's SOA
    const authority =
      what.key === 'what.dnsReferral' || what.key === 'what.dnsNoData'
        ? decode(step).dns?.authorities.map((r) => r.type)
        : undefined;
    if (what.key === 'what.dnsReferral') expect(authority, where).toContain(2); // NS
    if (what.key === 'what.dnsNoData') expect(authority, where).toContain(6); // SOA
    const from = caption.key === 'caption.l7.message' ? origin(trace, step.packetId) : step.from.deviceId;
    expect(caption.params.from, where).toBe(name(from));
    expect(caption.params.to, where).toBe(name(step.to.deviceId));
    return;
  }
  const asserts = ASSERTS[caption.key];
  expect(asserts, `${where}: no assertion table entry for ${caption.key}`).toBeDefined();
  if (asserts.subject !== 'any') expect(step.type, `${where} ${caption.key}`).toBe(asserts.subject);
  if (step.type === 'frame') {
    const kind = decodedKind(step, trace);
    if (asserts.kinds) expect(asserts.kinds, `${where} ${caption.key}`).toContain(kind);
    if (asserts.toClient) expect(step.to.deviceId, where).toBe(ctx.clientId);
    if (asserts.fromClient) expect(origin(trace, step.packetId), where).toBe(ctx.clientId);
    // names in the caption are the key frame's: sender and where this hop arrives
    const p = caption.params;
    const sender = name(origin(trace, step.packetId));
    const arrives = name(step.to.deviceId);
    if (
      (caption.key.startsWith('caption.l6.') && !caption.key.startsWith('caption.l6.render')) ||
      caption.key.startsWith('caption.l7.tls')
    )
      expect([p.from, p.to], where).toEqual([sender, arrives]);
    // What a TLS caption says is inside: the ClientHello's name, the decrypted request and status
    if (caption.key === 'caption.l4.tls') expect([p.client, p.server], where).toEqual([sender, arrives]);
    if (caption.key === 'caption.l4.tls' || caption.key === 'caption.l7.tlsClientHello')
      expect(new TextDecoder('latin1').decode(decode(step).tcp!.payload), where).toContain(String(p.sni));
    // A kept-alive TLS connection reused from a fetch before has its handshake outside the trace: like Wireshark
    // on a capture begun mid-connection, the replay cannot decrypt it (nothing to check against).
    const readable = !(trace.earlier && reusedTls(trace));
    if (caption.key === 'caption.l4.requestTls' && readable)
      expect(decryptedHttp(trace, step).startsWith(`GET ${p.path} HTTP/1.1\r\nHost: ${p.host}\r\n`), where).toBe(true);
    if (caption.key === 'caption.l4.responseTls' && readable)
      expect(decryptedHttp(trace, step).startsWith(`HTTP/1.1 ${p.status}`), where).toBe(true);
    // "the link sees only a record": the alert travels as application data outside
    if (caption.key === 'caption.l7.tlsAlert' || caption.key === 'caption.l7.tlsCloseNotify')
      expect(decode(step).tcp!.payload[0], where).toBe(23);
    if (caption.key === 'caption.l2.fetchMoved') expect(String(p.status).startsWith('3'), where).toBe(true);
    if (caption.key === 'caption.l5.askResolver') expect([p.client, p.resolver], where).toEqual([sender, arrives]);
    if (caption.key === 'caption.l5.resolverAnswers' || caption.key === 'caption.l5.resolverFails')
      expect([p.resolver, p.client], where).toEqual([sender, arrives]);
    if (['caption.l5.root', 'caption.l5.tld', 'caption.l5.auth'].includes(caption.key))
      expect([p.resolver, p.dnsServer], where).toEqual([sender, arrives]);
    if (caption.key === 'caption.l4.response') {
      const head = new TextDecoder().decode(decode(step).tcp!.payload.subarray(0, 64));
      expect(head.startsWith(`HTTP/1.1 ${p.status}`), where).toBe(true);
    }
  }
  if (step.type === 'decision' && asserts.decisions) expect(asserts.decisions, where).toContain(step.kind);
  if (step.type === 'drop' && caption.key.startsWith('caption.problem.')) {
    expect(caption.params.device, where).toBe(name(step.deviceId));
    const drops = trace.steps
      .slice(item.first, item.last + 1)
      .filter((s) => s.type === 'drop' && s.deviceId === step.deviceId && s.reason === step.reason);
    if (caption.key === 'caption.problem.dropRepeated' || caption.key === 'caption.problem.dropTimes')
      expect(caption.params.count, where).toBe(drops.length);
    else expect(drops.length, where).toBe(1);
  }
}

function checkClaim(trace: Trace, item: ReplayItem, where: string) {
  const step = trace.steps[item.keyStep];
  const claim = item.claim!;
  expect(claim, where).toBeDefined();
  expect(claim.subject, where).toBe(step.type);
  if (claim.subject === 'frame' && step.type === 'frame') {
    expect(claim.kind, where).toBe(decodedKind(step, trace));
    // filed as the protocol registry files the frame (TLS records under TLS)
    expect(claim.protocol, where).toBe(
      claim.kind.startsWith('http-') ? 'http' : claim.kind === 'other' ? 'other' : claim.kind.split('-')[0],
    );
    expect(claim.from, where).toBe(origin(trace, step.packetId));
    expect(claim.to, where).toBe(step.to.deviceId);
  }
  if (claim.subject === 'decision' && step.type === 'decision')
    expect([claim.device, claim.decision], where).toEqual([step.deviceId, step.kind]);
  if (claim.subject === 'drop' && step.type === 'drop') {
    expect([claim.device, claim.reason], where).toEqual([step.deviceId, step.reason]);
    if (step.packetId !== undefined && claim.kind) {
      const dropped = trace.steps
        .slice(0, step.index)
        .reverse()
        .find((s): s is FrameStep => s.type === 'frame' && s.packetId === step.packetId)!;
      expect(claim.kind, where).toBe(decodedKind(dropped, trace));
      expect(claim.from, where).toBe(origin(trace, step.packetId));
    }
  }
}

const home = loadSample('home-to-web');
const lan = loadSample('small-lan');
interface Case {
  name: string;
  topology: Topology;
  trace: Trace;
}
const cases: Case[] = [];
const add = (name: string, topology: Topology, scenario: Parameters<typeof run>[1] = {}) =>
  cases.push({ name, topology, trace: run(topology, scenario) });
add('home-to-web', home);
add('home-to-web warm', home, { warm: true });
add('home-to-web warm after 90 s (a new connection, DNS from the resolver cache)', home, {
  warm: true,
  pauseSeconds: 90,
});
add('home-to-web https warm (the kept-alive TLS connection reused)', home, {
  url: 'https://www.example.com/',
  warm: true,
});
add('home-to-web-with-cache', loadSample('home-to-web-with-cache'));
add('home-to-web-with-cache warm', loadSample('home-to-web-with-cache'), { warm: true });
add('small-lan', lan, { from: 'alice', url: 'http://web.lan/' });
add('home-to-web https', home, { url: 'https://www.example.com/' });
add('home-to-web-https: http:// redirected to https://', loadSample('home-to-web-https'), {
  url: 'http://www.example.com/',
});
add('home-to-web-https after a first visit: HSTS', loadSample('home-to-web-https'), {
  url: 'http://www.example.com/',
  before: ['http://www.example.com/'],
});
add('home-to-web-with-cache https (the cache terminates TLS)', loadSample('home-to-web-with-cache'), {
  url: 'https://www.example.com/',
});
add(
  'redirect loop (the cache fetches over http, web redirects http to https): ERR_TOO_MANY_REDIRECTS',
  variant(
    loadSample('home-to-web-with-cache'),
    (x) => (device(x, 'web', 'server').roles.web!.sites[0].httpsRedirect = true),
  ),
  { url: 'https://www.example.com/' },
);
add(
  'https, certificate from an authority pc does not trust',
  variant(home, (x) => (device(x, 'pc', 'host').trustedAuthorities = [])),
  { url: 'https://www.example.com/' },
);
add('home-to-web-page (sub-resources)', loadSample('home-to-web-page'));
add(
  'home-to-web-page, one image missing and static.example.com unknown',
  variant(loadSample('home-to-web-page'), (x) => {
    const web = device(x, 'web', 'server').roles.web!;
    web.sites[0].pages = web.sites[0].pages.filter((p) => p.path !== '/photo.png');
    const auth = device(x, 'auth', 'server').roles.dns!.zones[0];
    auth.records = auth.records.filter((r) => !r.name.startsWith('static.'));
  }),
);
add('small-lan by address', lan, { from: 'alice', url: 'http://192.168.1.80/' });
add(
  'firewall without r1',
  variant(
    home,
    (x) => (device(x, 'fw', 'firewall').rules = device(x, 'fw', 'firewall').rules.filter((r) => r.id !== 'r1')),
  ),
);
add(
  'deny rule',
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
);
add('NXDOMAIN', home, { url: 'http://nope.example.com/' });
add(
  'no route at home',
  variant(home, (x) => (device(x, 'home', 'router').routes = [])),
);
add(
  'no route for TCP',
  variant(home, (x) => {
    device(x, 'home', 'router').routes = [];
    device(x, 'pc', 'host').hosts = [{ name: 'www.example.com', address: '203.0.113.80' }];
  }),
);
add(
  'no DHCP server',
  variant(home, (x) => delete device(x, 'home', 'router').dhcp),
);
add(
  'missing link l5',
  variant(home, (x) => (x.links = x.links.filter((l) => l.id !== 'l5'))),
);
add(
  'wrong gateway',
  variant(home, (x) => {
    const pc = device(x, 'pc', 'host');
    pc.interfaces[0] = { ...pc.interfaces[0], mode: 'static', address: '192.168.0.10/24' };
    pc.gateway = '192.168.0.254';
    pc.dnsServer = '198.51.100.53';
  }),
);
add(
  'routing loop',
  variant(
    home,
    (x) =>
      (device(x, 'core', 'router').routes = device(x, 'core', 'router').routes.filter(
        (r) => r.destination !== '203.0.113.64/27',
      )),
  ),
);
add(
  'switching loop',
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
add(
  'unreachable DNS server',
  variant(home, (x) => (device(x, 'home', 'router').dhcp!.dnsServer = '192.168.0.53')),
);
add(
  'no web server gateway',
  variant(home, (x) => delete device(x, 'web', 'server').gateway),
);
add(
  'cable pulled on small-lan',
  variant(lan, (x) => (x.links = x.links.filter((l) => l.id !== 'l1'))),
  { from: 'alice', url: 'http://192.168.1.80/' },
);

async function translators() {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { replay: en }, ko: { replay: ko } },
    lng: 'en',
    ns: ['replay'],
    defaultNS: 'replay',
    interpolation: { escapeValue: false },
  });
  return { en: i18n.getFixedT('en', 'replay'), ko: i18n.getFixedT('ko', 'replay'), i18n };
}

describe('every step tells the truth', () => {
  for (const c of cases) {
    it(`${c.name}: key steps, claims and captions agree with the key frames at every level; counts never shrink`, async () => {
      const t = await translators();
      const ctx = replayContext(c.trace, c.topology);
      const counts: number[] = [];
      const views: [string, ReplayItem[]][] = DETAIL_LEVELS.map((level) => [
        `level ${level}`,
        viewAtLevel(c.trace, level, ctx),
      ]);
      views.push(['all frames', allFrameItems(c.trace, ctx)]);
      for (const [view, items] of views) {
        counts.push(items.length);
        expect(items[0].first).toBe(0);
        expect(items.at(-1)!.last).toBe(c.trace.steps.length - 1);
        items.forEach((item, n) => {
          const where = `${c.name}, ${view}, item ${n + 1} (${item.id})`;
          if (n > 0) expect(item.first, where).toBe(items[n - 1].last + 1);
          expect(item.keyStep, where).toBeGreaterThanOrEqual(item.first);
          expect(item.keyStep, where).toBeLessThanOrEqual(item.last);
          expect(item.frames, where).toEqual(
            c.trace.steps
              .slice(item.first, item.last + 1)
              .filter((s) => s.type === 'frame')
              .map((s) => s.index),
          );
          checkClaim(c.trace, item, where);
          checkCaption(c.trace, ctx, item, item.caption, where);
          for (const key of captionKeys(item.caption)) {
            expect(t.i18n.exists(key, { lng: 'en', ns: 'replay' }), key).toBe(true);
            expect(t.i18n.exists(key, { lng: 'ko', ns: 'replay' }), key).toBe(true);
          }
          for (const text of [captionText(t.en, item.caption), captionText(t.ko, item.caption, 'ko')])
            expect(text, where).not.toMatch(/\{\{|undefined|\[object/);
        });
        // A repeat is one step: no two neighbouring items say the same thing.
        for (let n = 1; n < items.length; n++) {
          if (view === 'all frames') break;
          expect(captionText(t.en, items[n].caption), `${c.name}, ${view}, item ${n + 1}`).not.toBe(
            captionText(t.en, items[n - 1].caption),
          );
        }
      }
      for (let i = 1; i < DETAIL_LEVELS.length; i++)
        expect(counts[i], `${c.name}: level ${i + 1} after level ${i} (${counts.join(', ')})`).toBeGreaterThanOrEqual(
          counts[i - 1],
        );
    });
  }

  it("a link's or a saved file's step (a trace step index, as level 7 links were written) opens the item that contains it at every level", () => {
    const c = cases[0];
    const ctx = replayContext(c.trace, c.topology);
    for (const level of DETAIL_LEVELS) {
      const items = viewAtLevel(c.trace, level, ctx);
      for (const step of [0, 12, 36, 121, c.trace.steps.length - 1]) {
        const item = items[itemIndexAtStep(items, step)];
        expect(step >= item.first && step <= item.last, `level ${level}, step ${step}`).toBe(true);
      }
    }
  });

  it('home-to-web: level 7 tells every exchange in tens of steps, not one per hop', () => {
    const c = cases[0];
    const items = viewAtLevel(c.trace, 7, replayContext(c.trace, c.topology));
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.length).toBeLessThanOrEqual(80);
    expect(c.trace.steps.length).toBeGreaterThan(items.length * 3);
  });
});
