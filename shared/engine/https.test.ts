// https:// in the engine: pc fetches https://www.example.com/ from the home-to-web sample's web server over a real
// TLS 1.3 handshake (shared/wire/tls-session.ts), with every session key in the trace's key log. The bytes are
// read back with the wire parsers and decrypted with the replay's decryption, which reads nothing but the trace.
import { describe, expect, it } from 'vitest';
import { device, frames, loadSample, run, variant, decode } from './testing/helpers';
import { tlsDecryption } from '../replay/tls';
import { parseKeyLog } from '../replay/tls';
import { TlsAlertDescription, TlsContentType } from '../wire/tls-record';
import { atPc, conversation } from './testing/tls-conversation';
import { TlsHandshakeType } from '../wire/tls-handshake';
import { toHex } from '../wire/address';
import type { Trace } from './trace';
import { CHROMIUM } from './apps/browser';

const URL_ = 'https://www.example.com/';
const sample = loadSample('home-to-web');
const https = (t = sample, seed = 1) => run(t, { url: URL_, seed });

describe('https:// in the engine', () => {
  it('fetches https://www.example.com/ with a TLS 1.3 handshake on 443 and a 200 inside it', () => {
    const trace = https();
    expect(trace.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    expect(trace.outcome.ok && trace.outcome.summary).toContain('https://www.example.com/');
    // the flights in order, as pc's link carries them (the server's idle close after nginx's 75 s at the end)
    expect(conversation(trace)).toEqual([
      'pc> SYN',
      '<pc SYN,ACK',
      'pc> ACK',
      `pc> ACK hs${TlsHandshakeType.clientHello}`,
      '<pc ACK',
      // ServerHello in clear; EncryptedExtensions, Certificate, CertificateVerify, Finished under the handshake keys
      `<pc ACK hs${TlsHandshakeType.serverHello} ct${TlsContentType.changeCipherSpec} hs8 hs11 hs15 hs20`,
      'pc> ACK',
      `pc> ACK ct${TlsContentType.changeCipherSpec} hs20`,
      'pc> ACK app:GET / HTTP/1.1',
      // nginx/OpenSSL 3: two NewSessionTickets, each its own segment; the first carries the ACK of the Finished and
      // the request (no bare ACK: the server already answered on this connection, so Linux delays its ACKs)
      `<pc ACK hs${TlsHandshakeType.newSessionTicket}`,
      `<pc ACK hs${TlsHandshakeType.newSessionTicket}`,
      '<pc ACK app:HTTP/1.1 200 OK',
      // more than one full segment since pc's last ACK (tickets and response): ACKed at once
      'pc> ACK',
      `<pc ACK alert${TlsAlertDescription.closeNotify}`,
      '<pc FIN,ACK',
      // pc closes on the FIN at once: its FIN carries the ACK of the close_notify and of the FIN
      'pc> FIN,ACK',
      '<pc ACK',
    ]);
  });

  it('sends SNI www.example.com and offers h2 and http/1.1; the server picks http/1.1', () => {
    const trace = https();
    const hello = atPc(trace).find((f) => f.summary.startsWith('Client Hello'))!;
    expect(hello.summary).toBe('Client Hello (SNI=www.example.com)');
    const text = new TextDecoder('latin1').decode(hello.bytes);
    expect(text).toContain('www.example.com');
    expect(text).toContain('\x02h2\x08http/1.1');
    const decisions = trace.steps.filter((s) => s.type === 'decision' && s.kind === 'tls');
    expect(decisions.map((d) => [d.type === 'decision' && d.deviceId, d.type === 'decision' && d.summary])).toEqual([
      ['pc', 'TLS 1.3 to www.example.com (ALPN h2, http/1.1)'],
      ['web', 'certificate for www.example.com, ALPN http/1.1'],
      ['pc', 'certificate for www.example.com accepted'],
      ['web', '2 session tickets, valid 300 s'],
    ]);
    // each decision links the setting behind it: whom pc trusts, the certificate web serves
    expect(decisions.map((d) => d.type === 'decision' && d.configRef)).toEqual([
      { deviceId: 'pc', path: ['trustedAuthorities'] },
      { deviceId: 'web', path: ['roles', 'web', 'tls'] },
      { deviceId: 'pc', path: ['trustedAuthorities'] },
      { deviceId: 'web', path: ['roles', 'web', 'tls', 'sessionTickets'] },
    ]);
  });

  it('files the session keys in the trace: the key log names the ClientHello random', () => {
    const trace = https();
    const keys = parseKeyLog(trace.tlsKeyLog ?? '');
    const hello = decode(atPc(trace).find((f) => f.summary.startsWith('Client Hello'))!);
    // record header 5, handshake header 4, legacy version 2: the random is at 11
    const random = toHex(hello.tcp!.payload.subarray(11, 43));
    expect([...keys.keys()]).toEqual([random]);
    expect(
      trace
        .tlsKeyLog!.trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ]);
    // an http:// fetch has no TLS and no key log
    const plain = run(sample);
    expect(plain.tlsKeyLog).toBeUndefined();
    expect(frames(plain).some((f) => f.protocol === 'tls')).toBe(false);
  });

  it('is deterministic: the same seed gives the same bytes and keys, another seed other randoms', () => {
    const a = https(sample, 7);
    const b = https(sample, 7);
    expect(frames(b).map((f) => toHex(f.bytes))).toEqual(frames(a).map((f) => toHex(f.bytes)));
    expect(b.tlsKeyLog).toBe(a.tlsKeyLog);
    const c = https(sample, 8);
    expect(c.outcome.ok).toBe(true);
    expect(c.tlsKeyLog).not.toBe(a.tlsKeyLog);
    const helloOf = (t: Trace) => toHex(atPc(t).find((f) => f.summary.startsWith('Client Hello'))!.bytes);
    expect(helloOf(c)).not.toBe(helloOf(a));
  });

  it('the browser idling out closes with close_notify before its FIN (nginx keeps the connection longer)', () => {
    const t = variant(sample, (x) => (device(x, 'web', 'server').roles.web!.keepaliveTimeoutSeconds = 600));
    const c = conversation(https(t));
    // nginx's FIN carries the ACK of the close_notify and the FIN, as in the real capture (nginx-tickets.ts)
    expect(c.slice(-4)).toEqual([
      `pc> ACK alert${TlsAlertDescription.closeNotify}`,
      'pc> FIN,ACK',
      '<pc FIN,ACK',
      'pc> ACK',
    ]);
  });

  it('with keep-alive off the server says close_notify and FIN right after the response', () => {
    const t = variant(sample, (x) => (device(x, 'web', 'server').roles.web!.keepaliveTimeoutSeconds = 0));
    const trace = https(t);
    expect(trace.outcome.ok).toBe(true);
    const c = conversation(trace);
    const response = c.indexOf('<pc ACK app:HTTP/1.1 200 OK');
    expect(c.slice(response, response + 3)).toEqual([
      '<pc ACK app:HTTP/1.1 200 OK',
      `<pc ACK alert${TlsAlertDescription.closeNotify}`,
      '<pc FIN,ACK',
    ]);
  });

  it('a server without TLS on 443 refuses the connection (RST): ERR_CONNECTION_REFUSED', () => {
    const t = variant(sample, (x) => delete device(x, 'web', 'server').roles.web!.tls);
    const trace = https(t);
    expect(trace.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_REFUSED' });
    expect(conversation(trace)).toEqual(['pc> SYN', '<pc RST,ACK']);
    expect(trace.tlsKeyLog).toBeUndefined();
  });

  it('a port in the URL is used as is, and the Host header names it', () => {
    const t = variant(sample, (x) => {
      device(x, 'web', 'server').roles.web!.tls!.port = 8443;
      const fw = device(x, 'fw', 'firewall');
      fw.rules.push({ ...fw.rules.find((r) => r.port === 443)!, id: 'r4', port: 8443 });
    });
    const trace = run(t, { url: 'https://www.example.com:8443/' });
    expect(trace.outcome.ok).toBe(true);
    const app = [...tlsDecryption(trace).values()].flat().find((r) => r.contentType === TlsContentType.applicationData);
    expect(new TextDecoder().decode(app!.plaintext)).toContain('Host: www.example.com:8443\r\n');
  });
});

describe('https:// through the HTTP cache (home-to-web-with-cache)', () => {
  const withCache = loadSample('home-to-web-with-cache');

  it('the cache terminates TLS with its own certificate and fetches from web over plain http', () => {
    const trace = https(withCache);
    expect(trace.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    const served = trace.steps.find((s) => s.type === 'decision' && s.kind === 'tls' && s.deviceId === 'cache');
    expect(served?.type === 'decision' && served.configRef).toEqual({
      deviceId: 'cache',
      path: ['roles', 'cache', 'tls'],
    });
    // pc's side is TLS only: the response it decrypts says the cache answered (a miss)
    const app = [...tlsDecryption(trace).values()]
      .flat()
      .filter((r) => r.contentType === TlsContentType.applicationData)
      .map((r) => new TextDecoder().decode(r.plaintext));
    expect(app[0]).toMatch(/^GET \/ HTTP\/1\.1\r\nHost: www\.example\.com\r\n/);
    expect(app[1]).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(app[1]).toContain('\r\nX-Cache: MISS\r\n');
    // on the DMZ, cache and web speak plain HTTP on port 80: no TLS on web's link
    const webLink = frames(trace).filter((f) => f.linkId === 'l11');
    expect(webLink.some((f) => f.protocol === 'http' && f.summary.startsWith('GET / HTTP/1.1'))).toBe(true);
    expect(webLink.some((f) => f.protocol === 'tls')).toBe(false);
    const ports = webLink.flatMap((f) => {
      const tcp = decode(f).tcp;
      return tcp ? [Math.min(tcp.repr.srcPort, tcp.repr.dstPort)] : [];
    });
    expect(new Set(ports)).toEqual(new Set([80]));
    // one TLS session in the key log: pc's with the cache
    expect(parseKeyLog(trace.tlsKeyLog ?? '').size).toBe(1);
  });

  it('a second visit within max-age is a HIT from the cache, inside a new TLS session', () => {
    // Chromium's default keeps the TLS connection open and reuses it: the textbook browser (no keep-alive) makes a
    // new connection, and so a new TLS session, for the second visit.
    const textbook = variant(withCache, (x) => (device(x, 'pc', 'host').browser = { ...CHROMIUM, keepAlive: false }));
    const trace = run(textbook, { url: URL_, warm: true });
    expect(trace.outcome.ok).toBe(true);
    const response = [...tlsDecryption(trace).values()]
      .flat()
      .map((r) => new TextDecoder().decode(r.plaintext))
      .find((t) => t.startsWith('HTTP/1.1 200 OK'));
    expect(response).toContain('\r\nX-Cache: HIT\r\n');
    expect(frames(trace).some((f) => f.linkId === 'l11' && f.protocol === 'http')).toBe(false);
  });
});
