// What the replay shows of TLS: the records' plaintext, decrypted from the trace's frames with the session keys of
// the trace's key log (the same NSS key log the pcapng carries for Wireshark — one source of truth), and what an
// observer on a link sees of a TLS frame. Decryption works as Wireshark's does: each direction's TCP stream is put
// back together from its segments, split into records, and the protected ones opened in order, with the handshake
// keys until that side's Finished and the traffic keys after it.
import type { FrameStep, Trace } from '../engine/trace';
import { fromHex, toHex } from '../wire/address';
import { dissectHttp } from '../wire/dissect/http';
import { dissectHandshakeMessages, tlsAlertText } from '../wire/dissect/tls';
import { field } from '../wire/dissect/fields';
import type { Field, Layer } from '../wire/field';
import { trafficKeys } from '../wire/tls-keys';
import { RecordProtection } from '../wire/tls-protect';
import { TlsContentType, TLS_CONTENT_TYPE_NAMES, TLS_RECORD_HEADER_LENGTH } from '../wire/tls-record';
import { TlsHandshakeType } from '../wire/tls-handshake';
import { findLayer, ipv4Info, tcpInfo } from './frameInfo';

/** One connection's secrets from an NSS key log, by client random. */
export interface TlsSecrets {
  clientHandshake?: Uint8Array;
  serverHandshake?: Uint8Array;
  clientTraffic?: Uint8Array;
  serverTraffic?: Uint8Array;
}

const LABELS: Record<string, keyof TlsSecrets> = {
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: 'clientHandshake',
  SERVER_HANDSHAKE_TRAFFIC_SECRET: 'serverHandshake',
  CLIENT_TRAFFIC_SECRET_0: 'clientTraffic',
  SERVER_TRAFFIC_SECRET_0: 'serverTraffic',
};

/** Reads an NSS key log (SSLKEYLOGFILE format); lines it does not know are skipped, as Wireshark does. */
export function parseKeyLog(text: string): Map<string, TlsSecrets> {
  const out = new Map<string, TlsSecrets>();
  for (const line of text.split(/\r?\n/)) {
    const [label, random, secret] = line.trim().split(/\s+/);
    const key = LABELS[label];
    if (!key || !/^[0-9a-f]{64}$/i.test(random ?? '') || !/^([0-9a-f]{2})+$/i.test(secret ?? '')) continue;
    const entry = out.get(random.toLowerCase()) ?? {};
    entry[key] = fromHex(secret);
    out.set(random.toLowerCase(), entry);
  }
  return out;
}

/** A record's plaintext, on the frame where the record ends (as Wireshark shows it there). */
export interface DecryptedRecord {
  /** The real content type (inside the encryption). */
  contentType: number;
  /** Which keys opened it. */
  keys: 'handshake' | 'application';
  plaintext: Uint8Array;
  /** The plaintext dissected: handshake messages, an alert, or HTTP; offsets are into `plaintext`. */
  layer: Layer;
}

interface Piece {
  packetId: number;
  seq: number;
  bytes: Uint8Array;
}

interface Direction {
  pieces: Piece[];
  /** The first payload byte's sequence number. */
  isn?: number;
}

/** Puts a direction's stream back together (first copy of each sequence range wins) and says which packet ends where. */
function reassemble(d: Direction): { stream: Uint8Array; endsAt: { end: number; packetId: number }[] } {
  const sorted = [...d.pieces].sort((a, b) => ((a.seq - d.isn!) >>> 0) - ((b.seq - d.isn!) >>> 0));
  const chunks: Uint8Array[] = [];
  const endsAt: { end: number; packetId: number }[] = [];
  let length = 0;
  for (const p of sorted) {
    const at = (p.seq - d.isn!) >>> 0;
    if (at > length) break; // a hole: nothing after it can be read
    const fresh = p.bytes.subarray(length - at);
    if (fresh.length === 0) continue;
    chunks.push(fresh);
    length += fresh.length;
    endsAt.push({ end: length, packetId: p.packetId });
  }
  const stream = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    stream.set(c, o);
    o += c.length;
  }
  return { stream, endsAt };
}

function plaintextLayer(contentType: number, plaintext: Uint8Array): Layer {
  let fields: Field[];
  let summary: string;
  if (contentType === TlsContentType.handshake) {
    const messages = dissectHandshakeMessages(plaintext, 0, plaintext.length);
    fields = messages.fields;
    summary = messages.infos.map((i) => i.info).join(', ');
  } else if (contentType === TlsContentType.alert && plaintext.length === 2) {
    summary = tlsAlertText(plaintext[0], plaintext[1]);
    fields = [field('tls.alert_message', 'Alert Message', summary, 0, 2)];
  } else if (contentType === TlsContentType.applicationData) {
    const http = dissectHttp(plaintext, 0, plaintext.length);
    if (http) return http;
    summary = 'Application Data';
    fields = [field('tls.app_data', 'Application Data', `${plaintext.length} bytes`, 0, plaintext.length)];
  } else {
    summary = TLS_CONTENT_TYPE_NAMES[contentType] ?? `Content type ${contentType}`;
    fields = [];
  }
  return { protocol: 'tls', summary, offset: 0, length: plaintext.length, fields };
}

/** One direction of a connection, decrypted: every protected record in order, on the packet where it ends. */
function decryptDirection(
  d: Direction,
  secrets: TlsSecrets,
  side: 'client' | 'server',
  out: Map<number, DecryptedRecord[]>,
): void {
  const { stream, endsAt } = reassemble(d);
  const handshake = side === 'client' ? secrets.clientHandshake : secrets.serverHandshake;
  const traffic = side === 'client' ? secrets.clientTraffic : secrets.serverTraffic;
  let reader = handshake ? new RecordProtection(trafficKeys(handshake)) : undefined;
  let keys: DecryptedRecord['keys'] = 'handshake';
  let at = 0;
  let e = 0;
  while (reader && at + TLS_RECORD_HEADER_LENGTH <= stream.length) {
    const type = stream[at];
    const length = (stream[at + 3] << 8) | stream[at + 4];
    const end = at + TLS_RECORD_HEADER_LENGTH + length;
    if (end > stream.length) break;
    if (type === TlsContentType.applicationData) {
      let opened: { contentType: number; content: Uint8Array };
      try {
        opened = reader.open({
          contentType: type,
          version: (stream[at + 1] << 8) | stream[at + 2],
          fragment: stream.slice(at + TLS_RECORD_HEADER_LENGTH, end),
        });
      } catch {
        return; // wrong keys: the rest of this direction stays encrypted, as in Wireshark
      }
      while (endsAt[e].end < end) e++;
      const packetId = endsAt[e].packetId;
      const list = out.get(packetId) ?? [];
      list.push({
        contentType: opened.contentType,
        keys,
        plaintext: opened.content,
        layer: plaintextLayer(opened.contentType, opened.content),
      });
      out.set(packetId, list);
      if (keys === 'handshake' && opened.contentType === TlsContentType.handshake && containsFinished(opened.content)) {
        if (!traffic) return;
        reader = new RecordProtection(trafficKeys(traffic));
        keys = 'application';
      }
    }
    at = end;
  }
}

function containsFinished(content: Uint8Array): boolean {
  for (let o = 0; o + 4 <= content.length; o += 4 + ((content[o + 1] << 16) | (content[o + 2] << 8) | content[o + 3])) {
    if (content[o] === TlsHandshakeType.finished) return true;
  }
  return false;
}

const decryptions = new WeakMap<Trace, Map<number, DecryptedRecord[]>>();

/**
 * The decrypted records of every TLS frame of the trace, by packet id (every hop of a packet carries the same
 * records: no device on the way can read or change them). Empty without a key log. Cached per trace.
 */
export function tlsDecryption(trace: Trace): Map<number, DecryptedRecord[]> {
  const cached = decryptions.get(trace);
  if (cached) return cached;
  const out = new Map<number, DecryptedRecord[]>();
  decryptions.set(trace, out);
  const secrets = parseKeyLog(trace.tlsKeyLog ?? '');
  if (secrets.size === 0) return out;
  // Each packet once, on its first hop; a direction is named by the addresses on that hop (NAT may show the two
  // directions of one connection with different addresses, so they are paired by the ClientHello's session id,
  // which the ServerHello echoes).
  const seen = new Set<number>();
  const directions = new Map<string, Direction>();
  for (const step of trace.steps) {
    if (step.type !== 'frame' || seen.has(step.packetId)) continue;
    seen.add(step.packetId);
    const ip = ipv4Info(step);
    const tcp = tcpInfo(step);
    const tls = findLayer(step, 'tls');
    if (!ip || !tcp || !tls || tcp.payloadLength === 0) continue;
    const key = `${ip.src}:${tcp.srcPort}>${ip.dst}:${tcp.dstPort}`;
    const d = directions.get(key) ?? { pieces: [] };
    directions.set(key, d);
    const payload = step.bytes.subarray(tls.offset, tls.offset + tcp.payloadLength);
    // the stream starts at the first record header seen (a ClientHello or ServerHello)
    if (d.isn === undefined) d.isn = tcp.seq;
    d.pieces.push({ packetId: step.packetId, seq: tcp.seq, bytes: payload });
  }
  const clients = new Map<string, { random: string; direction: Direction }>();
  const servers = new Map<string, Direction>();
  for (const d of directions.values()) {
    const { stream } = reassemble(d);
    // a handshake record whose first message is a ClientHello (1) or ServerHello (2): random at 11, session id at 43
    if (stream.length < 44 || stream[0] !== TlsContentType.handshake) continue;
    const sessionId = toHex(stream.subarray(44, 44 + stream[43]));
    if (stream[5] === TlsHandshakeType.clientHello)
      clients.set(sessionId, { random: toHex(stream.subarray(11, 43)), direction: d });
    else if (stream[5] === TlsHandshakeType.serverHello) servers.set(sessionId, d);
  }
  for (const [sessionId, client] of clients) {
    const keys = secrets.get(client.random);
    if (!keys) continue;
    decryptDirection(client.direction, keys, 'client', out);
    const server = servers.get(sessionId);
    if (server) decryptDirection(server, keys, 'server', out);
  }
  return out;
}

/** The decrypted records of this frame (those that end in it), or none. */
export function decryptedRecords(trace: Trace, frame: FrameStep): DecryptedRecord[] {
  return tlsDecryption(trace).get(frame.packetId) ?? [];
}

/** One thing an observer on the link can or cannot read: a message of the "tls" namespace (shared/i18n/<lang>/tls.json) and its values. */
export interface LinkSight {
  key: string;
  params?: Record<string, string | number>;
}

export interface LinkView {
  /** What anyone on this link reads in clear. */
  clear: LinkSight[];
  /** The encrypted records: their sizes is all the link sees; `inner` is what one really is (with the keys). */
  encrypted: { bytes: number; inner?: LinkSight }[];
  /** The server's certificate travels in this connection's encrypted records (TLS 1.3): no link can read it. */
  certificateHidden: boolean;
}

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...allFields(f.children ?? [])]);
}

const INNER_NAMES: Record<number, string> = {
  [TlsHandshakeType.encryptedExtensions]: 'encryptedExtensions',
  [TlsHandshakeType.certificate]: 'certificate',
  [TlsHandshakeType.certificateVerify]: 'certificateVerify',
  [TlsHandshakeType.finished]: 'finished',
  [TlsHandshakeType.newSessionTicket]: 'newSessionTicket',
};

/**
 * What an observer of this link sees of a TLS frame: addresses, ports, the ClientHello's server name and ALPN
 * offer, the ServerHello's choice, every record's type and size — and what stays hidden (in TLS 1.3 everything after
 * the ServerHello, the certificate included). `decrypted` names what the hidden records really are.
 */
export function linkView(frame: FrameStep, decrypted: DecryptedRecord[] = []): LinkView | undefined {
  const tls = findLayer(frame, 'tls');
  const ip = ipv4Info(frame);
  const tcp = tcpInfo(frame);
  if (!tls || !ip || !tcp) return undefined;
  const clear: LinkSight[] = [
    { key: 'sees.addresses', params: { src: ip.src, srcPort: tcp.srcPort, dst: ip.dst, dstPort: tcp.dstPort } },
  ];
  const fields = allFields(tls.fields);
  const values = (key: string) => fields.filter((f) => f.key === key).map((f) => f.value);
  const sni = values('tls.handshake.extensions_server_name')[0];
  const hello = values('tls.handshake.type');
  if (hello.some((v) => v.startsWith('Client Hello'))) {
    if (sni) clear.push({ key: 'sees.sni', params: { name: sni } });
    const alpn = values('tls.handshake.extensions_alpn_str');
    if (alpn.length > 0) clear.push({ key: 'sees.alpn', params: { protocols: alpn.join(', ') } });
    clear.push({ key: 'sees.keyShare' });
  }
  if (hello.some((v) => v.startsWith('Server Hello'))) {
    const suite = values('tls.handshake.ciphersuite')[0]?.replace(/ \(0x[0-9a-f]+\)$/, '');
    const version = values('tls.handshake.extensions.supported_version')[0]?.replace(/ \(0x[0-9a-f]+\)$/, '');
    clear.push({ key: 'sees.serverHello', params: { version: version ?? '?', cipher: suite ?? '?' } });
  }
  const records = tls.fields.filter((f) => f.key === 'tls.record' || f.key === 'tls.record.continuation');
  clear.push({ key: 'sees.records', params: { count: records.length, bytes: tls.length } });
  const sealed = fields.filter((f) => f.key === 'tls.app_data');
  // records cut across segments are decrypted where they end: name them only when this frame's records are whole
  const named =
    decrypted.length === sealed.length &&
    !fields.some((f) => f.key === 'tls.record.continuation' || f.key === 'tls.record.continues');
  const encrypted = sealed.map((f, i) => ({ bytes: f.length, inner: named ? innerSight(decrypted[i]) : undefined }));
  const serverHello = hello.some((v) => v.startsWith('Server Hello'));
  return { clear, encrypted, certificateHidden: serverHello || decrypted.some((r) => r.keys === 'handshake') };
}

function innerSight(inner: DecryptedRecord): LinkSight {
  if (inner.contentType === TlsContentType.handshake) {
    const types = allFields(inner.layer.fields)
      .filter((x) => x.key === 'tls.handshake.type')
      .map((x) => INNER_NAMES[Number(/\((\d+)\)$/.exec(x.value)?.[1])] ?? 'handshake');
    return { key: `inner.${types[0] ?? 'handshake'}` };
  }
  if (inner.contentType === TlsContentType.applicationData) {
    return inner.layer.protocol === 'http'
      ? { key: 'inner.http', params: { line: inner.layer.summary } }
      : { key: 'inner.data' };
  }
  if (inner.contentType === TlsContentType.alert) return { key: 'inner.alert', params: { alert: inner.layer.summary } };
  return { key: 'inner.data' };
}
