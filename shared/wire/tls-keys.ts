// The TLS 1.3 key schedule (RFC 8446 §7.1) for TLS_AES_128_GCM_SHA256 without a PSK: HKDF-SHA256 from the
// X25519 shared secret to the handshake and application traffic secrets, their AES keys and IVs, and the
// Finished keys. Also the NSS key log lines that let Wireshark decrypt (the same secrets, nothing more).
import { sha256 } from '@noble/hashes/sha2.js';
import { extract, expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { TlsWriter, asciiBytes, concatBytes, toHex } from './tls-codec';

const HASH_LENGTH = 32;
const ZEROS = new Uint8Array(HASH_LENGTH);
const EMPTY_HASH = sha256(new Uint8Array(0));

export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const info = new TlsWriter()
    .u16(length)
    .vector(1, asciiBytes('tls13 ' + label))
    .vector(1, context)
    .finish();
  return expand(sha256, secret, info, length);
}

export function deriveSecret(secret: Uint8Array, label: string, transcriptHash: Uint8Array): Uint8Array {
  return hkdfExpandLabel(secret, label, transcriptHash, HASH_LENGTH);
}

export function transcriptHash(messages: Uint8Array[]): Uint8Array {
  return sha256(concatBytes(...messages));
}

export interface TrafficKeys {
  secret: Uint8Array;
  key: Uint8Array;
  iv: Uint8Array;
}

export function trafficKeys(secret: Uint8Array): TrafficKeys {
  return {
    secret,
    key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), 16),
    iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), 12),
  };
}

export interface HandshakeSecrets {
  handshakeSecret: Uint8Array;
  client: Uint8Array;
  server: Uint8Array;
}

/** From the (EC)DHE shared secret and the hash of ClientHello..ServerHello. */
export function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array): HandshakeSecrets {
  const early = extract(sha256, ZEROS, new Uint8Array(1)); // HKDF-Extract(salt 0, IKM 0): no PSK
  const handshakeSecret = extract(sha256, sharedSecret, deriveSecret(early, 'derived', EMPTY_HASH));
  return {
    handshakeSecret,
    client: deriveSecret(handshakeSecret, 'c hs traffic', helloHash),
    server: deriveSecret(handshakeSecret, 's hs traffic', helloHash),
  };
}

/** From the handshake secret and the hash of ClientHello..server Finished. */
export function applicationSecrets(
  handshakeSecret: Uint8Array,
  serverFinishedHash: Uint8Array,
): { client: Uint8Array; server: Uint8Array } {
  const master = extract(sha256, ZEROS, deriveSecret(handshakeSecret, 'derived', EMPTY_HASH));
  return {
    client: deriveSecret(master, 'c ap traffic', serverFinishedHash),
    server: deriveSecret(master, 's ap traffic', serverFinishedHash),
  };
}

/** verify_data of a Finished message (RFC 8446 §4.4.4). */
export function finishedVerifyData(baseSecret: Uint8Array, hash: Uint8Array): Uint8Array {
  return hmac(sha256, hkdfExpandLabel(baseSecret, 'finished', new Uint8Array(0), HASH_LENGTH), hash);
}

/** The bytes a CertificateVerify signs (RFC 8446 §4.4.3). */
export function certificateVerifyContent(side: 'server' | 'client', hash: Uint8Array): Uint8Array {
  return concatBytes(
    new Uint8Array(64).fill(0x20),
    asciiBytes(`TLS 1.3, ${side} CertificateVerify`),
    new Uint8Array(1),
    hash,
  );
}

export interface TlsKeyLog {
  clientRandom: Uint8Array;
  clientHandshake: Uint8Array;
  serverHandshake: Uint8Array;
  clientTraffic?: Uint8Array;
  serverTraffic?: Uint8Array;
}

/** NSS key log format (SSLKEYLOGFILE), as Wireshark and tshark read it. */
export function keyLogLines(log: TlsKeyLog): string {
  const r = toHex(log.clientRandom);
  const lines = [
    `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${r} ${toHex(log.clientHandshake)}`,
    `SERVER_HANDSHAKE_TRAFFIC_SECRET ${r} ${toHex(log.serverHandshake)}`,
  ];
  if (log.clientTraffic) lines.push(`CLIENT_TRAFFIC_SECRET_0 ${r} ${toHex(log.clientTraffic)}`);
  if (log.serverTraffic) lines.push(`SERVER_TRAFFIC_SECRET_0 ${r} ${toHex(log.serverTraffic)}`);
  return lines.join('\n') + '\n';
}
