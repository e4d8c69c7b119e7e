// nginx/OpenSSL 3's two NewSessionTickets after the handshake, against the real thing: the records nginx 1.22.1 sent
// in shared/wire/fixtures/nginx-tickets.ts (opened here with the key log captured beside them), and the engine's
// records of the home-to-web sample, opened with the trace's own key log — same sizes, same fields, same order on
// the wire, and no bare ACK where nginx sends none.
import { describe, expect, it } from 'vitest';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { tlsSamplePki, tlsSampleServer } from '../wire/tls-testing';
import { asciiBytes, concatBytes } from '../wire/tls-codec';
import { NGINX_TICKETS } from '../wire/fixtures/nginx-tickets';
import { fromHex, toHex } from '../wire/address';
import { RecordProtection } from '../wire/tls-protect';
import { trafficKeys } from '../wire/tls-keys';
import { parseTlsRecord, TlsContentType } from '../wire/tls-record';
import { emitHandshake, splitHandshakes, TlsHandshakeType, type NewSessionTicketRepr } from '../wire/tls-handshake';
import { decryptedRecords } from '../replay/tls';
import { decode, device, frames, loadSample, run, variant } from './testing/helpers';
import type { FrameStep, Trace } from './trace';
import { PROPAGATION_US, serializationUs } from './sim/sim';

interface OpenedTicket {
  /** The record's length field (what Wireshark shows as Length). */
  recordLength: number;
  /** The handshake message, as decrypted. */
  message: Uint8Array;
  ticket: NewSessionTicketRepr;
}

/** The first records the server sent under its application traffic secret, opened in order. */
function openTickets(serverTrafficSecret: Uint8Array, records: Uint8Array[]): OpenedTicket[] {
  const reader = new RecordProtection(trafficKeys(serverTrafficSecret));
  return records.map((bytes) => {
    const { repr } = parseTlsRecord(bytes);
    const opened = reader.open(repr);
    expect(opened.contentType).toBe(TlsContentType.handshake);
    const [m] = splitHandshakes(opened.content).messages;
    expect(m.repr.type).toBe(TlsHandshakeType.newSessionTicket);
    return { recordLength: repr.fragment.length, message: opened.content, ticket: m.repr.body as NewSessionTicketRepr };
  });
}

const real = (mode: 'on' | 'off') =>
  openTickets(
    fromHex(NGINX_TICKETS[mode].serverTrafficSecret),
    NGINX_TICKETS[mode].records.map((r) => fromHex(r)),
  );

const sample = loadSample('home-to-web');
const https = (t = sample) => run(t, { url: 'https://www.example.com/' });
const ticketsOff = variant(sample, (x) => (device(x, 'web', 'server').roles.web!.tls!.sessionTickets = false));

/** web's segments as they leave it (first hop, on fw–web), and what reaches it. */
const onWebLink = (trace: Trace) => frames(trace).filter((f) => f.linkId === 'l10' && decode(f).tcp);
const fromWeb = (trace: Trace) => onWebLink(trace).filter((f) => f.from.deviceId === 'web');
const toWeb = (trace: Trace) => onWebLink(trace).filter((f) => f.to.deviceId === 'web');
/** An end system's kernel time for a received frame (end-system.ts). */
const KERNEL_US = 5;
/** When a frame sent on web's link has reached web's TCP: serialised, on the cable, through web's kernel. */
const arrival = (f: FrameStep) => f.timeUs + serializationUs(f.bytes.length) + PROPAGATION_US + KERNEL_US;
const isTicket = (trace: Trace, f: FrameStep) =>
  decryptedRecords(trace, f).some((r) => r.contentType === TlsContentType.handshake && r.plaintext[0] === 4);

/** The engine's ticket records on the wire, opened with SERVER_TRAFFIC_SECRET_0 from the trace's key log. */
function engineTickets(trace: Trace): OpenedTicket[] {
  const line = trace.tlsKeyLog!.split('\n').find((l) => l.startsWith('SERVER_TRAFFIC_SECRET_0 '))!;
  const secret = fromHex(line.split(' ')[2]);
  const segments = fromWeb(trace).filter((f) => isTicket(trace, f));
  return openTickets(
    secret,
    segments.map((f) => decode(f).tcp!.payload),
  );
}

describe("nginx's NewSessionTickets, as captured (nginx 1.22.1, OpenSSL 3.0, TLS_AES_128_GCM_SHA256)", () => {
  it('tickets on: two 282-byte records, lifetime 300, nonces 0 and 1, 240-byte tickets under one key name', () => {
    const [a, b] = real('on');
    expect([a.recordLength, b.recordLength]).toEqual([282, 282]);
    expect([a.ticket.lifetime, b.ticket.lifetime]).toEqual([300, 300]);
    expect([toHex(a.ticket.nonce), toHex(b.ticket.nonce)]).toEqual(['0000000000000000', '0000000000000001']);
    expect([a.ticket.ticket.length, b.ticket.ticket.length]).toEqual([240, 240]);
    expect(toHex(a.ticket.ticket.subarray(0, 16))).toBe(toHex(b.ticket.ticket.subarray(0, 16)));
    expect(toHex(a.ticket.ticket.subarray(16))).not.toBe(toHex(b.ticket.ticket.subarray(16)));
    expect(a.ticket.ageAdd).not.toBe(b.ticket.ageAdd);
    expect([a.ticket.extensions, b.ticket.extensions]).toEqual([[], []]);
    // our emitter writes OpenSSL's message byte for byte from what our parser read
    for (const t of [a, b])
      expect(toHex(emitHandshake({ type: TlsHandshakeType.newSessionTicket, body: t.ticket }))).toBe(toHex(t.message));
  });

  it('tickets off: still two records, 74 bytes, each a 32-byte session id', () => {
    const [a, b] = real('off');
    expect([a.recordLength, b.recordLength]).toEqual([74, 74]);
    expect([a.ticket.ticket.length, b.ticket.ticket.length]).toEqual([32, 32]);
    expect([toHex(a.ticket.nonce), toHex(b.ticket.nonce)]).toEqual(['0000000000000000', '0000000000000001']);
    expect([a.ticket.lifetime, a.ticket.extensions]).toEqual([300, []]);
  });
});

describe('the engine sends them as nginx does', () => {
  const shape = (t: OpenedTicket) => ({
    recordLength: t.recordLength,
    messageLength: t.message.length,
    lifetime: t.ticket.lifetime,
    nonce: toHex(t.ticket.nonce),
    ticketLength: t.ticket.ticket.length,
    extensions: t.ticket.extensions,
  });

  it('the same records as the capture, opened with the seeded keys of the trace', () => {
    const trace = https();
    const ours = engineTickets(trace);
    expect(ours.map(shape)).toEqual(real('on').map(shape));
    // one key name for every ticket of the server, a fresh ticket_age_add each
    expect(toHex(ours[0].ticket.ticket.subarray(0, 16))).toBe(toHex(ours[1].ticket.ticket.subarray(0, 16)));
    expect(ours[0].ticket.ageAdd).not.toBe(ours[1].ticket.ageAdd);
    // a second connection to the same server (after nginx closed the first, idle 75 s): the same key name (OpenSSL makes the keys once, at start)
    const again = engineTickets(
      run(sample, { url: 'https://www.example.com/', before: ['https://www.example.com/'], pauseSeconds: 90 }),
    );
    expect(toHex(again[0].ticket.ticket.subarray(0, 16))).toBe(toHex(ours[0].ticket.ticket.subarray(0, 16)));
  });

  it('tickets off: 74-byte records of 32-byte session ids, as the capture', () => {
    const ours = engineTickets(https(ticketsOff));
    expect(ours.map(shape)).toEqual(real('off').map(shape));
  });

  it('after the Finished, each ticket in its own segment, the first carrying the ACK of the Finished and the request', () => {
    const trace = https();
    const inbound = toWeb(trace);
    const finished = inbound.find((f) => decode(f).tcp?.payload[0] === TlsContentType.changeCipherSpec)!;
    const request = inbound.find((f) => f.timeUs > finished.timeUs && (decode(f).tcp?.payload.length ?? 0) > 0)!;
    const out = fromWeb(trace).filter((f) => f.timeUs > finished.timeUs);
    const [t1, t2, response] = out;
    expect([isTicket(trace, t1), isTicket(trace, t2), isTicket(trace, response)]).toEqual([true, true, false]);
    // each segment one record, nothing else in it
    for (const f of [t1, t2]) expect(decode(f).tcp!.payload.length).toBe(5 + 282);
    expect(decryptedRecords(trace, response).map((r) => r.contentType)).toEqual([TlsContentType.applicationData]);
    // no bare ACK of the Finished or the request: the first ticket acknowledges both
    const req = decode(request).tcp!;
    expect(decode(t1).tcp!.repr.ack).toBe((req.repr.seq + req.payload.length) >>> 0);
    // as measured: the first 200 µs after the Finished arrived, the second 40 µs after the first
    expect([t1.timeUs - arrival(finished), t2.timeUs - t1.timeUs]).toEqual([200, 40]);
    // nginx reads the request once the tickets are out
    expect(response.timeUs).toBeGreaterThan(t2.timeUs);
  });

  it('tickets off: the same order, sooner (a session id costs less than sealing the session)', () => {
    const trace = https(ticketsOff);
    const finished = toWeb(trace).find((f) => decode(f).tcp?.payload[0] === TlsContentType.changeCipherSpec)!;
    const [t1, t2] = fromWeb(trace).filter((f) => f.timeUs > finished.timeUs);
    expect([isTicket(trace, t1), isTicket(trace, t2)]).toEqual([true, true]);
    expect([t1.timeUs - arrival(finished), t2.timeUs - t1.timeUs]).toEqual([140, 25]);
  });

  it('the replay opens them as New Session Ticket, with their fields, and the decision links the setting', () => {
    const trace = https();
    const t1 = fromWeb(trace).find((f) => isTicket(trace, f))!;
    const [record] = decryptedRecords(trace, t1);
    expect(record.layer.summary).toBe('New Session Ticket');
    const names: string[] = [];
    const walk = (fs: { key: string; children?: typeof fs }[]) =>
      fs.forEach((f) => (names.push(f.key), f.children && walk(f.children)));
    walk(record.layer.fields);
    expect(names).toEqual(
      expect.arrayContaining([
        'tls.handshake.session_ticket_lifetime_hint',
        'tls.handshake.session_ticket_age_add',
        'tls.handshake.session_ticket_nonce',
        'tls.handshake.session_ticket',
      ]),
    );
    const decision = trace.steps.find(
      (s) => s.type === 'decision' && s.summaryMessage?.key === 'tls.summary.sessionTickets',
    );
    expect(decision?.type === 'decision' && decision.configRef).toEqual({
      deviceId: 'web',
      path: ['roles', 'web', 'tls', 'sessionTickets'],
    });
    const off = https(ticketsOff).steps.find(
      (s) => s.type === 'decision' && s.summaryMessage?.key === 'tls.summary.sessionIds',
    );
    expect(off?.type === 'decision' && off.summary).toBe('2 session tickets (session ids only), valid 300 s');
  });

  it("a Node TLS client (OpenSSL) takes the engine's two tickets as sessions, then reads the response", async () => {
    const tickets = engineTickets(https()).map((t) => t.ticket);
    const pki = tlsSamplePki({ now: Date.now() });
    const server = tlsSampleServer(pki, [pki.leaf], tickets);
    const response = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi';
    const srv = net.createServer((sock) =>
      sock.on('data', (chunk: Buffer) => {
        const out = server.receive(new Uint8Array(chunk));
        // at the client's Finished: the two tickets, each its own record
        if (out.records.length) sock.write(concatBytes(...out.records.map((r) => r.bytes)));
        if (out.data.some((d) => Buffer.from(d).toString().includes('\r\n\r\n'))) {
          sock.write(concatBytes(...server.send(asciiBytes(response)).map((r) => r.bytes)));
          sock.end(concatBytes(...server.close().map((r) => r.bytes)));
        }
      }),
    );
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const result = await new Promise<{ sessions: number; body: string }>((resolve, reject) => {
      let sessions = 0;
      let body = '';
      const sock = tls.connect(
        { port, host: '127.0.0.1', servername: 'www.example.com', ca: pem(pki.ca), minVersion: 'TLSv1.3' },
        () => sock.write('GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n'),
      );
      sock.on('session', () => sessions++);
      sock.on('data', (d: Buffer) => (body += d.toString()));
      sock.on('error', reject);
      sock.on('end', () => resolve({ sessions, body }));
    });
    srv.close();
    expect(result).toEqual({ sessions: 2, body: response });
  });
});

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
