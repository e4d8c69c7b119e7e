// The TLS 1.3 client and server state machines (RFC 8446 §4, full handshake, no PSK or HelloRetryRequest),
// sans I/O: they take the bytes that arrived from TCP and return the records to send and the application data
// that came in. Randoms and keys are given by the caller, so a seed fixes every byte.
import { x25519 } from '@noble/curves/ed25519.js';
import { WireError } from './error';
import { concatBytes, bytesEqual } from './tls-codec';
import {
  TlsContentType,
  TlsAlertDescription,
  TlsAlertLevel,
  TLS_LEGACY_VERSION,
  emitTlsRecord,
  emitTlsAlert,
  parseTlsAlert,
  splitTlsRecords,
  type TlsRecordRepr,
} from './tls-record';
import {
  TlsHandshakeType,
  TlsExtensionType,
  TLS_AES_128_GCM_SHA256,
  TLS_VERSION_1_3,
  TLS_GROUP_X25519,
  TLS_GROUP_SECP256R1,
  TLS_SIG_ECDSA_SECP256R1_SHA256,
  TLS_SIG_RSA_PSS_RSAE_SHA256,
  TLS_SIG_RSA_PKCS1_SHA256,
  TLS_PSK_DHE_KE,
  emitHandshake,
  splitHandshakes,
  serverNameExtension,
  alpnExtension,
  u16ListExtension,
  keyShareClientExtension,
  keyShareServerExtension,
  supportedVersionServerExtension,
  viewClientHello,
  viewServerHello,
  readAlpn,
  findExtension,
  type HandshakeRepr,
  type HandshakeSpan,
  type ClientHelloRepr,
  type ServerHelloRepr,
  type CertificateRepr,
  type CertificateVerifyRepr,
  type NewSessionTicketRepr,
  type TlsExtension,
} from './tls-handshake';
import {
  handshakeSecrets,
  applicationSecrets,
  trafficKeys,
  transcriptHash,
  finishedVerifyData,
  certificateVerifyContent,
  keyLogLines,
  type TlsKeyLog,
} from './tls-keys';
import { RecordProtection } from './tls-protect';
import {
  checkCertificateChain,
  parseCertificate,
  signEcdsaP256,
  verifyEcdsaP256,
  type CertificateProblem,
} from './tls-cert';

/** A record this side sends: its bytes and what is inside (the handshake messages, or the inner content type). */
export interface TlsOutRecord {
  bytes: Uint8Array;
  /** The real content type (inside the encryption for protected records). */
  contentType: number;
  handshakeTypes: number[];
  encrypted: boolean;
  /** The plaintext inside (handshake messages, application data, alert), what Wireshark shows after decrypting. */
  plaintext: Uint8Array;
}

export interface TlsFailure {
  /** The alert sent or received. */
  alert: number;
  /** Which side found the problem. */
  by: 'local' | 'peer';
  message: string;
  certificate?: CertificateProblem;
}

export interface TlsOutput {
  records: TlsOutRecord[];
  data: Uint8Array[];
  handshakeDone: boolean;
  /** The peer sent close_notify. */
  closed: boolean;
  failure?: TlsFailure;
}

class TlsLocalError extends Error {
  constructor(
    readonly alert: number,
    message: string,
    readonly certificate?: CertificateProblem,
  ) {
    super(message);
  }
}

const CCS_RECORD = emitTlsRecord({
  contentType: TlsContentType.changeCipherSpec,
  version: TLS_LEGACY_VERSION,
  fragment: Uint8Array.of(1),
});

abstract class TlsEndpoint {
  protected inbox: Uint8Array = new Uint8Array(0);
  protected handshakeBytes: Uint8Array = new Uint8Array(0);
  protected transcript: Uint8Array[] = [];
  protected reader?: RecordProtection;
  protected writer?: RecordProtection;
  protected out: TlsOutput = { records: [], data: [], handshakeDone: false, closed: false };
  protected log: Partial<TlsKeyLog> = {};
  /** The ALPN protocol both sides agreed on, once known. */
  alpn?: string;
  connected = false;
  failed?: TlsFailure;
  peerClosed = false;

  /** The NSS key log lines of this connection (what a pcapng's Decryption Secrets Block carries). */
  keyLog(): string {
    if (!this.log.clientRandom || !this.log.clientHandshake || !this.log.serverHandshake) return '';
    return keyLogLines(this.log as TlsKeyLog);
  }

  protected plainRecord(
    contentType: number,
    content: Uint8Array,
    handshakeTypes: number[] = [],
    version = TLS_LEGACY_VERSION,
  ): void {
    this.out.records.push({
      bytes: emitTlsRecord({ contentType, version, fragment: content }),
      contentType,
      handshakeTypes,
      encrypted: false,
      plaintext: content,
    });
  }

  protected sealedRecord(contentType: number, content: Uint8Array, handshakeTypes: number[] = []): void {
    if (!this.writer) throw new WireError('TLS: no keys to protect a record with yet');
    this.out.records.push({
      bytes: emitTlsRecord(this.writer.seal(contentType, content)),
      contentType,
      handshakeTypes,
      encrypted: true,
      plaintext: content,
    });
  }

  protected sendHandshake(repr: HandshakeRepr, encrypted: boolean): Uint8Array {
    const bytes = emitHandshake(repr);
    this.transcript.push(bytes);
    if (encrypted) this.sealedRecord(TlsContentType.handshake, bytes, [repr.type]);
    else this.plainRecord(TlsContentType.handshake, bytes, [repr.type]);
    return bytes;
  }

  protected take(): TlsOutput {
    const out = this.out;
    this.out = { records: [], data: [], handshakeDone: false, closed: false };
    return out;
  }

  /** Bytes from the peer (any split TCP chose); never throws — a failure is in the output and in `failed`. */
  receive(bytes: Uint8Array): TlsOutput {
    if (this.failed) return this.take();
    try {
      const { records, rest } = splitTlsRecords(concatBytes(this.inbox, bytes));
      this.inbox = rest;
      for (const { repr } of records) {
        this.record(repr);
        if (this.failed || this.peerClosed) break;
      }
    } catch (e) {
      const local =
        e instanceof TlsLocalError ? e : new TlsLocalError(TlsAlertDescription.decodeError, (e as Error).message);
      this.fail(local);
    }
    return this.take();
  }

  private fail(e: TlsLocalError): void {
    this.failed = { alert: e.alert, by: 'local', message: e.message, certificate: e.certificate };
    this.out.failure = this.failed;
    const alert = emitTlsAlert({ level: TlsAlertLevel.fatal, description: e.alert });
    if (this.writer) this.sealedRecord(TlsContentType.alert, alert);
    else this.plainRecord(TlsContentType.alert, alert);
  }

  private record(repr: TlsRecordRepr): void {
    if (repr.contentType === TlsContentType.changeCipherSpec) {
      // The middlebox-compatibility CCS (RFC 8446 §5): one byte 0x01, only during the handshake, otherwise ignored.
      if (this.connected || repr.fragment.length !== 1 || repr.fragment[0] !== 1) {
        throw new TlsLocalError(TlsAlertDescription.unexpectedMessage, 'TLS: unexpected ChangeCipherSpec');
      }
      return;
    }
    let contentType = repr.contentType;
    let content = repr.fragment;
    if (this.reader) {
      try {
        ({ contentType, content } = this.reader.open(repr));
      } catch (e) {
        throw new TlsLocalError(TlsAlertDescription.badRecordMac, (e as Error).message);
      }
    } else if (contentType === TlsContentType.applicationData) {
      throw new TlsLocalError(TlsAlertDescription.unexpectedMessage, 'TLS: application data before the handshake');
    }
    if (contentType === TlsContentType.alert) {
      const alert = parseTlsAlert(content);
      if (alert.description === TlsAlertDescription.closeNotify) {
        this.peerClosed = true;
        this.out.closed = true;
        return;
      }
      this.failed = { alert: alert.description, by: 'peer', message: `TLS: the peer sent alert ${alert.description}` };
      this.out.failure = this.failed;
      return;
    }
    if (contentType === TlsContentType.applicationData) {
      if (!this.connected)
        throw new TlsLocalError(TlsAlertDescription.unexpectedMessage, 'TLS: application data before Finished');
      this.out.data.push(content);
      return;
    }
    if (contentType !== TlsContentType.handshake) {
      throw new TlsLocalError(TlsAlertDescription.unexpectedMessage, `TLS: unexpected record type ${contentType}`);
    }
    const { messages, rest } = splitHandshakes(concatBytes(this.handshakeBytes, content));
    this.handshakeBytes = rest;
    for (const m of messages) {
      this.handshake(m);
      if (this.failed) return;
    }
  }

  protected abstract handshake(message: HandshakeSpan): void;

  /** Application data as records (at most 2^14 bytes each). */
  send(data: Uint8Array): TlsOutRecord[] {
    if (!this.connected) throw new WireError('TLS: cannot send application data before the handshake is done');
    for (let o = 0; o < data.length || o === 0; o += 1 << 14) {
      this.sealedRecord(TlsContentType.applicationData, data.subarray(o, o + (1 << 14)));
      if (data.length === 0) break;
    }
    return this.take().records;
  }

  /** close_notify (RFC 8446 §6.1), sent before closing TCP. */
  close(): TlsOutRecord[] {
    const alert = emitTlsAlert({ level: TlsAlertLevel.warning, description: TlsAlertDescription.closeNotify });
    if (this.writer) this.sealedRecord(TlsContentType.alert, alert);
    else this.plainRecord(TlsContentType.alert, alert);
    return this.take().records;
  }
}

function expect(message: HandshakeSpan, type: number, state: string): void {
  if (message.repr.type !== type) {
    throw new TlsLocalError(
      TlsAlertDescription.unexpectedMessage,
      `TLS: got handshake type ${message.repr.type} while ${state}`,
    );
  }
}

export interface TlsClientOptions {
  serverName: string;
  alpn: string[];
  random: Uint8Array;
  sessionId: Uint8Array;
  /** X25519 secret key of this connection's key share. */
  keyShareSecret: Uint8Array;
  /** DER certificates of the authorities this host trusts. */
  trusted: Uint8Array[];
  /** The host's clock, in milliseconds since 1970: certificates are checked against it. */
  now: number;
  /**
   * The alert sent for a refused certificate. Absent: the one naming the problem (unknown_ca, certificate_expired,
   * bad_certificate). Chrome's BoringSSL sends certificate_unknown for every one (its verify callback never picks one).
   */
  certificateAlert?: number;
}

type ClientState =
  | 'start'
  | 'wait-server-hello'
  | 'wait-encrypted-extensions'
  | 'wait-certificate'
  | 'wait-certificate-verify'
  | 'wait-finished'
  | 'connected';

export class TlsClient extends TlsEndpoint {
  state: ClientState = 'start';
  /** The server's certificate chain (DER, leaf first), once received. */
  peerCertificates: Uint8Array[] = [];
  /** The NewSessionTickets the server sent after the handshake. */
  tickets: NewSessionTicketRepr[] = [];
  private secrets?: ReturnType<typeof handshakeSecrets>;

  constructor(readonly options: TlsClientOptions) {
    super();
    this.log.clientRandom = options.random;
  }

  /** The ClientHello record. */
  start(): TlsOutput {
    const o = this.options;
    const hello: ClientHelloRepr = {
      random: o.random,
      sessionId: o.sessionId,
      cipherSuites: [TLS_AES_128_GCM_SHA256],
      extensions: [
        serverNameExtension(o.serverName),
        u16ListExtension(TlsExtensionType.supportedGroups, [TLS_GROUP_X25519, TLS_GROUP_SECP256R1]),
        u16ListExtension(TlsExtensionType.signatureAlgorithms, [
          TLS_SIG_ECDSA_SECP256R1_SHA256,
          TLS_SIG_RSA_PSS_RSAE_SHA256,
          TLS_SIG_RSA_PKCS1_SHA256,
        ]),
        alpnExtension(o.alpn),
        u16ListExtension(TlsExtensionType.supportedVersions, [TLS_VERSION_1_3], 1),
        { type: TlsExtensionType.pskKeyExchangeModes, data: Uint8Array.of(1, TLS_PSK_DHE_KE) },
        keyShareClientExtension(TLS_GROUP_X25519, x25519.getPublicKey(o.keyShareSecret)),
      ],
    };
    const bytes = emitHandshake({ type: TlsHandshakeType.clientHello, body: hello });
    this.transcript.push(bytes);
    // The first ClientHello's record says TLS 1.0 (RFC 8446 §5.1), as browsers send it.
    this.plainRecord(TlsContentType.handshake, bytes, [TlsHandshakeType.clientHello], 0x0301);
    this.state = 'wait-server-hello';
    return this.take();
  }

  protected handshake(m: HandshakeSpan): void {
    switch (this.state) {
      case 'wait-server-hello': {
        expect(m, TlsHandshakeType.serverHello, 'waiting for ServerHello');
        const sh = m.repr.body as ServerHelloRepr;
        const view = viewServerHello(sh);
        if (view.version !== TLS_VERSION_1_3)
          throw new TlsLocalError(TlsAlertDescription.protocolVersion, 'TLS: the server did not choose TLS 1.3');
        if (sh.cipherSuite !== TLS_AES_128_GCM_SHA256)
          throw new TlsLocalError(
            TlsAlertDescription.illegalParameter,
            'TLS: the server chose a cipher suite not offered',
          );
        if (!view.keyShare || view.keyShare.group !== TLS_GROUP_X25519)
          throw new TlsLocalError(
            TlsAlertDescription.illegalParameter,
            'TLS: the server did not answer the X25519 key share',
          );
        if (!bytesEqual(sh.sessionId, this.options.sessionId))
          throw new TlsLocalError(TlsAlertDescription.illegalParameter, 'TLS: the server did not echo the session id');
        this.transcript.push(m.bytes);
        const shared = x25519.getSharedSecret(this.options.keyShareSecret, view.keyShare.key);
        this.secrets = handshakeSecrets(shared, transcriptHash(this.transcript));
        this.log.clientHandshake = this.secrets.client;
        this.log.serverHandshake = this.secrets.server;
        this.reader = new RecordProtection(trafficKeys(this.secrets.server));
        // Its own handshake keys protect what the client sends next: its Finished, or an alert.
        this.writer = new RecordProtection(trafficKeys(this.secrets.client));
        this.state = 'wait-encrypted-extensions';
        return;
      }
      case 'wait-encrypted-extensions': {
        expect(m, TlsHandshakeType.encryptedExtensions, 'waiting for EncryptedExtensions');
        const alpn = readAlpn(
          findExtension((m.repr.body as { extensions: TlsExtension[] }).extensions, TlsExtensionType.alpn),
        );
        if (alpn.length > 0) {
          if (!this.options.alpn.includes(alpn[0]))
            throw new TlsLocalError(
              TlsAlertDescription.illegalParameter,
              'TLS: the server chose a protocol not offered',
            );
          this.alpn = alpn[0];
        }
        this.transcript.push(m.bytes);
        this.state = 'wait-certificate';
        return;
      }
      case 'wait-certificate': {
        expect(m, TlsHandshakeType.certificate, 'waiting for Certificate');
        this.peerCertificates = (m.repr.body as CertificateRepr).entries.map((e) => e.data);
        this.transcript.push(m.bytes);
        const problem = checkCertificateChain(
          this.peerCertificates,
          this.options.serverName,
          this.options.trusted,
          this.options.now,
        );
        if (problem) {
          const alert =
            this.options.certificateAlert ??
            (problem === 'authority'
              ? TlsAlertDescription.unknownCa
              : problem === 'date'
                ? TlsAlertDescription.certificateExpired
                : TlsAlertDescription.badCertificate);
          throw new TlsLocalError(alert, `TLS: the server's certificate is not acceptable (${problem})`, problem);
        }
        this.state = 'wait-certificate-verify';
        return;
      }
      case 'wait-certificate-verify': {
        expect(m, TlsHandshakeType.certificateVerify, 'waiting for CertificateVerify');
        const cv = m.repr.body as CertificateVerifyRepr;
        const leaf = parseCertificate(this.peerCertificates[0]);
        const content = certificateVerifyContent('server', transcriptHash(this.transcript));
        if (
          cv.algorithm !== TLS_SIG_ECDSA_SECP256R1_SHA256 ||
          !verifyEcdsaP256(cv.signature, content, leaf.publicKey)
        ) {
          throw new TlsLocalError(
            TlsAlertDescription.decryptError,
            'TLS: the CertificateVerify signature does not verify',
          );
        }
        this.transcript.push(m.bytes);
        this.state = 'wait-finished';
        return;
      }
      case 'wait-finished': {
        expect(m, TlsHandshakeType.finished, 'waiting for Finished');
        const secrets = this.secrets!;
        const expected = finishedVerifyData(secrets.server, transcriptHash(this.transcript));
        if (!bytesEqual(expected, (m.repr.body as { verifyData: Uint8Array }).verifyData)) {
          throw new TlsLocalError(TlsAlertDescription.decryptError, "TLS: the server's Finished does not match");
        }
        this.transcript.push(m.bytes);
        const serverFinishedHash = transcriptHash(this.transcript);
        const app = applicationSecrets(secrets.handshakeSecret, serverFinishedHash);
        this.log.clientTraffic = app.client;
        this.log.serverTraffic = app.server;
        this.out.records.push({
          bytes: CCS_RECORD,
          contentType: TlsContentType.changeCipherSpec,
          handshakeTypes: [],
          encrypted: false,
          plaintext: Uint8Array.of(1),
        });
        this.sendHandshake(
          {
            type: TlsHandshakeType.finished,
            body: { verifyData: finishedVerifyData(secrets.client, serverFinishedHash) },
          },
          true,
        );
        this.writer = new RecordProtection(trafficKeys(app.client));
        this.reader = new RecordProtection(trafficKeys(app.server));
        this.state = 'connected';
        this.connected = true;
        this.out.handshakeDone = true;
        return;
      }
      case 'connected':
        // NewSessionTicket is the only post-handshake message this client accepts. It keeps the tickets, as a browser
        // does, but never offers one: every connection runs the full handshake.
        if (m.repr.type !== TlsHandshakeType.newSessionTicket) {
          throw new TlsLocalError(
            TlsAlertDescription.unexpectedMessage,
            `TLS: unexpected handshake type ${m.repr.type} after Finished`,
          );
        }
        this.tickets.push(m.repr.body as NewSessionTicketRepr);
        return;
      default:
        throw new TlsLocalError(
          TlsAlertDescription.unexpectedMessage,
          'TLS: handshake message before ClientHello was sent',
        );
    }
  }
}

export interface TlsServerOptions {
  random: Uint8Array;
  keyShareSecret: Uint8Array;
  /** DER certificates, leaf first. */
  certificates: Uint8Array[];
  /** The leaf's P-256 secret key. */
  secretKey: Uint8Array;
  /** Protocols in the server's order of preference. */
  alpn: string[];
  /**
   * The NewSessionTickets sent once the client's Finished checks out, each in a record of its own (OpenSSL 3 sends
   * two, and flushes each). Not part of the handshake transcript (RFC 8446 §4.6).
   */
  tickets?: NewSessionTicketRepr[];
}

type ServerState = 'wait-client-hello' | 'wait-finished' | 'connected';

export class TlsServer extends TlsEndpoint {
  state: ServerState = 'wait-client-hello';
  /** The name the client asked for (SNI), in clear in its ClientHello. */
  serverName?: string;
  private clientHandshakeSecret?: Uint8Array;
  private serverFinishedHash?: Uint8Array;
  private clientAppSecret?: Uint8Array;

  constructor(readonly options: TlsServerOptions) {
    super();
  }

  protected handshake(m: HandshakeSpan): void {
    if (this.state === 'wait-client-hello') {
      expect(m, TlsHandshakeType.clientHello, 'waiting for ClientHello');
      const ch = m.repr.body as ClientHelloRepr;
      const view = viewClientHello(ch);
      this.log.clientRandom = ch.random;
      this.serverName = view.serverName;
      if (!view.versions.includes(TLS_VERSION_1_3))
        throw new TlsLocalError(TlsAlertDescription.protocolVersion, 'TLS: the client does not offer TLS 1.3');
      if (!ch.cipherSuites.includes(TLS_AES_128_GCM_SHA256))
        throw new TlsLocalError(
          TlsAlertDescription.handshakeFailure,
          'TLS: the client does not offer TLS_AES_128_GCM_SHA256',
        );
      const share = view.keyShares.find((k) => k.group === TLS_GROUP_X25519);
      if (!share)
        throw new TlsLocalError(TlsAlertDescription.handshakeFailure, 'TLS: the client sent no X25519 key share');
      if (view.signatureAlgorithms.length > 0 && !view.signatureAlgorithms.includes(TLS_SIG_ECDSA_SECP256R1_SHA256)) {
        throw new TlsLocalError(
          TlsAlertDescription.handshakeFailure,
          'TLS: the client does not accept ECDSA P-256 signatures',
        );
      }
      if (view.alpn.length > 0) {
        this.alpn = this.options.alpn.find((p) => view.alpn.includes(p));
        if (!this.alpn)
          throw new TlsLocalError(TlsAlertDescription.noApplicationProtocol, 'TLS: no application protocol in common');
      }
      this.transcript.push(m.bytes);
      const o = this.options;
      this.sendHandshake(
        {
          type: TlsHandshakeType.serverHello,
          body: {
            random: o.random,
            sessionId: ch.sessionId,
            cipherSuite: TLS_AES_128_GCM_SHA256,
            extensions: [
              supportedVersionServerExtension(),
              keyShareServerExtension(TLS_GROUP_X25519, x25519.getPublicKey(o.keyShareSecret)),
            ],
          },
        },
        false,
      );
      const secrets = handshakeSecrets(
        x25519.getSharedSecret(o.keyShareSecret, share.key),
        transcriptHash(this.transcript),
      );
      this.log.clientHandshake = secrets.client;
      this.log.serverHandshake = secrets.server;
      this.clientHandshakeSecret = secrets.client;
      if (ch.sessionId.length > 0) {
        this.out.records.push({
          bytes: CCS_RECORD,
          contentType: TlsContentType.changeCipherSpec,
          handshakeTypes: [],
          encrypted: false,
          plaintext: Uint8Array.of(1),
        });
      }
      this.writer = new RecordProtection(trafficKeys(secrets.server));
      this.reader = new RecordProtection(trafficKeys(secrets.client));
      this.sendHandshake(
        {
          type: TlsHandshakeType.encryptedExtensions,
          body: { extensions: this.alpn ? [alpnExtension([this.alpn])] : [] },
        },
        true,
      );
      this.sendHandshake(
        {
          type: TlsHandshakeType.certificate,
          body: {
            context: new Uint8Array(0),
            entries: o.certificates.map((data) => ({ data, extensions: new Uint8Array(0) })),
          },
        },
        true,
      );
      const signature = signEcdsaP256(certificateVerifyContent('server', transcriptHash(this.transcript)), o.secretKey);
      this.sendHandshake(
        { type: TlsHandshakeType.certificateVerify, body: { algorithm: TLS_SIG_ECDSA_SECP256R1_SHA256, signature } },
        true,
      );
      this.sendHandshake(
        {
          type: TlsHandshakeType.finished,
          body: { verifyData: finishedVerifyData(secrets.server, transcriptHash(this.transcript)) },
        },
        true,
      );
      this.serverFinishedHash = transcriptHash(this.transcript);
      const app = applicationSecrets(secrets.handshakeSecret, this.serverFinishedHash);
      this.log.clientTraffic = app.client;
      this.log.serverTraffic = app.server;
      this.clientAppSecret = app.client;
      this.writer = new RecordProtection(trafficKeys(app.server));
      this.state = 'wait-finished';
      return;
    }
    if (this.state === 'wait-finished') {
      expect(m, TlsHandshakeType.finished, "waiting for the client's Finished");
      const expected = finishedVerifyData(this.clientHandshakeSecret!, this.serverFinishedHash!);
      if (!bytesEqual(expected, (m.repr.body as { verifyData: Uint8Array }).verifyData)) {
        throw new TlsLocalError(TlsAlertDescription.decryptError, "TLS: the client's Finished does not match");
      }
      this.transcript.push(m.bytes);
      this.reader = new RecordProtection(trafficKeys(this.clientAppSecret!));
      this.state = 'connected';
      this.connected = true;
      this.out.handshakeDone = true;
      for (const ticket of this.options.tickets ?? []) {
        const bytes = emitHandshake({ type: TlsHandshakeType.newSessionTicket, body: ticket });
        this.sealedRecord(TlsContentType.handshake, bytes, [TlsHandshakeType.newSessionTicket]);
      }
      return;
    }
    throw new TlsLocalError(
      TlsAlertDescription.unexpectedMessage,
      `TLS: unexpected handshake type ${m.repr.type} after the handshake`,
    );
  }
}
