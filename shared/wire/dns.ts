// DNS messages (RFC 1035) with name compression and EDNS(0) (RFC 6891). Written here rather than taken from a
// library because the inspector needs the byte range of every name, record and field.
import { ipv4FromBytes, ipv4ToBytes } from './address';
import { WireError, requireLength } from './error';
import { HeaderView, layoutEnd, span } from './view';

export const DNS_PORT = 53;
export const DNS_TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, OPT: 41, AAAA: 28 } as const;
export const DNS_CLASS_IN = 1;
export const DNS_RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** Where the fields of the DNS header sit (RFC 1035 §4.1.1); the questions follow at `questions`. */
export const DNS_HEADER_FIELDS = {
  id: span(0, 2),
  flags: span(2, 2),
  /** The first flags byte: QR, opcode, AA, TC, RD. */
  flagsHigh: span(2, 1),
  /** The second flags byte: RA, AD, CD, RCODE. */
  flagsLow: span(3, 1),
  questionCount: span(4, 2),
  answerCount: span(6, 2),
  authorityCount: span(8, 2),
  additionalCount: span(10, 2),
  questions: span(12, 0),
} as const;
export const DNS_HEADER_LENGTH = layoutEnd(DNS_HEADER_FIELDS);

/** A question's fields after its name (RFC 1035 §4.1.2). */
export const DNS_QUESTION_FIELDS = { type: span(0, 2), class: span(2, 2) } as const;
export const DNS_QUESTION_FIXED_LENGTH = layoutEnd(DNS_QUESTION_FIELDS);

/** A resource record's fields after its name (RFC 1035 §4.1.3); an OPT record reuses class and TTL (RFC 6891). */
export const DNS_RECORD_FIELDS = {
  type: span(0, 2),
  class: span(2, 2),
  ttl: span(4, 4),
  rdLength: span(8, 2),
  rdata: span(10, 0),
  /** OPT: the requester's UDP payload size, in the class field. */
  optUdpPayloadSize: span(2, 2),
  optExtendedRcode: span(4, 1),
  optVersion: span(5, 1),
  /** OPT: the DO bit and the other flags, in the TTL's low half. */
  optFlags: span(6, 2),
} as const;

/** The numbers of an SOA record after its two names (RFC 1035 §3.3.13). */
export const DNS_SOA_FIELDS = {
  serial: span(0, 4),
  refresh: span(4, 4),
  retry: span(8, 4),
  expire: span(12, 4),
  minimum: span(16, 4),
} as const;
export const DNS_SOA_NUMBERS_LENGTH = layoutEnd(DNS_SOA_FIELDS);

const H = DNS_HEADER_FIELDS;

/** The fixed DNS header in place. */
export class DnsHeaderView extends HeaderView {
  get id(): number {
    return this.u16(H.id);
  }
  get flagsWord(): number {
    return this.u16(H.flags);
  }
  get flags(): DnsFlags {
    return dnsFlagsFromWord(this.flagsWord);
  }
  get questionCount(): number {
    return this.u16(H.questionCount);
  }
  get answerCount(): number {
    return this.u16(H.answerCount);
  }
  get authorityCount(): number {
    return this.u16(H.authorityCount);
  }
  get additionalCount(): number {
    return this.u16(H.additionalCount);
  }
}

export function dnsHeaderView(bytes: Uint8Array, offset = 0): DnsHeaderView {
  return new DnsHeaderView(bytes, offset);
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsSoa {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** A: dotted IPv4; NS, CNAME: a name; SOA: its fields; any other type: the raw RDATA. */
export type DnsRData = string | DnsSoa | Uint8Array;

export interface DnsResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: DnsRData;
}

export interface DnsFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  rcode: number;
}

export interface DnsRepr {
  id: number;
  flags: DnsFlags;
  questions: DnsQuestion[];
  answers: DnsResourceRecord[];
  authorities: DnsResourceRecord[];
  additionals: DnsResourceRecord[];
  /** The OPT pseudo-record; emitted last in the additional section, as resolvers do. */
  edns?: { udpPayloadSize: number; dnssecOk: boolean };
}

const TYPE_NAMES = new Map<number, string>(Object.entries(DNS_TYPE).map(([name, value]) => [value, name]));
const RCODE_NAMES = new Map<number, string>(Object.entries(DNS_RCODE).map(([name, value]) => [value, name]));

export function dnsTypeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

export function dnsRcodeName(rcode: number): string {
  return RCODE_NAMES.get(rcode) ?? `RCODE${rcode}`;
}

/** A header's flags: all clear (a standard query, opcode 0, NOERROR) but those `set` gives. */
export function dnsFlags(set: Partial<DnsFlags> = {}): DnsFlags {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0, ...set };
}

export function dnsFlagsToWord(f: DnsFlags): number {
  return (
    (f.qr ? 0x8000 : 0) |
    ((f.opcode & 0xf) << 11) |
    (f.aa ? 0x0400 : 0) |
    (f.tc ? 0x0200 : 0) |
    (f.rd ? 0x0100 : 0) |
    (f.ra ? 0x0080 : 0) |
    (f.ad ? 0x0020 : 0) |
    (f.cd ? 0x0010 : 0) |
    (f.rcode & 0xf)
  );
}

export function dnsFlagsFromWord(w: number): DnsFlags {
  return {
    qr: (w & 0x8000) !== 0,
    opcode: (w >> 11) & 0xf,
    aa: (w & 0x0400) !== 0,
    tc: (w & 0x0200) !== 0,
    rd: (w & 0x0100) !== 0,
    ra: (w & 0x0080) !== 0,
    ad: (w & 0x0020) !== 0,
    cd: (w & 0x0010) !== 0,
    rcode: w & 0xf,
  };
}

const UTF8_ENCODER = new TextEncoder();

/** Growable big-endian writer that remembers where each name suffix was written, for compression. */
class DnsWriter {
  private buf = new Uint8Array(512);
  length = 0;
  private suffixes = new Map<string, number>();

  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }
  u8(v: number) {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
  }
  u16(v: number) {
    this.u8(v >>> 8);
    this.u8(v);
  }
  u32(v: number) {
    this.u16((v >>> 16) & 0xffff);
    this.u16(v & 0xffff);
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  setU16(at: number, v: number) {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }
  /** Writes a name, replacing its longest already-written suffix by a pointer (RFC 1035 4.1.4). */
  name(name: string) {
    const labels = name === '' ? [] : name.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const earlier = this.suffixes.get(suffix);
      if (earlier !== undefined) {
        this.u16(0xc000 | earlier);
        return;
      }
      if (this.length < 0x4000) this.suffixes.set(suffix, this.length);
      const label = UTF8_ENCODER.encode(labels[i]);
      if (label.length === 0 || label.length > 63) throw new WireError(`DNS: bad label "${labels[i]}" in "${name}"`);
      this.u8(label.length);
      this.bytes(label);
    }
    this.u8(0);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function emitRecord(w: DnsWriter, rr: DnsResourceRecord) {
  w.name(rr.name);
  w.u16(rr.type);
  w.u16(rr.class);
  w.u32(rr.ttl >>> 0);
  const lengthAt = w.length;
  w.u16(0);
  const start = w.length;
  const data = rr.data;
  if (data instanceof Uint8Array) {
    w.bytes(data);
  } else if (typeof data === 'string') {
    if (rr.type === DNS_TYPE.A) w.bytes(ipv4ToBytes(data));
    else if (rr.type === DNS_TYPE.NS || rr.type === DNS_TYPE.CNAME) w.name(data);
    else throw new WireError(`DNS: a ${dnsTypeName(rr.type)} record needs raw RDATA, not a string`);
  } else {
    if (rr.type !== DNS_TYPE.SOA) throw new WireError(`DNS: SOA data on a ${dnsTypeName(rr.type)} record`);
    w.name(data.mname);
    w.name(data.rname);
    for (const v of [data.serial, data.refresh, data.retry, data.expire, data.minimum]) w.u32(v >>> 0);
  }
  w.setU16(lengthAt, w.length - start);
}

export function emitDns(repr: DnsRepr): Uint8Array {
  const w = new DnsWriter();
  w.u16(repr.id);
  w.u16(dnsFlagsToWord(repr.flags));
  w.u16(repr.questions.length);
  w.u16(repr.answers.length);
  w.u16(repr.authorities.length);
  w.u16(repr.additionals.length + (repr.edns ? 1 : 0));
  for (const q of repr.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of [...repr.answers, ...repr.authorities, ...repr.additionals]) emitRecord(w, rr);
  if (repr.edns) {
    w.u8(0); // root name
    w.u16(DNS_TYPE.OPT);
    w.u16(repr.edns.udpPayloadSize);
    w.u32(repr.edns.dnssecOk ? 0x8000 : 0); // extended RCODE 0, version 0, DO bit
    w.u16(0);
  }
  return w.done();
}

/** Where a name sits in the message: `length` counts only the bytes at that place (labels up to and including the
 * terminating zero or the pointer), not the bytes a pointer leads to. */
export interface DnsNameSpan {
  name: string;
  offset: number;
  length: number;
  compressed: boolean;
}

export interface DnsQuestionSpan {
  question: DnsQuestion;
  offset: number;
  length: number;
  name: DnsNameSpan;
}

export type DnsSection = 'answer' | 'authority' | 'additional';

export interface DnsRecordSpan {
  section: DnsSection;
  /** The record as it appears in the Repr; for OPT it is the raw pseudo-record. */
  record: DnsResourceRecord;
  offset: number;
  length: number;
  name: DnsNameSpan;
  rdataOffset: number;
  rdataLength: number;
  /** Names inside RDATA (NS/CNAME target, SOA mname and rname). */
  rdataNames: DnsNameSpan[];
}

export interface ParsedDnsDetail {
  repr: DnsRepr;
  questions: DnsQuestionSpan[];
  records: DnsRecordSpan[];
}

const MAX_POINTER_JUMPS = 64;
const UTF8_DECODER = new TextDecoder();

export function readDnsName(bytes: Uint8Array, offset: number): DnsNameSpan {
  const labels: string[] = [];
  let at = offset;
  let length = -1;
  let jumps = 0;
  let wireLength = 1;
  for (;;) {
    if (at >= bytes.length) throw new WireError('DNS: name runs past the end', at);
    const b = bytes[at];
    if ((b & 0xc0) === 0xc0) {
      if (at + 1 >= bytes.length) throw new WireError('DNS: truncated compression pointer', at);
      if (length < 0) length = at + 2 - offset;
      if (++jumps > MAX_POINTER_JUMPS) throw new WireError('DNS: compression pointer loop', at);
      at = ((b & 0x3f) << 8) | bytes[at + 1];
      continue;
    }
    if ((b & 0xc0) !== 0) throw new WireError(`DNS: unsupported label type 0x${b.toString(16)}`, at);
    if (b === 0) {
      if (length < 0) length = at + 1 - offset;
      break;
    }
    if (at + 1 + b > bytes.length) throw new WireError('DNS: label runs past the end', at);
    wireLength += b + 1;
    if (wireLength > 255) throw new WireError('DNS: name longer than 255 bytes', at);
    labels.push(UTF8_DECODER.decode(bytes.subarray(at + 1, at + 1 + b)));
    at += 1 + b;
  }
  return { name: labels.join('.'), offset, length, compressed: jumps > 0 };
}

export function parseDnsDetailed(bytes: Uint8Array): ParsedDnsDetail {
  requireLength(bytes, DNS_HEADER_LENGTH, 'DNS header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = dnsHeaderView(bytes);
  const counts = [header.questionCount, header.answerCount, header.authorityCount, header.additionalCount];
  const u16 = (at: number) => {
    if (at + 2 > bytes.length) throw new WireError('DNS: message truncated', at);
    return view.getUint16(at);
  };
  const u32 = (at: number) => {
    if (at + 4 > bytes.length) throw new WireError('DNS: message truncated', at);
    return view.getUint32(at);
  };
  const repr: DnsRepr = {
    id: header.id,
    flags: header.flags,
    questions: [],
    answers: [],
    authorities: [],
    additionals: [],
  };
  const questions: DnsQuestionSpan[] = [];
  const records: DnsRecordSpan[] = [];
  const Q = DNS_QUESTION_FIELDS;
  const R = DNS_RECORD_FIELDS;
  const S = DNS_SOA_FIELDS;
  let at = H.questions.at;
  for (let i = 0; i < counts[0]; i++) {
    const name = readDnsName(bytes, at);
    const fixed = at + name.length;
    const q: DnsQuestion = { name: name.name, type: u16(fixed + Q.type.at), class: u16(fixed + Q.class.at) };
    questions.push({ question: q, offset: at, length: name.length + DNS_QUESTION_FIXED_LENGTH, name });
    repr.questions.push(q);
    at = fixed + DNS_QUESTION_FIXED_LENGTH;
  }
  const sections: [DnsSection, number, DnsResourceRecord[]][] = [
    ['answer', counts[1], repr.answers],
    ['authority', counts[2], repr.authorities],
    ['additional', counts[3], repr.additionals],
  ];
  for (const [section, count, list] of sections) {
    for (let i = 0; i < count; i++) {
      const name = readDnsName(bytes, at);
      const fixed = at + name.length;
      const type = u16(fixed + R.type.at);
      const klass = u16(fixed + R.class.at);
      const ttl = u32(fixed + R.ttl.at);
      const rdLength = u16(fixed + R.rdLength.at);
      const rdataOffset = fixed + R.rdata.at;
      const rdLengthAt = fixed + R.rdLength.at;
      if (rdataOffset + rdLength > bytes.length) throw new WireError('DNS: RDATA runs past the end', rdLengthAt);
      const rdata = bytes.subarray(rdataOffset, rdataOffset + rdLength);
      const rdataNames: DnsNameSpan[] = [];
      const nameInRdata = (offset: number) => {
        const span = readDnsName(bytes, offset);
        if (offset + span.length > rdataOffset + rdLength) throw new WireError('DNS: name runs past its RDATA', offset);
        rdataNames.push(span);
        return span;
      };
      let data: DnsRData;
      if (type === DNS_TYPE.A && klass === DNS_CLASS_IN) {
        if (rdLength !== 4) throw new WireError(`DNS: A record with ${rdLength} bytes of RDATA`, rdLengthAt);
        data = ipv4FromBytes(rdata, 0);
      } else if (type === DNS_TYPE.NS || type === DNS_TYPE.CNAME) {
        data = nameInRdata(rdataOffset).name;
      } else if (type === DNS_TYPE.SOA) {
        const mname = nameInRdata(rdataOffset);
        const rname = nameInRdata(mname.offset + mname.length);
        const numbers = rname.offset + rname.length;
        if (numbers + DNS_SOA_NUMBERS_LENGTH !== rdataOffset + rdLength)
          throw new WireError('DNS: SOA RDATA has the wrong length', rdLengthAt);
        data = {
          mname: mname.name,
          rname: rname.name,
          serial: u32(numbers + S.serial.at),
          refresh: u32(numbers + S.refresh.at),
          retry: u32(numbers + S.retry.at),
          expire: u32(numbers + S.expire.at),
          minimum: u32(numbers + S.minimum.at),
        };
      } else {
        data = rdata.slice();
      }
      const record: DnsResourceRecord = { name: name.name, type, class: klass, ttl, data };
      if (section === 'additional' && type === DNS_TYPE.OPT && name.name === '' && !repr.edns) {
        repr.edns = { udpPayloadSize: klass, dnssecOk: (ttl & 0x8000) !== 0 };
      } else {
        list.push(record);
      }
      records.push({
        section,
        record,
        offset: at,
        length: rdataOffset + rdLength - at,
        name,
        rdataOffset,
        rdataLength: rdLength,
        rdataNames,
      });
      at = rdataOffset + rdLength;
    }
  }
  return { repr, questions, records };
}

/** Parses a DNS message; trailing bytes after the last record are ignored. */
export function parseDns(bytes: Uint8Array): DnsRepr {
  return parseDnsDetailed(bytes).repr;
}
