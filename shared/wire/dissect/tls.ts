// TLS dissector: the records of a TCP segment (content type, version, length), the handshake messages in clear
// (ClientHello and ServerHello with their extensions) and the encrypted records as what a link sees of them — a type,
// a length and opaque bytes. Field names, keys and values follow Wireshark's (keys are tshark's field names), so the
// tree reads like Wireshark's and the tests compare field by field. The same message dissector reads the decrypted
// handshake (EncryptedExtensions, Certificate, CertificateVerify, Finished) for the teacher's decrypted view.
import type { Field, Layer } from '../field';
import { toHex } from '../address';
import { TlsContentType, TLS_CONTENT_TYPE_NAMES, TLS_RECORD_HEADER_LENGTH, looksLikeTlsRecord } from '../tls-record';
import {
  TLS_CIPHER_SUITE_NAMES,
  TLS_GROUP_NAMES,
  TLS_HANDSHAKE_NAMES,
  TLS_SIGNATURE_NAMES,
  TlsExtensionType,
  TlsHandshakeType,
  TLS_EXTENSION_NAMES,
} from '../tls-handshake';
import { parseCertificate } from '../tls-cert';
import { bytesValue, field, hex } from './fields';

export const TLS_VERSION_NAMES: Record<number, string> = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};
/** How Wireshark names a version in "TLSv1.3 Record Layer" and in its Protocol column. */
const RECORD_VERSION_LABELS: Record<number, string> = {
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};

export const TLS_ALERT_DESCRIPTIONS: Record<number, string> = {
  0: 'Close Notify',
  10: 'Unexpected Message',
  20: 'Bad Record MAC',
  40: 'Handshake Failure',
  42: 'Bad Certificate',
  45: 'Certificate Expired',
  46: 'Certificate Unknown',
  47: 'Illegal Parameter',
  48: 'Unknown CA',
  50: 'Decode Error',
  51: 'Decrypt Error',
  70: 'Protocol Version',
  80: 'Internal Error',
  109: 'Missing Extension',
  112: 'Unrecognized Name',
  120: 'No Application Protocol',
};
const ALERT_LEVELS: Record<number, string> = { 1: 'Warning', 2: 'Fatal' };
const PSK_MODES: Record<number, string> = {
  0: 'PSK-only key establishment (psk_ke)',
  1: 'PSK with (EC)DHE key establishment (psk_dhe_ke)',
};

const named = (names: Record<number, string>, value: number, digits?: number) =>
  `${names[value] ?? 'Unknown'} (${digits ? hex(value, digits) : value})`;

export function tlsVersionName(version: number): string {
  return `${TLS_VERSION_NAMES[version] ?? 'Unknown'} (${hex(version, 4)})`;
}

export function tlsAlertText(level: number, description: number): string {
  return `Alert (Level: ${ALERT_LEVELS[level] ?? level}, Description: ${TLS_ALERT_DESCRIPTIONS[description] ?? description})`;
}

/** A record seen earlier whose bytes run on into later segments. */
interface OpenRecord {
  startSeq: number;
  /** Header + fragment. */
  total: number;
  contentType: number;
  /** "Application Data Protocol: …", for the continuation's line. */
  name: string;
  /** What the Info column says once the record is complete. */
  nameInfo: string[];
}

/**
 * Remembers, per direction of each TCP connection, the TLS records that did not end in their segment (so the next
 * segments are read as their continuation, not as garbage) and which connections speak TLS 1.3. Idempotent: the same
 * segment seen again on the next link finds the same records. Share one across a trace's frames, in order.
 */
export class TlsStreamTracker {
  private open = new Map<string, OpenRecord[]>();
  private tls13 = new Set<string>();

  static direction(srcIp: string, srcPort: number, dstIp: string, dstPort: number): string {
    return `${srcIp}:${srcPort}>${dstIp}:${dstPort}`;
  }
  private static connection(direction: string): string {
    return direction.split('>').sort().join('|');
  }

  /** The record that began before `seq` in this direction and still covers it, with how far into it `seq` is. */
  covering(direction: string, seq: number): { record: OpenRecord; done: number } | undefined {
    for (const record of this.open.get(direction) ?? []) {
      const done = (seq - record.startSeq) >>> 0;
      if (done > 0 && done < record.total) return { record, done };
    }
    return undefined;
  }
  remember(direction: string, record: OpenRecord): void {
    const list = this.open.get(direction) ?? [];
    if (!list.some((r) => r.startSeq === record.startSeq)) list.push(record);
    this.open.set(direction, list);
  }
  markTls13(direction: string): void {
    this.tls13.add(TlsStreamTracker.connection(direction));
  }
  isTls13(direction: string): boolean {
    return this.tls13.has(TlsStreamTracker.connection(direction));
  }
}

export interface TlsSegment {
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  /** The segment's raw sequence number (its first payload byte). */
  seq: number;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}
function u24(b: Uint8Array, o: number): number {
  return (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
}

class Cut extends Error {}

/** Bounds-checked reads over [offset, end) of one buffer; running past the end throws Cut (caught by the caller). */
class Cursor {
  constructor(
    readonly b: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}
  need(n: number): void {
    if (this.at + n > this.end) throw new Cut();
  }
  u8(): number {
    this.need(1);
    return this.b[this.at++];
  }
  u16(): number {
    this.need(2);
    const v = u16(this.b, this.at);
    this.at += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = u24(this.b, this.at);
    this.at += 3;
    return v;
  }
  skip(n: number): number {
    this.need(n);
    const at = this.at;
    this.at += n;
    return at;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function u16ListFields(
  c: Cursor,
  lengthKey: string,
  lengthLabel: string,
  listKey: string,
  listLabel: string,
  itemKey: string,
  itemLabel: string,
  names: Record<number, string>,
  unit: [string, string],
  out: Field[],
): void {
  const lenAt = c.at;
  const len = c.u16();
  out.push(field(lengthKey, lengthLabel, String(len), lenAt, 2));
  const items: Field[] = [];
  const listAt = c.at;
  const stop = c.at + len;
  while (c.at + 2 <= stop) {
    const at = c.at;
    items.push(field(itemKey, itemLabel, named(names, c.u16(), 4), at, 2));
  }
  c.at = stop;
  out.push(field(listKey, listLabel, `(${plural(items.length, unit[0], unit[1])})`, listAt, len, items));
}

/** The fields of one extension's body, and what Wireshark adds to its line (name=…). */
function extensionBody(
  c: Cursor,
  type: number,
  end: number,
  handshakeType: number,
): { fields: Field[]; note?: string } {
  const b = c.b;
  const out: Field[] = [];
  switch (type) {
    case TlsExtensionType.serverName: {
      if (end - c.at < 2) return { fields: out };
      const listAt = c.at;
      out.push(
        field('tls.handshake.extensions_server_name_list_len', 'Server Name list length', String(c.u16()), listAt, 2),
      );
      let name: string | undefined;
      const sni: Field[] = [out.pop()!];
      while (c.at + 3 <= end) {
        const typeAt = c.at;
        const kind = c.u8();
        sni.push(
          field(
            'tls.handshake.extensions_server_name_type',
            'Server Name Type',
            kind === 0 ? 'host_name (0)' : `Unknown (${kind})`,
            typeAt,
            1,
          ),
        );
        const lenAt = c.at;
        const len = c.u16();
        sni.push(field('tls.handshake.extensions_server_name_len', 'Server Name length', String(len), lenAt, 2));
        const at = c.skip(len);
        const text = String.fromCharCode(...b.subarray(at, at + len));
        if (kind === 0 && name === undefined) name = text;
        sni.push(field('tls.handshake.extensions_server_name', 'Server Name', text, at, len));
      }
      out.push(
        field(
          'tls.handshake.extensions_server_name_indication',
          'Server Name Indication extension',
          name ?? '',
          listAt,
          end - listAt,
          sni,
        ),
      );
      return { fields: out, note: name !== undefined ? `name=${name}` : undefined };
    }
    case TlsExtensionType.supportedGroups:
      u16ListFields(
        c,
        'tls.handshake.extensions_supported_groups_length',
        'Supported Groups List Length',
        'tls.handshake.extensions_supported_groups',
        'Supported Groups',
        'tls.handshake.extensions_supported_group',
        'Supported Group',
        TLS_GROUP_NAMES,
        ['group', 'groups'],
        out,
      );
      return { fields: out };
    case TlsExtensionType.signatureAlgorithms:
      u16ListFields(
        c,
        'tls.handshake.sig_hash_alg_len',
        'Signature Hash Algorithms Length',
        'tls.handshake.sig_hash_algs',
        'Signature Hash Algorithms',
        'tls.handshake.sig_hash_alg',
        'Signature Algorithm',
        TLS_SIGNATURE_NAMES,
        ['algorithm', 'algorithms'],
        out,
      );
      return { fields: out };
    case TlsExtensionType.alpn: {
      const lenAt = c.at;
      const len = c.u16();
      out.push(field('tls.handshake.extensions_alpn_len', 'ALPN Extension Length', String(len), lenAt, 2));
      const listAt = c.at;
      const stop = c.at + len;
      const items: Field[] = [];
      const names: string[] = [];
      while (c.at < stop) {
        const strAt = c.at;
        const n = c.u8();
        items.push(field('tls.handshake.extensions_alpn_str_len', 'ALPN string length', String(n), strAt, 1));
        const at = c.skip(n);
        const name = String.fromCharCode(...b.subarray(at, at + n));
        names.push(name);
        items.push(field('tls.handshake.extensions_alpn_str', 'ALPN Next Protocol', name, at, n));
      }
      out.push(field('tls.handshake.extensions_alpn_list', 'ALPN Protocol', names.join(', '), listAt, len, items));
      return { fields: out };
    }
    case TlsExtensionType.supportedVersions: {
      if (handshakeType === TlsHandshakeType.serverHello) {
        const at = c.at;
        out.push(
          field('tls.handshake.extensions.supported_version', 'Supported Version', tlsVersionName(c.u16()), at, 2),
        );
        return { fields: out };
      }
      const lenAt = c.at;
      const len = c.u8();
      out.push(
        field('tls.handshake.extensions.supported_versions_len', 'Supported Versions length', String(len), lenAt, 1),
      );
      const stop = c.at + len;
      while (c.at + 2 <= stop) {
        const at = c.at;
        out.push(
          field('tls.handshake.extensions.supported_version', 'Supported Version', tlsVersionName(c.u16()), at, 2),
        );
      }
      return { fields: out };
    }
    case TlsExtensionType.pskKeyExchangeModes: {
      const lenAt = c.at;
      const len = c.u8();
      out.push(field('tls.extension.psk_ke_modes_length', 'PSK Key Exchange Modes Length', String(len), lenAt, 1));
      for (let i = 0; i < len; i++) {
        const at = c.at;
        out.push(field('tls.extension.psk_ke_mode', 'PSK Key Exchange Mode', named(PSK_MODES, c.u8()), at, 1));
      }
      return { fields: out };
    }
    case TlsExtensionType.keyShare: {
      const entry = (): Field => {
        const at = c.at;
        const group = c.u16();
        const lenAt = c.at;
        const len = c.u16();
        const keyAt = c.skip(len);
        return field(
          'tls.handshake.extensions_key_share_entry',
          'Key Share Entry',
          `Group: ${TLS_GROUP_NAMES[group] ?? group}, Key Exchange length: ${len}`,
          at,
          4 + len,
          [
            field(
              'tls.handshake.extensions_key_share_group',
              'Group',
              `${TLS_GROUP_NAMES[group] ?? 'Unknown'} (${group})`,
              at,
              2,
            ),
            field(
              'tls.handshake.extensions_key_share_key_exchange_length',
              'Key Exchange Length',
              String(len),
              lenAt,
              2,
            ),
            field(
              'tls.handshake.extensions_key_share_key_exchange',
              'Key Exchange',
              toHex(b.subarray(keyAt, keyAt + len)),
              keyAt,
              len,
            ),
          ],
        );
      };
      const start = c.at;
      const inner: Field[] = [];
      if (handshakeType === TlsHandshakeType.clientHello) {
        const lenAt = c.at;
        const len = c.u16();
        inner.push(
          field('tls.handshake.extensions_key_share_client_length', 'Client Key Share Length', String(len), lenAt, 2),
        );
        const stop = c.at + len;
        while (c.at < stop) inner.push(entry());
      } else {
        inner.push(entry());
      }
      out.push(field('tls.handshake.extensions_key_share', 'Key Share extension', '', start, end - start, inner));
      return { fields: out };
    }
    default: {
      const at = c.skip(end - c.at);
      if (end > at)
        out.push(field('tls.handshake.extension.data', 'Data', bytesValue(b.subarray(at, end)), at, end - at));
      return { fields: out };
    }
  }
}

function extensionFields(c: Cursor, handshakeType: number, out: Field[]): void {
  if (c.at >= c.end) return;
  const lenAt = c.at;
  const total = c.u16();
  out.push(field('tls.handshake.extensions_length', 'Extensions Length', String(total), lenAt, 2));
  const stop = Math.min(c.at + total, c.end);
  while (c.at + 4 <= stop) {
    const at = c.at;
    const type = c.u16();
    const len = c.u16();
    const bodyEnd = c.at + len;
    if (bodyEnd > stop) throw new Cut();
    const name = TLS_EXTENSION_NAMES[type] ?? `Unknown type ${type}`;
    const head = [
      field('tls.handshake.extension.type', 'Type', `${TLS_EXTENSION_NAMES[type] ?? 'Unknown'} (${type})`, at, 2),
      field('tls.handshake.extension.len', 'Length', String(len), at + 2, 2),
    ];
    const body = new Cursor(c.b, c.at, bodyEnd);
    let parsed: { fields: Field[]; note?: string };
    try {
      parsed = extensionBody(body, type, bodyEnd, handshakeType);
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      parsed = {
        fields: [
          field('tls.handshake.extension.data', 'Data (malformed)', bytesValue(c.b.subarray(c.at, bodyEnd)), c.at, len),
        ],
      };
    }
    out.push(
      field(
        'tls.handshake.extension',
        'Extension',
        `${name} (len=${len})${parsed.note ? ' ' + parsed.note : ''}`,
        at,
        4 + len,
        [...head, ...parsed.fields],
      ),
    );
    c.at = bodyEnd;
  }
}

function helloFields(c: Cursor, type: number, out: Field[]): { serverName?: string; version13: boolean } {
  const b = c.b;
  const versionAt = c.at;
  out.push(field('tls.handshake.version', 'Version', tlsVersionName(c.u16()), versionAt, 2));
  const randomAt = c.skip(32);
  out.push(field('tls.handshake.random', 'Random', toHex(b.subarray(randomAt, randomAt + 32)), randomAt, 32));
  const sidLenAt = c.at;
  const sidLen = c.u8();
  out.push(field('tls.handshake.session_id_length', 'Session ID Length', String(sidLen), sidLenAt, 1));
  const sidAt = c.skip(sidLen);
  if (sidLen > 0)
    out.push(field('tls.handshake.session_id', 'Session ID', toHex(b.subarray(sidAt, sidAt + sidLen)), sidAt, sidLen));
  if (type === TlsHandshakeType.clientHello) {
    const lenAt = c.at;
    const len = c.u16();
    out.push(field('tls.handshake.cipher_suites_length', 'Cipher Suites Length', String(len), lenAt, 2));
    const suites: Field[] = [];
    const listAt = c.at;
    for (let i = 0; i + 2 <= len; i += 2) {
      const at = c.at;
      suites.push(field('tls.handshake.ciphersuite', 'Cipher Suite', named(TLS_CIPHER_SUITE_NAMES, c.u16(), 4), at, 2));
    }
    out.push(
      field(
        'tls.handshake.ciphersuites',
        'Cipher Suites',
        `(${plural(suites.length, 'suite', 'suites')})`,
        listAt,
        len,
        suites,
      ),
    );
    const compLenAt = c.at;
    const compLen = c.u8();
    out.push(field('tls.handshake.comp_methods_length', 'Compression Methods Length', String(compLen), compLenAt, 1));
    const compAt = c.at;
    const methods: Field[] = [];
    for (let i = 0; i < compLen; i++) {
      const at = c.at;
      const m = c.u8();
      methods.push(
        field('tls.handshake.comp_method', 'Compression Method', m === 0 ? 'null (0)' : `Unknown (${m})`, at, 1),
      );
    }
    out.push(
      field(
        'tls.handshake.comp_methods',
        'Compression Methods',
        `(${plural(compLen, 'method', 'methods')})`,
        compAt,
        compLen,
        methods,
      ),
    );
  } else {
    const suiteAt = c.at;
    out.push(field('tls.handshake.ciphersuite', 'Cipher Suite', named(TLS_CIPHER_SUITE_NAMES, c.u16(), 4), suiteAt, 2));
    const compAt = c.at;
    const m = c.u8();
    out.push(
      field('tls.handshake.comp_method', 'Compression Method', m === 0 ? 'null (0)' : `Unknown (${m})`, compAt, 1),
    );
  }
  const extStart = out.length;
  extensionFields(c, type, out);
  const all = out.slice(extStart);
  const find = (key: string, within: Field[]): Field[] =>
    within.flatMap((f) => [...(f.key === key ? [f] : []), ...find(key, f.children ?? [])]);
  return {
    serverName: find('tls.handshake.extensions_server_name', all)[0]?.value,
    version13: find('tls.handshake.extensions.supported_version', all).some((f) => f.value.endsWith('(0x0304)')),
  };
}

function certificateFields(c: Cursor, out: Field[]): void {
  const b = c.b;
  const ctxLenAt = c.at;
  const ctxLen = c.u8();
  out.push(
    field(
      'tls.handshake.certificate_request_context_length',
      'Certificate Request Context Length',
      String(ctxLen),
      ctxLenAt,
      1,
    ),
  );
  c.skip(ctxLen);
  const listLenAt = c.at;
  const listLen = c.u24();
  out.push(field('tls.handshake.certificates_length', 'Certificates Length', String(listLen), listLenAt, 3));
  const listAt = c.at;
  const stop = c.at + listLen;
  const certs: Field[] = [];
  while (c.at < stop) {
    const lenAt = c.at;
    const len = c.u24();
    certs.push(field('tls.handshake.certificate_length', 'Certificate Length', String(len), lenAt, 3));
    const at = c.skip(len);
    let what: string;
    try {
      const cert = parseCertificate(b.subarray(at, at + len));
      const names = cert.dnsNames.length > 0 ? ` (${cert.dnsNames.join(', ')})` : '';
      what = `subject CN=${cert.subject}${names}, issuer CN=${cert.issuer}, valid ${new Date(cert.notBefore).toISOString().slice(0, 10)} to ${new Date(cert.notAfter).toISOString().slice(0, 10)}`;
    } catch {
      what = bytesValue(b.subarray(at, at + len));
    }
    certs.push(field('tls.handshake.certificate', 'Certificate', what, at, len));
    const extLenAt = c.at;
    const extLen = c.u16();
    certs.push(field('tls.handshake.certificate_extensions_length', 'Extensions Length', String(extLen), extLenAt, 2));
    c.skip(extLen);
  }
  out.push(field('tls.handshake.certificates', 'Certificates', `(${listLen} bytes)`, listAt, listLen, certs));
}

export interface HandshakeInfo {
  type: number;
  /** "Client Hello (SNI=www.example.com)", as Wireshark's Info column. */
  info: string;
  serverName?: string;
  version13: boolean;
}

/** NewSessionTicket (RFC 8446 §4.6.1), with Wireshark's field names. */
function sessionTicketFields(c: Cursor, type: number, out: Field[]): void {
  const u32 = () => c.u16() * 0x10000 + c.u16();
  const b = c.b;
  const children: Field[] = [];
  const start = c.at;
  let at = c.at;
  const lifetime = u32();
  children.push(
    field('tls.handshake.session_ticket_lifetime_hint', 'Session Ticket Lifetime Hint', `${lifetime} seconds`, at, 4),
  );
  at = c.at;
  children.push(field('tls.handshake.session_ticket_age_add', 'Session Ticket Age Add', String(u32()), at, 4));
  at = c.at;
  const nonceLength = c.u8();
  children.push(
    field('tls.handshake.session_ticket_nonce_len', 'Session Ticket Nonce Length', String(nonceLength), at, 1),
  );
  at = c.skip(nonceLength);
  children.push(
    field(
      'tls.handshake.session_ticket_nonce',
      'Session Ticket Nonce',
      toHex(b.subarray(at, at + nonceLength)),
      at,
      nonceLength,
    ),
  );
  at = c.at;
  const ticketLength = c.u16();
  children.push(field('tls.handshake.session_ticket_length', 'Session Ticket Length', String(ticketLength), at, 2));
  at = c.skip(ticketLength);
  children.push(
    field(
      'tls.handshake.session_ticket',
      'Session Ticket',
      bytesValue(b.subarray(at, at + ticketLength)),
      at,
      ticketLength,
    ),
  );
  out.push(field('tls.handshake.session_ticket.tree', 'TLS Session Ticket', '', start, c.at - start, children));
  extensionFields(c, type, out);
}

/** One handshake message (type, length, body) at `offset`; its end lies within `end` or it is shown cut short. */
export function dissectHandshakeMessage(
  b: Uint8Array,
  offset: number,
  end: number,
): { field: Field; length: number; info: HandshakeInfo } {
  const type = b[offset];
  const name = TLS_HANDSHAKE_NAMES[type] ?? `Unknown (${type})`;
  const fields: Field[] = [field('tls.handshake.type', 'Handshake Type', `${name} (${type})`, offset, 1)];
  if (end - offset < 4) {
    return {
      field: field('tls.handshake', 'Handshake Protocol', `${name} (cut short)`, offset, end - offset, fields),
      length: end - offset,
      info: { type, info: name, version13: false },
    };
  }
  const length = u24(b, offset + 1);
  fields.push(field('tls.handshake.length', 'Length', String(length), offset + 1, 3));
  const bodyEnd = Math.min(offset + 4 + length, end);
  const c = new Cursor(b, offset + 4, bodyEnd);
  let info: HandshakeInfo = { type, info: name, version13: false };
  try {
    if (type === TlsHandshakeType.clientHello || type === TlsHandshakeType.serverHello) {
      const hello = helloFields(c, type, fields);
      info = {
        type,
        info: hello.serverName ? `${name} (SNI=${hello.serverName})` : name,
        serverName: hello.serverName,
        version13: hello.version13,
      };
    } else if (type === TlsHandshakeType.newSessionTicket) {
      sessionTicketFields(c, type, fields);
    } else if (type === TlsHandshakeType.encryptedExtensions) {
      extensionFields(c, type, fields);
    } else if (type === TlsHandshakeType.certificate) {
      certificateFields(c, fields);
    } else if (type === TlsHandshakeType.certificateVerify) {
      const algAt = c.at;
      fields.push(
        field('tls.handshake.sig_hash_alg', 'Signature Algorithm', named(TLS_SIGNATURE_NAMES, c.u16(), 4), algAt, 2),
      );
      const lenAt = c.at;
      const len = c.u16();
      fields.push(field('tls.handshake.sig_len', 'Signature length', String(len), lenAt, 2));
      const at = c.skip(len);
      fields.push(field('tls.handshake.sig', 'Signature', bytesValue(b.subarray(at, at + len)), at, len));
    } else if (type === TlsHandshakeType.finished) {
      const at = c.skip(bodyEnd - c.at);
      fields.push(field('tls.handshake.verify_data', 'Verify Data', toHex(b.subarray(at, bodyEnd)), at, bodyEnd - at));
    } else if (bodyEnd > c.at) {
      fields.push(field('tls.handshake.data', 'Data', bytesValue(b.subarray(c.at, bodyEnd)), c.at, bodyEnd - c.at));
    }
  } catch (e) {
    if (!(e instanceof Cut)) throw e;
    fields.push(
      field('tls.handshake.malformed', 'Malformed', `the message ends before its fields do`, c.at, bodyEnd - c.at),
    );
  }
  const cut = offset + 4 + length > end;
  return {
    field: field(
      'tls.handshake',
      'Handshake Protocol',
      cut ? `${name} (continues in the next record)` : name,
      offset,
      bodyEnd - offset,
      fields,
    ),
    length: bodyEnd - offset,
    info,
  };
}

/** The handshake messages of a record's (or a decrypted record's) content. */
export function dissectHandshakeMessages(
  b: Uint8Array,
  offset: number,
  end: number,
): { fields: Field[]; infos: HandshakeInfo[] } {
  const fields: Field[] = [];
  const infos: HandshakeInfo[] = [];
  let at = offset;
  while (at < end) {
    const m = dissectHandshakeMessage(b, at, end);
    fields.push(m.field);
    infos.push(m.info);
    at += Math.max(1, m.length);
  }
  return { fields, infos };
}

const APP_DATA_PROTOCOLS: Record<number, string> = {
  443: 'Hypertext Transfer Protocol',
  8443: 'Hypertext Transfer Protocol',
};

function recordName(
  contentType: number,
  b: Uint8Array,
  fragmentAt: number,
  fragmentEnd: number,
  infos: HandshakeInfo[],
  appProtocol: string,
): string {
  switch (contentType) {
    case TlsContentType.handshake:
      return `Handshake Protocol: ${infos.length > 1 ? 'Multiple Handshake Messages' : (TLS_HANDSHAKE_NAMES[b[fragmentAt]] ?? 'Encrypted Handshake Message')}`;
    case TlsContentType.changeCipherSpec:
      return 'Change Cipher Spec Protocol: Change Cipher Spec';
    case TlsContentType.alert:
      return fragmentEnd - fragmentAt === 2 ? tlsAlertText(b[fragmentAt], b[fragmentAt + 1]) : 'Encrypted Alert';
    default:
      return `Application Data Protocol: ${appProtocol}`;
  }
}

/** What the Info column says for one record (its messages, "Change Cipher Spec", "Application Data", the alert). */
function recordInfo(
  contentType: number,
  b: Uint8Array,
  fragmentAt: number,
  fragmentEnd: number,
  infos: HandshakeInfo[],
): string[] {
  if (contentType === TlsContentType.handshake) return infos.map((i) => i.info);
  if (contentType === TlsContentType.alert)
    return [fragmentEnd - fragmentAt === 2 ? tlsAlertText(b[fragmentAt], b[fragmentAt + 1]) : 'Encrypted Alert'];
  return [TLS_CONTENT_TYPE_NAMES[contentType] ?? 'Unknown'];
}

/**
 * The TLS layer of a TCP payload at [offset, end), or undefined when it is not TLS (neither a record starting here
 * nor the continuation of one the tracker saw begin).
 */
export function dissectTls(
  frame: Uint8Array,
  offset: number,
  end: number,
  segment: TlsSegment,
  tracker?: TlsStreamTracker,
): Layer | undefined {
  const direction = TlsStreamTracker.direction(segment.srcIp, segment.srcPort, segment.dstIp, segment.dstPort);
  const continued = tracker?.covering(direction, segment.seq);
  if (!continued && !looksLikeTlsRecord(frame.subarray(offset, end))) return undefined;
  const appProtocol = APP_DATA_PROTOCOLS[segment.dstPort] ?? APP_DATA_PROTOCOLS[segment.srcPort] ?? 'Application Data';
  const fields: Field[] = [];
  const info: string[] = [];
  const known13 = () => tracker?.isTls13(direction) ?? false;
  let at = offset;
  if (continued) {
    const { record, done } = continued;
    const here = Math.min(end - offset, record.total - done);
    const ends = done + here === record.total;
    const label = `${known13() ? 'TLSv1.3' : 'TLS'} Record Layer`;
    fields.push(
      field(
        'tls.record.continuation',
        `Continuation of ${label}`,
        `${record.name}, bytes ${done + 1}–${done + here} of ${record.total}${ends ? '' : ' (continues in the next segment)'}`,
        offset,
        here,
      ),
    );
    if (ends) info.push(...record.nameInfo);
    at = offset + here;
  }
  while (at < end) {
    if (end - at < TLS_RECORD_HEADER_LENGTH || !looksLikeTlsRecord(frame.subarray(at, end))) {
      fields.push(
        field(
          'tls.data',
          end - at < TLS_RECORD_HEADER_LENGTH
            ? 'Start of a record (header continues in the next segment)'
            : 'Data that is not a TLS record',
          bytesValue(frame.subarray(at, end)),
          at,
          end - at,
        ),
      );
      break;
    }
    const contentType = frame[at];
    const version = u16(frame, at + 1);
    const length = u16(frame, at + 3);
    const fragmentAt = at + TLS_RECORD_HEADER_LENGTH;
    const recordEnd = fragmentAt + length;
    const fragmentEnd = Math.min(recordEnd, end);
    const whole = recordEnd <= end;
    const children: Field[] = [];
    const encrypted = contentType === TlsContentType.applicationData;
    children.push(
      field(
        encrypted ? 'tls.record.opaque_type' : 'tls.record.content_type',
        encrypted ? 'Opaque Type' : 'Content Type',
        named(TLS_CONTENT_TYPE_NAMES, contentType),
        at,
        1,
      ),
    );
    children.push(field('tls.record.version', 'Version', tlsVersionName(version), at + 1, 2));
    children.push(field('tls.record.length', 'Length', String(length), at + 3, 2));
    let infos: HandshakeInfo[] = [];
    if (contentType === TlsContentType.handshake) {
      const messages = dissectHandshakeMessages(frame, fragmentAt, fragmentEnd);
      children.push(...messages.fields);
      infos = messages.infos;
      if (infos.some((i) => i.version13)) tracker?.markTls13(direction);
    } else if (contentType === TlsContentType.changeCipherSpec) {
      children.push(
        field('tls.change_cipher_spec', 'Change Cipher Spec Message', '', fragmentAt, fragmentEnd - fragmentAt),
      );
    } else if (contentType === TlsContentType.alert && length === 2 && whole) {
      children.push(
        field('tls.alert_message', 'Alert Message', '', fragmentAt, 2, [
          field('tls.alert_message.level', 'Level', named(ALERT_LEVELS, frame[fragmentAt]), fragmentAt, 1),
          field(
            'tls.alert_message.desc',
            'Description',
            named(TLS_ALERT_DESCRIPTIONS, frame[fragmentAt + 1]),
            fragmentAt + 1,
            1,
          ),
        ]),
      );
    } else if (fragmentEnd > fragmentAt) {
      children.push(
        field(
          'tls.app_data',
          'Encrypted Application Data',
          bytesValue(frame.subarray(fragmentAt, fragmentEnd)),
          fragmentAt,
          fragmentEnd - fragmentAt,
        ),
      );
    }
    const name = recordName(contentType, frame, fragmentAt, fragmentEnd, infos, appProtocol);
    const versionLabel = known13() ? 'TLSv1.3' : (RECORD_VERSION_LABELS[version] ?? 'TLS');
    if (!whole) {
      children.push(
        field(
          'tls.record.continues',
          'Continues in the next segment',
          `${recordEnd - end} of its ${length + TLS_RECORD_HEADER_LENGTH} bytes`,
          end,
          0,
        ),
      );
      tracker?.remember(direction, {
        startSeq: (segment.seq + (at - offset)) >>> 0,
        total: length + TLS_RECORD_HEADER_LENGTH,
        contentType,
        name,
        nameInfo: recordInfo(contentType, frame, fragmentAt, fragmentEnd, infos),
      });
    } else {
      info.push(...recordInfo(contentType, frame, fragmentAt, fragmentEnd, infos));
    }
    fields.push(field('tls.record', `${versionLabel} Record Layer`, name, at, fragmentEnd - at, children));
    at = fragmentEnd;
  }
  return {
    protocol: 'tls',
    summary: info.length > 0 ? info.join(', ') : '[TCP segment of a reassembled PDU]',
    offset,
    length: end - offset,
    fields,
  };
}
