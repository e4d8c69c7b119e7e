// Sorts every trace step into the part of the story it belongs to (DHCP, ARP, DNS to the root, handshake, request…).
// Frames are classified from their bytes; decisions and drops inherit the part of the frame around them, because
// a router's route lookup or an ARP miss is part of whatever packet it was forwarding.
import type { FrameStep, Trace, TraceStep } from '../engine/trace';
import type { DnsServerRole, ReplayContext } from './context';
import { messageKind } from './claims';
import {
  arpInfo,
  dhcpType,
  dnsInfo,
  icmpInfo,
  tcpInfo,
  udpInfo,
  TCP_ACK,
  TCP_FIN,
  TCP_RST,
  TCP_SYN,
} from './frameInfo';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../wire/icmp';
import { protocolTag, type ProtocolTag } from '../wire/protocols';

export { PROTOCOL_TAGS, type ProtocolTag } from '../wire/protocols';

export type Phase =
  | 'url'
  | 'dhcp'
  | 'arp'
  | 'hosts'
  | 'dns-query'
  | 'dns-root'
  | 'dns-tld'
  | 'dns-auth'
  | 'dns-answer'
  | 'handshake'
  | 'tls'
  | 'request'
  | 'response'
  | 'close'
  | 'render'
  | 'redirect'
  | 'problem'
  | 'other';

export interface StepClass {
  phase: Phase;
  protocol: ProtocolTag;
  /** The packet this step is about (frames, and decisions/drops inheriting from one). */
  packetId?: number;
  /** Which segment of the three-way handshake (handshake steps only). */
  handshake?: 'syn' | 'syn-ack' | 'ack';
  /**
   * Part of fetching the page's sub-resources (its images, stylesheets, scripts): from the browser finding them in
   * the page to its last word, the lookups, handshakes, requests and responses that started in between.
   */
  subresource?: true;
}

export interface PacketSpan {
  packetId: number;
  origin: string;
  final: string;
  firstStep: number;
  lastStep: number;
}

const spanCache = new WeakMap<Trace, Map<number, PacketSpan>>();

/** Where each packet started and ended (its first and last hop); cached per trace. */
export function packetSpans(trace: Trace): Map<number, PacketSpan> {
  const cached = spanCache.get(trace);
  if (cached) return cached;
  const spans = new Map<number, PacketSpan>();
  spanCache.set(trace, spans);
  for (const step of trace.steps) {
    if (step.type !== 'frame') continue;
    const span = spans.get(step.packetId);
    if (!span) {
      spans.set(step.packetId, {
        packetId: step.packetId,
        origin: step.from.deviceId,
        final: step.to.deviceId,
        firstStep: step.index,
        lastStep: step.index,
      });
    } else {
      span.final = step.to.deviceId;
      span.lastStep = step.index;
    }
  }
  return spans;
}

/** How the replay files a frame: the protocols the event list filters by (shared/wire/protocols.ts), or "other". */
export function frameProtocol(frame: FrameStep): ProtocolTag {
  return protocolTag(frame.protocol);
}

const PHASE_PROTOCOL: Record<Phase, ProtocolTag | undefined> = {
  url: 'http',
  dhcp: 'dhcp',
  arp: 'arp',
  hosts: 'dns',
  'dns-query': 'dns',
  'dns-root': 'dns',
  'dns-tld': 'dns',
  'dns-auth': 'dns',
  'dns-answer': 'dns',
  handshake: 'tcp',
  tls: 'tls',
  request: 'http',
  response: 'http',
  close: 'tcp',
  render: 'http',
  redirect: 'http',
  problem: undefined,
  other: undefined,
};

interface Connection {
  client: string;
  server: string;
  serverPort: number;
  synAckSeen: boolean;
  established: boolean;
  closing: boolean;
  /** TLS on this connection: between the ClientHello and the first application data, its handshake is under way. */
  tls?: 'handshake' | 'open';
}

/** Classifies every step of the trace; the result is indexed like trace.steps. */
export function classifySteps(trace: Trace, ctx: ReplayContext): StepClass[] {
  const spans = packetSpans(trace);
  const connections: Connection[] = [];
  const fallbackRoles = new Map<string, DnsServerRole>();
  const roleOf = (server: string): DnsServerRole => {
    const known = ctx.dnsRole(server);
    if (known) return known;
    if (!fallbackRoles.has(server)) fallbackRoles.set(server, (['root', 'tld'] as const)[fallbackRoles.size] ?? 'auth');
    return fallbackRoles.get(server)!;
  };

  const pingCheck = dhcpPingCheck(trace, spans);

  const classifyFrame = (frame: FrameStep): Phase => {
    const proto = frameProtocol(frame);
    const span = spans.get(frame.packetId)!;
    if (proto === 'dhcp') return 'dhcp';
    if (proto === 'arp' || arpInfo(frame)) return 'arp';
    if (proto === 'icmp') return pingCheck(frame, span) ? 'dhcp' : 'problem';
    const dns = dnsInfo(frame);
    if (dns) {
      if (span.origin === ctx.clientId || span.final === ctx.clientId)
        return dns.isResponse ? 'dns-answer' : 'dns-query';
      const server = dns.isResponse ? span.origin : span.final;
      return `dns-${roleOf(server)}` as Phase;
    }
    const tcp = tcpInfo(frame);
    if (tcp) return classifyTcp(tcp.flags, tcp.payloadLength, tcp.srcPort, tcp.dstPort, span, frame);
    return 'other';
  };

  const classifyTcp = (
    flags: number,
    payload: number,
    srcPort: number,
    dstPort: number,
    span: PacketSpan,
    frame: FrameStep,
  ): Phase => {
    if (flags & TCP_SYN && !(flags & TCP_ACK)) {
      const open = connections.find(
        (c) =>
          c.client === span.origin &&
          c.server === span.final &&
          c.serverPort === dstPort &&
          !c.established &&
          !c.closing,
      );
      if (!open)
        connections.push({
          client: span.origin,
          server: span.final,
          serverPort: dstPort,
          synAckSeen: false,
          established: false,
          closing: false,
        });
      return 'handshake';
    }
    const find = () => ({
      fromClient: [...connections]
        .reverse()
        .find((c) => c.client === span.origin && c.server === span.final && c.serverPort === dstPort),
      fromServer: [...connections]
        .reverse()
        .find((c) => c.server === span.origin && c.client === span.final && c.serverPort === srcPort),
    });
    let { fromClient, fromServer } = find();
    if (!fromClient && !fromServer && !(flags & TCP_SYN)) {
      // A connection opened before the recording began (a kept-alive one that a second fetch reuses, or the fetch
      // before's that the server closes now): its client is the side on the higher, ephemeral port.
      const clientSends = dstPort < srcPort;
      connections.push({
        client: clientSends ? span.origin : span.final,
        server: clientSends ? span.final : span.origin,
        serverPort: clientSends ? dstPort : srcPort,
        synAckSeen: true,
        established: true,
        closing: false,
      });
      ({ fromClient, fromServer } = find());
    }
    const conn = fromClient ?? fromServer;
    const byClient = conn === fromClient;
    if (flags & TCP_SYN) {
      if (conn) conn.synAckSeen = true;
      return 'handshake';
    }
    if (payload > 0) {
      if (flags & TCP_FIN && conn) conn.closing = true;
      if (conn) conn.established = true;
      const kind = messageKind(frame, trace);
      // TLS: the hellos and the client's Finished set the connection up; an alert (close_notify) begins its close.
      if (kind === 'tls-client-hello' || kind === 'tls-server-hello' || kind === 'tls-client-finished') {
        if (conn) conn.tls = 'handshake';
        return 'tls';
      }
      // The server's session tickets come after the handshake but are TLS's own business, not the response.
      if (kind === 'tls-session-ticket') return 'tls';
      if (kind === 'tls-alert') {
        if (conn) conn.closing = true;
        return 'close';
      }
      if (kind === 'tls-data' && conn) conn.tls = 'open';
      return byClient ? 'request' : 'response';
    }
    if (flags & (TCP_FIN | TCP_RST)) {
      if (conn) conn.closing = true;
      return 'close';
    }
    if (!conn) return 'other';
    if (conn.closing) return 'close';
    if (byClient && conn.synAckSeen && !conn.established) {
      conn.established = true;
      return 'handshake';
    }
    // An ACK of a hello flight belongs to the TLS handshake it acknowledges.
    if (conn.tls === 'handshake') return 'tls';
    // A bare ACK acknowledges data: the server's acknowledges the request, the client's the response.
    return byClient ? 'response' : 'request';
  };

  const result: StepClass[] = new Array(trace.steps.length);
  // A packet is classified once, at its first hop: every hop of it belongs to the same part of the story.
  const packetPhase = new Map<number, Phase>();
  for (const step of trace.steps) {
    if (step.type !== 'frame') continue;
    let phase = packetPhase.get(step.packetId);
    if (phase === undefined) {
      phase = classifyFrame(step);
      packetPhase.set(step.packetId, phase);
    }
    const cls: StepClass = { phase, protocol: frameProtocol(step), packetId: step.packetId };
    if (phase === 'handshake') {
      const flags = tcpInfo(step)?.flags ?? 0;
      cls.handshake = flags & TCP_SYN ? (flags & TCP_ACK ? 'syn-ack' : 'syn') : 'ack';
    }
    result[step.index] = cls;
  }

  // Decisions and drops: their own part when the kind says it, otherwise the part of the frame before them (or
  // after them, at the very start).
  // A device's decisions just before it sends a new packet (route lookup, ARP for the next hop) prepare that
  // packet; any other decision follows from the frame that arrived before it. ARP in between is skipped, since
  // the ARP exchange is itself triggered by the packet waiting for it.
  const previousFrame = (i: number): StepClass | undefined => {
    for (let j = i - 1; j >= 0; j--) if (trace.steps[j].type === 'frame') return result[j];
    return undefined;
  };
  const preparedPacket = (i: number, deviceId: string): StepClass | undefined => {
    for (let j = i + 1; j < trace.steps.length; j++) {
      const s = trace.steps[j];
      if (s.type !== 'frame' || result[j].phase === 'arp') continue;
      const span = spans.get(s.packetId)!;
      return span.firstStep === j && s.from.deviceId === deviceId ? result[j] : undefined;
    }
    return undefined;
  };
  const nextFrame = (i: number): StepClass | undefined => {
    for (let j = i + 1; j < trace.steps.length; j++) if (trace.steps[j].type === 'frame') return result[j];
    return undefined;
  };
  const inherit = (i: number, deviceId: string): StepClass | undefined =>
    preparedPacket(i, deviceId) ?? previousFrame(i) ?? nextFrame(i);
  // The browser's first words (parsing the URL) come before any traffic of the fetch; any later word is its result.
  let fetchStarted = false;
  let lastFrame = -1;
  for (const step of trace.steps) if (step.type === 'frame') lastFrame = step.index;
  for (const step of trace.steps) {
    if (step.type === 'frame') {
      if (result[step.index].phase !== 'dhcp' && result[step.index].phase !== 'arp') fetchStarted = true;
      continue;
    }
    const isDns = step.type === 'decision' && step.kind.startsWith('dns-');
    const prev = previousFrame(step.index);
    // A DNS decision belongs to the DNS exchange it concludes (the frame before) or starts (the one after).
    const near = isDns && prev?.phase.startsWith('dns-') ? prev : inherit(step.index, step.deviceId);
    // A packet of the DHCP ping check that its receiver discards (the client, which has no address yet, gets the
    // echo that left with the offer) is still part of getting an address, not a problem of the fetch.
    const dhcpDrop = step.type === 'drop' && step.packetId !== undefined && packetPhase.get(step.packetId) === 'dhcp';
    const own = dhcpDrop ? 'dhcp' : ownPhase(step, fetchStarted || step.index > lastFrame, near?.phase);
    const phase = own ?? near?.phase ?? 'other';
    const packetId = step.type === 'drop' && step.packetId !== undefined ? step.packetId : near?.packetId;
    const cls: StepClass = { phase, protocol: PHASE_PROTOCOL[phase] ?? near?.protocol ?? 'other', packetId };
    if (phase === 'handshake' && near?.handshake) cls.handshake = near.handshake;
    result[step.index] = cls;
  }
  markSubresources(trace, result, spans);
  return result;
}

/**
 * The DHCP server's ping check (dnsmasq's, see shared/engine/services/dhcp-server.ts): an echo request from a device
 * that answers DHCP (from port 67), sent before its last DHCP reply, and the echo replies to it. Told with DHCP.
 */
function dhcpPingCheck(trace: Trace, spans: Map<number, PacketSpan>): (frame: FrameStep, span: PacketSpan) => boolean {
  const lastReply = new Map<string, number>();
  for (const step of trace.steps)
    if (step.type === 'frame' && dhcpType(step) && udpInfo(step)?.srcPort === 67)
      lastReply.set(spans.get(step.packetId)!.origin, step.index);
  const echoes = new Set<string>();
  return (frame, span) => {
    const icmp = icmpInfo(frame);
    if (!icmp) return false;
    if (icmp.type === ICMP_ECHO_REQUEST && span.firstStep < (lastReply.get(span.origin) ?? -1)) {
      echoes.add(`${span.origin}|${icmp.identifier}`);
      return true;
    }
    return icmp.type === ICMP_ECHO_REPLY && echoes.has(`${span.final}|${icmp.identifier}`);
  };
}

/** The summary key of the browser's decision that it found sub-resources in the page (shared/engine/apps/subresources.ts). */
export const SUBRESOURCES_FOUND = 'web.page.summary.found';

function markSubresources(trace: Trace, result: StepClass[], spans: Map<number, PacketSpan>): void {
  const found = trace.steps.findIndex((s) => s.type === 'decision' && s.summaryMessage?.key === SUBRESOURCES_FOUND);
  if (found < 0) return;
  let end = trace.steps.length - 1;
  for (let i = trace.steps.length - 1; i > found; i--) {
    const s = trace.steps[i];
    if (s.type === 'decision' && s.kind === 'browser') {
      end = i - 1;
      break;
    }
  }
  for (let i = found; i <= end; i++) {
    const s = trace.steps[i];
    const cls = result[i];
    // ARP rides along with whatever it serves, and a close belongs to the connection's end, whichever it was.
    if (cls.phase === 'arp' || cls.phase === 'close' || cls.phase === 'dhcp') continue;
    if (s.type === 'frame' && spans.get(s.packetId)!.firstStep < found) continue;
    cls.subresource = true;
  }
}

function ownPhase(
  step: Exclude<TraceStep, FrameStep>,
  fetchStarted: boolean,
  near: Phase | undefined,
): Phase | undefined {
  if (step.type === 'drop') return 'problem';
  switch (step.kind) {
    case 'dhcp':
      return 'dhcp';
    case 'arp':
      return 'arp';
    case 'hosts-file':
      return 'hosts';
    case 'tls':
      // The engine's TLS decisions (ClientHello, the certificate served, the certificate checked) tell the handshake.
      return 'tls';
    case 'browser':
      if (isRedirectDecision(step)) return 'redirect';
      return fetchStarted ? 'render' : 'url';
    case 'dns-cache':
    case 'dns-referral':
    case 'dns-answer':
    case 'dns-result':
      return near?.startsWith('dns-') ? undefined : 'dns-query';
    default:
      return undefined;
  }
}

/** The browser's summaries that send it on to another URL: a redirect it follows, HSTS's internal one. */
export const REDIRECT_SUMMARIES: readonly string[] = ['web.summary.followRedirect', 'web.summary.hstsUpgrade'];

/** A browser decision that sends the fetch on to another URL (a 301/302/307/308 it follows, or HSTS's upgrade). */
export function isRedirectDecision(step: TraceStep): boolean {
  return (
    step.type === 'decision' &&
    step.kind === 'browser' &&
    step.summaryMessage !== undefined &&
    REDIRECT_SUMMARIES.includes(step.summaryMessage.key)
  );
}
