// DNS dissector: header, flags bit by bit, each question and record with its name, fixed fields and RDATA.
import {
  DNS_HEADER_FIELDS,
  DNS_QUESTION_FIELDS,
  DNS_RECORD_FIELDS,
  DNS_SOA_FIELDS,
  DNS_TYPE,
  dnsHeaderView,
  type DnsNameSpan,
  type DnsRecordSpan,
  type DnsRepr,
  type DnsResourceRecord,
  type DnsSoa,
  dnsRcodeName,
  dnsTypeName,
  parseDnsDetailed,
} from '../dns';
import type { Field, Layer } from '../field';
import { within } from '../view';
import { bytesValue, field, flagBit, hex } from './fields';

const shownName = (name: string) => (name === '' ? '<Root>' : name);
const className = (c: number) => (c === 1 ? 'IN' : `CLASS${c}`);

function nameField(key: string, label: string, span: DnsNameSpan): Field {
  return field(key, label, shownName(span.name) + (span.compressed ? ' (compressed)' : ''), span.offset, span.length);
}

function rdataText(rr: DnsResourceRecord): string {
  if (rr.data instanceof Uint8Array) return bytesValue(rr.data);
  if (typeof rr.data === 'string') return shownName(rr.data);
  return `${rr.data.mname} ${rr.data.rname} ${rr.data.serial}`;
}

function rdataFields(frame: Uint8Array, o: number, span: DnsRecordSpan): Field[] {
  const rr = span.record;
  const at = o + span.rdataOffset;
  if (rr.type === DNS_TYPE.OPT) return [];
  if (rr.type === DNS_TYPE.A && typeof rr.data === 'string')
    return [field('dns.rr.address', 'Address', rr.data, at, 4)];
  if (rr.type === DNS_TYPE.NS) return [nameField('dns.rr.ns', 'Name server', shift(span.rdataNames[0], o))];
  if (rr.type === DNS_TYPE.CNAME) return [nameField('dns.rr.cname', 'Canonical name', shift(span.rdataNames[0], o))];
  if (rr.type === DNS_TYPE.SOA) {
    const soa = rr.data as DnsSoa;
    const n = o + span.rdataNames[1].offset + span.rdataNames[1].length;
    const S = DNS_SOA_FIELDS;
    return [
      nameField('dns.soa.mname', 'Primary name server', shift(span.rdataNames[0], o)),
      nameField('dns.soa.rname', 'Responsible authority mailbox', shift(span.rdataNames[1], o)),
      field('dns.soa.serial', 'Serial number', String(soa.serial), ...within(n, S.serial)),
      field('dns.soa.refresh', 'Refresh interval', `${soa.refresh} s`, ...within(n, S.refresh)),
      field('dns.soa.retry', 'Retry interval', `${soa.retry} s`, ...within(n, S.retry)),
      field('dns.soa.expire', 'Expire limit', `${soa.expire} s`, ...within(n, S.expire)),
      field('dns.soa.minimum', 'Minimum TTL', `${soa.minimum} s`, ...within(n, S.minimum)),
    ];
  }
  return span.rdataLength > 0
    ? [field('dns.rr.data', 'Data', bytesValue(rr.data as Uint8Array), at, span.rdataLength)]
    : [];
}

function shift(span: DnsNameSpan, by: number): DnsNameSpan {
  return { ...span, offset: span.offset + by };
}

function recordField(frame: Uint8Array, o: number, span: DnsRecordSpan): Field {
  const rr = span.record;
  const fixed = o + span.name.offset + span.name.length;
  const R = DNS_RECORD_FIELDS;
  if (rr.type === DNS_TYPE.OPT) {
    return field(
      'dns.opt',
      'OPT (EDNS0)',
      `UDP payload size ${rr.class}${rr.ttl & 0x8000 ? ', DO' : ''}`,
      o + span.offset,
      span.length,
      [
        nameField('dns.rr.name', 'Name', shift(span.name, o)),
        field('dns.rr.type', 'Type', 'OPT (41)', ...within(fixed, R.type)),
        field('dns.opt.udp_payload_size', 'UDP payload size', String(rr.class), ...within(fixed, R.optUdpPayloadSize)),
        field(
          'dns.opt.ext_rcode',
          'Higher bits in extended RCODE',
          hex(rr.ttl >>> 24, 2),
          ...within(fixed, R.optExtendedRcode),
        ),
        field('dns.opt.version', 'EDNS0 version', String((rr.ttl >>> 16) & 0xff), ...within(fixed, R.optVersion)),
        flagBit('dns.opt.do', 'DNSSEC OK', (rr.ttl & 0x8000) !== 0, ...within(fixed, R.optFlags)),
        field('dns.rr.rdlength', 'Data length', String(span.rdataLength), ...within(fixed, R.rdLength)),
      ],
    );
  }
  return field(
    'dns.rr',
    `${shownName(rr.name)}: ${dnsTypeName(rr.type)}`,
    rdataText(rr),
    o + span.offset,
    span.length,
    [
      nameField('dns.rr.name', 'Name', shift(span.name, o)),
      field('dns.rr.type', 'Type', `${dnsTypeName(rr.type)} (${rr.type})`, fixed, 2),
      field('dns.rr.class', 'Class', `${className(rr.class)} (${hex(rr.class, 4)})`, ...within(fixed, R.class)),
      field('dns.rr.ttl', 'Time to live', `${rr.ttl} s`, ...within(fixed, R.ttl)),
      field('dns.rr.rdlength', 'Data length', String(span.rdataLength), ...within(fixed, R.rdLength)),
      ...rdataFields(frame, o, span),
    ],
  );
}

/** Wireshark's Info column for DNS, e.g. "Standard query response 0x1a2b A www.example.com A 93.184.215.14". */
export function dnsSummary(repr: DnsRepr): string {
  const parts = [repr.flags.qr ? 'Standard query response' : 'Standard query', hex(repr.id, 4)];
  if (repr.flags.qr && repr.flags.rcode !== 0)
    parts.push(repr.flags.rcode === 3 ? 'No such name' : dnsRcodeName(repr.flags.rcode));
  for (const q of repr.questions) parts.push(dnsTypeName(q.type), shownName(q.name));
  for (const rr of [...repr.answers, ...repr.authorities, ...repr.additionals])
    parts.push(dnsTypeName(rr.type), rdataText(rr).split(' ')[0]);
  if (repr.edns) parts.push('OPT');
  return parts.join(' ');
}

export function dissectDns(frame: Uint8Array, offset: number, end: number): Layer {
  const detail = parseDnsDetailed(frame.subarray(offset, end));
  const { repr } = detail;
  const o = offset;
  const f = repr.flags;
  const H = DNS_HEADER_FIELDS;
  const header = (f: (typeof H)[keyof typeof H]) => within(o, f);
  const high = header(H.flagsHigh);
  const low = header(H.flagsLow);
  const fields: Field[] = [
    field('dns.id', 'Transaction ID', hex(repr.id, 4), ...header(H.id)),
    field('dns.flags', 'Flags', hex(dnsHeaderView(frame, o).flagsWord, 4), ...header(H.flags), [
      field('dns.flags.qr', 'Response', f.qr ? 'Message is a response' : 'Message is a query', ...high),
      field('dns.flags.opcode', 'Opcode', f.opcode === 0 ? 'Standard query (0)' : String(f.opcode), ...high),
      flagBit('dns.flags.aa', 'Authoritative', f.aa, ...high),
      flagBit('dns.flags.tc', 'Truncated', f.tc, ...high),
      flagBit('dns.flags.rd', 'Recursion desired', f.rd, ...high),
      flagBit('dns.flags.ra', 'Recursion available', f.ra, ...low),
      flagBit('dns.flags.ad', 'Answer authenticated', f.ad, ...low),
      flagBit('dns.flags.cd', 'Checking disabled', f.cd, ...low),
      field('dns.flags.rcode', 'Reply code', `${dnsRcodeName(f.rcode)} (${f.rcode})`, ...low),
    ]),
    field('dns.qdcount', 'Questions', String(repr.questions.length), ...header(H.questionCount)),
    field('dns.ancount', 'Answer RRs', String(repr.answers.length), ...header(H.answerCount)),
    field('dns.nscount', 'Authority RRs', String(repr.authorities.length), ...header(H.authorityCount)),
    field(
      'dns.arcount',
      'Additional RRs',
      String(detail.records.filter((r) => r.section === 'additional').length),
      ...header(H.additionalCount),
    ),
  ];
  if (detail.questions.length > 0) {
    const first = detail.questions[0];
    const last = detail.questions[detail.questions.length - 1];
    fields.push(
      field(
        'dns.questions',
        'Queries',
        String(detail.questions.length),
        o + first.offset,
        last.offset + last.length - first.offset,
        detail.questions.map((q) => {
          const fixed = o + q.name.offset + q.name.length;
          return field(
            'dns.question',
            `${shownName(q.question.name)}: ${dnsTypeName(q.question.type)}`,
            `${dnsTypeName(q.question.type)} ${className(q.question.class)}`,
            o + q.offset,
            q.length,
            [
              nameField('dns.qry.name', 'Name', shift(q.name, o)),
              field(
                'dns.qry.type',
                'Type',
                `${dnsTypeName(q.question.type)} (${q.question.type})`,
                ...within(fixed, DNS_QUESTION_FIELDS.type),
              ),
              field(
                'dns.qry.class',
                'Class',
                `${className(q.question.class)} (${hex(q.question.class, 4)})`,
                ...within(fixed, DNS_QUESTION_FIELDS.class),
              ),
            ],
          );
        }),
      ),
    );
  }
  const sections: [string, string, DnsRecordSpan['section']][] = [
    ['dns.answers', 'Answers', 'answer'],
    ['dns.authorities', 'Authoritative name servers', 'authority'],
    ['dns.additionals', 'Additional records', 'additional'],
  ];
  for (const [key, label, section] of sections) {
    const spans = detail.records.filter((r) => r.section === section);
    if (spans.length === 0) continue;
    const first = spans[0];
    const last = spans[spans.length - 1];
    fields.push(
      field(
        key,
        label,
        String(spans.length),
        o + first.offset,
        last.offset + last.length - first.offset,
        spans.map((s) => recordField(frame, o, s)),
      ),
    );
  }
  const endOfRecords =
    detail.records.length > 0
      ? detail.records[detail.records.length - 1].offset + detail.records[detail.records.length - 1].length
      : detail.questions.length > 0
        ? detail.questions[detail.questions.length - 1].offset + detail.questions[detail.questions.length - 1].length
        : H.questions.at;
  return { protocol: 'dns', summary: dnsSummary(repr), offset, length: endOfRecords, fields };
}
