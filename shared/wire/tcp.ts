// TCP header (RFC 9293) with the options a Linux stack sends, laid out in Linux's order.
import { transportChecksum } from './checksum';
import { WireError, requireLength } from './error';
import { IP_PROTO_TCP } from './ipv4';
import { HeaderView, layoutEnd, span } from './view';

export interface TcpFlags {
  fin: boolean;
  syn: boolean;
  rst: boolean;
  psh: boolean;
  ack: boolean;
  urg: boolean;
}

export interface TcpOptions {
  mss?: number;
  sackPermitted?: boolean;
  windowScale?: number;
  timestamp?: { value: number; echo: number };
}

export interface TcpRepr {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: TcpFlags;
  window: number;
  options: TcpOptions;
}

/** Where the fields of a TCP header sit (RFC 9293 §3.1); options, when present, start at `options`. */
export const TCP_FIELDS = {
  srcPort: span(0, 2),
  dstPort: span(2, 2),
  seq: span(4, 4),
  ack: span(8, 4),
  /** Data offset (upper 4 bits, in 32-bit words) and reserved bits. */
  dataOffset: span(12, 1),
  /** The data offset byte and the flags byte, as Wireshark shows "Flags". */
  dataOffsetAndFlags: span(12, 2),
  flags: span(13, 1),
  window: span(14, 2),
  checksum: span(16, 2),
  urgentPointer: span(18, 2),
  options: span(20, 0),
} as const;
export const TCP_HEADER_LENGTH = layoutEnd(TCP_FIELDS);

/** An option in the header: kind, length, value; NOP and EOL are the kind alone. */
export const TCP_OPTION_FIELDS = {
  kind: span(0, 1),
  length: span(1, 1),
  value: span(2, 0),
  /** MSS: the value as 16 bits; window scale: the shift as 8. */
  mss: span(2, 2),
  windowScaleShift: span(2, 1),
  timestampValue: span(2, 4),
  timestampEcho: span(6, 4),
} as const;

/** The flag bits of `TCP_FIELDS.flags`. */
export const TCP_FLAG = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 } as const;

const F = TCP_FIELDS;

/** A TCP header in place. */
export class TcpView extends HeaderView {
  get srcPort(): number {
    return this.u16(F.srcPort);
  }
  set srcPort(port: number) {
    this.setU16(F.srcPort, port);
  }
  get dstPort(): number {
    return this.u16(F.dstPort);
  }
  set dstPort(port: number) {
    this.setU16(F.dstPort, port);
  }
  get seq(): number {
    return this.u32(F.seq);
  }
  set seq(value: number) {
    this.setU32(F.seq, value);
  }
  get ack(): number {
    return this.u32(F.ack);
  }
  set ack(value: number) {
    this.setU32(F.ack, value);
  }
  /** In bytes (the field counts 32-bit words). */
  get headerLength(): number {
    return (this.u8(F.dataOffset) >> 4) * 4;
  }
  set headerLength(bytes: number) {
    this.setU8(F.dataOffset, (bytes / 4) << 4);
  }
  /** The flags byte: TCP_FLAG bits. */
  get flags(): number {
    return this.u8(F.flags);
  }
  set flags(byte: number) {
    this.setU8(F.flags, byte);
  }
  get window(): number {
    return this.u16(F.window);
  }
  set window(value: number) {
    this.setU16(F.window, value);
  }
  get checksum(): number {
    return this.u16(F.checksum);
  }
  set checksum(value: number) {
    this.setU16(F.checksum, value);
  }
  get urgentPointer(): number {
    return this.u16(F.urgentPointer);
  }
}

export function tcpView(bytes: Uint8Array, offset = 0): TcpView {
  return new TcpView(bytes, offset);
}
export const TCP_OPT_EOL = 0;
export const TCP_OPT_NOP = 1;
export const TCP_OPT_MSS = 2;
export const TCP_OPT_WINDOW_SCALE = 3;
export const TCP_OPT_SACK_PERMITTED = 4;
export const TCP_OPT_SACK = 5;
export const TCP_OPT_TIMESTAMP = 8;

const FLAG_BITS = Object.entries(TCP_FLAG) as [keyof TcpFlags, number][];

export function tcpFlags(set: Partial<TcpFlags>): TcpFlags {
  return { fin: false, syn: false, rst: false, psh: false, ack: false, urg: false, ...set };
}

export function flagsToByte(flags: TcpFlags): number {
  return FLAG_BITS.reduce((byte, [name, bit]) => (flags[name] ? byte | bit : byte), 0);
}

export function flagsFromByte(byte: number): TcpFlags {
  return Object.fromEntries(FLAG_BITS.map(([name, bit]) => [name, (byte & bit) !== 0])) as unknown as TcpFlags;
}

/**
 * Options in the order Linux's tcp_options_write() puts them, which keeps every option 4-byte aligned:
 * MSS; SACK_PERM folded into the timestamp's leading NOPs (04 02 08 0a) or NOP NOP TS; NOP NOP SACK_PERM without
 * timestamps; NOP WS. So a Linux SYN is `02 04 05 b4 04 02 08 0a <tsval> <tsecr> 01 03 03 07`.
 */
export function emitTcpOptions(options: TcpOptions): Uint8Array {
  const bytes: number[] = [];
  const u16 = (v: number) => bytes.push((v >>> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  if (options.mss !== undefined) {
    bytes.push(TCP_OPT_MSS, 4);
    u16(options.mss);
  }
  if (options.timestamp) {
    if (options.sackPermitted) bytes.push(TCP_OPT_SACK_PERMITTED, 2, TCP_OPT_TIMESTAMP, 10);
    else bytes.push(TCP_OPT_NOP, TCP_OPT_NOP, TCP_OPT_TIMESTAMP, 10);
    u32(options.timestamp.value);
    u32(options.timestamp.echo);
  } else if (options.sackPermitted) {
    bytes.push(TCP_OPT_NOP, TCP_OPT_NOP, TCP_OPT_SACK_PERMITTED, 2);
  }
  if (options.windowScale !== undefined) bytes.push(TCP_OPT_NOP, TCP_OPT_WINDOW_SCALE, 3, options.windowScale);
  return Uint8Array.from(bytes);
}

export function emitTcp(repr: TcpRepr, payload: Uint8Array, srcIp: string, dstIp: string): Uint8Array {
  const options = emitTcpOptions(repr.options);
  const headerLength = TCP_HEADER_LENGTH + options.length;
  const length = headerLength + payload.length;
  const out = new Uint8Array(length);
  const tcp = tcpView(out);
  tcp.srcPort = repr.srcPort;
  tcp.dstPort = repr.dstPort;
  tcp.seq = repr.seq >>> 0;
  tcp.ack = repr.ack >>> 0;
  tcp.headerLength = headerLength;
  tcp.flags = flagsToByte(repr.flags);
  tcp.window = repr.window;
  out.set(options, F.options.at);
  out.set(payload, headerLength);
  tcp.checksum = transportChecksum(srcIp, dstIp, IP_PROTO_TCP, out);
  return out;
}

/** One option as found in the header, with its offset relative to the start of the TCP header. */
export interface TcpOptionSpan {
  kind: number;
  offset: number;
  length: number;
}

export interface ParsedTcp {
  repr: TcpRepr;
  payload: Uint8Array;
  checksum: number;
  checksumValid: boolean;
  headerLength: number;
  optionSpans: TcpOptionSpan[];
}

export function parseTcpOptions(
  bytes: Uint8Array,
  start: number,
  end: number,
): { options: TcpOptions; spans: TcpOptionSpan[] } {
  const options: TcpOptions = {};
  const spans: TcpOptionSpan[] = [];
  let at = start;
  while (at < end) {
    const kind = bytes[at];
    if (kind === TCP_OPT_EOL) {
      spans.push({ kind, offset: at, length: end - at });
      break;
    }
    if (kind === TCP_OPT_NOP) {
      spans.push({ kind, offset: at, length: 1 });
      at += 1;
      continue;
    }
    if (at + 1 >= end) throw new WireError('TCP: option length missing', at);
    const length = bytes[at + 1];
    if (length < 2 || at + length > end) throw new WireError(`TCP: option ${kind} has bad length ${length}`, at + 1);
    const expect = (n: number) => {
      if (length !== n) throw new WireError(`TCP: option ${kind} must be ${n} bytes, is ${length}`, at + 1);
    };
    const u32 = (i: number) => ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    switch (kind) {
      case TCP_OPT_MSS:
        expect(4);
        options.mss = (bytes[at + 2] << 8) | bytes[at + 3];
        break;
      case TCP_OPT_WINDOW_SCALE:
        expect(3);
        options.windowScale = bytes[at + 2];
        break;
      case TCP_OPT_SACK_PERMITTED:
        expect(2);
        options.sackPermitted = true;
        break;
      case TCP_OPT_TIMESTAMP:
        expect(10);
        options.timestamp = { value: u32(at + 2), echo: u32(at + 6) };
        break;
      default:
        break; // SACK blocks and unknown options are skipped by their length
    }
    spans.push({ kind, offset: at, length });
    at += length;
  }
  return { options, spans };
}

export function parseTcp(bytes: Uint8Array, srcIp: string, dstIp: string): ParsedTcp {
  requireLength(bytes, TCP_HEADER_LENGTH, 'TCP header');
  const tcp = tcpView(bytes);
  const headerLength = tcp.headerLength;
  if (headerLength < TCP_HEADER_LENGTH) throw new WireError(`TCP: data offset ${headerLength} < 20`, F.dataOffset.at);
  if (headerLength > bytes.length) {
    throw new WireError(`TCP: header length ${headerLength} exceeds the segment`, F.dataOffset.at);
  }
  const { options, spans } = parseTcpOptions(bytes, F.options.at, headerLength);
  return {
    repr: {
      srcPort: tcp.srcPort,
      dstPort: tcp.dstPort,
      seq: tcp.seq,
      ack: tcp.ack,
      flags: flagsFromByte(tcp.flags),
      window: tcp.window,
      options,
    },
    payload: bytes.subarray(headerLength),
    checksum: tcp.checksum,
    checksumValid: transportChecksum(srcIp, dstIp, IP_PROTO_TCP, bytes) === 0,
    headerLength,
    optionSpans: spans,
  };
}
