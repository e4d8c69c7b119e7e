// TLS 1.3 handshake messages (RFC 8446 §4) and the extensions this product sends and reads. Each message is
// `type u8, length u24, body`; the transcript hash runs over exactly these bytes.
import { WireError } from './error';
import { TlsReader, TlsWriter, asciiBytes } from './tls-codec';

export const TlsHandshakeType = {
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  certificateVerify: 15,
  finished: 20,
} as const;

export const TLS_HANDSHAKE_NAMES: Record<number, string> = {
  1: 'Client Hello',
  2: 'Server Hello',
  4: 'New Session Ticket',
  8: 'Encrypted Extensions',
  11: 'Certificate',
  15: 'Certificate Verify',
  20: 'Finished',
};

export const TlsExtensionType = {
  serverName: 0,
  supportedGroups: 10,
  signatureAlgorithms: 13,
  alpn: 16,
  supportedVersions: 43,
  pskKeyExchangeModes: 45,
  keyShare: 51,
} as const;

export const TLS_EXTENSION_NAMES: Record<number, string> = {
  0: 'server_name',
  10: 'supported_groups',
  13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation',
  43: 'supported_versions',
  45: 'psk_key_exchange_modes',
  51: 'key_share',
};

export const TLS_AES_128_GCM_SHA256 = 0x1301;
export const TLS_VERSION_1_3 = 0x0304;
export const TLS_GROUP_X25519 = 0x001d;
export const TLS_GROUP_SECP256R1 = 0x0017;
export const TLS_SIG_ECDSA_SECP256R1_SHA256 = 0x0403;
export const TLS_SIG_RSA_PSS_RSAE_SHA256 = 0x0804;
export const TLS_SIG_RSA_PKCS1_SHA256 = 0x0401;
export const TLS_PSK_DHE_KE = 1;

export const TLS_CIPHER_SUITE_NAMES: Record<number, string> = {
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
};
export const TLS_GROUP_NAMES: Record<number, string> = { 0x001d: 'x25519', 0x0017: 'secp256r1', 0x0018: 'secp384r1' };
export const TLS_SIGNATURE_NAMES: Record<number, string> = {
  0x0403: 'ecdsa_secp256r1_sha256',
  0x0804: 'rsa_pss_rsae_sha256',
  0x0401: 'rsa_pkcs1_sha256',
  0x0807: 'ed25519',
};

export interface TlsExtension {
  type: number;
  data: Uint8Array;
}

export interface ClientHelloRepr {
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuites: number[];
  extensions: TlsExtension[];
}

export interface ServerHelloRepr {
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  extensions: TlsExtension[];
}

export interface CertificateEntry {
  data: Uint8Array;
  extensions: Uint8Array;
}

export interface CertificateRepr {
  context: Uint8Array;
  entries: CertificateEntry[];
}

/**
 * NewSessionTicket (RFC 8446 §4.6.1), sent by the server after the handshake: a ticket the client may offer later to
 * resume (a pre-shared key), its lifetime, a random that hides the ticket's age on the wire, and a nonce that makes
 * each ticket's key different.
 */
export interface NewSessionTicketRepr {
  /** ticket_lifetime, seconds (at most 7 days). */
  lifetime: number;
  /** ticket_age_add: a random u32 added to the ticket's age when the client offers it. */
  ageAdd: number;
  nonce: Uint8Array;
  /** Opaque to the client: the server's encrypted session state, or a session id it keeps. */
  ticket: Uint8Array;
  extensions: TlsExtension[];
}

export interface CertificateVerifyRepr {
  algorithm: number;
  signature: Uint8Array;
}

export type HandshakeRepr =
  | { type: 1; body: ClientHelloRepr }
  | { type: 2; body: ServerHelloRepr }
  | { type: 4; body: NewSessionTicketRepr }
  | { type: 8; body: { extensions: TlsExtension[] } }
  | { type: 11; body: CertificateRepr }
  | { type: 15; body: CertificateVerifyRepr }
  | { type: 20; body: { verifyData: Uint8Array } }
  | { type: number; body: { raw: Uint8Array } };

function writeExtensions(w: TlsWriter, extensions: TlsExtension[]): void {
  w.vector(2, (l) => {
    for (const e of extensions) l.u16(e.type).vector(2, e.data);
  });
}

function readExtensions(r: TlsReader): TlsExtension[] {
  const list = r.vector(2);
  const out: TlsExtension[] = [];
  while (list.remaining > 0) {
    const type = list.u16();
    out.push({ type, data: list.vectorBytes(2) });
  }
  return out;
}

function emitBody(repr: HandshakeRepr): Uint8Array {
  const w = new TlsWriter();
  switch (repr.type) {
    case TlsHandshakeType.clientHello: {
      const b = repr.body as ClientHelloRepr;
      w.u16(0x0303).bytes(b.random).vector(1, b.sessionId);
      w.vector(2, (l) => b.cipherSuites.forEach((c) => l.u16(c)));
      w.vector(1, Uint8Array.of(0)); // legacy_compression_methods: null only
      writeExtensions(w, b.extensions);
      break;
    }
    case TlsHandshakeType.serverHello: {
      const b = repr.body as ServerHelloRepr;
      w.u16(0x0303).bytes(b.random).vector(1, b.sessionId).u16(b.cipherSuite).u8(0);
      writeExtensions(w, b.extensions);
      break;
    }
    case TlsHandshakeType.newSessionTicket: {
      const b = repr.body as NewSessionTicketRepr;
      w.u16(b.lifetime >>> 16)
        .u16(b.lifetime & 0xffff)
        .u16(b.ageAdd >>> 16)
        .u16(b.ageAdd & 0xffff);
      w.vector(1, b.nonce).vector(2, b.ticket);
      writeExtensions(w, b.extensions);
      break;
    }
    case TlsHandshakeType.encryptedExtensions:
      writeExtensions(w, (repr.body as { extensions: TlsExtension[] }).extensions);
      break;
    case TlsHandshakeType.certificate: {
      const b = repr.body as CertificateRepr;
      w.vector(1, b.context).vector(3, (l) => {
        for (const e of b.entries) l.vector(3, e.data).vector(2, e.extensions);
      });
      break;
    }
    case TlsHandshakeType.certificateVerify: {
      const b = repr.body as CertificateVerifyRepr;
      w.u16(b.algorithm).vector(2, b.signature);
      break;
    }
    case TlsHandshakeType.finished:
      w.bytes((repr.body as { verifyData: Uint8Array }).verifyData);
      break;
    default:
      w.bytes((repr.body as { raw: Uint8Array }).raw);
  }
  return w.finish();
}

/** The message with its 4-byte header, as it goes into a record and into the transcript. */
export function emitHandshake(repr: HandshakeRepr): Uint8Array {
  return new TlsWriter().u8(repr.type).vector(3, emitBody(repr)).finish();
}

export function parseHandshakeBody(type: number, body: Uint8Array): HandshakeRepr {
  const what = `TLS ${TLS_HANDSHAKE_NAMES[type] ?? `handshake ${type}`}`;
  const r = new TlsReader(body, what);
  switch (type) {
    case TlsHandshakeType.clientHello: {
      r.u16();
      const random = r.bytes(32);
      const sessionId = r.vectorBytes(1);
      const suites = r.vector(2);
      const cipherSuites: number[] = [];
      while (suites.remaining > 0) cipherSuites.push(suites.u16());
      r.vector(1);
      const extensions = r.remaining > 0 ? readExtensions(r) : [];
      r.done();
      return { type, body: { random, sessionId, cipherSuites, extensions } };
    }
    case TlsHandshakeType.serverHello: {
      r.u16();
      const random = r.bytes(32);
      const sessionId = r.vectorBytes(1);
      const cipherSuite = r.u16();
      r.u8();
      const extensions = readExtensions(r);
      r.done();
      return { type, body: { random, sessionId, cipherSuite, extensions } };
    }
    case TlsHandshakeType.newSessionTicket: {
      const lifetime = r.u16() * 0x10000 + r.u16();
      const ageAdd = r.u16() * 0x10000 + r.u16();
      const nonce = r.vectorBytes(1);
      const ticket = r.vectorBytes(2);
      const extensions = readExtensions(r);
      r.done();
      return { type, body: { lifetime, ageAdd, nonce, ticket, extensions } };
    }
    case TlsHandshakeType.encryptedExtensions: {
      const extensions = readExtensions(r);
      r.done();
      return { type, body: { extensions } };
    }
    case TlsHandshakeType.certificate: {
      const context = r.vectorBytes(1);
      const list = r.vector(3);
      const entries: CertificateEntry[] = [];
      while (list.remaining > 0) entries.push({ data: list.vectorBytes(3), extensions: list.vectorBytes(2) });
      r.done();
      return { type, body: { context, entries } };
    }
    case TlsHandshakeType.certificateVerify: {
      const algorithm = r.u16();
      const signature = r.vectorBytes(2);
      r.done();
      return { type, body: { algorithm, signature } };
    }
    case TlsHandshakeType.finished:
      return { type, body: { verifyData: body.slice() } };
    default:
      return { type, body: { raw: body.slice() } };
  }
}

/** A handshake message found in a stream of handshake bytes: its parsed form and its exact bytes. */
export interface HandshakeSpan {
  repr: HandshakeRepr;
  bytes: Uint8Array;
  offset: number;
}

/** Splits handshake bytes (from one or more records) into whole messages; `rest` waits for the next record. */
export function splitHandshakes(bytes: Uint8Array): { messages: HandshakeSpan[]; rest: Uint8Array } {
  const messages: HandshakeSpan[] = [];
  let offset = 0;
  while (bytes.length - offset >= 4) {
    const length = (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (bytes.length - offset < 4 + length) break;
    const type = bytes[offset];
    messages.push({
      repr: parseHandshakeBody(type, bytes.slice(offset + 4, offset + 4 + length)),
      bytes: bytes.slice(offset, offset + 4 + length),
      offset,
    });
    offset += 4 + length;
  }
  return { messages, rest: bytes.slice(offset) };
}

// ---- The extensions' bodies ----

export function serverNameExtension(name: string): TlsExtension {
  const data = new TlsWriter().vector(2, (l) => l.u8(0).vector(2, asciiBytes(name))).finish();
  return { type: TlsExtensionType.serverName, data };
}

export function alpnExtension(protocols: string[]): TlsExtension {
  const data = new TlsWriter().vector(2, (l) => protocols.forEach((p) => l.vector(1, asciiBytes(p)))).finish();
  return { type: TlsExtensionType.alpn, data };
}

export function u16ListExtension(type: number, values: number[], lengthBytes: 1 | 2 = 2): TlsExtension {
  return { type, data: new TlsWriter().vector(lengthBytes, (l) => values.forEach((v) => l.u16(v))).finish() };
}

export function keyShareClientExtension(group: number, key: Uint8Array): TlsExtension {
  const data = new TlsWriter().vector(2, (l) => l.u16(group).vector(2, key)).finish();
  return { type: TlsExtensionType.keyShare, data };
}

export function keyShareServerExtension(group: number, key: Uint8Array): TlsExtension {
  return { type: TlsExtensionType.keyShare, data: new TlsWriter().u16(group).vector(2, key).finish() };
}

export function supportedVersionServerExtension(): TlsExtension {
  return { type: TlsExtensionType.supportedVersions, data: new TlsWriter().u16(TLS_VERSION_1_3).finish() };
}

export function findExtension(extensions: TlsExtension[], type: number): Uint8Array | undefined {
  return extensions.find((e) => e.type === type)?.data;
}

/** What a ClientHello's extensions say, read into plain values (what a link sees in clear). */
export interface ClientHelloView {
  serverName?: string;
  alpn: string[];
  versions: number[];
  groups: number[];
  signatureAlgorithms: number[];
  keyShares: { group: number; key: Uint8Array }[];
  pskModes: number[];
}

function readU16List(data: Uint8Array | undefined, lengthBytes: 1 | 2, what: string): number[] {
  if (!data) return [];
  const r = new TlsReader(data, what);
  const list = r.vector(lengthBytes);
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.u16());
  return out;
}

export function readServerName(data: Uint8Array): string | undefined {
  const list = new TlsReader(data, 'TLS server_name').vector(2);
  while (list.remaining > 0) {
    const kind = list.u8();
    const name = list.vectorBytes(2);
    if (kind === 0) return String.fromCharCode(...name);
  }
  return undefined;
}

export function readAlpn(data: Uint8Array | undefined): string[] {
  if (!data) return [];
  const list = new TlsReader(data, 'TLS ALPN').vector(2);
  const out: string[] = [];
  while (list.remaining > 0) out.push(String.fromCharCode(...list.vectorBytes(1)));
  return out;
}

export function viewClientHello(hello: ClientHelloRepr): ClientHelloView {
  const ext = hello.extensions;
  const sni = findExtension(ext, TlsExtensionType.serverName);
  const ks = findExtension(ext, TlsExtensionType.keyShare);
  const keyShares: { group: number; key: Uint8Array }[] = [];
  if (ks) {
    const list = new TlsReader(ks, 'TLS key_share').vector(2);
    while (list.remaining > 0) keyShares.push({ group: list.u16(), key: list.vectorBytes(2) });
  }
  const modes = findExtension(ext, TlsExtensionType.pskKeyExchangeModes);
  return {
    serverName: sni ? readServerName(sni) : undefined,
    alpn: readAlpn(findExtension(ext, TlsExtensionType.alpn)),
    versions: (() => {
      const v = findExtension(ext, TlsExtensionType.supportedVersions);
      if (!v) return [];
      const r = new TlsReader(v, 'TLS supported_versions').vector(1);
      const out: number[] = [];
      while (r.remaining > 0) out.push(r.u16());
      return out;
    })(),
    groups: readU16List(findExtension(ext, TlsExtensionType.supportedGroups), 2, 'TLS supported_groups'),
    signatureAlgorithms: readU16List(
      findExtension(ext, TlsExtensionType.signatureAlgorithms),
      2,
      'TLS signature_algorithms',
    ),
    keyShares,
    pskModes: modes ? [...new TlsReader(modes, 'TLS psk_key_exchange_modes').vectorBytes(1)] : [],
  };
}

export interface ServerHelloView {
  version?: number;
  keyShare?: { group: number; key: Uint8Array };
}

export function viewServerHello(hello: ServerHelloRepr): ServerHelloView {
  const v = findExtension(hello.extensions, TlsExtensionType.supportedVersions);
  const ks = findExtension(hello.extensions, TlsExtensionType.keyShare);
  let keyShare: ServerHelloView['keyShare'];
  if (ks) {
    const r = new TlsReader(ks, 'TLS key_share');
    keyShare = { group: r.u16(), key: r.vectorBytes(2) };
  }
  if (v && v.length !== 2) throw new WireError('TLS: supported_versions in ServerHello must be 2 bytes');
  return { version: v ? (v[0] << 8) | v[1] : undefined, keyShare };
}
