// What a replay item's caption asserts about the step it shows (its key step), as data: the protocol and kind of
// message, who sent it and where this hop delivers it — or which device decided or dropped what. Captions are chosen
// from these facts, and a test decodes every key frame with the wire parsers to check that they hold.
import type { DecisionKind, FrameStep, Trace } from '../engine/trace';
import { packetSpans, type ProtocolTag } from './classify';
import { arpInfo, dhcpType, dnsInfo, findLayer, tcpInfo, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './frameInfo';
import { TLS_ALERT_NAMES } from '../wire/tls-record';
import { decryptedRecords } from './tls';

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
  | 'tls-client-hello'
  | 'tls-server-hello'
  | 'tls-client-finished'
  | 'tls-session-ticket'
  | 'tls-data'
  | 'tls-alert'
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

/** The TCP payload's first bytes, as numbers. */
function tcpPayloadBytes(frame: FrameStep, length: number): Uint8Array {
  const tcp = findLayer(frame, 'tcp');
  if (!tcp) return new Uint8Array(0);
  const start = tcp.offset + (frame.bytes[tcp.offset + 12] >> 4) * 4;
  return frame.bytes.subarray(start, Math.min(frame.bytes.length, start + length));
}

/**
 * A TLS segment's message, from its first record header (RFC 8446 §5.1): a handshake record opening with a
 * ClientHello or ServerHello (the server's whole flight: ServerHello, ChangeCipherSpec, then EncryptedExtensions,
 * Certificate, CertificateVerify and Finished encrypted), the client's ChangeCipherSpec + encrypted Finished, or
 * encrypted application data. In TLS 1.3 an alert (close_notify) and the server's NewSessionTickets after the
 * handshake are application-data records outside too: only the keys (the trace's key log) tell them apart, so
 * without them they are "data", as an observer sees it.
 */
function tlsKind(frame: FrameStep, trace?: Trace): MessageKind | undefined {
  if (!findLayer(frame, 'tls')) return undefined;
  const head = tcpPayloadBytes(frame, 6);
  if (head.length >= 6 && head[0] === 22 && head[5] === 1) return 'tls-client-hello';
  if (head.length >= 6 && head[0] === 22 && head[5] === 2) return 'tls-server-hello';
  if (head[0] === 20) return 'tls-client-finished';
  if (head[0] === 21) return 'tls-alert';
  const opened = trace ? decryptedRecords(trace, frame) : [];
  if (opened.some((r) => r.contentType === 21)) return 'tls-alert';
  // A handshake message under the application keys: after TLS 1.3's handshake only the server's NewSessionTicket
  if (opened.length > 0 && opened.every((r) => r.contentType === 22 && r.plaintext[0] === 4))
    return 'tls-session-ticket';
  return 'tls-data';
}

/**
 * The kind of message a frame carries, read from its bytes (and, for TLS 1.3's encrypted alerts, from the trace's
 * key log when it is given).
 */
export function messageKind(frame: FrameStep, trace?: Trace): MessageKind {
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
    const tls = tcp.payloadLength > 0 ? tlsKind(frame, trace) : undefined;
    if (tls) return tls;
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

/** The tag a kind of message is filed under, as the registry files its frames (TLS records are TLS). */
export function protocolOfKind(kind: MessageKind): ProtocolTag {
  if (kind === 'http-request' || kind === 'http-response') return 'http';
  if (kind === 'other') return 'other';
  return kind.slice(0, kind.indexOf('-') < 0 ? undefined : kind.indexOf('-')) as ProtocolTag;
}

export function frameClaim(trace: Trace, frame: FrameStep): FrameClaim {
  const kind = messageKind(frame, trace);
  const span = packetSpans(trace).get(frame.packetId);
  return {
    subject: 'frame',
    protocol: protocolOfKind(kind),
    kind,
    from: span?.origin ?? frame.from.deviceId,
    to: frame.to.deviceId,
  };
}

/**
 * The status line of an HTTP response frame ("200 OK"), or '' for any other frame. Over TLS it is read from the
 * decrypted record when the trace has the keys.
 */
export function httpStatus(frame: FrameStep, trace?: Trace): string {
  const clear = /^HTTP\/\d\.\d (\d{3} [^\r\n]*)/;
  const m = clear.exec(tcpPayloadStart(frame, 64));
  if (m) return m[1];
  if (!trace) return '';
  for (const r of decryptedRecords(trace, frame)) {
    if (r.contentType !== 23) continue;
    const d = clear.exec(String.fromCharCode(...r.plaintext.subarray(0, 64)));
    if (d) return d[1];
  }
  return '';
}

/** The alert a decrypted TLS alert record carries ("close_notify"), or '' when the frame has none readable. */
export function tlsAlert(frame: FrameStep, trace: Trace): string {
  const head = tcpPayloadBytes(frame, 7);
  const plain =
    head[0] === 21 ? head.subarray(5) : decryptedRecords(trace, frame).find((r) => r.contentType === 21)?.plaintext;
  if (!plain || plain.length < 2) return '';
  return TLS_ALERT_NAMES[plain[1]] ?? `alert ${plain[1]}`;
}

/** The server name a ClientHello asks for (its SNI), as the dissector read it; '' for any other frame. */
export function tlsServerName(frame: FrameStep): string {
  const m = /SNI=([^)\s,]+)/.exec(findLayer(frame, 'tls')?.summary ?? '');
  return m ? m[1] : '';
}
