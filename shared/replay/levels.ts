// The same journey told at seven depths, after seed note 001: level 1 is "type the address, the page appears",
// level 7 is every frame and decision. Each item covers a contiguous range of trace steps, so the full frame detail
// of anything on screen is one click away, and carries a caption key + params (texts live in shared/i18n/*/replay.json).
import type { DecisionStep, DropStep, FrameStep, ProseMessage, Trace, TraceStep } from '../engine/trace';
import { classifySteps, isRedirectDecision, packetSpans, type Phase, type StepClass } from './classify';
import {
  frameClaim,
  httpStatus,
  messageKind,
  tlsAlert,
  tlsServerName,
  type DropClaim,
  type MessageKind,
  type StepClaim,
} from './claims';
import { replayContext, type ReplayContext } from './context';
import { arpInfo, dhcpType, dnsInfo, icmpInfo, ipv4Info, tcpFlagNames, tcpInfo } from './frameInfo';
import { ICMP_ECHO_REPLY } from '../wire/icmp';

export type DetailLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const DETAIL_LEVELS: readonly DetailLevel[] = [1, 2, 3, 4, 5, 6, 7];

export type CaptionParam = string | number | Caption | EngineWords;
/** Words the engine wrote (a decision's or a drop's summary), read in the caption's language. */
export interface EngineWords {
  prose: ProseMessage;
}
export interface Caption {
  /** Key in the "replay" namespace, e.g. "caption.l2.lookup". */
  key: string;
  params: Record<string, CaptionParam>;
}

export interface ReplayItem {
  /** Stable within one level: the same trace and level give the same ids. */
  id: string;
  /** The part of the story the first step belongs to. */
  phase: Phase;
  /** First and last trace step index covered (inclusive). */
  first: number;
  last: number;
  caption: Caption;
  /** The step whose frame (or decision) "full detail" opens: the first frame in the range, else the first step. */
  detailStep: number;
  /** Trace step indices of the frame steps this item covers, in order (empty when it covers no frame). */
  frames: number[];
  /**
   * The trace step the views show for this item: its key frame (the frame its caption is about), or the decision or
   * drop step when the item is about one. Inside first..last.
   */
  keyStep: number;
  /** What the caption asserts about the key step (undefined only for an empty trace). */
  claim: StepClaim | undefined;
}

function framesIn(trace: Trace, first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) if (trace.steps[i]?.type === 'frame') out.push(i);
  return out;
}

/**
 * Retransmissions fold: a packet that repeats an earlier one from the same device (the same DHCP message, ARP
 * question, DNS question or TCP segment) counts as that one, so seven SYNs are one step. Returns packet → first copy.
 */
function canonicalPackets(trace: Trace): Map<number, number> {
  const canon = new Map<number, number>();
  const bySignature = new Map<string, number>();
  for (const step of trace.steps) {
    if (step.type !== 'frame' || canon.has(step.packetId)) continue;
    const tcp = tcpInfo(step);
    const what = tcp
      ? `tcp ${tcp.srcPort} ${tcp.dstPort} ${tcp.flags} ${tcp.seq} ${tcp.ack} ${tcp.payloadLength}`
      : step.summary;
    const signature = `${step.from.deviceId}|${step.linkId}|${what}`;
    const first = bySignature.get(signature);
    canon.set(step.packetId, first ?? step.packetId);
    if (first === undefined) bySignature.set(signature, step.packetId);
  }
  return canon;
}

/**
 * An ARP reply belongs to the question it answers: both are one exchange, named after the question. A question sent
 * to one station (not broadcast) is Linux checking an entry it already has (a neighbour probe): `probes` holds those
 * exchanges, upkeep that no packet waits for.
 */
function arpExchanges(trace: Trace, canon: Map<number, number>, probes: Set<number>): Map<number, number> {
  const exchange = new Map<number, number>();
  const open: { packetId: number; sender: string; target: string }[] = [];
  for (const step of trace.steps) {
    if (step.type !== 'frame' || exchange.has(step.packetId)) continue;
    const arp = arpInfo(step);
    if (!arp) continue;
    if (arp.isRequest) {
      // A probe reads like the broadcast that first learned the entry: it is its own exchange, not a retry of that one.
      const probe = (step.bytes[0] & 1) === 0;
      exchange.set(step.packetId, probe ? step.packetId : (canon.get(step.packetId) ?? step.packetId));
      if (probe) probes.add(step.packetId);
      open.push({ packetId: exchange.get(step.packetId)!, sender: arp.senderIp, target: arp.targetIp });
    } else {
      const q = [...open].reverse().find((o) => o.target === arp.senderIp && o.sender === arp.targetIp);
      exchange.set(step.packetId, q ? q.packetId : step.packetId);
    }
  }
  return exchange;
}

interface Analysis {
  classes: StepClass[];
  canon: Map<number, number>;
  arp: Map<number, number>;
  /** ARP exchanges that are neighbour probes (see arpExchanges). */
  probes: Set<number>;
  /** The first step the browser causes once the address is typed (after DHCP): what "you type…" shows. */
  typeKey: number;
  /** Per step: how many times the browser was sent on to another URL before it (redirects, HSTS). */
  round: number[];
  /** The rounds in which the browser opens a connection (a reused kept-alive one opens none). */
  connectingRounds: Set<number>;
}

function analyse(trace: Trace, ctx: ReplayContext): Analysis {
  const classes = classifySteps(trace, ctx);
  const canon = canonicalPackets(trace);
  const spans = packetSpans(trace);
  const atClient = (s: TraceStep) => (s.type === 'frame' ? spans.get(s.packetId)!.origin : s.deviceId) === ctx.clientId;
  let typeKey = trace.steps.findIndex((s) => classes[s.index].phase === 'url');
  if (typeKey < 0)
    typeKey = trace.steps.findIndex(
      (s) => atClient(s) && classes[s.index].phase !== 'dhcp' && !(s.type === 'decision' && s.kind === 'dhcp'),
    );
  // The browser never got further than asking for an address: "you type…" then shows that question (and says so).
  if (typeKey < 0) {
    const discover = trace.steps.find((s) => s.type === 'frame' && atClient(s) && classes[s.index].phase === 'dhcp') as
      FrameStep | undefined;
    typeKey = discover ? spans.get(discover.packetId)!.lastStep : trace.steps.length - 1;
  }
  const probes = new Set<number>();
  const round: number[] = [];
  let redirects = 0;
  const connectingRounds = new Set<number>();
  for (const s of trace.steps) {
    if (isRedirectDecision(s)) redirects++;
    round.push(redirects);
    if (classes[s.index].handshake === 'syn' && atClient(s)) connectingRounds.add(redirects);
  }
  return { classes, canon, arp: arpExchanges(trace, canon, probes), probes, typeKey, round, connectingRounds };
}

function isNatNew(step: TraceStep): boolean {
  return (
    step.type === 'decision' &&
    step.kind === 'nat' &&
    (step.summaryMessage?.key === 'router.summary.natNew' || step.summary.startsWith('NAT new'))
  );
}

/** The browser's decision to send the request on an idle kept-alive connection. */
const REUSE = 'web.summary.reuseConnection';
const summaryKey = (s: TraceStep) => (s.type === 'frame' ? undefined : s.summaryMessage?.key);

/** The parts of the story a redirect tells again, at the new URL: they are new groups after it ("request@1"). */
const ROUND_GROUPS = new Set(['lookup', 'fetch', 'travel', 'port', 'tls', 'request', 'response', 'handshake', 'close']);

/** The group a step tells its story in at this level, or undefined when it only rides along with whatever surrounds it. */
function groupOf(level: DetailLevel, step: TraceStep, a: Analysis): string | undefined {
  const group = baseGroupOf(level, step, a);
  const round = a.round[step.index];
  if (group === undefined || round === 0 || level === 1 || level === 7) return group;
  return ROUND_GROUPS.has(group.replace(/:.*$/, '')) ? `${group}@${round}` : group;
}

function baseGroupOf(level: DetailLevel, step: TraceStep, a: Analysis): string | undefined {
  const cls = a.classes[step.index];
  const { phase } = cls;
  const packet = cls.packetId === undefined ? undefined : (a.canon.get(cls.packetId) ?? cls.packetId);
  if (level === 1) return 'journey';
  // Drops at one device for one reason fold into one step: retransmissions, and retries that are new packets.
  if (step.type === 'drop' && phase !== 'dhcp') return `problem:${step.deviceId}:${step.reason}:${step.summary}`;
  if (phase === 'problem') return step.type === 'frame' ? `icmp:${packet}` : undefined;
  if (phase === 'url') return 'type';
  if (phase === 'redirect') return `redirect:${step.index}`;
  // The page's images, stylesheets and scripts: one step below level 7, where each exchange is its own.
  if (cls.subresource && level < 7) return 'subresources';
  if (level === 7) {
    if (step.type === 'decision') {
      if (isNatNew(step)) return `nat:${step.index}`;
      if (step.kind === 'hosts-file') return cls.subresource ? `hosts:${step.index}` : 'hosts';
      if (step.kind === 'browser') return phase === 'render' ? 'render' : 'type';
      return undefined;
    }
    if (step.type !== 'frame') return undefined;
    if (phase === 'arp') {
      const exchange = a.arp.get(step.packetId) ?? packet;
      // A neighbour probe is upkeep, not part of the story: it rides along with what surrounds it (All frames shows it).
      return exchange !== undefined && a.probes.has(exchange) ? undefined : `arp:${exchange}`;
    }
    return `${phase === 'dhcp' ? 'dhcp' : 'pkt'}:${packet}`;
  }
  if (phase === 'arp' || phase === 'other') return undefined;
  // Getting an address by DHCP happens before the story starts: it rides with "you type…" until level 7.
  if (phase === 'dhcp') return 'type';
  if (phase === 'close') return level === 6 && step.type === 'frame' ? `close:${packet}` : undefined;
  if (phase === 'render') return level >= 4 ? 'render' : 'page';
  if (phase === 'hosts') return level >= 5 ? 'dns-query' : 'lookup';
  if (phase.startsWith('dns-')) return level >= 5 ? phase : 'lookup';
  // The TLS handshake is one step until level 7 tells its flights: part of fetching (2), of the port's story (3).
  if (phase === 'tls') return level === 2 ? 'fetch' : level === 3 ? 'port' : 'tls';
  if (phase === 'handshake') {
    if (level === 2) return 'fetch';
    // The browser reused a kept-alive connection: a handshake in this round is a server's own (a cache's to its
    // origin), part of getting the answer.
    if (!a.connectingRounds.has(a.round[step.index]) && level < 6) return level === 3 ? 'port' : 'response';
    if (level === 6) return step.type === 'frame' ? `handshake:${packet}` : undefined;
    // The ACK that completes the handshake leaves together with the request: below level 6 it is part of asking.
    if (cls.handshake === 'ack') return level === 3 ? 'port' : 'request';
    return 'travel';
  }
  // request / response
  if (level === 2) return 'fetch';
  if (level === 3) return 'port';
  return phase;
}

interface Group {
  name: string;
  steps: number[];
  key: number;
}

/** The last hop (within the group) of the first packet of the group that passes the test. */
function keyFrame(trace: Trace, steps: number[], want: (f: FrameStep) => boolean): number | undefined {
  let packet: number | undefined;
  let key: number | undefined;
  for (const i of steps) {
    const s = trace.steps[i];
    if (s.type !== 'frame') continue;
    if (packet === undefined && want(s)) packet = s.packetId;
    if (s.packetId === packet) key = i;
  }
  return key;
}

/** The step a group's caption is about: see the caption each group gets in captionFor. */
function chooseKey(trace: Trace, name: string, steps: number[], a: Analysis, ctx: ReplayContext): number {
  const base = name.replace(/[:@].*$/, '');
  const kindIs =
    (...kinds: MessageKind[]) =>
    (f: FrameStep) =>
      kinds.includes(messageKind(f, trace));
  // Encrypted HTTP: application data of the request or the response.
  const tlsData = (phase: Phase) => (f: FrameStep) => kindIs('tls-data')(f) && a.classes[f.index].phase === phase;
  const spans = packetSpans(trace);
  const toClient = (f: FrameStep) => spans.get(f.packetId)!.final === ctx.clientId || f.to.deviceId === ctx.clientId;
  const fromClient = (f: FrameStep) => spans.get(f.packetId)!.origin === ctx.clientId;
  const decision = (kind: string, last = false) => {
    const found = steps.filter((i) => {
      const s = trace.steps[i];
      return s.type === 'decision' && s.kind === kind;
    });
    return last ? found.at(-1) : found[0];
  };
  const anyFrame = () => keyFrame(trace, steps, () => true);
  let key: number | undefined;
  switch (base) {
    case 'journey':
      key = decision('browser', true) ?? steps.at(-1);
      break;
    case 'type':
      key = a.typeKey;
      break;
    case 'lookup':
    case 'dns-answer':
      key =
        keyFrame(trace, steps, (f) => toClient(f) && kindIs('dns-answer', 'dns-error', 'dns-referral')(f)) ??
        decision('hosts-file') ??
        keyFrame(trace, steps, (f) => fromClient(f) && kindIs('dns-query')(f));
      break;
    case 'dns-query':
      key = keyFrame(trace, steps, (f) => fromClient(f) && kindIs('dns-query')(f)) ?? decision('hosts-file');
      break;
    case 'dns-root':
    case 'dns-tld':
    case 'dns-auth':
      key = keyFrame(trace, steps, kindIs('dns-query'));
      break;
    case 'fetch':
      key =
        keyFrame(trace, steps, (f) => toClient(f) && kindIs('http-response')(f)) ??
        keyFrame(trace, steps, (f) => toClient(f) && tlsData('response')(f)) ??
        keyFrame(trace, steps, kindIs('tcp-syn'));
      break;
    case 'tls':
      key = keyFrame(trace, steps, (f) => fromClient(f) && kindIs('tls-client-hello')(f));
      break;
    case 'redirect':
      key = steps[0];
      break;
    case 'travel':
      key = keyFrame(trace, steps, kindIs('tcp-syn'));
      break;
    case 'port':
    case 'request':
      // The client's own request first: behind a cache that terminates TLS, the cache's plain GET to the origin
      // is readable while the client's is encrypted, but it is not the request this step is about.
      key =
        keyFrame(trace, steps, (f) => fromClient(f) && kindIs('http-request')(f)) ??
        keyFrame(trace, steps, (f) => fromClient(f) && tlsData('request')(f)) ??
        keyFrame(trace, steps, (f) => fromClient(f) && kindIs('tls-client-hello')(f)) ??
        keyFrame(trace, steps, kindIs('http-request'));
      break;
    case 'response':
      key =
        keyFrame(trace, steps, (f) => toClient(f) && kindIs('http-response')(f)) ??
        keyFrame(trace, steps, (f) => toClient(f) && tlsData('response')(f)) ??
        keyFrame(trace, steps, kindIs('http-response'));
      break;
    case 'page':
    case 'render':
      key = decision('browser', true);
      break;
    case 'subresources': {
      // The last file arriving: then the browser has what it needs to draw the page.
      for (const i of steps) {
        const s = trace.steps[i];
        if (s.type === 'frame' && s.to.deviceId === ctx.clientId && messageKind(s) === 'http-response') key = i;
      }
      key ??= steps[0];
      break;
    }
    case 'hosts':
      key = decision('hosts-file');
      break;
    case 'nat':
      key = steps[0];
      break;
    case 'problem':
      key = steps.find((i) => trace.steps[i].type === 'drop');
      break;
    case 'arp':
      key = keyFrame(trace, steps, kindIs('arp-reply'));
      break;
    default:
      break;
  }
  return key ?? anyFrame() ?? steps[0];
}

interface Facts {
  host: string;
  port: number;
  path: string;
  client: string;
  ip: string;
  server: string;
  resolver: string;
  status: string;
  title: string;
  error: string;
}

function gatherFacts(trace: Trace, classes: StepClass[], ctx: ReplayContext): Facts {
  let host = trace.scenario.url;
  let port = 80;
  let path = '/';
  try {
    const url = new URL(trace.scenario.url);
    host = url.hostname;
    port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    path = url.pathname || '/';
  } catch {
    // a URL the engine refused: keep the raw text
  }
  const spans = packetSpans(trace);
  let ip = '';
  let server = '';
  let resolver = '';
  for (const step of trace.steps) {
    if (step.type !== 'frame') continue;
    const cls = classes[step.index];
    if (!resolver && cls.phase === 'dns-query') resolver = ctx.deviceName(spans.get(step.packetId)!.final);
    if (!ip && cls.phase === 'handshake') {
      const tcp = tcpInfo(step);
      ip = ipv4Info(step)?.dst ?? '';
      if (tcp) port = tcp.dstPort;
      server = ctx.deviceName(spans.get(step.packetId)!.final);
    }
  }
  const o = trace.outcome;
  return {
    host,
    port,
    path,
    ip: ip || host,
    server: server || host,
    resolver,
    client: ctx.deviceName(ctx.clientId),
    status: o.ok ? `${o.status} ${o.statusText}` : '',
    title: o.ok ? (o.title ?? o.summary) : '',
    error: o.ok ? '' : o.error || o.summary,
  };
}

export function viewAtLevel(trace: Trace, level: DetailLevel, context?: ReplayContext): ReplayItem[] {
  const ctx = context ?? replayContext(trace);
  if (trace.steps.length === 0) {
    const caption = levelOneCaption(trace, gatherFacts(trace, [], ctx));
    return [
      {
        id: 'journey',
        phase: 'url',
        first: 0,
        last: -1,
        caption,
        detailStep: 0,
        frames: [],
        keyStep: 0,
        claim: undefined,
      },
    ];
  }
  const a = analyse(trace, ctx);
  const facts = gatherFacts(trace, a.classes, ctx);
  const byName = new Map<string, number[]>();
  for (const step of trace.steps) {
    const name = groupOf(level, step, a);
    if (name === undefined) continue;
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(step.index);
  }
  if (level >= 2 && !byName.has('type')) byName.set('type', []);
  const groups: Group[] = [...byName].map(([name, steps]) => ({
    name,
    steps,
    key: chooseKey(trace, name, steps, a, ctx),
  }));
  groups.sort((x, y) => x.key - y.key || (x.name === 'type' ? -1 : y.name === 'type' ? 1 : 0));
  // Groups that show the same step are told together, in one item.
  const merged: Group[][] = [];
  for (const g of groups) {
    const last = merged.at(-1);
    if (last && last[0].key === g.key) last.push(g);
    else merged.push([g]);
  }
  // Each item reaches from the end of the one before to its own last step before the next item's key step (at least
  // to its key step): the steps of packets in flight together fall to the item whose key comes first.
  const items: ReplayItem[] = [];
  const seen = new Map<string, number>();
  let first = 0;
  merged.forEach((members, k) => {
    const key = members[0].key;
    const nextKey = k + 1 < merged.length ? merged[k + 1][0].key : Infinity;
    let last = k + 1 < merged.length ? key : trace.steps.length - 1;
    for (const g of members) for (const i of g.steps) if (i < nextKey && i > last) last = i;
    const group = members[0].name;
    const id = group.replace(/:[^@]*/, '') + (group.includes(':') ? `:${key}` : '');
    const sameIdCount = seen.get(id) ?? 0;
    seen.set(id, sameIdCount + 1);
    const captions = members.map((g) =>
      onConnection(trace, level, key, a, ctx, captionFor(trace, level, g, first, last, a, facts, ctx)),
    );
    items.push({
      id: sameIdCount ? `${id}#${sameIdCount + 1}` : id,
      phase: a.classes[key].phase,
      first,
      last,
      caption: captions.reduce((x, y) => ({ key: 'caption.joined', params: { first: x, second: y } })),
      detailStep: key,
      frames: framesIn(trace, first, last),
      keyStep: key,
      claim: claimAt(trace, key, first, last),
    });
    first = last + 1;
  });
  return foldRepeats(items);
}

/**
 * At level 7 a sub-resource's TCP exchange says which of the browser's connections it is on (its port), so the
 * exchanges of parallel connections read apart and do not fold as repeats of each other.
 */
function onConnection(
  trace: Trace,
  level: DetailLevel,
  key: number,
  a: Analysis,
  ctx: ReplayContext,
  caption: Caption,
): Caption {
  const step = trace.steps[key];
  if (level !== 7 || !a.classes[key]?.subresource || step?.type !== 'frame') return caption;
  const tcp = tcpInfo(step);
  if (!tcp) return caption;
  const origin = packetSpans(trace).get(step.packetId)?.origin;
  const port = origin === ctx.clientId ? tcp.srcPort : tcp.dstPort;
  return { key: 'caption.l7.onConnection', params: { caption, port } };
}

/** Neighbouring items that would say the same (a question asked again, unanswered) are one step "… (3 times)". */
function foldRepeats(items: ReplayItem[]): ReplayItem[] {
  const out: ReplayItem[] = [];
  let count = 1;
  const same = (a: ReplayItem, b: ReplayItem) => JSON.stringify(a.caption) === JSON.stringify(b.caption);
  for (const item of items) {
    const prev = out.at(-1);
    const base =
      prev && prev.caption.key === 'caption.repeated'
        ? { ...prev, caption: prev.caption.params.caption as Caption }
        : prev;
    if (prev && base && same(base, item)) {
      count++;
      out[out.length - 1] = {
        ...prev,
        last: item.last,
        frames: [...prev.frames, ...item.frames],
        caption: { key: 'caption.repeated', params: { caption: base.caption, count } },
      };
      continue;
    }
    count = 1;
    out.push(item);
  }
  return out;
}

/**
 * Every trace step on its own (one item per frame hop, decision or drop), in the same shape as a level's items: the
 * "all frames" view the event list and ladder can show at any level.
 */
export function allFrameItems(trace: Trace, context?: ReplayContext): ReplayItem[] {
  const ctx = context ?? replayContext(trace);
  const classes = classifySteps(trace, ctx);
  return trace.steps.map((step) => ({
    id: `step:${step.index}`,
    phase: classes[step.index].phase,
    first: step.index,
    last: step.index,
    caption: stepCaption(trace, step, classes[step.index], ctx),
    detailStep: step.index,
    frames: step.type === 'frame' ? [step.index] : [],
    keyStep: step.index,
    claim: claimAt(trace, step.index, step.index, step.index),
  }));
}

function claimAt(trace: Trace, key: number, first: number, last: number): StepClaim | undefined {
  const step = trace.steps[key];
  if (!step) return undefined;
  if (step.type === 'frame') return frameClaim(trace, step);
  if (step.type === 'decision') return { subject: 'decision', device: step.deviceId, decision: step.kind };
  const dropped = step.packetId === undefined ? undefined : lastHop(trace, step.packetId, step.index);
  const count = countDrops(trace, step, first, last);
  const claim: DropClaim = { subject: 'drop', device: step.deviceId, reason: step.reason, count };
  if (dropped) {
    claim.kind = messageKind(dropped);
    claim.from = packetSpans(trace).get(dropped.packetId)?.origin;
  }
  return claim;
}

function lastHop(trace: Trace, packetId: number, before: number): FrameStep | undefined {
  for (let i = Math.min(before, trace.steps.length - 1); i >= 0; i--) {
    const s = trace.steps[i];
    if (s.type === 'frame' && s.packetId === packetId) return s;
  }
  return undefined;
}

function countDrops(trace: Trace, drop: DropStep, first: number, last: number): number {
  let n = 0;
  for (let i = first; i <= last; i++) {
    const s = trace.steps[i];
    if (s.type === 'drop' && s.deviceId === drop.deviceId && s.reason === drop.reason) n++;
  }
  return n;
}

function levelOneCaption(trace: Trace, facts: Facts): Caption {
  return trace.outcome.ok
    ? { key: 'caption.l1.journey', params: { host: facts.host, title: facts.title } }
    : { key: 'caption.l1.journeyFailed', params: { host: facts.host, error: facts.error } };
}

/** How long a connection may sit idle after the page before its close still counts as "closed next". */
const CLOSED_NEXT_US = 1_000_000;

/**
 * Level 6's "the page is drawn": what happens to the connection next, read from the trace — closed at once (no
 * keep-alive, or the server's "Connection: close"), kept open for reuse until the idle side closes it, or still open
 * when the recording ends.
 */
function renderCaption(
  trace: Trace,
  after: number,
  a: Analysis,
  ctx: ReplayContext,
  params: Record<string, string | number>,
): Caption {
  const at = trace.steps[after]?.timeUs ?? 0;
  // A server's "Connection: close" may send its FIN before the browser has drawn the page: look from the response.
  let from = after;
  while (from > 0 && a.classes[from]?.phase !== 'response') from--;
  const close = trace.steps.find(
    (s): s is FrameStep => s.index > from && s.type === 'frame' && a.classes[s.index]?.phase === 'close',
  );
  if (!close) return { key: 'caption.l6.renderStaysOpen', params };
  const closer = ctx.deviceName(packetSpans(trace).get(close.packetId)!.origin);
  if (close.timeUs - at < CLOSED_NEXT_US) return { key: 'caption.l6.render', params: { ...params, closer } };
  const seconds = Math.round((close.timeUs - at) / 1e6);
  return { key: 'caption.l6.renderKeepAlive', params: { ...params, closer, seconds } };
}

function captionFor(
  trace: Trace,
  level: DetailLevel,
  group: Group,
  first: number,
  last: number,
  a: Analysis,
  facts: Facts,
  ctx: ReplayContext,
): Caption {
  const common = {
    host: facts.host,
    ip: facts.ip,
    port: facts.port,
    path: facts.path,
    client: facts.client,
    server: facts.server,
    resolver: facts.resolver || facts.host,
  };
  const spans = packetSpans(trace);
  const name = ctx.deviceName;
  const keyStep = trace.steps[group.key];
  const key = keyStep?.type === 'frame' ? keyStep : undefined;
  const kind = key ? messageKind(key, trace) : undefined;
  const span = key ? spans.get(key.packetId) : undefined;
  // The port of the key frame's connection (a redirect's second round is on 443, not the first one's 80).
  const keyTcp = key ? tcpInfo(key) : undefined;
  const port = keyTcp && span ? (span.origin === ctx.clientId ? keyTcp.dstPort : keyTcp.srcPort) : facts.port;
  // Who sent the key frame's packet and where this hop delivers it: the words of the caption come from the frame shown.
  const hop = { from: span ? name(span.origin) : '', to: key ? name(key.to.deviceId) : '' };
  const base = group.name.replace(/[:@].*$/, '');
  if (base === 'journey') return levelOneCaption(trace, facts);
  if (base === 'redirect' && keyStep?.type === 'decision') {
    // The browser's own words name the status and both addresses: a caption says them in a sentence.
    const said = keyStep.summaryMessage?.params ?? {};
    const text = (name: string) => (typeof said[name] === 'object' ? '' : String(said[name] ?? ''));
    return keyStep.summaryMessage?.key === 'web.summary.hstsUpgrade'
      ? { key: 'caption.l2.hsts', params: { ...common, to: text('to') } }
      : { key: 'caption.l2.redirect', params: { ...common, status: text('status'), location: text('location') } };
  }
  if (base === 'problem') return problemCaption(trace, keyStep, a, first, last, ctx);
  if (base === 'icmp' && keyStep) return problemCaption(trace, keyStep, a, first, last, ctx);
  if (base === 'type')
    return { key: kind?.startsWith('dhcp-') ? 'caption.l2.typeDhcp' : 'caption.l2.type', params: common };
  if ((base === 'hosts' || base === 'nat' || base === 'render') && level === 7 && keyStep)
    return stepCaption(trace, keyStep, a.classes[group.key], ctx);
  const dnsError = () => {
    const info = key && dnsInfo(key);
    return { ...common, rcode: info ? (DNS_RCODES[info.rcode] ?? String(info.rcode)) : '' };
  };
  switch (base) {
    case 'lookup':
      if (keyStep?.type === 'decision')
        return { key: 'caption.l3.hosts', params: { ...common, summary: summaryParam(keyStep) } };
      if (kind === 'dns-error') return { key: 'caption.l3.lookupFailed', params: dnsError() };
      if (kind === 'dns-query') return { key: 'caption.l3.lookupNoAnswer', params: common };
      return { key: level >= 3 ? 'caption.l3.lookup' : 'caption.l2.lookup', params: common };
    case 'fetch': {
      if (kind !== 'http-response' && kind !== 'tls-data') return { key: 'caption.l2.fetchTry', params: common };
      const status = key ? httpStatus(key, trace) : '';
      return status.startsWith('3')
        ? { key: 'caption.l2.fetchMoved', params: { ...common, status } }
        : { key: 'caption.l2.fetch', params: common };
    }
    case 'travel':
      return { key: 'caption.l3.travel', params: common };
    case 'port':
      // A handshake that never got to the request (a refused certificate): the knock and the hello are all there is.
      if (kind === 'tls-client-hello') return { key: 'caption.l3.portTlsHello', params: { ...common, port } };
      return kind === 'tls-data'
        ? { key: 'caption.l3.portTls', params: { ...common, port } }
        : { key: 'caption.l3.port', params: { ...common, port } };
    case 'tls':
      if (kind !== 'tls-client-hello') return frameCaption(trace, group.key, a, ctx);
      return {
        key: 'caption.l4.tls',
        params: { ...common, client: hop.from, server: hop.to, sni: tlsServerName(key!) },
      };
    case 'request':
      // No request went (a handshake refused): the step tells the frame it has.
      if (kind !== 'http-request' && kind !== 'tls-data') return frameCaption(trace, group.key, a, ctx);
      // On a kept-alive connection an earlier response left open (shared/engine/apps/socket-pool.ts).
      if (group.steps.some((i) => trace.steps[i].type === 'decision' && summaryKey(trace.steps[i]) === REUSE))
        return kind === 'tls-data'
          ? { key: 'caption.l4.requestReusedTls', params: { ...common, port, bytes: keyTcp?.payloadLength ?? 0 } }
          : { key: 'caption.l4.requestReused', params: { ...common, port } };
      return kind === 'tls-data'
        ? { key: 'caption.l4.requestTls', params: { ...common, port, bytes: keyTcp?.payloadLength ?? 0 } }
        : { key: 'caption.l4.request', params: { ...common, port } };
    case 'response': {
      const status = (key ? httpStatus(key, trace) : '') || facts.status;
      return kind === 'tls-data'
        ? { key: 'caption.l4.responseTls', params: { ...common, status, bytes: keyTcp?.payloadLength ?? 0 } }
        : { key: 'caption.l4.response', params: { ...common, status } };
    }
    case 'page':
      return trace.outcome.ok
        ? { key: 'caption.l2.page', params: { ...common, title: facts.title } }
        : { key: 'caption.pageFailed', params: { ...common, error: facts.error } };
    case 'render':
      if (!trace.outcome.ok) return { key: 'caption.pageFailed', params: { ...common, error: facts.error } };
      if (level < 6) return { key: 'caption.l4.render', params: { ...common, title: facts.title } };
      return renderCaption(trace, Math.max(...group.steps), a, ctx, { ...common, title: facts.title });
    case 'subresources':
      return subresourcesCaption(trace, group.steps, ctx);
    case 'dns-query':
      if (keyStep?.type === 'decision')
        return { key: 'caption.l3.hosts', params: { ...common, summary: summaryParam(keyStep) } };
      return { key: 'caption.l5.askResolver', params: { ...common, client: hop.from, resolver: hop.to } };
    case 'dns-answer':
      if (kind === 'dns-error')
        return { key: 'caption.l5.resolverFails', params: { ...dnsError(), resolver: hop.from, client: hop.to } };
      if (kind !== 'dns-answer') return { key: 'caption.l3.lookupNoAnswer', params: common };
      return { key: 'caption.l5.resolverAnswers', params: { ...common, resolver: hop.from, client: hop.to } };
    case 'dns-root':
    case 'dns-tld':
    case 'dns-auth':
      if (kind !== 'dns-query') return frameCaption(trace, group.key, a, ctx);
      return { key: `caption.l5.${base.slice(4)}`, params: { ...common, resolver: hop.from, dnsServer: hop.to } };
    default:
      return frameCaption(trace, group.key, a, ctx);
  }
}

/**
 * "The page needs 4 more files (1 stylesheet, 3 images); the browser fetches them over 4 connections …": the kinds
 * from the outcome, the connections from the client's ports in the group's TCP frames, the limit from the browser's plan.
 */
function subresourcesCaption(trace: Trace, steps: number[], ctx: ReplayContext): Caption {
  const resources = trace.outcome.ok ? (trace.outcome.resources ?? []) : [];
  const parts: Caption[] = (['stylesheet', 'script', 'image'] as const).flatMap((kind) => {
    const count = resources.filter((r) => r.kind === kind).length;
    return count ? [{ key: `caption.subresources.kind.${kind}${count === 1 ? 'One' : ''}`, params: { count } }] : [];
  });
  const files = parts.reduce((x, y) => ({ key: 'caption.subresources.list', params: { first: x, rest: y } }));
  const ports = new Set<number>();
  let max = 0;
  for (const i of steps) {
    const s = trace.steps[i];
    if (s.type === 'frame' && s.from.deviceId === ctx.clientId) {
      const tcp = tcpInfo(s);
      if (tcp) ports.add(tcp.srcPort);
    }
    if (s.type === 'decision' && s.configRef?.path.join('.') === 'browser.maxConnectionsPerHost') {
      const first = Array.isArray(s.explanation) ? s.explanation[0] : s.explanation;
      if (typeof first === 'object' && !Array.isArray(first)) max = Math.max(max, Number(first.params?.max ?? 0));
    }
  }
  const failed = resources.filter((r) => r.error !== undefined || (r.status ?? 0) >= 400).length;
  const params = { count: resources.length, files: files ?? '', connections: ports.size, max: max || 6, failed };
  return { key: failed ? 'caption.subresources.fetchSomeFailed' : 'caption.subresources.fetch', params };
}

const DNS_RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

/** One exchange told by its key frame (levels 6 and 7): the handshake and close in the seed's words, the rest by what it carries. */
function frameCaption(trace: Trace, keyIndex: number, a: Analysis, ctx: ReplayContext): Caption {
  const step = trace.steps[keyIndex];
  if (!step || step.type !== 'frame')
    return step
      ? stepCaption(trace, step, a.classes[keyIndex], ctx)
      : { key: 'caption.l7.other', params: { summary: '' } };
  const span = packetSpans(trace).get(step.packetId);
  const name = ctx.deviceName;
  const params = { from: span ? name(span.origin) : '', to: name(step.to.deviceId) };
  const tcp = tcpInfo(step);
  switch (messageKind(step, trace)) {
    case 'tls-client-hello':
      return { key: 'caption.l7.tlsClientHello', params: { ...params, sni: tlsServerName(step) } };
    case 'tls-server-hello':
      return { key: 'caption.l7.tlsServerHello', params };
    case 'tls-client-finished':
      return { key: 'caption.l7.tlsFinished', params };
    case 'tls-session-ticket':
      return { key: 'caption.l7.tlsSessionTicket', params };
    case 'tls-alert': {
      const alert = tlsAlert(step, trace) || '?';
      return {
        key: alert === 'close_notify' ? 'caption.l7.tlsCloseNotify' : 'caption.l7.tlsAlert',
        params: { ...params, alert },
      };
    }
    case 'tcp-syn':
      return { key: 'caption.l6.syn', params: { ...params, flags: tcpFlagNames(tcp!.flags) } };
    case 'tcp-syn-ack':
      return { key: 'caption.l6.synAck', params: { ...params, flags: tcpFlagNames(tcp!.flags) } };
    case 'tcp-fin':
      return { key: 'caption.l6.fin', params: { ...params, flags: tcpFlagNames(tcp!.flags) } };
    case 'tcp-ack': {
      const cls = a.classes[keyIndex];
      if (cls.phase === 'handshake') return { key: 'caption.l6.ack', params: { ...params, flags: 'ACK' } };
      if (cls.phase === 'close')
        return { key: 'caption.l6.finAck', params: { ...params, flags: tcpFlagNames(tcp!.flags) } };
      return { key: 'caption.l7.dataAck', params };
    }
    case 'arp-reply': {
      const arp = arpInfo(step)!;
      return {
        key: 'caption.l7.arpExchange',
        params: { asker: params.to, target: arp.senderIp, from: params.from, mac: arp.senderMac },
      };
    }
    default:
      return { key: 'caption.l7.message', params: { ...params, what: frameWhat(step, a.classes[keyIndex], trace) } };
  }
}

function problemCaption(
  trace: Trace,
  step: TraceStep | undefined,
  a: Analysis,
  first: number,
  last: number,
  ctx: ReplayContext,
): Caption {
  if (!step) return { key: 'caption.l7.other', params: { summary: '' } };
  if (step.type === 'drop') {
    const count = countDrops(trace, step, first, last);
    const dropped = step.packetId === undefined ? undefined : lastHop(trace, step.packetId, step.index);
    if (count > 1 && !dropped)
      return {
        key: 'caption.problem.dropTimes',
        params: { device: ctx.deviceName(step.deviceId), count, summary: summaryParam(step) },
      };
    if (count > 1 && dropped) {
      const times: number[] = [];
      for (let i = first; i <= last; i++) {
        const s = trace.steps[i];
        if (s.type === 'drop' && s.deviceId === step.deviceId && s.reason === step.reason) times.push(s.timeUs);
      }
      const span = packetSpans(trace).get(dropped.packetId);
      return {
        key: 'caption.problem.dropRepeated',
        params: {
          from: ctx.deviceName(span?.origin ?? dropped.from.deviceId),
          what: frameWhat(dropped, a.classes[dropped.index]),
          count,
          seconds: Math.round((times.at(-1)! - times[0]) / 1e6),
          device: ctx.deviceName(step.deviceId),
          summary: summaryParam(step),
        },
      };
    }
  }
  return singleProblemCaption(step, ctx);
}

function singleProblemCaption(step: TraceStep, ctx: ReplayContext): Caption {
  if (step.type === 'drop')
    return {
      key: 'caption.problem.drop',
      params: { device: ctx.deviceName(step.deviceId), summary: summaryParam(step) },
    };
  if (step.type === 'frame')
    return { key: 'caption.problem.icmp', params: { from: ctx.deviceName(step.from.deviceId), summary: step.summary } };
  return {
    key: 'caption.problem.decision',
    params: { device: ctx.deviceName(step.deviceId), summary: summaryParam(step) },
  };
}

/** A decision's or a drop's summary for a caption: in the caption's language where the engine wrote it as a message. */
function summaryParam(step: DecisionStep | DropStep): CaptionParam {
  return step.summaryMessage ? { prose: step.summaryMessage } : step.summary;
}

/** One step told on its own (level 7 and the narration line). */
export function stepCaption(trace: Trace, step: TraceStep, cls: StepClass, context?: ReplayContext): Caption {
  const ctx = context ?? replayContext(trace);
  const name = ctx.deviceName;
  if (step.type === 'drop') return singleProblemCaption(step, ctx);
  if (step.type === 'decision') {
    return {
      key: `caption.l7.decision.${step.kind}`,
      params: { device: name(step.deviceId), summary: summaryParam(step) },
    };
  }
  const span = packetSpans(trace).get(step.packetId);
  const forwarded = !!span && span.firstStep !== step.index;
  const hop = { from: name(step.from.deviceId), to: name(step.to.deviceId), link: step.linkId, summary: step.summary };
  const what = frameWhat(step, cls, trace);
  if (forwarded) return { key: 'caption.l7.forward', params: { ...hop, what } };
  return { key: 'caption.l7.send', params: { ...hop, what } };
}

/** What a frame carries, in words ("a DNS query for www.example.com"); `trace` lets TLS alerts be read. */
export function frameWhat(frame: FrameStep, cls: StepClass, trace?: Trace): Caption {
  const arp = arpInfo(frame);
  if (arp)
    return arp.isRequest
      ? { key: 'what.arpRequest', params: { target: arp.targetIp, sender: arp.senderIp } }
      : { key: 'what.arpReply', params: { sender: arp.senderIp, mac: arp.senderMac } };
  const dhcp = dhcpType(frame);
  if (dhcp) return { key: 'what.dhcp', params: { type: dhcp } };
  const dns = dnsInfo(frame);
  if (dns) {
    if (!dns.isResponse) return { key: 'what.dnsQuery', params: { name: dns.questionName } };
    if (dns.rcode === 3) return { key: 'what.dnsNxdomain', params: { name: dns.questionName } };
    // An SOA in the authority section says the name has no record of the type asked (NODATA), not where to ask next.
    if (dns.answerCount === 0 && dns.authorityType === 6)
      return { key: 'what.dnsNoData', params: { name: dns.questionName } };
    if (dns.answerCount === 0 && dns.authorityCount > 0)
      return { key: 'what.dnsReferral', params: { name: dns.questionName } };
    return { key: 'what.dnsAnswer', params: { name: dns.questionName } };
  }
  const tcp = tcpInfo(frame);
  const tls = tcp && tcp.payloadLength > 0 ? messageKind(frame, trace) : undefined;
  switch (tls) {
    case 'tls-client-hello':
      return { key: 'what.tlsClientHello', params: { sni: tlsServerName(frame) } };
    case 'tls-server-hello':
      return { key: 'what.tlsServerHello', params: {} };
    case 'tls-client-finished':
      return { key: 'what.tlsFinished', params: {} };
    case 'tls-session-ticket':
      return { key: 'what.tlsSessionTicket', params: {} };
    case 'tls-alert':
      return { key: 'what.tlsAlert', params: { alert: (trace && tlsAlert(frame, trace)) || '?' } };
    case 'tls-data': {
      // What the record carries, as the teacher knows it from the session keys; the link sees only its size.
      const bytes = tcp!.payloadLength;
      if (cls.phase === 'request') return { key: 'what.tlsRequest', params: { bytes } };
      const status = cls.phase === 'response' && trace ? httpStatus(frame, trace) : '';
      if (status) return { key: 'what.tlsResponse', params: { bytes, status } };
      return { key: 'what.tlsData', params: { bytes } };
    }
    default:
      break;
  }
  if (tcp) {
    if (cls.phase === 'request' && tcp.payloadLength > 0)
      return { key: 'what.httpRequest', params: { bytes: tcp.payloadLength } };
    if (cls.phase === 'response' && tcp.payloadLength > 0)
      return { key: 'what.httpResponse', params: { bytes: tcp.payloadLength } };
    return { key: 'what.tcp', params: { flags: tcpFlagNames(tcp.flags) } };
  }
  if (frame.protocol === 'icmp') {
    // The DHCP server's ping check (classify.ts): an echo asking whether the address is free, or its answer.
    if (cls.phase === 'dhcp') {
      const ip = ipv4Info(frame);
      const reply = icmpInfo(frame)?.type === ICMP_ECHO_REPLY;
      return reply
        ? { key: 'what.pingCheckReply', params: { ip: ip?.src ?? '' } }
        : { key: 'what.pingCheck', params: { ip: ip?.dst ?? '' } };
    }
    return { key: 'what.icmp', params: { summary: frame.summary } };
  }
  return { key: 'what.frame', params: { protocol: frame.protocol.toUpperCase() } };
}

/** The index of the item containing a step (or the nearest one before it). */
export function itemIndexAtStep(items: ReplayItem[], step: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid].first <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
