// Test helper: the sample PKI, client and server (tls.test.ts drives them too), and one real HTTPS connection — our TLS 1.3 client and server doing a full
// handshake and an HTTP/1.1 exchange — carried in TCP segments, IPv4 and Ethernet built with the wire encoders, the
// way the engine puts them on a link. Tests dissect these frames and compare with tshark.
import { sha256 } from '@noble/hashes/sha2.js';
import { emitEthernet, ETHERTYPE_IPV4 } from './ethernet';
import { emitIpv4, IP_PROTO_TCP } from './ipv4';
import { emitTcp, tcpFlags } from './tcp';
import { issueCertificate, p256KeyFromLabel } from './tls-cert';
import { asciiBytes, concatBytes } from './tls-codec';
import { TlsClient, TlsServer, type TlsOutRecord } from './tls-session';
import type { NewSessionTicketRepr } from './tls-handshake';

export const TLS_SAMPLE = {
  clientMac: '02:00:00:00:00:10',
  serverMac: '02:00:00:00:00:80',
  clientIp: '192.168.0.10',
  serverIp: '203.0.113.80',
  clientPort: 49152,
  /** What a NAT router between them rewrites the client to. */
  natIp: '203.0.113.2',
  natPort: 61000,
  serverPort: 443,
  host: 'www.example.com',
  /** 2026-01-01T00:00:00Z: certificates are valid around it. */
  now: Date.UTC(2026, 0, 1),
};

export const TLS_SAMPLE_REQUEST = `GET / HTTP/1.1\r\nHost: ${TLS_SAMPLE.host}\r\nUser-Agent: PacketJourney\r\nAccept: */*\r\n\r\n`;
export const TLS_SAMPLE_RESPONSE =
  'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 44\r\n\r\n<html><body><h1>Example</h1></body></html>\n\n';

export interface TlsSampleFrame {
  name: string;
  bytes: Uint8Array;
  /** The same segment on the far side of a NAT (pc's address and port rewritten to the router's WAN ones, TTL − 1). */
  natBytes: Uint8Array;
  fromClient: boolean;
  /** The TLS records this segment starts or carries, as the sender made them (plaintext inside too). */
  records: TlsOutRecord[];
}

const DAY = 86_400_000;
const bytesFor = (label: string, n = 32) => sha256(asciiBytes(label)).slice(0, n);

/**
 * The certificate authority and the server's certificate for www.example.com (deterministic for a `now`): valid
 * from 30 days before `now` for a year unless `notAfter` says otherwise; another `caLabel` is another CA's key.
 */
export function tlsSamplePki(
  opts: { now?: number; names?: readonly string[]; notAfter?: number; caLabel?: string } = {},
) {
  const caKey = p256KeyFromLabel(opts.caLabel ?? 'sample CA');
  const now = opts.now ?? TLS_SAMPLE.now;
  const ca = issueCertificate(
    {
      serial: bytesFor('ca serial', 16),
      issuer: 'Sample CA',
      subject: 'Sample CA',
      notBefore: now - 365 * DAY,
      notAfter: now + 3650 * DAY,
      publicKey: caKey.publicKey,
      isCa: true,
      dnsNames: [],
    },
    caKey,
  );
  const leafKey = p256KeyFromLabel('sample leaf');
  const leaf = issueCertificate(
    {
      serial: bytesFor('leaf serial', 16),
      issuer: 'Sample CA',
      subject: TLS_SAMPLE.host,
      notBefore: now - 30 * DAY,
      notAfter: opts.notAfter ?? now + 365 * DAY,
      publicKey: leafKey.publicKey,
      isCa: false,
      dnsNames: opts.names ? [...opts.names] : [TLS_SAMPLE.host, 'example.com'],
    },
    caKey,
  );
  return { ca, caKey, leaf, leafKey };
}

/** The client as Chrome starts it (ALPN h2, http/1.1), its randoms seeded, trusting `ca`. */
export function tlsSampleClient(ca: Uint8Array, serverName: string = TLS_SAMPLE.host, now = TLS_SAMPLE.now): TlsClient {
  return new TlsClient({
    serverName,
    alpn: ['h2', 'http/1.1'],
    random: bytesFor('client random'),
    sessionId: bytesFor('session id'),
    keyShareSecret: bytesFor('client x25519'),
    trusted: [ca],
    now,
  });
}

/** The server with the sample certificate (and by default the CA after it, as nginx sends a chain file). */
export function tlsSampleServer(
  pki: ReturnType<typeof tlsSamplePki>,
  certificates: Uint8Array[] = [pki.leaf, pki.ca],
  tickets?: NewSessionTicketRepr[],
): TlsServer {
  return new TlsServer({
    random: bytesFor('server random'),
    keyShareSecret: bytesFor('server x25519'),
    certificates,
    secretKey: pki.leafKey.secretKey,
    alpn: ['http/1.1'],
    tickets,
  });
}

/**
 * The connection's frames in order: SYN, SYN-ACK, ACK, ClientHello, the server's flight (cut at `mss`), the
 * client's CCS + Finished, the request, the response, both close_notify alerts. `keyLog` is the NSS key log.
 */
export function tlsSampleConnection(mss = 1448): { frames: TlsSampleFrame[]; keyLog: string } {
  const pki = tlsSamplePki();
  const client = tlsSampleClient(pki.ca);
  const server = tlsSampleServer(pki);
  const frames: TlsSampleFrame[] = [];
  const seq = { client: 1_000_000, server: 2_000_000 };
  let ipId = 1;
  const segment = (
    name: string,
    fromClient: boolean,
    flags: Parameters<typeof tcpFlags>[0],
    payload: Uint8Array,
    records: TlsOutRecord[] = [],
  ) => {
    const own = fromClient ? 'client' : 'server';
    const peer = fromClient ? 'server' : 'client';
    const build = (clientIp: string, clientPort: number, ttl: number) => {
      const [srcIp, dstIp] = fromClient ? [clientIp, TLS_SAMPLE.serverIp] : [TLS_SAMPLE.serverIp, clientIp];
      const [srcPort, dstPort] = fromClient ? [clientPort, TLS_SAMPLE.serverPort] : [TLS_SAMPLE.serverPort, clientPort];
      const tcp = emitTcp(
        {
          srcPort,
          dstPort,
          seq: seq[own],
          ack: flags.syn && !flags.ack ? 0 : seq[peer],
          flags: tcpFlags(flags),
          window: 502,
          options: flags.syn ? { mss: 1460 } : {},
        },
        payload,
        srcIp,
        dstIp,
      );
      const ip = emitIpv4(
        { src: srcIp, dst: dstIp, protocol: IP_PROTO_TCP, ttl, identification: ipId, dontFragment: true },
        tcp,
      );
      const [src, dst] = fromClient
        ? [TLS_SAMPLE.clientMac, TLS_SAMPLE.serverMac]
        : [TLS_SAMPLE.serverMac, TLS_SAMPLE.clientMac];
      return emitEthernet({ src, dst, etherType: ETHERTYPE_IPV4 }, ip);
    };
    const bytes = build(TLS_SAMPLE.clientIp, TLS_SAMPLE.clientPort, 64);
    const natBytes = build(TLS_SAMPLE.natIp, TLS_SAMPLE.natPort, 63);
    ipId++;
    seq[own] = (seq[own] + payload.length + (flags.syn || flags.fin ? 1 : 0)) >>> 0;
    frames.push({ name, bytes, natBytes, fromClient, records });
  };
  /** A flight of records as TCP sends it: one stream of bytes cut at the MSS, with PSH on the last segment. */
  const send = (name: string, fromClient: boolean, records: TlsOutRecord[]) => {
    const stream = concatBytes(...records.map((r) => r.bytes));
    for (let o = 0, n = 0; o < stream.length; o += mss, n++) {
      const last = o + mss >= stream.length;
      segment(
        stream.length > mss ? `${name} ${n + 1}` : name,
        fromClient,
        { ack: true, psh: last },
        stream.slice(o, o + mss),
        n === 0 ? records : [],
      );
    }
    return stream;
  };

  segment('syn', true, { syn: true }, new Uint8Array(0));
  segment('syn-ack', false, { syn: true, ack: true }, new Uint8Array(0));
  segment('ack', true, { ack: true }, new Uint8Array(0));
  const hello = client.start().records;
  const serverFlight = server.receive(send('client-hello', true, hello)).records;
  const clientFinish = client.receive(send('server-hello', false, serverFlight)).records;
  server.receive(send('client-finished', true, clientFinish));
  const request = client.send(asciiBytes(TLS_SAMPLE_REQUEST));
  server.receive(send('request', true, request));
  const response = server.send(asciiBytes(TLS_SAMPLE_RESPONSE));
  client.receive(send('response', false, response));
  send('client-close-notify', true, client.close());
  send('server-close-notify', false, server.close());
  return { frames, keyLog: client.keyLog() };
}
