// The connection HTTP is spoken over: plain TCP (http://) or TLS 1.3 over TCP (https://, ./tls-channel.ts). The
// browser, the web server and the cache read and write HTTP bytes on an HttpChannel and never look at which it is.
//
//   openChannel(node, { src, ip, port, tls? }, callbacks, connectDeadlineUs) → HttpChannel   (a client: SYN now)
//   listenChannel(node, port, tls?, accept: (channel) => callbacks)                          (a server)
//   channel.send(bytes, explainPart) · channel.close(why) · channel.abort() · channel.conn (its TcpConn)
//   callbacks: onOpen (TCP up and, over TLS, the handshake done) · onData · onPeerClose · onError (TCP or TLS)
import type { NetError } from '../devices/ip-node';
import type { EndSystem } from '../devices/end-system';
import type { Prose, ProseMessage } from '../trace';
import type { TlsFailure } from '../../wire/tls-session';
import type { TcpCallbacks, TcpConn } from './tcp';
import { TlsClientChannel, TlsServerChannel, type ClientTlsSetup, type ServerTlsSetup } from './tls-channel';

export type ChannelFailure =
  | { kind: 'tcp'; code: NetError; detail: ProseMessage }
  /** The handshake failed: `failure.by` says whether this side refused (and sent the alert) or the peer did. */
  | { kind: 'tls'; failure: TlsFailure };

export interface ChannelCallbacks {
  /** Ready for HTTP: TCP is connected and, over TLS, the handshake is done. */
  onOpen?(channel: HttpChannel): void;
  /** Application bytes (over TLS: decrypted). */
  onData?(channel: HttpChannel, data: Uint8Array): void;
  /** The peer closed its side (its FIN; over TLS, after its close_notify): no more data will come. */
  onPeerClose?(channel: HttpChannel): void;
  onError?(channel: HttpChannel, failure: ChannelFailure): void;
}

/** Words for each TCP segment of a send: part `part` of `parts`, `bytes` bytes of payload on the wire. */
export type ExplainPart = (part: number, parts: number, bytes: number) => Prose;

export interface HttpChannel {
  readonly conn: TcpConn;
  /** "https" when the bytes go inside TLS. */
  readonly scheme: 'http' | 'https';
  /** The callbacks it reports to (a server's are set by `accept`). */
  cb: ChannelCallbacks;
  /** Application bytes (over TLS: as Application Data records). */
  send(data: Uint8Array, explainPart: ExplainPart): void;
  /** Closes this side: over TLS a close_notify first, then the TCP FIN. */
  close(explanation: Prose): void;
  /** Gives up on a connection still being opened (nothing on the wire). */
  abort(): void;
}

/** HTTP straight on TCP. */
export class TcpChannel implements HttpChannel {
  readonly scheme = 'http';
  cb: ChannelCallbacks = {};
  conn!: TcpConn;

  /** The TCP callbacks that report to this channel's. */
  tcpCallbacks(): TcpCallbacks {
    return {
      onConnect: () => this.cb.onOpen?.(this),
      onData: (_c, data) => this.cb.onData?.(this, data),
      onPeerClose: () => this.cb.onPeerClose?.(this),
      onError: (_c, code, detail) => this.cb.onError?.(this, { kind: 'tcp', code, detail }),
    };
  }

  send(data: Uint8Array, explainPart: ExplainPart): void {
    this.conn.send(data, explainPart);
  }

  close(explanation: Prose): void {
    this.conn.close(explanation);
  }

  abort(): void {
    this.conn.abort();
  }
}

export interface ChannelTarget {
  src: string;
  ip: string;
  port: number;
  /** Speak TLS first (https://). */
  tls?: ClientTlsSetup;
}

/** Opens a connection to `target` (the SYN goes now); `cb` hears when HTTP can flow, the data and the end. */
export function openChannel(
  node: EndSystem,
  target: ChannelTarget,
  cb: ChannelCallbacks,
  connectDeadlineUs?: number,
): HttpChannel {
  const channel = target.tls ? new TlsClientChannel(node, target.tls) : new TcpChannel();
  channel.cb = cb;
  channel.conn = node.tcp.connect(target.src, target.ip, target.port, channel.tcpCallbacks(), connectDeadlineUs);
  return channel;
}

/** Listens on TCP `port`; with `tls`, every connection is TLS first. `accept` gives each new channel's callbacks. */
export function listenChannel(
  node: EndSystem,
  port: number,
  tls: ServerTlsSetup | undefined,
  accept: (channel: HttpChannel) => ChannelCallbacks,
): void {
  node.tcp.listen(port, {
    accept: (conn) => {
      const channel = tls ? new TlsServerChannel(node, tls) : new TcpChannel();
      channel.conn = conn;
      channel.cb = accept(channel);
      return channel.tcpCallbacks();
    },
  });
}
