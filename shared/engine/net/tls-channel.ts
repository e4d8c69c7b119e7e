// HTTP inside TLS 1.3 over a TCP connection: drives the sans-I/O TlsClient/TlsServer of shared/wire/tls-session.ts
// with the connection's bytes, sends each flight as one write (as BoringSSL and OpenSSL flush it), says what each
// flight carries, and files every session's secrets in the trace's key log. Randoms, session ids and key shares come
// from the device's seeded stream: the same file and seed give the same bytes.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { TLS_ALERT_NAMES, TlsAlertDescription } from '../../wire/tls-record';
import { TlsClient, TlsServer, type TlsOutRecord, type TlsOutput } from '../../wire/tls-session';
import { TlsHandshakeType, type NewSessionTicketRepr } from '../../wire/tls-handshake';
import { parseCertificate, type CertificateProblem } from '../../wire/tls-cert';
import { concatBytes } from '../../wire/tls-codec';
import { SIMULATED_NOW_MS, readCertificate, readKey } from '../../model/certificates';
import type { TlsServerConfig } from '../../model/schema';
import type { EndSystem } from '../devices/end-system';
import { explain } from '../prose';
import { randomBytes } from '../sim/random';
import type { ConfigRef, Prose, ProseMessage } from '../trace';
import type { ChannelCallbacks, ExplainPart, HttpChannel } from './channel';
import type { TcpCallbacks, TcpConn } from './tcp';

/**
 * From the server flight's arrival to the client's Finished: checking the chain and the CertificateVerify signature
 * (two ECDSA P-256 verifications) and the key schedule. An estimate for a desktop CPU, not a measurement.
 */
const CLIENT_VERIFY_US = 300;
/** From the ClientHello's arrival to the server's flight: an X25519 key share, one ECDSA signature, the key schedule (estimate). */
const SERVER_HANDSHAKE_US = 150;

export interface TrustedAuthority {
  id: string;
  /** Its certificate's subject, e.g. "home-to-web CA". */
  name: string;
  der: Uint8Array;
}

export interface ClientTlsSetup {
  /** The name asked for in the SNI and checked in the certificate: the URL's host without a trailing dot. */
  serverName: string;
  /** Application protocols offered, in order (Chrome: h2, http/1.1). */
  alpn: string[];
  trusted: TrustedAuthority[];
  /** The setting that decided whom the client trusts, for the decision's link. */
  trustRef?: ConfigRef;
  /** The alert for a refused certificate (Chrome: certificate_unknown); absent, the one naming the problem. */
  certificateAlert?: number;
  /** Where a certificate the server sent is configured (a role's tls.certificate), for the decision's link. */
  certificateRef?: (der: Uint8Array) => ConfigRef | undefined;
}

export interface ServerTlsSetup {
  /** DER, leaf first. */
  certificates: Uint8Array[];
  secretKey: Uint8Array;
  /** In the server's order of preference (nginx without http2: http/1.1). */
  alpn: string[];
  /** The certificate's names and issuer, for the explanations. */
  names: string[];
  issuer: string;
  /** The `tls` setting of the role. */
  configRef: ConfigRef;
  /** nginx's ssl_session_tickets (on by default): what the two NewSessionTickets carry. */
  sessionTickets: boolean;
}

/** nginx without `http2 on` answers ALPN with HTTP/1.1 only. */
export const NGINX_ALPN = ['http/1.1'];

/** OpenSSL 3 sends two NewSessionTickets after a full handshake (SSL_CTX_set_num_tickets' default). */
const OPENSSL_TICKETS = 2;
/** A ticket's lifetime: nginx's ssl_session_timeout, 5 minutes by default. */
export const NGINX_TICKET_LIFETIME_S = 300;

/**
 * From the client's Finished to each NewSessionTicket leaving nginx, measured on nginx 1.22.1 / OpenSSL 3.0 over a
 * veth pair (shared/wire/fixtures/nginx-tickets.ts, medians of six runs): sealing a session into a ticket takes
 * longer than naming one by its id.
 */
const TICKET_DELAYS_US = { sealed: [200, 40], id: [140, 25] };

/** The ticket keys OpenSSL makes when nginx starts (no ssl_session_ticket_key): one set per server, random. */
interface TicketKeys {
  name: Uint8Array;
  hmacKey: Uint8Array;
}
const ticketKeys = new WeakMap<EndSystem, TicketKeys>();

/**
 * The two tickets as OpenSSL 3 writes them: ticket_age_add random, an 8-byte nonce counting from 0, no extensions.
 * With session tickets on, the ticket is the session sealed by the server (stateless): key name (16 bytes, the same
 * on every ticket of this server), IV (16), the encrypted session state (176 bytes for a TLS_AES_128_GCM_SHA256
 * session, AES-256-CBC — only the server can open it, so random bytes of that size stand for it here) and an
 * HMAC-SHA256 over the three (32): 240 bytes, as the capture shows. Off,
 * OpenSSL still sends two, each naming a new session by its 32-byte id (stateful; nginx's default
 * ssl_session_cache none does not keep them).
 */
function openSslTickets(node: EndSystem, stateless: boolean): NewSessionTicketRepr[] {
  const rng = node.rng;
  let keys = ticketKeys.get(node);
  if (stateless && !keys) {
    keys = { name: randomBytes(rng, 16), hmacKey: randomBytes(rng, 32) };
    ticketKeys.set(node, keys);
  }
  return Array.from({ length: OPENSSL_TICKETS }, (_, i) => {
    const ageAdd = rng.u32();
    const nonce = new Uint8Array(8);
    nonce[7] = i;
    let ticket: Uint8Array;
    if (stateless) {
      const sealed = concatBytes(keys!.name, randomBytes(rng, 16), randomBytes(rng, 176));
      ticket = concatBytes(sealed, hmac(sha256, keys!.hmacKey, sealed));
    } else {
      ticket = randomBytes(rng, 32);
    }
    return { lifetime: NGINX_TICKET_LIFETIME_S, ageAdd, nonce, ticket, extensions: [] };
  });
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const alertName = (code: number) => `${TLS_ALERT_NAMES[code] ?? 'alert'} (${code})`;

/** What both ends share: the TCP connection, writing flights and application data, closing with close_notify. */
abstract class TlsChannelBase implements HttpChannel {
  readonly scheme = 'https';
  cb: ChannelCallbacks = {};
  conn!: TcpConn;
  abstract readonly tls: TlsClient | TlsServer;
  private sentCloseNotify = false;
  private peerSentCloseNotify = false;

  constructor(protected readonly node: EndSystem) {}

  protected get sim() {
    return this.node.sim;
  }

  /** One flight as one write: TCP cuts it at the MSS. */
  protected write(records: TlsOutRecord[], explanation: Prose): void {
    if (records.length === 0 || !this.writable) return;
    const bytes = concatBytes(...records.map((r) => r.bytes));
    this.conn.send(bytes, (part, parts, n) =>
      parts === 1 ? explanation : [explanation, explain('tls.flightPart', { part, parts, bytes: n })],
    );
  }

  private get writable(): boolean {
    return this.conn.state === 'ESTABLISHED' || this.conn.state === 'CLOSE_WAIT';
  }

  send(data: Uint8Array, explainPart: ExplainPart): void {
    if (!this.tls.connected || !this.writable) return;
    const records = this.tls.send(data);
    const bytes = concatBytes(...records.map((r) => r.bytes));
    this.conn.send(bytes, (part, parts, n) => [
      explainPart(part, parts, n),
      explain('tls.applicationData', { records: records.length }),
    ]);
  }

  close(explanation: Prose): void {
    // The side that closes first says close_notify (RFC 8446 §6.1) before its FIN; after a fatal alert or the
    // peer's own close_notify there is nothing more to say in TLS.
    if (this.tls.connected && !this.tls.failed && !this.sentCloseNotify && !this.peerSentCloseNotify && this.writable) {
      this.sentCloseNotify = true;
      this.write(this.tls.close(), explain('tls.closeNotify', { device: this.node.name }));
    }
    this.conn.close(explanation);
  }

  abort(): void {
    this.conn.abort();
  }

  tcpCallbacks(): TcpCallbacks {
    return {
      onConnect: () => this.connected(),
      onData: (_c, data) => this.received(this.tls.receive(data)),
      onPeerClose: () => this.cb.onPeerClose?.(this),
      onError: (_c, code, detail) => this.cb.onError?.(this, { kind: 'tcp', code, detail }),
    };
  }

  protected connected(): void {}

  /** What the TLS state machine made of the bytes that came in. */
  protected received(out: TlsOutput): void {
    if (out.closed) this.peerSentCloseNotify = true;
    if (out.failure) {
      this.refused(out);
      return;
    }
    this.progress(out);
    for (const data of out.data) this.deliver(data);
  }

  /** Decrypted application bytes to the program. */
  protected deliver(data: Uint8Array): void {
    this.cb.onData?.(this, data);
  }

  protected abstract progress(out: TlsOutput): void;

  /** The handshake failed: this side's fatal alert goes out (if it found the problem); the owner hears of it. */
  protected refused(out: TlsOutput): void {
    const failure = out.failure!;
    this.logKeys();
    if (failure.by === 'local') {
      this.write(
        out.records,
        explain(out.records.some((r) => r.encrypted) ? 'tls.alert' : 'tls.alertPlain', {
          device: this.node.name,
          alert: alertName(failure.alert),
        }),
      );
    }
    this.cb.onError?.(this, { kind: 'tls', failure });
  }

  /** The session's secrets into the trace (NSS key log): the capture and the replay decrypt with them. */
  protected logKeys(): void {
    if (this.keysLogged || !this.sim.recording) return;
    const lines = this.tls.keyLog();
    if (!lines) return;
    this.keysLogged = true;
    this.sim.tlsKeyLog.push(lines);
  }
  private keysLogged = false;
}

export class TlsClientChannel extends TlsChannelBase {
  readonly tls: TlsClient;

  constructor(
    node: EndSystem,
    private readonly setup: ClientTlsSetup,
  ) {
    super(node);
    const rng = node.rng;
    this.tls = new TlsClient({
      serverName: setup.serverName,
      alpn: setup.alpn,
      random: randomBytes(rng, 32),
      // A 32-byte legacy session id, as Chrome sends for middlebox compatibility (RFC 8446 appendix D.4).
      sessionId: randomBytes(rng, 32),
      keyShareSecret: randomBytes(rng, 32),
      trusted: setup.trusted.map((a) => a.der),
      now: SIMULATED_NOW_MS + Math.floor(node.sim.now / 1000),
      certificateAlert: setup.certificateAlert,
    });
  }

  /** A refused certificate is found while checking it, as an accepted one is: the alert leaves after that time. */
  protected override refused(out: TlsOutput): void {
    const problem = out.failure?.by === 'local' ? out.failure.certificate : undefined;
    if (problem) this.certificateRefused(problem);
    this.sim.schedule(CLIENT_VERIFY_US, () => super.refused(out));
  }

  /** Why the certificate is refused, linked to what decides it: the certificate served, or whom this host trusts. */
  private certificateRefused(problem: CertificateProblem): void {
    const n = this.node;
    const s = this.setup;
    const der = this.tls.peerCertificates[0];
    const leaf = parseCertificate(der);
    const now = SIMULATED_NOW_MS + Math.floor(n.sim.now / 1000);
    const params = {
      device: n.name,
      sni: s.serverName,
      names: leaf.dnsNames.join(', ') || leaf.subject,
      issuer: leaf.issuer,
      notBefore: dateOf(leaf.notBefore),
      notAfter: dateOf(leaf.notAfter),
      date: dateOf(now),
      trusted: s.trusted.map((a) => a.name).join(', '),
      alert: alertName(s.certificateAlert ?? TlsAlertDescription.badCertificate),
    };
    const why =
      problem === 'name'
        ? 'tls.decision.refusedName'
        : problem === 'date'
          ? 'tls.decision.refusedDate'
          : s.trusted.length > 0
            ? 'tls.decision.refusedAuthority'
            : 'tls.decision.refusedAuthorityNone';
    n.sim.decision(
      n.id,
      'tls',
      explain(
        problem === 'name'
          ? 'tls.summary.refusedName'
          : problem === 'date'
            ? 'tls.summary.refusedDate'
            : 'tls.summary.refusedAuthority',
        params,
      ),
      [explain(why, params), explain('tls.decision.refusedAlert', params)],
      problem === 'authority' ? s.trustRef : (s.certificateRef?.(der) ?? s.trustRef),
    );
  }

  protected override connected(): void {
    const n = this.node;
    const s = this.setup;
    const params = { device: n.name, sni: s.serverName, alpn: s.alpn.join(', '), port: this.conn.remotePort };
    n.sim.decision(
      n.id,
      'tls',
      explain('tls.summary.clientHello', params),
      explain(s.trusted.length > 0 ? 'tls.decision.clientHello' : 'tls.decision.clientHelloNoTrust', {
        ...params,
        trusted: s.trusted.map((a) => a.name).join(', '),
      }),
      s.trustRef,
    );
    this.write(this.tls.start().records, explain('tls.clientHello', params));
  }

  protected progress(out: TlsOutput): void {
    if (!out.handshakeDone) return;
    this.logKeys();
    const n = this.node;
    const issuer = parseCertificate(this.tls.peerCertificates[0]).issuer;
    const now = SIMULATED_NOW_MS + Math.floor(n.sim.now / 1000);
    n.sim.decision(
      n.id,
      'tls',
      explain('tls.summary.certificateOk', { sni: this.setup.serverName }),
      explain('tls.decision.certificateOk', {
        device: n.name,
        sni: this.setup.serverName,
        date: dateOf(now),
        issuer,
        alpn: this.tls.alpn ?? 'http/1.1',
      }),
      this.setup.trustRef,
    );
    // The Finished goes once the chain and the signature are checked; then HTTP can flow.
    n.sim.schedule(CLIENT_VERIFY_US, () => {
      this.write(out.records, explain('tls.clientFinished', { device: n.name }));
      if (this.conn.state === 'ESTABLISHED') this.cb.onOpen?.(this);
    });
  }
}

export class TlsServerChannel extends TlsChannelBase {
  readonly tls: TlsServer;
  private flightSent = false;
  /** The request read while the tickets are still being written: nginx reads it once the handshake call returns. */
  private held?: Uint8Array[];
  private readonly ticketBytes: number;

  constructor(
    node: EndSystem,
    private readonly setup: ServerTlsSetup,
  ) {
    super(node);
    const rng = node.rng;
    const random = randomBytes(rng, 32);
    const keyShareSecret = randomBytes(rng, 32);
    const tickets = openSslTickets(node, setup.sessionTickets);
    this.ticketBytes = tickets[0].ticket.length;
    this.tls = new TlsServer({
      random,
      keyShareSecret,
      certificates: setup.certificates,
      secretKey: setup.secretKey,
      alpn: setup.alpn,
      tickets,
    });
  }

  protected progress(out: TlsOutput): void {
    const n = this.node;
    if (out.handshakeDone) this.sendTickets(out.records);
    if (!this.flightSent && out.records.some((r) => r.handshakeTypes.includes(TlsHandshakeType.serverHello))) {
      this.flightSent = true;
      const s = this.setup;
      const params: ProseMessage['params'] = {
        device: n.name,
        sni: this.tls.serverName ?? '',
        names: s.names.join(', '),
        issuer: s.issuer,
        alpn: this.tls.alpn ?? '',
      };
      n.sim.decision(
        n.id,
        'tls',
        explain('tls.summary.serverHello', params),
        explain(this.tls.serverName ? 'tls.decision.serverHello' : 'tls.decision.serverHelloNoSni', params),
        s.configRef,
      );
      n.sim.schedule(SERVER_HANDSHAKE_US, () => this.write(out.records, explain('tls.serverFlight', params)));
    }
    if (out.handshakeDone) this.cb.onOpen?.(this);
  }

  protected override deliver(data: Uint8Array): void {
    if (this.held) this.held.push(data);
    else super.deliver(data);
  }

  /**
   * The client's Finished checked out: OpenSSL writes the two NewSessionTickets, each a record of its own and flushed
   * on its own (two TCP segments), before SSL_do_handshake returns and nginx reads the request. The first carries the
   * ACK of the Finished and the request: the server's kernel holds its ACKs back on this connection, which has
   * already answered (tcp.ts, interactive mode).
   */
  private sendTickets(records: TlsOutRecord[]): void {
    const tickets = records.filter((r) => r.handshakeTypes.includes(TlsHandshakeType.newSessionTicket));
    if (tickets.length === 0) return;
    const n = this.node;
    const s = this.setup;
    const params = {
      device: n.name,
      count: tickets.length,
      lifetime: NGINX_TICKET_LIFETIME_S,
      bytes: tickets[0].bytes.length - 5,
      ticketBytes: this.ticketBytes,
    };
    const ref: ConfigRef = { ...s.configRef, path: [...s.configRef.path, 'sessionTickets'] };
    n.sim.decision(
      n.id,
      'tls',
      explain(s.sessionTickets ? 'tls.summary.sessionTickets' : 'tls.summary.sessionIds', params),
      explain(s.sessionTickets ? 'tls.decision.sessionTickets' : 'tls.decision.sessionIds', params),
      ref,
    );
    const delays = s.sessionTickets ? TICKET_DELAYS_US.sealed : TICKET_DELAYS_US.id;
    this.held = [];
    let at = 0;
    tickets.forEach((r, i) => {
      at += delays[Math.min(i, delays.length - 1)];
      n.sim.schedule(at, () => {
        this.write(
          [r],
          explain(s.sessionTickets ? 'tls.newSessionTicket' : 'tls.newSessionTicketId', { ...params, n: i + 1 }),
        );
        if (i < tickets.length - 1) return;
        const held = this.held ?? [];
        this.held = undefined;
        for (const data of held) super.deliver(data);
      });
    });
  }

  /** The client refused the handshake with an alert: nginx gives up on the connection and closes it (no close_notify). */
  protected override refused(out: TlsOutput): void {
    super.refused(out);
    const f = out.failure!;
    if (f.by === 'peer')
      this.conn.close(explain('tls.peerAlertClose', { device: this.node.name, alert: alertName(f.alert) }));
  }
}

/** A role's `tls` setting as the server uses it; undefined when its certificate or key cannot be read (a problem the checks report). */
export function serverTlsSetup(config: TlsServerConfig, configRef: ConfigRef): ServerTlsSetup | undefined {
  const cert = readCertificate(config.certificate);
  const key = readKey(config.key);
  if (!cert || !key) return undefined;
  return {
    certificates: [cert.der],
    secretKey: key.secretKey,
    alpn: NGINX_ALPN,
    names: cert.names,
    issuer: cert.issuer,
    configRef,
    sessionTickets: config.sessionTickets ?? true,
  };
}
