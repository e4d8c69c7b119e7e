// The same journey told at seven depths, after seed note 001: level 1 is "type the address, the page appears",
// level 7 is every frame and decision. Each item covers a contiguous range of trace steps, so the full frame detail
// of anything on screen is one click away, and carries a caption key + params (texts live in shared/i18n/*/replay.json).
import type { DecisionStep, DropStep, FrameStep, ProseMessage, Trace, TraceStep } from '../engine/trace';
import { classifySteps, packetSpans, type Phase, type StepClass } from './classify';
import { replayContext, type ReplayContext } from './context';
import { arpInfo, dhcpType, dnsInfo, ipv4Info, tcpFlagNames, tcpInfo } from './frameInfo';

export type DetailLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const DETAIL_LEVELS: readonly DetailLevel[] = [1, 2, 3, 4, 5, 6, 7];

export type CaptionParam = string | number | Caption | EngineWords;
/** Words the engine wrote (a decision's or a drop's summary), read in the caption's language. */
export interface EngineWords { prose: ProseMessage }
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
}

function framesIn(trace: Trace, first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) if (trace.steps[i]?.type === 'frame') out.push(i);
  return out;
}

type Merge = 'prev' | 'next';
/** A group key at this level, or where to merge the step when the level does not show its part on its own. */
type Grouping = string | Merge;

function grouping(level: DetailLevel, cls: StepClass, step: TraceStep): Grouping {
  const { phase } = cls;
  if (level === 1) return 'journey';
  if (level === 7) return `step:${step.index}`;
  if (phase === 'problem') return step.type === 'frame' ? `problem:p${step.packetId}` : `problem:${step.index}`;
  if (phase === 'arp' || phase === 'other') return 'next';
  if (phase === 'close') return level === 6 ? `close:${cls.packetId ?? step.index}` : 'prev';
  // Getting an address by DHCP happens before anything else and is not part of the story until level 7.
  if (phase === 'url' || phase === 'dhcp') return 'type';
  if (phase === 'render') return level >= 4 ? 'render' : 'page';
  if (phase === 'hosts') return level >= 5 ? 'next' : 'lookup';
  if (phase.startsWith('dns-')) return level >= 5 ? phase : 'lookup';
  if (phase === 'handshake') {
    if (level === 2) return 'fetch';
    if (level === 6) return `handshake:${cls.packetId ?? step.index}`;
    // The ACK that completes the handshake leaves together with the request: below level 6 it is part of asking.
    if (cls.handshake === 'ack') return level === 3 ? 'port' : 'request';
    return 'travel';
  }
  // request / response
  if (level === 2) return 'fetch';
  if (level === 3) return 'port';
  return phase;
}

function resolveMerges(groups: Grouping[]): string[] {
  const out: string[] = [...groups] as string[];
  const isMerge = (g: string) => g === 'prev' || g === 'next';
  // "next" first (walking backwards), so a run of ARP before the DNS query joins the query.
  for (let i = out.length - 1; i >= 0; i--) if (out[i] === 'next') out[i] = i + 1 < out.length && !isMerge(out[i + 1]) ? out[i + 1] : 'prev';
  for (let i = 0; i < out.length; i++) if (out[i] === 'prev') out[i] = i > 0 && !isMerge(out[i - 1]) ? out[i - 1] : 'journey';
  return out;
}

/**
 * Packets in flight at the same time interleave their hops (the handshake's last ACK and the GET leave together):
 * groups whose steps overlap in time become one item. Problems (drops, ICMP errors) always stay on their own.
 * Returns a cluster id per step.
 */
function clusterInterleaved(groups: string[]): number[] {
  const isProblem = groups.map((g) => g.startsWith('problem:'));
  const lastOf = new Map<string, number>();
  groups.forEach((g, i) => lastOf.set(g, i));
  const nextProblem = new Array<number>(groups.length + 1);
  nextProblem[groups.length] = Infinity;
  for (let i = groups.length - 1; i >= 0; i--) nextProblem[i] = isProblem[i] ? i : nextProblem[i + 1];
  const cluster = new Array<number>(groups.length);
  let id = -1;
  let reach = -1;
  for (let i = 0; i < groups.length; i++) {
    if (isProblem[i]) {
      cluster[i] = ++id;
      reach = -1;
      continue;
    }
    if (i > reach) id++;
    cluster[i] = id;
    // A group reappearing later extends this item, unless a problem comes first (a retry after a drop).
    const end = lastOf.get(groups[i])!;
    if (end < nextProblem[i + 1]) reach = Math.max(reach, end);
  }
  return cluster;
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
    host, port, path, ip: ip || host, server: server || host, resolver, client: ctx.deviceName(ctx.clientId),
    status: o.ok ? `${o.status} ${o.statusText}` : '',
    title: o.ok ? (o.title ?? o.summary) : '',
    error: o.ok ? '' : o.error || o.summary,
  };
}

function firstFrame(trace: Trace, first: number, last: number, want?: (s: FrameStep) => boolean): FrameStep | undefined {
  for (let i = first; i <= last; i++) {
    const s = trace.steps[i];
    if (s.type === 'frame' && (!want || want(s))) return s;
  }
  return undefined;
}

export function viewAtLevel(trace: Trace, level: DetailLevel, context?: ReplayContext): ReplayItem[] {
  const ctx = context ?? replayContext(trace);
  if (trace.steps.length === 0) {
    const caption = levelOneCaption(trace, gatherFacts(trace, [], ctx));
    return [{ id: 'journey', phase: 'url', first: 0, last: -1, caption, detailStep: 0, frames: [], keyStep: 0 }];
  }
  const classes = classifySteps(trace, ctx);
  const facts = gatherFacts(trace, classes, ctx);
  const groups = resolveMerges(trace.steps.map((s) => grouping(level, classes[s.index], s)));
  if (level >= 2 && level <= 6 && !groups.includes('type') && !groups[0].startsWith('problem:')) groups[0] = 'type';
  const clusters = clusterInterleaved(groups);
  const items: ReplayItem[] = [];
  const seen = new Map<string, number>();
  let start = 0;
  for (let i = 1; i <= groups.length; i++) {
    if (i < groups.length && clusters[i] === clusters[start]) continue;
    const first = start;
    const last = i - 1;
    // The groups of this item in order of appearance: more than one when packets in flight interleave.
    const members = [...new Set(groups.slice(first, last + 1))];
    const group = members[0];
    const frame = firstFrame(trace, first, last);
    const sameIdCount = seen.get(group) ?? 0;
    seen.set(group, sameIdCount + 1);
    const captions = members.map((g) => {
      const own = [];
      for (let k = first; k <= last; k++) if (groups[k] === g) own.push(k);
      return captionFor(trace, level, g, own[0], own[own.length - 1], classes, facts, ctx);
    });
    items.push({
      id: sameIdCount ? `${group}#${sameIdCount + 1}` : group,
      phase: classes[first].phase,
      first,
      last,
      caption: captions.reduce((a, b) => ({ key: 'caption.joined', params: { first: a, second: b } })),
      detailStep: frame?.index ?? first,
      frames: framesIn(trace, first, last),
      keyStep: frame?.index ?? first,
    });
    start = i;
  }
  return items;
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
  }));
}

function levelOneCaption(trace: Trace, facts: Facts): Caption {
  return trace.outcome.ok
    ? { key: 'caption.l1.journey', params: { host: facts.host, title: facts.title } }
    : { key: 'caption.l1.journeyFailed', params: { host: facts.host, error: facts.error } };
}

function captionFor(
  trace: Trace, level: DetailLevel, group: string, first: number, last: number, classes: StepClass[], facts: Facts, ctx: ReplayContext,
): Caption {
  const common = { host: facts.host, ip: facts.ip, port: facts.port, path: facts.path, client: facts.client, server: facts.server, resolver: facts.resolver || facts.host };
  const spans = packetSpans(trace);
  const name = ctx.deviceName;
  if (group === 'journey') return levelOneCaption(trace, facts);
  if (group.startsWith('step:')) return stepCaption(trace, trace.steps[first], classes[first], ctx);
  if (group.startsWith('problem:')) return problemCaption(trace.steps[first], ctx);
  if (group.startsWith('handshake:') || group.startsWith('close:')) {
    const frame = firstFrame(trace, first, last);
    const tcp = frame && tcpInfo(frame);
    const span = frame && spans.get(frame.packetId);
    const params = { ...common, from: span ? name(span.origin) : '', to: span ? name(span.final) : '', flags: tcp ? tcpFlagNames(tcp.flags) : '' };
    if (group.startsWith('close:')) {
      const fin = tcp ? (tcp.flags & 0x01) !== 0 : false;
      return { key: fin ? 'caption.l6.fin' : 'caption.l6.finAck', params };
    }
    if (!tcp) return { key: 'caption.l3.travel', params };
    const syn = (tcp.flags & 0x02) !== 0;
    const ack = (tcp.flags & 0x10) !== 0;
    return { key: syn && ack ? 'caption.l6.synAck' : syn ? 'caption.l6.syn' : 'caption.l6.ack', params };
  }
  const base = group.replace(/#\d+$/, '');
  switch (base) {
    case 'type': return { key: 'caption.l2.type', params: common };
    case 'lookup': return { key: level >= 3 ? 'caption.l3.lookup' : 'caption.l2.lookup', params: common };
    case 'fetch': return { key: 'caption.l2.fetch', params: common };
    case 'travel': return { key: 'caption.l3.travel', params: common };
    case 'port': return { key: 'caption.l3.port', params: common };
    case 'request': return { key: 'caption.l4.request', params: common };
    case 'response': return { key: 'caption.l4.response', params: { ...common, status: facts.status } };
    case 'page': return trace.outcome.ok
      ? { key: 'caption.l2.page', params: { ...common, title: facts.title } }
      : { key: 'caption.pageFailed', params: { ...common, error: facts.error } };
    case 'render': return trace.outcome.ok
      ? { key: level >= 6 ? 'caption.l6.render' : 'caption.l4.render', params: { ...common, title: facts.title } }
      : { key: 'caption.pageFailed', params: { ...common, error: facts.error } };
    case 'dns-query': return { key: 'caption.l5.askResolver', params: common };
    case 'dns-answer': return { key: 'caption.l5.resolverAnswers', params: common };
    case 'dns-root': case 'dns-tld': case 'dns-auth': {
      const query = firstFrame(trace, first, last, (f) => !!dnsInfo(f) && !dnsInfo(f)!.isResponse);
      const serverId = query ? spans.get(query.packetId)!.final : '';
      const role = base.slice(4);
      return { key: `caption.l5.${role}`, params: { ...common, dnsServer: serverId ? name(serverId) : role } };
    }
    default: return { key: 'caption.l7.other', params: { ...common, summary: '' } };
  }
}

function problemCaption(step: TraceStep, ctx: ReplayContext): Caption {
  if (step.type === 'drop') return { key: 'caption.problem.drop', params: { device: ctx.deviceName(step.deviceId), summary: summaryParam(step) } };
  if (step.type === 'frame') return { key: 'caption.problem.icmp', params: { from: ctx.deviceName(step.from.deviceId), summary: step.summary } };
  return { key: 'caption.problem.decision', params: { device: ctx.deviceName(step.deviceId), summary: summaryParam(step) } };
}

/** A decision's or a drop's summary for a caption: in the caption's language where the engine wrote it as a message. */
function summaryParam(step: DecisionStep | DropStep): CaptionParam {
  return step.summaryMessage ? { prose: step.summaryMessage } : step.summary;
}

/** One step told on its own (level 7 and the narration line). */
export function stepCaption(trace: Trace, step: TraceStep, cls: StepClass, context?: ReplayContext): Caption {
  const ctx = context ?? replayContext(trace);
  const name = ctx.deviceName;
  if (step.type === 'drop') return problemCaption(step, ctx);
  if (step.type === 'decision') {
    return { key: `caption.l7.decision.${step.kind}`, params: { device: name(step.deviceId), summary: summaryParam(step) } };
  }
  const span = packetSpans(trace).get(step.packetId);
  const forwarded = !!span && span.firstStep !== step.index;
  const hop = { from: name(step.from.deviceId), to: name(step.to.deviceId), link: step.linkId, summary: step.summary };
  const what = frameWhat(step, cls);
  if (forwarded) return { key: 'caption.l7.forward', params: { ...hop, what } };
  return { key: 'caption.l7.send', params: { ...hop, what } };
}

/** What a frame carries, in words ("a DNS query for www.example.com"). */
export function frameWhat(frame: FrameStep, cls: StepClass): Caption {
  const arp = arpInfo(frame);
  if (arp) return arp.isRequest
    ? { key: 'what.arpRequest', params: { target: arp.targetIp, sender: arp.senderIp } }
    : { key: 'what.arpReply', params: { sender: arp.senderIp, mac: arp.senderMac } };
  const dhcp = dhcpType(frame);
  if (dhcp) return { key: 'what.dhcp', params: { type: dhcp } };
  const dns = dnsInfo(frame);
  if (dns) {
    if (!dns.isResponse) return { key: 'what.dnsQuery', params: { name: dns.questionName } };
    if (dns.rcode === 3) return { key: 'what.dnsNxdomain', params: { name: dns.questionName } };
    if (dns.answerCount === 0 && dns.authorityCount > 0) return { key: 'what.dnsReferral', params: { name: dns.questionName } };
    return { key: 'what.dnsAnswer', params: { name: dns.questionName } };
  }
  const tcp = tcpInfo(frame);
  if (tcp) {
    if (cls.phase === 'request' && tcp.payloadLength > 0) return { key: 'what.httpRequest', params: { bytes: tcp.payloadLength } };
    if (cls.phase === 'response' && tcp.payloadLength > 0) return { key: 'what.httpResponse', params: { bytes: tcp.payloadLength } };
    return { key: 'what.tcp', params: { flags: tcpFlagNames(tcp.flags) } };
  }
  if (frame.protocol === 'icmp') return { key: 'what.icmp', params: { summary: frame.summary } };
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
