// What a replay item's caption asserts about the step it shows (its key step), as data: the protocol and kind of
// message, who sent it and where this hop delivers it — or which device decided or dropped what. Captions are chosen
// from these facts, and a test decodes every key frame with the wire parsers to check that they hold.
import type { DecisionKind, FrameStep, Trace } from '../engine/trace';
import { packetSpans, type ProtocolTag } from './classify';
import { arpInfo, dhcpType, dnsInfo, findLayer, tcpInfo, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './frameInfo';

export type MessageKind =
  | 'dhcp-discover'
  | 'dhcp-offer'
  | 'dhcp-request'
  | 'dhcp-ack'
  | 'dhcp-other'
  | 'arp-request'
  | 'arp-reply'
  | 'dns-query'
  | 'dns-answer'
  | 'dns-referral'
  | 'dns-error'
  | 'tcp-syn'
  | 'tcp-syn-ack'
  | 'tcp-ack'
  | 'tcp-fin'
  | 'tcp-rst'
  | 'tcp-data'
  | 'http-request'
  | 'http-response'
  | 'icmp'
  | 'other';

export interface FrameClaim {
  subject: 'frame';
  protocol: ProtocolTag;
  kind: MessageKind;
  /** The device that sent the packet (its first hop). */
  from: string;
  /** The device this hop of the key frame arrives at. */
  to: string;
}
export interface DecisionClaim {
  subject: 'decision';
  device: string;
  decision: DecisionKind;
}
export interface DropClaim {
  subject: 'drop';
  device: string;
  reason: string;
  /** How many drops of the same packet (its retransmissions included) at that device for that reason the item tells. */
  count: number;
  /** What was dropped, when the drop names its packet. */
  kind?: MessageKind;
  from?: string;
}
export type StepClaim = FrameClaim | DecisionClaim | DropClaim;

const DHCP_KINDS: Record<string, MessageKind> = {
  Discover: 'dhcp-discover',
  Offer: 'dhcp-offer',
  Request: 'dhcp-request',
  ACK: 'dhcp-ack',
};
const HTTP_METHODS = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) /;

function tcpPayloadStart(frame: FrameStep, length: number): string {
  const tcp = findLayer(frame, 'tcp');
  if (!tcp) return '';
  const b = frame.bytes;
  const start = tcp.offset + (b[tcp.offset + 12] >> 4) * 4;
  return String.fromCharCode(...b.subarray(start, Math.min(b.length, start + length)));
}

/** The kind of message a frame carries, read from its bytes. */
export function messageKind(frame: FrameStep): MessageKind {
  const arp = arpInfo(frame);
  if (arp) return arp.isRequest ? 'arp-request' : 'arp-reply';
  const dhcp = dhcpType(frame);
  if (dhcp) return DHCP_KINDS[dhcp] ?? 'dhcp-other';
  const dns = dnsInfo(frame);
  if (dns) {
    if (!dns.isResponse) return 'dns-query';
    if (dns.rcode !== 0) return 'dns-error';
    return dns.answerCount > 0 ? 'dns-answer' : 'dns-referral';
  }
  const tcp = tcpInfo(frame);
  if (tcp) {
    if (tcp.payloadLength > 0) {
      const start = tcpPayloadStart(frame, 16);
      if (start.startsWith('HTTP/')) return 'http-response';
      if (HTTP_METHODS.test(start)) return 'http-request';
      return 'tcp-data';
    }
    if (tcp.flags & TCP_RST) return 'tcp-rst';
    if (tcp.flags & TCP_SYN) return tcp.flags & TCP_ACK ? 'tcp-syn-ack' : 'tcp-syn';
    if (tcp.flags & TCP_FIN) return 'tcp-fin';
    return 'tcp-ack';
  }
  if (findLayer(frame, 'icmp')) return 'icmp';
  return 'other';
}

export function protocolOfKind(kind: MessageKind): ProtocolTag {
  if (kind === 'http-request' || kind === 'http-response') return 'http';
  if (kind === 'other') return 'other';
  return kind.slice(0, kind.indexOf('-') < 0 ? undefined : kind.indexOf('-')) as ProtocolTag;
}

export function frameClaim(trace: Trace, frame: FrameStep): FrameClaim {
  const kind = messageKind(frame);
  const span = packetSpans(trace).get(frame.packetId);
  return {
    subject: 'frame',
    protocol: protocolOfKind(kind),
    kind,
    from: span?.origin ?? frame.from.deviceId,
    to: frame.to.deviceId,
  };
}

/** The status line of an HTTP response frame ("200 OK"), or '' for any other frame. */
export function httpStatus(frame: FrameStep): string {
  const m = /^HTTP\/\d\.\d (\d{3} [^\r\n]*)/.exec(tcpPayloadStart(frame, 64));
  return m ? m[1] : '';
}
