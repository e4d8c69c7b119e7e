// UDP and TCP dissectors, and the tracker that turns TCP sequence numbers into Wireshark's relative ones.
import type { Field } from '../field';
import {
  TCP_OPT_EOL,
  TCP_OPT_MSS,
  TCP_OPT_NOP,
  TCP_OPT_SACK,
  TCP_OPT_SACK_PERMITTED,
  TCP_OPT_TIMESTAMP,
  TCP_OPT_WINDOW_SCALE,
  TCP_FIELDS,
  TCP_OPTION_FIELDS,
  TCP_HEADER_LENGTH,
  tcpView,
  type ParsedTcp,
  type TcpFlags,
  flagsToByte,
  parseTcp,
} from '../tcp';
import { parseUdp, UDP_FIELDS, UDP_HEADER_LENGTH } from '../udp';
import { within } from '../view';
import { type Dissected, checksumValue, field, flagBit, hex } from './fields';

export function dissectUdp(
  frame: Uint8Array,
  offset: number,
  end: number,
  srcIp: string,
  dstIp: string,
): Dissected & { srcPort: number; dstPort: number } {
  const udp = parseUdp(frame.subarray(offset, end), srcIp, dstIp);
  const F = UDP_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(offset, f);
  const payloadLength = udp.length - UDP_HEADER_LENGTH;
  return {
    srcPort: udp.repr.srcPort,
    dstPort: udp.repr.dstPort,
    layer: {
      protocol: 'udp',
      summary: `${udp.repr.srcPort} → ${udp.repr.dstPort} Len=${payloadLength}`,
      offset,
      length: UDP_HEADER_LENGTH,
      fields: [
        field('udp.src_port', 'Source port', String(udp.repr.srcPort), ...at(F.srcPort)),
        field('udp.dst_port', 'Destination port', String(udp.repr.dstPort), ...at(F.dstPort)),
        field('udp.length', 'Length', String(udp.length), ...at(F.length)),
        field(
          'udp.checksum',
          'Checksum',
          udp.checksum === 0 ? '0x0000 [none]' : checksumValue(udp.checksum, udp.checksumValid),
          ...at(F.checksum),
        ),
      ],
    },
    next: { offset: offset + UDP_HEADER_LENGTH, end: offset + udp.length },
  };
}

/**
 * Remembers each direction's initial sequence number from the SYNs it sees, so later segments can be shown with
 * relative numbers (Seq=1, Ack=1) as Wireshark does. Feed it every frame of a trace in order; seeing the same frame
 * again on another link is harmless.
 */
export class TcpStreamTracker {
  private isn = new Map<string, number>();
  /** Window scale shift each side announced in its SYN (-1: none, so no scaling on this connection). */
  private shift = new Map<string, number>();

  private static key(srcIp: string, srcPort: number, dstIp: string, dstPort: number) {
    return `${srcIp}:${srcPort}>${dstIp}:${dstPort}`;
  }

  /** Records the stream's ISNs if this segment is a SYN and returns the relative numbers when known. */
  observe(srcIp: string, dstIp: string, tcp: ParsedTcp): { seq?: number; ack?: number; window?: number } {
    const { srcPort, dstPort, seq, ack, flags } = tcp.repr;
    const forward = TcpStreamTracker.key(srcIp, srcPort, dstIp, dstPort);
    const reverse = TcpStreamTracker.key(dstIp, dstPort, srcIp, srcPort);
    if (flags.syn) {
      this.isn.set(forward, seq);
      if (flags.ack && !this.isn.has(reverse)) this.isn.set(reverse, (ack - 1) >>> 0);
      this.shift.set(forward, tcp.repr.options.windowScale ?? -1);
    }
    const ownShift = this.shift.get(forward);
    const peerShift = this.shift.get(reverse);
    // RFC 7323: the window field of a SYN is never scaled, and scaling applies only if both sides offered it
    const scaled = !flags.syn && ownShift !== undefined && peerShift !== undefined && ownShift >= 0 && peerShift >= 0;
    const forwardIsn = this.isn.get(forward);
    const reverseIsn = this.isn.get(reverse);
    return {
      seq: forwardIsn === undefined ? undefined : (seq - forwardIsn) >>> 0,
      ack: reverseIsn === undefined || !flags.ack ? undefined : (ack - reverseIsn) >>> 0,
      window: scaled ? tcp.repr.window * 2 ** ownShift : undefined,
    };
  }
}

export function tcpFlagNames(flags: TcpFlags): string[] {
  const names: [keyof TcpFlags, string][] = [
    ['fin', 'FIN'],
    ['syn', 'SYN'],
    ['rst', 'RST'],
    ['psh', 'PSH'],
    ['ack', 'ACK'],
    ['urg', 'URG'],
  ];
  // lowest bit first, as Wireshark writes them: [SYN, ACK], [FIN, PSH, ACK]
  return names.filter(([k]) => flags[k]).map(([, n]) => n);
}

function optionFields(frame: Uint8Array, offset: number, tcp: ParsedTcp): Field[] {
  const O = TCP_OPTION_FIELDS;
  return tcp.optionSpans.map((span) => {
    const at = offset + span.offset;
    const u16 = (f: typeof O.mss) => (frame[at + f.at] << 8) | frame[at + f.at + 1];
    const u32 = (f: typeof O.timestampValue) =>
      ((frame[at + f.at] << 24) | (frame[at + f.at + 1] << 16) | (frame[at + f.at + 2] << 8) | frame[at + f.at + 3]) >>>
      0;
    const kindField = field('tcp.option.kind', 'Kind', String(span.kind), ...within(at, O.kind));
    const lengthField = () => field('tcp.option.length', 'Length', String(span.length), ...within(at, O.length));
    switch (span.kind) {
      case TCP_OPT_NOP:
        return field('tcp.option.nop', 'No-operation (NOP)', '', ...within(at, O.kind));
      case TCP_OPT_EOL:
        return field('tcp.option.eol', 'End of option list', '', at, span.length);
      case TCP_OPT_MSS:
        return field('tcp.option.mss', 'Maximum segment size', `${u16(O.mss)} bytes`, at, span.length, [
          kindField,
          lengthField(),
          field('tcp.option.mss.value', 'MSS value', String(u16(O.mss)), ...within(at, O.mss)),
        ]);
      case TCP_OPT_WINDOW_SCALE: {
        const shift = frame[at + O.windowScaleShift.at];
        return field('tcp.option.wscale', 'Window scale', `${shift} (multiply by ${2 ** shift})`, at, span.length, [
          kindField,
          lengthField(),
          field('tcp.option.wscale.shift', 'Shift count', String(shift), ...within(at, O.windowScaleShift)),
        ]);
      }
      case TCP_OPT_SACK_PERMITTED:
        return field('tcp.option.sack_perm', 'SACK permitted', '', at, span.length, [kindField, lengthField()]);
      case TCP_OPT_TIMESTAMP: {
        const value = u32(O.timestampValue);
        const echo = u32(O.timestampEcho);
        return field('tcp.option.timestamp', 'Timestamps', `TSval ${value}, TSecr ${echo}`, at, span.length, [
          kindField,
          lengthField(),
          field('tcp.option.timestamp.value', 'Timestamp value', String(value), ...within(at, O.timestampValue)),
          field('tcp.option.timestamp.echo', 'Timestamp echo reply', String(echo), ...within(at, O.timestampEcho)),
        ]);
      }
      case TCP_OPT_SACK:
        return field('tcp.option.sack', 'SACK', `${(span.length - O.value.at) / 8} block(s)`, at, span.length, [
          kindField,
          lengthField(),
        ]);
      default:
        return field(`tcp.option.${span.kind}`, `Option ${span.kind}`, '', at, span.length, [kindField, lengthField()]);
    }
  });
}

function optionSummary(tcp: ParsedTcp): string {
  const o = tcp.repr.options;
  const parts: string[] = [];
  if (o.mss !== undefined) parts.push(`MSS=${o.mss}`);
  if (o.sackPermitted) parts.push('SACK_PERM');
  if (o.timestamp) parts.push(`TSval=${o.timestamp.value} TSecr=${o.timestamp.echo}`);
  if (o.windowScale !== undefined) parts.push(`WS=${2 ** o.windowScale}`);
  return parts.join(' ');
}

export function dissectTcp(
  frame: Uint8Array,
  offset: number,
  end: number,
  srcIp: string,
  dstIp: string,
  tracker?: TcpStreamTracker,
): Dissected & { tcp: ParsedTcp } {
  const tcp = parseTcp(frame.subarray(offset, end), srcIp, dstIp);
  const { repr } = tcp;
  const o = offset;
  // Without a tracker a SYN or SYN-ACK still gets relative numbers: it carries the ISNs itself.
  const relative = (tracker ?? new TcpStreamTracker()).observe(srcIp, dstIp, tcp);
  const flagByte = flagsToByte(repr.flags);
  const names = tcpFlagNames(repr.flags);
  const payloadLength = end - offset - tcp.headerLength;
  const seqValue = relative.seq !== undefined ? `${relative.seq} (relative), raw ${repr.seq}` : String(repr.seq);
  const ackValue = relative.ack !== undefined ? `${relative.ack} (relative), raw ${repr.ack}` : String(repr.ack);
  const F = TCP_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(o, f);
  const view = tcpView(frame, o);
  const flagsAt = view.where(F.flags);
  const fields: Field[] = [
    field('tcp.src_port', 'Source port', String(repr.srcPort), ...at(F.srcPort)),
    field('tcp.dst_port', 'Destination port', String(repr.dstPort), ...at(F.dstPort)),
    field('tcp.seq', 'Sequence number', seqValue, ...at(F.seq)),
    field('tcp.ack', 'Acknowledgment number', ackValue, ...at(F.ack)),
    field(
      'tcp.header_length',
      'Header length',
      `${tcp.headerLength} bytes (${tcp.headerLength / 4})`,
      ...at(F.dataOffset),
    ),
    field('tcp.flags', 'Flags', `${hex(flagByte, 3)} (${names.join(', ') || 'none'})`, ...at(F.dataOffsetAndFlags), [
      flagBit('tcp.flags.urg', 'Urgent', repr.flags.urg, flagsAt, 1),
      flagBit('tcp.flags.ack', 'Acknowledgment', repr.flags.ack, flagsAt, 1),
      flagBit('tcp.flags.psh', 'Push', repr.flags.psh, flagsAt, 1),
      flagBit('tcp.flags.rst', 'Reset', repr.flags.rst, flagsAt, 1),
      flagBit('tcp.flags.syn', 'Syn', repr.flags.syn, flagsAt, 1),
      flagBit('tcp.flags.fin', 'Fin', repr.flags.fin, flagsAt, 1),
    ]),
    field(
      'tcp.window',
      'Window',
      relative.window !== undefined ? `${repr.window} (scaled: ${relative.window})` : String(repr.window),
      ...at(F.window),
    ),
    field('tcp.checksum', 'Checksum', checksumValue(tcp.checksum, tcp.checksumValid), ...at(F.checksum)),
    field('tcp.urgent_pointer', 'Urgent pointer', String(view.urgentPointer), ...at(F.urgentPointer)),
  ];
  if (tcp.headerLength > TCP_HEADER_LENGTH) {
    fields.push(
      field(
        'tcp.options',
        'Options',
        `${tcp.headerLength - F.options.at} bytes`,
        view.where(F.options),
        tcp.headerLength - F.options.at,
        optionFields(frame, o, tcp),
      ),
    );
  }
  const seqShown = relative.seq ?? repr.seq;
  const parts = [`${repr.srcPort} → ${repr.dstPort} [${names.join(', ')}] Seq=${seqShown}`];
  if (repr.flags.ack) parts.push(`Ack=${relative.ack ?? repr.ack}`);
  parts.push(`Win=${relative.window ?? repr.window}`, `Len=${payloadLength}`);
  const options = optionSummary(tcp);
  if (options && repr.flags.syn) parts.push(options);
  return {
    tcp,
    layer: { protocol: 'tcp', summary: parts.join(' '), offset, length: tcp.headerLength, fields },
    next: { offset: o + tcp.headerLength, end },
  };
}
