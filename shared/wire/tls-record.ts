// TLS record layer (RFC 8446 §5): content type, legacy version, length, fragment. In TLS 1.3 every record after
// ServerHello (except the compatibility ChangeCipherSpec) is application_data on the outside; its real type is
// inside the encrypted TLSInnerPlaintext (see tls-protect.ts).
import { WireError } from './error';

export const TlsContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;

export const TLS_CONTENT_TYPE_NAMES: Record<number, string> = {
  20: 'Change Cipher Spec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application Data',
};

/** The record version every TLS 1.3 record carries (RFC 8446 §5.1), except the first ClientHello's 0x0301. */
export const TLS_LEGACY_VERSION = 0x0303;
export const TLS_RECORD_HEADER_LENGTH = 5;
/** 2^14 plaintext + 256 of expansion is the most a TLS 1.3 record may carry (RFC 8446 §5.2). */
export const TLS_MAX_RECORD_LENGTH = (1 << 14) + 256;

export interface TlsRecordRepr {
  contentType: number;
  version: number;
  fragment: Uint8Array;
}

export function emitTlsRecord(repr: TlsRecordRepr): Uint8Array {
  if (repr.fragment.length > TLS_MAX_RECORD_LENGTH) {
    throw new WireError(`TLS: a record of ${repr.fragment.length} bytes is longer than ${TLS_MAX_RECORD_LENGTH}`);
  }
  const out = new Uint8Array(TLS_RECORD_HEADER_LENGTH + repr.fragment.length);
  out[0] = repr.contentType;
  out[1] = repr.version >> 8;
  out[2] = repr.version & 0xff;
  out[3] = repr.fragment.length >> 8;
  out[4] = repr.fragment.length & 0xff;
  out.set(repr.fragment, TLS_RECORD_HEADER_LENGTH);
  return out;
}

/** True when `bytes` starts like a TLS record (a known content type and a 3.x version): how a dissector tells. */
export function looksLikeTlsRecord(bytes: Uint8Array): boolean {
  return (
    bytes.length >= TLS_RECORD_HEADER_LENGTH && bytes[0] >= 20 && bytes[0] <= 23 && bytes[1] === 3 && bytes[2] <= 4
  );
}

/** A record found in a byte stream, with where it starts. */
export interface TlsRecordSpan {
  repr: TlsRecordRepr;
  offset: number;
  length: number;
}

/** Parses one whole record at `offset`; throws when the bytes are not a record or it is cut short. */
export function parseTlsRecord(bytes: Uint8Array, offset = 0): TlsRecordSpan {
  if (bytes.length - offset < TLS_RECORD_HEADER_LENGTH) {
    throw new WireError('TLS: a record header needs 5 bytes', bytes.length);
  }
  const contentType = bytes[offset];
  if (!(contentType in TLS_CONTENT_TYPE_NAMES)) {
    throw new WireError(`TLS: unknown record content type ${contentType}`, offset);
  }
  const version = (bytes[offset + 1] << 8) | bytes[offset + 2];
  const length = (bytes[offset + 3] << 8) | bytes[offset + 4];
  if (length > TLS_MAX_RECORD_LENGTH) throw new WireError(`TLS: record length ${length} is too long`, offset + 3);
  const end = offset + TLS_RECORD_HEADER_LENGTH + length;
  if (end > bytes.length) throw new WireError(`TLS: record of ${length} bytes is cut short`, bytes.length);
  return {
    repr: { contentType, version, fragment: bytes.slice(offset + TLS_RECORD_HEADER_LENGTH, end) },
    offset,
    length: end - offset,
  };
}

/**
 * Splits a stream into its whole records; `rest` is the start of a record that has not fully arrived (TCP
 * delivers bytes, not records).
 */
export function splitTlsRecords(bytes: Uint8Array): { records: TlsRecordSpan[]; rest: Uint8Array } {
  const records: TlsRecordSpan[] = [];
  let offset = 0;
  while (bytes.length - offset >= TLS_RECORD_HEADER_LENGTH) {
    const length = (bytes[offset + 3] << 8) | bytes[offset + 4];
    if (bytes.length - offset < TLS_RECORD_HEADER_LENGTH + length) break;
    const span = parseTlsRecord(bytes, offset);
    records.push(span);
    offset += span.length;
  }
  return { records, rest: bytes.slice(offset) };
}

/** Alert (RFC 8446 §6): level and description. */
export interface TlsAlertRepr {
  level: number;
  description: number;
}

export const TlsAlertLevel = { warning: 1, fatal: 2 } as const;

export const TlsAlertDescription = {
  closeNotify: 0,
  unexpectedMessage: 10,
  badRecordMac: 20,
  handshakeFailure: 40,
  badCertificate: 42,
  certificateExpired: 45,
  certificateUnknown: 46,
  illegalParameter: 47,
  unknownCa: 48,
  decodeError: 50,
  decryptError: 51,
  protocolVersion: 70,
  internalError: 80,
  missingExtension: 109,
  unrecognizedName: 112,
  noApplicationProtocol: 120,
} as const;

export const TLS_ALERT_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(TlsAlertDescription).map(([name, code]) => [
    code,
    name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()),
  ]),
);

export function emitTlsAlert(repr: TlsAlertRepr): Uint8Array {
  return Uint8Array.of(repr.level, repr.description);
}

export function parseTlsAlert(bytes: Uint8Array): TlsAlertRepr {
  if (bytes.length !== 2) throw new WireError(`TLS: an alert is 2 bytes, got ${bytes.length}`);
  return { level: bytes[0], description: bytes[1] };
}
