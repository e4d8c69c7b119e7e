// X.509 v3 certificates (RFC 5280) for ECDSA P-256 keys: a minimal DER writer for the fields a web server's and a
// certificate authority's certificates need, the reader a browser uses to check them, and the checks whose
// failures browsers name (ERR_CERT_AUTHORITY_INVALID, ERR_CERT_DATE_INVALID, ERR_CERT_COMMON_NAME_INVALID).
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { WireError } from './error';
import { asciiBytes, concatBytes } from './tls-codec';

// ---- DER writing ----

function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(Uint8Array.of(tag), derLength(body.length), body);
}

const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const set = (...c: Uint8Array[]) => tlv(0x31, ...c);
const explicit = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);
const octets = (b: Uint8Array) => tlv(0x04, b);
const bitString = (b: Uint8Array, unused = 0) => tlv(0x03, Uint8Array.of(unused), b);

function integer(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0 && bytes[i + 1] < 0x80) i++;
  const b = bytes.slice(i);
  return tlv(0x02, b[0] >= 0x80 ? concatBytes(Uint8Array.of(0), b) : b);
}

function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const b: number[] = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function time(ms: number): Uint8Array {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, '0');
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return y < 2050
    ? tlv(0x17, asciiBytes(String(y % 100).padStart(2, '0') + rest))
    : tlv(0x18, asciiBytes(String(y) + rest));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

function name(cn: string): Uint8Array {
  return seq(set(seq(oid(OID.commonName), tlv(0x0c, new TextEncoder().encode(cn)))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), tlv(0x01, Uint8Array.of(0xff)), octets(value)) : seq(oid(id), octets(value));
}

export interface CertificateSpec {
  serial: Uint8Array;
  issuer: string;
  subject: string;
  /** Milliseconds since 1970 (UTC). */
  notBefore: number;
  notAfter: number;
  /** Uncompressed P-256 point (65 bytes). */
  publicKey: Uint8Array;
  isCa: boolean;
  /** subjectAltName dNSName entries (a server certificate's names). */
  dnsNames: string[];
}

export interface P256KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A P-256 key pair derived from a label (seed and what it is for): same label, same key. */
export function p256KeyFromLabel(label: string): P256KeyPair {
  for (let counter = 0; ; counter++) {
    const secretKey = sha256(asciiBytes(`${label}#${counter}`));
    if (p256.utils.isValidSecretKey(secretKey)) return { secretKey, publicKey: p256.getPublicKey(secretKey, false) };
  }
}

/** Signs `spec` with the issuer's key (the CA's own key for a self-signed root) and returns the DER. */
export function issueCertificate(spec: CertificateSpec, issuer: P256KeyPair): Uint8Array {
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const extensions: Uint8Array[] = [
    extension(OID.basicConstraints, true, spec.isCa ? seq(tlv(0x01, Uint8Array.of(0xff))) : seq()),
    extension(OID.keyUsage, true, spec.isCa ? bitString(Uint8Array.of(0x06), 1) : bitString(Uint8Array.of(0x80), 7)),
    extension(OID.subjectKeyId, false, octets(sha1(spec.publicKey))),
    extension(OID.authorityKeyId, false, seq(tlv(0x80, sha1(issuer.publicKey)))),
  ];
  if (!spec.isCa) extensions.push(extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))));
  if (spec.dnsNames.length > 0) {
    extensions.push(extension(OID.subjectAltName, false, seq(...spec.dnsNames.map((n) => tlv(0x82, asciiBytes(n))))));
  }
  const tbs = seq(
    explicit(0, integer(Uint8Array.of(2))),
    integer(spec.serial),
    algorithm,
    name(spec.issuer),
    seq(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    seq(seq(oid(OID.ecPublicKey), oid(OID.prime256v1)), bitString(spec.publicKey)),
    explicit(3, seq(...extensions)),
  );
  const signature = p256.sign(tbs, issuer.secretKey, { format: 'der', extraEntropy: false });
  return seq(tbs, algorithm, bitString(signature));
}

// ---- DER reading ----

interface Der {
  tag: number;
  /** The whole element (tag, length, body). */
  raw: Uint8Array;
  body: Uint8Array;
}

function readDer(buf: Uint8Array, offset: number): Der & { end: number } {
  if (offset + 2 > buf.length) throw new WireError('X.509: cut short', offset);
  const tag = buf[offset];
  let len = buf[offset + 1];
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || start + n > buf.length) throw new WireError('X.509: bad length', offset + 1);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  const end = start + len;
  if (end > buf.length) throw new WireError('X.509: element cut short', offset);
  return { tag, raw: buf.subarray(offset, end), body: buf.subarray(start, end), end };
}

function children(el: Der): Der[] {
  const out: Der[] = [];
  for (let o = 0; o < el.body.length;) {
    const c = readDer(el.body, o);
    out.push(c);
    o = c.end;
  }
  return out;
}

function oidText(body: Uint8Array): string {
  const parts = [Math.floor(body[0] / 40), body[0] % 40];
  let v = 0;
  for (const b of body.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function readTime(el: Der): number {
  const s = String.fromCharCode(...el.body);
  const full = el.tag === 0x17 ? (Number(s.slice(0, 2)) >= 50 ? '19' : '20') + s : s;
  const n = (a: number, b: number) => Number(full.slice(a, b));
  return Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14));
}

function readCommonName(el: Der): string {
  for (const rdn of children(el)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (oidText(type.body) === OID.commonName) return new TextDecoder().decode(value.body);
    }
  }
  return '';
}

export interface ParsedCertificate {
  tbs: Uint8Array;
  signature: Uint8Array;
  serial: Uint8Array;
  issuer: string;
  subject: string;
  notBefore: number;
  notAfter: number;
  publicKey: Uint8Array;
  isCa: boolean;
  dnsNames: string[];
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    const cert = readDer(der, 0);
    const [tbsEl, , sigEl] = children(cert);
    const tbs = children(tbsEl);
    let i = tbs[0].tag === 0xa0 ? 1 : 0;
    const serial = tbs[i++].body.slice();
    i++; // signature algorithm
    const issuer = readCommonName(tbs[i++]);
    const [nb, na] = children(tbs[i++]);
    const subject = readCommonName(tbs[i++]);
    const spki = children(tbs[i++]);
    const publicKey = spki[1].body.slice(1);
    let isCa = false;
    const dnsNames: string[] = [];
    const extsEl = tbs.slice(i).find((e) => e.tag === 0xa3);
    if (extsEl) {
      for (const ext of children(children(extsEl)[0])) {
        const parts = children(ext);
        const id = oidText(parts[0].body);
        const value = readDer(parts[parts.length - 1].body, 0);
        if (id === OID.basicConstraints) isCa = children(value).some((c) => c.tag === 0x01 && c.body[0] !== 0);
        if (id === OID.subjectAltName) {
          for (const g of children(value)) if (g.tag === 0x82) dnsNames.push(String.fromCharCode(...g.body));
        }
      }
    }
    return {
      tbs: tbsEl.raw.slice(),
      signature: sigEl.body.slice(1),
      serial,
      issuer,
      subject,
      notBefore: readTime(nb),
      notAfter: readTime(na),
      publicKey,
      isCa,
      dnsNames,
    };
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError('X.509: not a certificate this product reads');
  }
}

export function verifyEcdsaP256(signatureDer: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return p256.verify(signatureDer, message, publicKey, { format: 'der', lowS: false });
  } catch {
    return false;
  }
}

export function signEcdsaP256(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return p256.sign(message, secretKey, { format: 'der', extraEntropy: false });
}

/** Does a certificate name (possibly `*.example.com`) cover `host`? (RFC 6125: the wildcard is one label.) */
export function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === h) return true;
  if (!p.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Why a browser refuses a server's certificate chain, in the order Chrome reports them. */
export type CertificateProblem = 'authority' | 'date' | 'name';

/**
 * Checks a chain (leaf first) against the trusted roots at time `now`: the leaf must be signed by a trusted root
 * (directly or through the chain's intermediates), be valid now, and name `host` in its subjectAltName.
 */
export function checkCertificateChain(
  chain: Uint8Array[],
  host: string,
  trusted: Uint8Array[],
  now: number,
): CertificateProblem | undefined {
  if (chain.length === 0) return 'authority';
  const certs = chain.map(parseCertificate);
  const roots = trusted.map(parseCertificate);
  let current = certs[0];
  let anchored = false;
  for (let depth = 0; depth < 8 && !anchored; depth++) {
    const root = roots.find(
      (r) => r.subject === current.issuer && verifyEcdsaP256(current.signature, current.tbs, r.publicKey),
    );
    if (root) {
      anchored = true;
      if (now < root.notBefore || now > root.notAfter) return 'date';
      break;
    }
    const next = certs.find(
      (c) =>
        c !== current &&
        c.isCa &&
        c.subject === current.issuer &&
        verifyEcdsaP256(current.signature, current.tbs, c.publicKey),
    );
    if (!next) break;
    current = next;
  }
  if (!anchored) return 'authority';
  // With several problems, the one Chrome reports (net's MapCertStatusToNetError): the name before the date.
  if (!certs[0].dnsNames.some((n) => nameMatches(n, host))) return 'name';
  if (certs.some((c) => now < c.notBefore || now > c.notAfter)) return 'date';
  return undefined;
}
