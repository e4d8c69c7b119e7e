// Record protection (RFC 8446 §5.2-5.3): TLSInnerPlaintext (content, real type, no padding) sealed with AES-128-GCM
// under a per-record nonce (the IV XOR the record's sequence number); the record header is the additional data.
import { gcm } from '@noble/ciphers/aes.js';
import { WireError } from './error';
import { TlsContentType, TLS_LEGACY_VERSION, type TlsRecordRepr } from './tls-record';
import type { TrafficKeys } from './tls-keys';

const TAG_LENGTH = 16;

function nonce(iv: Uint8Array, seq: number): Uint8Array {
  const n = iv.slice();
  // Sequence numbers here stay far below 2^53; write them as 64 bits big-endian into the last 8 bytes.
  let s = seq;
  for (let i = 11; i >= 4 && s > 0; i--) {
    n[i] ^= s % 256;
    s = Math.floor(s / 256);
  }
  return n;
}

function header(length: number): Uint8Array {
  return Uint8Array.of(
    TlsContentType.applicationData,
    TLS_LEGACY_VERSION >> 8,
    TLS_LEGACY_VERSION & 0xff,
    length >> 8,
    length & 0xff,
  );
}

/** One direction's protection state: its keys and the next sequence number. */
export class RecordProtection {
  private seq = 0;

  constructor(readonly keys: TrafficKeys) {}

  seal(contentType: number, content: Uint8Array): TlsRecordRepr {
    const inner = new Uint8Array(content.length + 1);
    inner.set(content, 0);
    inner[content.length] = contentType;
    const aad = header(inner.length + TAG_LENGTH);
    const fragment = gcm(this.keys.key, nonce(this.keys.iv, this.seq++), aad).encrypt(inner);
    return { contentType: TlsContentType.applicationData, version: TLS_LEGACY_VERSION, fragment };
  }

  open(record: TlsRecordRepr): { contentType: number; content: Uint8Array } {
    if (record.contentType !== TlsContentType.applicationData) {
      throw new WireError(`TLS: an encrypted record must be application_data, got ${record.contentType}`);
    }
    let inner: Uint8Array;
    try {
      inner = gcm(this.keys.key, nonce(this.keys.iv, this.seq), header(record.fragment.length)).decrypt(
        record.fragment,
      );
    } catch {
      throw new WireError('TLS: a record failed to decrypt (bad_record_mac)');
    }
    this.seq++;
    let end = inner.length;
    while (end > 0 && inner[end - 1] === 0) end--;
    if (end === 0) throw new WireError('TLS: a decrypted record has no content type');
    return { contentType: inner[end - 1], content: inner.slice(0, end - 1) };
  }
}
