// Certificates as configuration: a network's certificate authorities and the servers' certificates they issue,
// made deterministically from names (same names, same bytes), stored in the file as base64 DER, and read back
// for the inspector, the checks and the engine.
import {
  checkCertificateChain,
  issueCertificate,
  parseCertificate,
  p256KeyFromLabel,
  type CertificateProblem,
  type P256KeyPair,
} from '../wire/tls-cert';
import { fromBase64, toBase64 } from '../wire/tls-codec';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CertificateAuthority, Device, TlsServerConfig, Topology } from './schema';

/**
 * The simulation's wall clock: trace time 0 is this date (HTTP Date headers, capture timestamps) and certificates
 * are checked against it. The simulation never reads a real clock.
 */
export const SIMULATED_NOW_MS = Date.UTC(2026, 10, 21, 9, 0, 0);

const DAY_MS = 86_400_000;
/** A root valid ten years around the simulated date. */
const AUTHORITY_NOT_BEFORE_MS = Date.UTC(2026, 0, 1);
const AUTHORITY_NOT_AFTER_MS = Date.UTC(2036, 0, 1);
/** A server certificate as a public CA issues it today: about a year (browsers refuse more than 398 days). */
const SERVER_NOT_BEFORE_MS = Date.UTC(2026, 10, 1);
const SERVER_VALID_DAYS = 365;

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** subjectAltName DNS names. */
  names: string[];
  notBefore: number;
  notAfter: number;
  isCa: boolean;
  /** The uncompressed P-256 point the certificate binds. */
  publicKey: Uint8Array;
  der: Uint8Array;
}

/** Reads a stored certificate; undefined when it is not base64 of a certificate this product reads. */
export function readCertificate(base64: string): CertificateInfo | undefined {
  const der = fromBase64(base64);
  if (!der) return undefined;
  try {
    const c = parseCertificate(der);
    return {
      subject: c.subject,
      issuer: c.issuer,
      names: c.dnsNames,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      isCa: c.isCa,
      publicKey: c.publicKey,
      der,
    };
  } catch {
    return undefined;
  }
}

/** A stored P-256 key (the 32-byte scalar) with its public point; undefined when it is not one. */
export function readKey(base64: string): P256KeyPair | undefined {
  const secretKey = fromBase64(base64);
  if (!secretKey || secretKey.length !== 32 || !p256.utils.isValidSecretKey(secretKey)) return undefined;
  return { secretKey, publicKey: p256.getPublicKey(secretKey, false) };
}

function serialFrom(label: string): Uint8Array {
  const s = sha256(new TextEncoder().encode(`serial:${label}`)).slice(0, 16);
  s[0] &= 0x7f; // a positive INTEGER (RFC 5280 §4.1.2.2)
  return s;
}

/** A certificate authority named `commonName` (e.g. "home-to-web CA"), self-signed, from its names alone. */
export function makeAuthority(id: string, commonName: string): CertificateAuthority {
  const key = p256KeyFromLabel(`authority:${id}:${commonName}`);
  const certificate = issueCertificate(
    {
      serial: serialFrom(`authority:${id}:${commonName}`),
      issuer: commonName,
      subject: commonName,
      notBefore: AUTHORITY_NOT_BEFORE_MS,
      notAfter: AUTHORITY_NOT_AFTER_MS,
      publicKey: key.publicKey,
      isCa: true,
      dnsNames: [],
    },
    key,
  );
  return { id, certificate: toBase64(certificate), key: toBase64(key.secretKey) };
}

export interface IssueOptions {
  /** Milliseconds since 1970; default 2026-11-01, a year of validity. */
  notBefore?: number;
  notAfter?: number;
  port?: number;
}

/**
 * A server certificate for `names` (the first is the subject's common name), signed by `authority`. The key is
 * derived from the authority, the device and the names, so issuing again for the same gives the same bytes.
 */
export function issueServerCertificate(
  authority: CertificateAuthority,
  deviceId: string,
  names: string[],
  options: IssueOptions = {},
): TlsServerConfig {
  const ca = readCertificate(authority.certificate);
  const caKey = readKey(authority.key);
  if (!ca || !caKey) throw new Error(`the certificate authority ${authority.id} has no readable certificate and key`);
  const clean = names.map((n) => n.toLowerCase().replace(/\.$/, ''));
  const label = `server:${authority.id}:${deviceId}:${clean.join(',')}`;
  const key = p256KeyFromLabel(label);
  const notBefore = options.notBefore ?? SERVER_NOT_BEFORE_MS;
  const certificate = issueCertificate(
    {
      serial: serialFrom(`${label}:${notBefore}`),
      issuer: ca.subject,
      subject: clean[0] ?? deviceId,
      notBefore,
      notAfter: options.notAfter ?? notBefore + SERVER_VALID_DAYS * DAY_MS,
      publicKey: key.publicKey,
      isCa: false,
      dnsNames: clean,
    },
    caKey,
  );
  return { port: options.port ?? 443, certificate: toBase64(certificate), key: toBase64(key.secretKey) };
}

/** The authorities a host or server trusts: its list, or every authority of the network when it has none. */
export function trustedAuthorities(topology: Pick<Topology, 'authorities'>, device: Device): CertificateAuthority[] {
  const all = topology.authorities ?? [];
  if (device.kind !== 'host' && device.kind !== 'server') return [];
  const list = device.trustedAuthorities;
  return list === undefined ? all : all.filter((a) => list.includes(a.id));
}

/** The authority (of the network's) whose key signed `certificate`, if any. */
export function issuingAuthority(
  topology: Pick<Topology, 'authorities'>,
  certificate: string,
): CertificateAuthority | undefined {
  const cert = readCertificate(certificate);
  if (!cert) return undefined;
  return (topology.authorities ?? []).find((a) => {
    const ca = readCertificate(a.certificate);
    return (
      ca !== undefined &&
      checkCertificateChain([cert.der], cert.names[0] ?? '', [ca.der], cert.notBefore) !== 'authority'
    );
  });
}

/** What a browser would say about `certificate` for `host` at the simulated date, trusting `trusted`. */
export function certificateProblem(
  certificate: string,
  host: string,
  trusted: CertificateAuthority[],
  now = SIMULATED_NOW_MS,
): CertificateProblem | 'unreadable' | undefined {
  const cert = readCertificate(certificate);
  if (!cert) return 'unreadable';
  const roots = trusted.map((a) => readCertificate(a.certificate)?.der).filter((d): d is Uint8Array => d !== undefined);
  return checkCertificateChain([cert.der], host, roots, now);
}
