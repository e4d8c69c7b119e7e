// A trace as a capture file: one pcapng interface per link (named after it), the frames on the link they crossed,
// the step's explanation as the packet comment. Timestamps start at the same fixed virtual date as HTTP Date headers.
//
// The journey's file holds each TCP and UDP conversation once. Wireshark keys a conversation by its addresses and
// ports alone, not by interface (Wireshark 4.0 has no other choice; 4.2's "deinterlacing key" preference is off by
// default), so the copies of one segment on the four links from home to web are, to it, one stream that
// retransmits every segment — a response cut into several segments, its copies interleaved across links, fails
// reassembly ("New fragment overlaps old data"), and every DNS question is a "retransmission". So a conversation is
// kept on the first link it crossed (one per address view: NAT makes the LAN and the WAN side two conversations), as
// a capture at that point would show it; ARP and ICMP are on every link. `everyHop` keeps every copy; one link's
// export (`linkIds`) always has every frame of that link.
import { writePcapng, type PcapngInterface, type PcapngPacket } from '../wire/pcapng';
import { CAPTURE_EPOCH_US } from './services/http-util';
import type { FrameStep, Trace } from './trace';
import { proseText } from './prose';

export interface PcapOptions {
  /** Only these links (one interface each, their frames only): "export this link as pcap". */
  linkIds?: readonly string[];
  /** Every copy of every TCP and UDP datagram, on every link it crossed (Wireshark takes them for retransmissions). */
  everyHop?: boolean;
}

/** The section's comment: what the file holds, for whoever opens it (capinfos, Wireshark's Capture File Properties). */
export const ONE_COPY_COMMENT =
  'Packet Journey: every link is an interface. Each TCP connection and UDP exchange is in this file once, on the ' +
  'first link it crossed (Wireshark would take its copies on the other links for retransmissions); export a ' +
  'single link for everything on that link.';

export function traceToPcapng(trace: Trace, options: PcapOptions = {}): Uint8Array {
  const only = options.linkIds ? new Set(options.linkIds) : undefined;
  const links = (trace.links ?? []).filter((l) => !only || only.has(l.id));
  const interfaces: PcapngInterface[] = links.map((l) => ({ name: l.name, description: `link ${l.id}` }));
  const indexOf = new Map(links.map((l, i) => [l.id, i]));
  const onceOnly = !only && !options.everyHop;
  const keep = onceOnly ? conversationLinks(trace) : undefined;
  const packets: PcapngPacket[] = [];
  for (const step of trace.steps) {
    if (step.type !== 'frame' || (only && !only.has(step.linkId))) continue;
    const direction = keep && transportDirection(step.bytes);
    if (direction && keep.get(direction) !== step.linkId) continue;
    let index = indexOf.get(step.linkId);
    if (index === undefined) {
      // A trace without link details (older JSON): make an interface for the link on first sight.
      index = interfaces.length;
      indexOf.set(step.linkId, index);
      interfaces.push({
        name: `${step.linkId} ${step.from.deviceId}:${step.from.interface} – ${step.to.deviceId}:${step.to.interface}`,
      });
    }
    packets.push({
      interfaceIndex: index,
      timestampUs: CAPTURE_EPOCH_US + step.timeUs,
      bytes: step.bytes,
      comment: proseText(step.explanation),
    });
  }
  // The sessions' keys go along (a Decryption Secrets Block), so Wireshark shows the HTTP inside TLS from the file alone.
  return writePcapng({
    interfaces,
    packets,
    tlsKeyLog: trace.tlsKeyLog,
    comment: onceOnly ? ONE_COPY_COMMENT : undefined,
  });
}

/**
 * For each direction of each TCP or UDP conversation (as Wireshark keys it: addresses and ports), the link its copies are
 * kept on: the first link the conversation was seen on, or — when this direction never crosses that link
 * (asymmetric routes) — the first link this direction crossed.
 */
function conversationLinks(trace: Trace): Map<string, string> {
  const firstOfConversation = new Map<string, string>();
  const linksOfDirection = new Map<string, { first: string; all: Set<string> }>();
  for (const step of trace.steps) {
    if (step.type !== 'frame') continue;
    const direction = transportDirection(step.bytes);
    if (!direction) continue;
    const conversation = conversationOf(direction);
    if (!firstOfConversation.has(conversation)) firstOfConversation.set(conversation, step.linkId);
    const seen = linksOfDirection.get(direction);
    if (seen) seen.all.add(step.linkId);
    else linksOfDirection.set(direction, { first: step.linkId, all: new Set([step.linkId]) });
  }
  const keep = new Map<string, string>();
  for (const [direction, seen] of linksOfDirection) {
    const link = firstOfConversation.get(conversationOf(direction))!;
    keep.set(direction, seen.all.has(link) ? link : seen.first);
  }
  return keep;
}

/** "tcp src:port>dst:port" of an Ethernet + IPv4 + TCP or UDP frame (not a later fragment); undefined otherwise. */
function transportDirection(bytes: FrameStep['bytes']): string | undefined {
  if (bytes.length < 14 + 20 || bytes[12] !== 0x08 || bytes[13] !== 0x00) return undefined;
  const ip = 14;
  const protocol = bytes[ip + 9] === 6 ? 'tcp' : bytes[ip + 9] === 17 ? 'udp' : undefined;
  if (bytes[ip] >> 4 !== 4 || !protocol) return undefined;
  if ((((bytes[ip + 6] & 0x1f) << 8) | bytes[ip + 7]) !== 0) return undefined;
  const l4 = ip + (bytes[ip] & 0x0f) * 4;
  if (bytes.length < l4 + 4) return undefined;
  const addr = (o: number) => `${bytes[o]}.${bytes[o + 1]}.${bytes[o + 2]}.${bytes[o + 3]}`;
  const port = (o: number) => (bytes[o] << 8) | bytes[o + 1];
  return `${protocol} ${addr(ip + 12)}:${port(l4)}>${addr(ip + 16)}:${port(l4 + 2)}`;
}

function conversationOf(direction: string): string {
  const [protocol, ends] = direction.split(' ');
  const [a, b] = ends.split('>');
  return a < b ? `${protocol} ${a}|${b}` : `${protocol} ${b}|${a}`;
}
