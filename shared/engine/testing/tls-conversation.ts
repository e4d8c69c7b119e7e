// Test-only (Node, vitest; never imported by the app). pc's TLS connections as a list of segments, read back with
// the wire parsers and the replay's decryption (which reads nothing but the trace), so tests can say "this flight,
// then that alert" in one line each.
import { tlsDecryption } from '../../replay/tls';
import { TlsContentType, splitTlsRecords } from '../../wire/tls-record';
import type { FrameStep, Trace } from '../trace';
import { decode, frames } from './helpers';

/** Frames on pc's own link (l1), first hop of each packet: what pc sends and receives, in order. */
export function atPc(trace: Trace): FrameStep[] {
  return frames(trace).filter((f) => f.linkId === 'l1' && (f.from.deviceId === 'pc' || f.to.deviceId === 'pc'));
}

/** pc's TCP segments to and from `port`, each as "pc>" or "<pc" with its flags, payload kind and the TLS records in it. */
export function conversation(trace: Trace, port = 443): string[] {
  const decrypted = tlsDecryption(trace);
  return atPc(trace).flatMap((f) => {
    const d = decode(f);
    if (!d.tcp || (d.tcp.repr.srcPort !== port && d.tcp.repr.dstPort !== port)) return [];
    const dir = f.from.deviceId === 'pc' ? 'pc>' : '<pc';
    const fl = d.tcp.repr.flags;
    const flags = [fl.syn && 'SYN', fl.fin && 'FIN', fl.rst && 'RST', fl.ack && 'ACK'].filter(Boolean).join(',');
    // records in clear as they are; encrypted ones (content type 23 outside) by what the replay decrypts them to
    const opened = [...(decrypted.get(f.packetId) ?? [])];
    const records = splitTlsRecords(d.tcp.payload).records.map(({ repr }) =>
      describeRecord(repr.contentType === TlsContentType.applicationData ? opened.shift()! : repr),
    );
    return [`${dir} ${flags}${d.tcp.payload.length ? ' ' + records.join(' ') : ''}`];
  });
}

function describeRecord(r: { contentType: number; plaintext?: Uint8Array; fragment?: Uint8Array }): string {
  const bytes = r.plaintext ?? r.fragment!;
  if (r.contentType === TlsContentType.handshake) return `hs${[...handshakeTypes(bytes)].join('+')}`;
  if (r.contentType === TlsContentType.alert) return `alert${bytes[1]}`;
  if (r.contentType === TlsContentType.applicationData)
    return `app:${new TextDecoder().decode(bytes).split('\r\n')[0]}`;
  return `ct${r.contentType}`;
}

function* handshakeTypes(plaintext: Uint8Array): Generator<number> {
  for (
    let o = 0;
    o + 4 <= plaintext.length;
    o += 4 + ((plaintext[o + 1] << 16) | (plaintext[o + 2] << 8) | plaintext[o + 3])
  )
    yield plaintext[o];
}
