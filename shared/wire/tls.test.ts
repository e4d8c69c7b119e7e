// TLS 1.3 end to end: our client against our server, and — the cross-check — against Node's own TLS 1.3 (OpenSSL)
// in both directions over loopback TCP, with certificates our code issued.
import { describe, expect, it } from 'vitest';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { createPrivateKey } from 'node:crypto';
import { TlsClient, TlsServer, type TlsOutput, type TlsOutRecord } from './tls-session';
import { parseCertificate, checkCertificateChain, type P256KeyPair } from './tls-cert';
import { asciiBytes, concatBytes } from './tls-codec';
import { splitTlsRecords, TlsContentType } from './tls-record';
import { tlsSampleClient, tlsSamplePki, tlsSampleServer } from './tls-testing';

const DAY = 86_400_000;
const NOW = Date.now();

/** The sample PKI, valid now (Node's OpenSSL checks the dates against the real clock). */
const makePki = (opts: { names?: readonly string[]; notAfter?: number; caLabel?: string } = {}) =>
  tlsSamplePki({ now: NOW, ...opts });

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

function nodeKey(key: P256KeyPair) {
  const b = (x: Uint8Array) => Buffer.from(x).toString('base64url');
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: b(key.secretKey),
      x: b(key.publicKey.slice(1, 33)),
      y: b(key.publicKey.slice(33)),
    },
    format: 'jwk',
  }).export({ format: 'pem', type: 'pkcs8' });
}

const client = (ca: Uint8Array, name = 'www.example.com', now = NOW) => tlsSampleClient(ca, name, now);
const server = (pki: ReturnType<typeof makePki>) => tlsSampleServer(pki, [pki.leaf]);

const wire = (records: TlsOutRecord[]) => concatBytes(...records.map((r) => r.bytes));
const REQUEST = asciiBytes('GET / HTTP/1.1\r\nHost: www.example.com\r\nConnection: close\r\n\r\n');
const RESPONSE = asciiBytes('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello');

function runInMemory(c: TlsClient, s: TlsServer) {
  const flights: Uint8Array[] = [];
  const hello = wire(c.start().records);
  flights.push(hello);
  const sFlight = s.receive(hello);
  flights.push(wire(sFlight.records));
  const cOut = c.receive(wire(sFlight.records));
  return { flights, sFlight, cOut };
}

describe('TLS 1.3 between our client and our server', () => {
  it('completes the handshake, agrees on http/1.1 and carries HTTP both ways, the same bytes for the same inputs', () => {
    const pki = makePki();
    const run = () => {
      const c = client(pki.ca);
      const s = server(pki);
      const { flights, sFlight, cOut } = runInMemory(c, s);
      expect(sFlight.records.map((r) => [r.encrypted, r.contentType, r.handshakeTypes])).toEqual([
        [false, TlsContentType.handshake, [2]],
        [false, TlsContentType.changeCipherSpec, []],
        [true, TlsContentType.handshake, [8]],
        [true, TlsContentType.handshake, [11]],
        [true, TlsContentType.handshake, [15]],
        [true, TlsContentType.handshake, [20]],
      ]);
      expect(cOut.handshakeDone).toBe(true);
      expect(cOut.records.map((r) => r.contentType)).toEqual([
        TlsContentType.changeCipherSpec,
        TlsContentType.handshake,
      ]);
      const done = s.receive(wire(cOut.records));
      expect(done.handshakeDone).toBe(true);
      expect(c.alpn).toBe('http/1.1');
      expect(s.alpn).toBe('http/1.1');
      expect(s.serverName).toBe('www.example.com');
      const req = wire(c.send(REQUEST));
      // Records may arrive split anywhere by TCP.
      const got = [s.receive(req.slice(0, 7)), s.receive(req.slice(7))].flatMap((o) => o.data);
      expect(Buffer.from(concatBytes(...got)).toString()).toBe(Buffer.from(REQUEST).toString());
      const res = wire(s.send(RESPONSE));
      expect(Buffer.from(concatBytes(...c.receive(res).data)).toString()).toContain('hello');
      const closing = c.receive(wire(s.close()));
      expect(closing.closed).toBe(true);
      flights.push(req, res);
      return { flights, keyLog: c.keyLog() };
    };
    const a = run();
    const b = run();
    expect(a.flights).toEqual(b.flights);
    expect(a.keyLog).toBe(b.keyLog);
    expect(
      a.keyLog
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]),
    ).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ]);
    // ClientHello in clear: the name is on the wire.
    expect(Buffer.from(a.flights[0]).toString('latin1')).toContain('www.example.com');
    expect(Buffer.from(a.flights[2]).toString('latin1')).not.toContain('GET');
  });

  it.each([
    ['name', { names: ['other.example.net'] }, 'www.example.com', 42],
    ['date', { notAfter: NOW - DAY }, 'www.example.com', 45],
    ['authority', { caLabel: 'someone else' }, 'www.example.com', 48],
  ] as const)('stops at the certificate with the %s problem and its alert', (problem, opts, name, alert) => {
    const pki = makePki(opts);
    const trusted = problem === 'authority' ? makePki().ca : pki.ca;
    const c = client(trusted, name);
    const { cOut } = runInMemory(c, server(pki));
    expect(cOut.handshakeDone).toBe(false);
    expect(cOut.failure).toMatchObject({ by: 'local', certificate: problem, alert });
    // The alert goes out encrypted under the handshake keys.
    expect(cOut.records).toHaveLength(1);
    expect(cOut.records[0].encrypted).toBe(true);
  });

  it('reads back what it wrote into a certificate', () => {
    const pki = makePki();
    const leaf = parseCertificate(pki.leaf);
    expect(leaf).toMatchObject({
      issuer: 'Sample CA',
      subject: 'www.example.com',
      isCa: false,
      dnsNames: ['www.example.com', 'example.com'],
    });
    expect(parseCertificate(pki.ca).isCa).toBe(true);
    expect(checkCertificateChain([pki.leaf], 'example.com', [pki.ca], NOW)).toBeUndefined();
    expect(checkCertificateChain([pki.leaf], 'www.example.com', [pki.ca], NOW + 400 * DAY)).toBe('date');
  });
});

/** Drives one of our endpoints over a real TCP socket. */
function drive(socket: net.Socket, onOutput: (o: TlsOutput) => void, receive: (b: Uint8Array) => TlsOutput) {
  socket.on('data', (chunk: Buffer) => onOutput(receive(new Uint8Array(chunk))));
}

describe("TLS 1.3 against Node's tls (OpenSSL), over loopback TCP", () => {
  it('our client completes a handshake with a Node server and gets an HTTP response', async () => {
    const pki = makePki();
    const srv = tls.createServer(
      { key: nodeKey(pki.leafKey), cert: pem(pki.leaf), ALPNProtocols: ['http/1.1'], minVersion: 'TLSv1.3' },
      (s) => {
        let got = '';
        s.on('data', (d: Buffer) => {
          got += d.toString();
          if (got.includes('\r\n\r\n')) s.end(Buffer.from(RESPONSE));
        });
      },
    );
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const c = client(pki.ca);
    const result = await new Promise<{ response: string; closed: boolean; alpn?: string }>((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1');
      let response = '';
      sock.on('error', reject);
      sock.on('connect', () => sock.write(wire(c.start().records)));
      drive(
        sock,
        (o) => {
          if (o.failure) reject(new Error(o.failure.message));
          if (o.records.length) sock.write(wire(o.records));
          if (o.handshakeDone) sock.write(wire(c.send(REQUEST)));
          for (const d of o.data) response += Buffer.from(d).toString();
          if (o.closed) {
            sock.end(wire(c.close()));
            resolve({ response, closed: true, alpn: c.alpn });
          }
        },
        (b) => c.receive(b),
      );
    });
    srv.close();
    expect(result.alpn).toBe('http/1.1');
    expect(result.response).toBe(Buffer.from(RESPONSE).toString());
    expect(result.closed).toBe(true);
  });

  it('a Node client trusts our CA, completes a handshake with our server and gets the HTTP response', async () => {
    const pki = makePki();
    const s = server(pki);
    const srv = net.createServer((sock) => {
      drive(
        sock,
        (o) => {
          if (o.records.length) sock.write(wire(o.records));
          const text = o.data.map((d) => Buffer.from(d).toString()).join('');
          if (text.includes('\r\n\r\n')) {
            sock.write(wire(s.send(RESPONSE)));
            sock.end(wire(s.close()));
          }
        },
        (b) => s.receive(b),
      );
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const result = await new Promise<{
      body: string;
      protocol: string | null;
      alpn: string | false | null;
      authorized: boolean;
    }>((resolve, reject) => {
      const sock = tls.connect(
        {
          port,
          host: '127.0.0.1',
          servername: 'www.example.com',
          ca: pem(pki.ca),
          ALPNProtocols: ['h2', 'http/1.1'],
          minVersion: 'TLSv1.3',
        },
        () => {
          sock.write(Buffer.from(REQUEST));
        },
      );
      let body = '';
      sock.on('data', (d: Buffer) => (body += d.toString()));
      sock.on('error', reject);
      sock.on('end', () =>
        resolve({ body, protocol: sock.getProtocol(), alpn: sock.alpnProtocol, authorized: sock.authorized }),
      );
    });
    srv.close();
    expect(result).toEqual({
      body: Buffer.from(RESPONSE).toString(),
      protocol: 'TLSv1.3',
      alpn: 'http/1.1',
      authorized: true,
    });
    expect(s.serverName).toBe('www.example.com');
  });

  it('a Node client refuses our server when the certificate names another host', async () => {
    const pki = makePki({ names: ['other.example.net'] });
    const s = server(pki);
    const srv = net.createServer((sock) =>
      drive(
        sock,
        (o) => o.records.length && sock.write(wire(o.records)),
        (b) => s.receive(b),
      ),
    );
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const err = await new Promise<Error>((resolve) => {
      const sock = tls.connect({
        port,
        host: '127.0.0.1',
        servername: 'www.example.com',
        ca: pem(pki.ca),
        minVersion: 'TLSv1.3',
      });
      sock.on('error', resolve);
    });
    srv.close();
    expect((err as NodeJS.ErrnoException).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

it('splitTlsRecords keeps a partial record for later', () => {
  const rec = Uint8Array.of(22, 3, 3, 0, 2, 1, 2, 23, 3);
  const { records, rest } = splitTlsRecords(rec);
  expect(records).toHaveLength(1);
  expect([...rest]).toEqual([23, 3]);
});
