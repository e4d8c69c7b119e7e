// TCP header (RFC 9293) with the options a Linux stack sends, laid out in Linux's order.
import { transportChecksum } from './checksum';
import { WireError, requireLength } from './error';
import { IP_PROTO_TCP } from './ipv4';

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

export const TCP_HEADER_LENGTH = 20;
export const TCP_OPT_EOL = 0;
export const TCP_OPT_NOP = 1;
export const TCP_OPT_MSS = 2;
export const TCP_OPT_WINDOW_SCALE = 3;
export const TCP_OPT_SACK_PERMITTED = 4;
export const TCP_OPT_SACK = 5;
export const TCP_OPT_TIMESTAMP = 8;

const FLAG_BITS: [keyof TcpFlags, number][] = [
  ['fin', 0x01],
  ['syn', 0x02],
  ['rst', 0x04],
  ['psh', 0x08],
  ['ack', 0x10],
  ['urg', 0x20],
];

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
  const view = new DataView(out.buffer);
  view.setUint16(0, repr.srcPort);
  view.setUint16(2, repr.dstPort);
  view.setUint32(4, repr.seq >>> 0);
  view.setUint32(8, repr.ack >>> 0);
  out[12] = (headerLength / 4) << 4;
  out[13] = flagsToByte(repr.flags);
  view.setUint16(14, repr.window);
  out.set(options, TCP_HEADER_LENGTH);
  out.set(payload, headerLength);
  view.setUint16(16, transportChecksum(srcIp, dstIp, IP_PROTO_TCP, out));
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = (bytes[12] >> 4) * 4;
  if (headerLength < TCP_HEADER_LENGTH) throw new WireError(`TCP: data offset ${headerLength} < 20`, 12);
  if (headerLength > bytes.length) throw new WireError(`TCP: header length ${headerLength} exceeds the segment`, 12);
  const { options, spans } = parseTcpOptions(bytes, TCP_HEADER_LENGTH, headerLength);
  const checksum = view.getUint16(16);
  return {
    repr: {
      srcPort: view.getUint16(0),
      dstPort: view.getUint16(2),
      seq: view.getUint32(4),
      ack: view.getUint32(8),
      flags: flagsFromByte(bytes[13]),
      window: view.getUint16(14),
      options,
    },
    payload: bytes.subarray(headerLength),
    checksum,
    checksumValid: transportChecksum(srcIp, dstIp, IP_PROTO_TCP, bytes) === 0,
    headerLength,
    optionSpans: spans,
  };
}
