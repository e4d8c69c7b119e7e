// A small TCP that behaves like Linux 6.x on the wire: the SYN options (MSS, SACK permitted, timestamps, window
// scale), random initial sequence numbers, SYN retransmission as Linux 6.5+ does it (1 s RTO for the first retries, then doubling), segmentation
// at the peer's MSS, quick-ACK at the start of a connection (the first 16 ACKs go out at once; then delayed ACKs of
// 40 ms, which ride on the answer when it comes first), Linux's interactive ("pingpong") mode (a socket that answered
// within the delayed-ACK time delays its ACKs from then on, until a delayed ACK fires), an ACK at once when more than
// a full segment came in since the last one, the FIN close and 60 s of TIME_WAIT for the side that closed
// first. The device's `tcp` settings switch to the textbook variant (MSS-only SYN with window 65535, delayed ACKs).
// No congestion control or data retransmission: the simulated links do not lose data.
import { IP_PROTO_TCP } from '../../wire/ipv4';
import { emitTcp, tcpFlags, type TcpFlags, type TcpOptions, type TcpRepr } from '../../wire/tcp';
import type { TcpSettings } from '../../model/schema';
import type { IpNode, NetError } from '../devices/ip-node';
import type { Timer } from '../sim/sim';
import { explain } from '../prose';
import type { Prose, ProseMessage } from '../trace';
import { kernelTimerDelay } from '../sim/kernel-timer';

export interface TcpCallbacks {
  onConnect?(conn: TcpConn): void;
  onData?(conn: TcpConn, data: Uint8Array): void;
  /** The peer sent FIN: no more data will come. */
  onPeerClose?(conn: TcpConn): void;
  onError?(conn: TcpConn, code: NetError, detail: ProseMessage): void;
}

export interface TcpListener {
  /** Called when a handshake completes; returns the callbacks for the new connection. */
  accept(conn: TcpConn): TcpCallbacks;
}

const MSS = 1460; // 1500-byte Ethernet MTU − 20 (IPv4) − 20 (TCP)
const TIMESTAMP_OPTION_BYTES = 12; // NOP NOP TS on every segment after the SYN
const SYN_RETRIES = 6; // Linux net.ipv4.tcp_syn_retries
/** Linux 6.5+ net.ipv4.tcp_syn_linear_timeouts: an active open's first retries keep the initial RTO, and add to the retries. */
const SYN_LINEAR_TIMEOUTS = 4;
const SYN_RETRANSMITS = SYN_RETRIES + SYN_LINEAR_TIMEOUTS;
const SYN_RTO_US = 1_000_000; // initial retransmission timeout (RFC 6298, Linux TCP_TIMEOUT_INIT)
/** When Linux gives up on an unanswered connect: 1 + 1 + 1 + 1 + 1 + 2 + 4 + 8 + 16 + 32 + 64 s after the first SYN. */
export const SYN_GIVE_UP_US = 131_000_000;
const WINDOW_SYN = 64240;
const WINDOW_SYNACK = 65160;
const WSCALE = 7;
const WINDOW_TEXTBOOK = 65535; // no window scaling: the largest window a 16-bit field holds
const TIME_WAIT_US = 60_000_000; // Linux TCP_TIMEWAIT_LEN
const DELAYED_ACK_US = 40_000; // Linux TCP_DELACK_MIN
const MAX_QUICKACKS = 16; // Linux TCP_MAX_QUICKACKS
/** Linux's first estimate of the peer's segment size (TCP_MSS_DEFAULT), until a larger segment comes in. */
const RCV_MSS_DEFAULT = 536;

export const LINUX_TCP: TcpSettings = { linuxOptions: true, quickAck: true };

type State =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT1'
  | 'FIN_WAIT2'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'CLOSING'
  | 'TIME_WAIT'
  | 'CLOSED';

const add = (a: number, b: number) => (a + b) >>> 0;

export class TcpConn {
  state: State;
  iss: number;
  sndNxt: number;
  sndUna: number;
  irs = 0;
  rcvNxt = 0;
  peerMss = 536; // RFC 9293 default until the peer's SYN says otherwise
  tsRecent = 0;
  private tsOffset: number;
  private synTimer?: Timer;
  private delayedAck?: Timer;
  private quickAcks = MAX_QUICKACKS;
  /**
   * Linux's interactive mode (inet_csk_in_pingpong_mode): this socket sent data within the delayed-ACK time of the
   * last data it received, so it expects to answer again and delays its ACKs (no quick-ACK) for the answer to carry.
   */
  private pingpong = false;
  /** When data last came in (icsk_ack.lrcvtime), µs; −1 before any. */
  private lastDataRxUs = -1;
  /** The peer's segment size as this side estimates it (icsk_ack.rcv_mss): the largest segment seen, from 536. */
  private rcvMss = RCV_MSS_DEFAULT;
  /** The server side said once why it ACKs a request before answering it. */
  private toldQuickAck = false;
  /** The last Ack number sent, so a delayed ACK knows whether data already carried it. */
  private ackSent = -1;
  /** Set while callbacks run, so the stack knows the application already sent something carrying the ACK. */
  sentSinceRx = false;
  cb: TcpCallbacks = {};

  constructor(
    readonly stack: TcpStack,
    readonly localIp: string,
    readonly localPort: number,
    readonly remoteIp: string,
    readonly remotePort: number,
    state: State,
  ) {
    const rng = stack.node.rng;
    this.iss = rng.u32();
    this.sndNxt = this.iss;
    this.sndUna = this.iss;
    this.tsOffset = rng.u32();
    this.state = state;
  }

  get key(): string {
    return `${this.localIp}:${this.localPort}|${this.remoteIp}:${this.remotePort}`;
  }

  get node(): IpNode {
    return this.stack.node;
  }

  describe(): string {
    return `${this.localIp}:${this.localPort} → ${this.remoteIp}:${this.remotePort}`;
  }

  setState(state: State): void {
    this.state = state;
    if (state === 'CLOSED') {
      this.stack.connTable.delete(this.key);
      return;
    }
    if (state === 'TIME_WAIT') {
      // The side that closed first waits 2·MSL (Linux: a fixed 60 s), then the socket is gone.
      this.node.sim.schedule(TIME_WAIT_US, () => {
        if (this.state !== 'TIME_WAIT') return;
        this.setState('CLOSED');
        this.stack.forget(this);
      });
    }
    this.stack.connTable.set({
      protocol: 'tcp',
      local: `${this.localIp}:${this.localPort}`,
      remote: `${this.remoteIp}:${this.remotePort}`,
      state,
    });
  }

  tsVal(): number {
    return add(this.tsOffset, Math.floor(this.node.sim.now / 1000)); // Linux timestamps tick in milliseconds
  }

  emit(f: Partial<TcpFlags>, payload: Uint8Array, explanation: Prose, seq = this.sndNxt): void {
    const isSyn = !!f.syn;
    const linux = this.stack.settings.linuxOptions;
    const options: TcpOptions = !linux
      ? isSyn
        ? { mss: MSS }
        : {}
      : isSyn
        ? f.ack
          ? {
              mss: MSS,
              sackPermitted: this.peerOffered.sack || undefined,
              timestamp: this.usesTimestamps ? { value: this.tsVal(), echo: this.tsRecent } : undefined,
              windowScale: this.peerOffered.wscale ? WSCALE : undefined,
            }
          : {
              mss: MSS,
              sackPermitted: true,
              timestamp: { value: this.tsVal(), echo: this.tsRecent },
              windowScale: WSCALE,
            }
        : this.usesTimestamps
          ? { timestamp: { value: this.tsVal(), echo: this.tsRecent } }
          : {};
    const server = this.stack.isServer(this);
    const window = !linux
      ? WINDOW_TEXTBOOK
      : isSyn
        ? f.ack
          ? WINDOW_SYNACK
          : WINDOW_SYN
        : this.scaled
          ? server
            ? 509
            : 502 // 65152 and 64256 bytes in units of 2^7
          : server
            ? 65152
            : 64256;
    if (f.ack) {
      this.ackSent = this.rcvNxt;
      if (this.delayedAck) this.delayedAck.cancelled = true;
    }
    // tcp_event_data_sent: an answer within the delayed-ACK time of the last data received makes the socket interactive.
    if (
      payload.length > 0 &&
      this.stack.settings.quickAck &&
      this.lastDataRxUs >= 0 &&
      this.node.sim.now - this.lastDataRxUs < DELAYED_ACK_US
    )
      this.pingpong = true;
    const repr: TcpRepr = {
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq,
      ack: f.ack ? this.rcvNxt : 0,
      flags: tcpFlags(f),
      window,
      options,
    };
    this.sentSinceRx = true;
    if (this.confirmPending) {
      // Linux confirms the neighbour when the socket next sends (sock_confirm_neigh in ip_finish_output2), not when
      // the ACK arrives: a server that only waits (nginx holding a keep-alive connection) confirms nothing, and its
      // stale entry is probed after 5 s, as a real capture shows.
      this.confirmPending = false;
      this.node.confirmNeighbour(this.remoteIp);
    }
    this.node.sendIp({
      dst: this.remoteIp,
      protocol: IP_PROTO_TCP,
      build: (src) => emitTcp(repr, payload, src, this.remoteIp),
      explanation,
      onError: (code, detail) => this.fail(code, detail),
    });
  }

  /** The peer acknowledged something of ours (sk_dst_pending_confirm): the next segment sent confirms the path. */
  private confirmPending = false;
  /** Both SYNs carried timestamps: every later segment does (RFC 7323). */
  usesTimestamps = false;
  /** Both SYNs carried window scale: windows after the handshake are in units of 2^7. */
  scaled = false;
  /** What the peer's SYN offered (a SYN-ACK offers only what the SYN did). */
  peerOffered = { sack: true, wscale: true, timestamps: true };

  /** Sends application data, cut into segments of at most MSS (less 12 bytes for the timestamp option). */
  send(data: Uint8Array, explainPart: (part: number, parts: number, bytes: number) => Prose): void {
    const size = Math.max(1, this.peerMss - (this.usesTimestamps ? TIMESTAMP_OPTION_BYTES : 0));
    const parts = Math.max(1, Math.ceil(data.length / size));
    for (let i = 0; i < parts; i++) {
      const chunk = data.subarray(i * size, Math.min(data.length, (i + 1) * size));
      this.emit({ ack: true, psh: i === parts - 1 }, chunk, explainPart(i + 1, parts, chunk.length));
      this.sndNxt = add(this.sndNxt, chunk.length);
    }
  }

  close(explanation: Prose): void {
    if (this.state === 'ESTABLISHED') this.setState('FIN_WAIT1');
    else if (this.state === 'CLOSE_WAIT') this.setState('LAST_ACK');
    else return;
    this.emit({ fin: true, ack: true }, new Uint8Array(0), explanation);
    this.sndNxt = add(this.sndNxt, 1);
  }

  /** Aborts the connection attempt or connection with an error for the application. */
  fail(code: NetError, detail: ProseMessage): void {
    if (this.state === 'CLOSED' || this.state === 'TIME_WAIT') return;
    if (this.synTimer) this.synTimer.cancelled = true;
    this.setState('CLOSED');
    this.stack.forget(this);
    this.cb.onError?.(this, code, detail);
  }

  /** The application closes a socket still connecting: Linux just forgets it; nothing goes on the wire. */
  abort(): void {
    if (this.synTimer) this.synTimer.cancelled = true;
    if (this.state === 'CLOSED') return;
    this.setState('CLOSED');
    this.stack.forget(this);
  }

  startSyn(deadlineUs: number): void {
    const started = this.node.sim.now;
    let attempt = 0;
    let waitUs = SYN_RTO_US;
    let waitedUs = 0;
    const sendSyn = () => {
      this.emit(
        { syn: true },
        new Uint8Array(0),
        attempt === 0
          ? explain(this.stack.settings.linuxOptions ? 'tcp.syn' : 'tcp.synTextbook', {
              device: this.node.name,
              ip: this.remoteIp,
              port: this.remotePort,
              localPort: this.localPort,
            })
          : explain('tcp.synRetry', {
              device: this.node.name,
              seconds: waitedUs / 1e6,
              attempt,
              retries: SYN_RETRANSMITS,
            }),
        this.iss,
      );
      this.sndNxt = add(this.iss, 1);
      const elapsed = this.node.sim.now - started;
      // The retransmission timer is a kernel timer: it fires on the timer wheel, a little after the RTO (the
      // reference network's gaps: 1.024 s for each 1 s, then 2.016, 4.16, 8.192, 16.128, 34.048 s). The textbook's
      // TCP waits the exact RTO.
      const timerUs = this.stack.settings.linuxOptions ? kernelTimerDelay(this.node.sim.now, waitUs) : waitUs;
      const giveUp = attempt >= SYN_RETRANSMITS || elapsed + timerUs > deadlineUs;
      const wait = giveUp ? Math.max(0, Math.min(timerUs, deadlineUs - elapsed)) : timerUs;
      this.synTimer = this.node.sim.schedule(wait, () => {
        if (this.state !== 'SYN_SENT') return;
        if (giveUp) {
          const total = ((this.node.sim.now - started) / 1e6).toFixed(0);
          this.node.sim.decision(
            this.node.id,
            'tcp',
            explain('tcp.summary.connectTimeout', { ip: this.remoteIp, port: this.remotePort }),
            deadlineUs < SYN_GIVE_UP_US
              ? explain('tcp.connectTimeoutBudget', {
                  device: this.node.name,
                  syns: attempt + 1,
                  seconds: total,
                  retries: SYN_RETRANSMITS,
                })
              : explain('tcp.connectTimeout', {
                  device: this.node.name,
                  syns: attempt + 1,
                  seconds: total,
                  retries: SYN_RETRANSMITS,
                }),
          );
          this.fail('ETIMEDOUT', explain('net.connectError.noSynAnswer', { syns: attempt + 1 }));
          return;
        }
        attempt++;
        waitedUs = waitUs;
        // The first tcp_syn_linear_timeouts retries keep the 1 s RTO; after them it doubles (tcp_retransmit_timer).
        if (attempt > SYN_LINEAR_TIMEOUTS) waitUs *= 2;
        sendSyn();
      });
    };
    sendSyn();
  }

  onSegment(repr: TcpRepr, payload: Uint8Array): void {
    const f = repr.flags;
    if (repr.options.timestamp) this.tsRecent = repr.options.timestamp.value;
    if (f.rst) {
      if (this.state === 'SYN_SENT') {
        if (f.ack && repr.ack === this.sndNxt)
          this.fail('ECONNREFUSED', explain('net.connectError.refused', { ip: this.remoteIp }));
        return;
      }
      this.fail('ECONNRESET', explain('net.connectError.reset', { ip: this.remoteIp }));
      return;
    }
    this.sentSinceRx = false;
    if (this.state === 'SYN_SENT') {
      if (!(f.syn && f.ack && repr.ack === this.sndNxt)) return;
      if (this.synTimer) this.synTimer.cancelled = true;
      this.confirmPending = true; // our SYN is acknowledged: forward progress, confirmed with the ACK below
      this.irs = repr.seq;
      this.rcvNxt = add(repr.seq, 1);
      this.sndUna = repr.ack;
      if (repr.options.mss) this.peerMss = repr.options.mss;
      this.usesTimestamps = this.stack.settings.linuxOptions && !!repr.options.timestamp;
      this.scaled = this.stack.settings.linuxOptions && repr.options.windowScale !== undefined;
      this.setState('ESTABLISHED');
      this.emit(
        { ack: true },
        new Uint8Array(0),
        this.stack.settings.linuxOptions
          ? explain('tcp.handshakeAck', { device: this.node.name, window: 502, wscale: WSCALE, factor: 2 ** WSCALE })
          : explain('tcp.handshakeAckTextbook', { device: this.node.name }),
      );
      this.cb.onConnect?.(this);
      return;
    }
    if (f.ack) {
      // An ACK that acknowledges what this socket sent tells Linux the path works (tcp_ack → sk_dst_confirm). The
      // ACK that completes a handshake acknowledges nothing the accepted socket sent (the SYN-ACK was the request
      // socket's), so it does not count.
      if (repr.ack !== this.sndUna && this.state !== 'SYN_RECV') this.confirmPending = true;
      this.sndUna = repr.ack;
      if (this.state === 'SYN_RECV' && repr.ack === this.sndNxt) {
        this.setState('ESTABLISHED');
        this.cb = this.stack.accepted(this);
      } else if (this.state === 'FIN_WAIT1' && repr.ack === this.sndNxt) {
        this.setState('FIN_WAIT2');
      } else if (this.state === 'CLOSING' && repr.ack === this.sndNxt) {
        this.setState('TIME_WAIT');
      } else if (this.state === 'LAST_ACK' && repr.ack === this.sndNxt) {
        this.setState('CLOSED');
        this.stack.forget(this);
        return;
      }
    }
    let needAck = false;
    if (payload.length > 0 && repr.seq === this.rcvNxt && this.state !== 'CLOSED') {
      this.rcvNxt = add(this.rcvNxt, payload.length);
      needAck = true;
      this.lastDataRxUs = this.node.sim.now;
      // tcp_measure_rcv_mss, without its allowance for SACK jitter: the largest segment seen, at most our own MSS
      if (payload.length >= this.rcvMss)
        this.rcvMss = Math.min(payload.length, MSS - (this.usesTimestamps ? TIMESTAMP_OPTION_BYTES : 0));
      this.cb.onData?.(this, payload);
    }
    if (f.fin && add(repr.seq, payload.length) === this.rcvNxt) {
      this.rcvNxt = add(this.rcvNxt, 1);
      needAck = true;
      if (this.state === 'ESTABLISHED') {
        this.setState('CLOSE_WAIT');
        this.cb.onPeerClose?.(this);
      } else if (this.state === 'FIN_WAIT2') {
        this.setState('TIME_WAIT');
      } else if (this.state === 'FIN_WAIT1') {
        this.setState('CLOSING');
      }
    }
    if (needAck && !this.sentSinceRx) {
      const linux = this.stack.settings.quickAck;
      const quick = linux && this.quickAcks > 0 && !this.pingpong;
      // __tcp_ack_snd_check: more than one full segment unacknowledged is ACKed at once (the application reads at once)
      const unacked = (this.rcvNxt - this.ackSent) >>> 0;
      const fullSegment = linux && this.ackSent >= 0 && unacked > this.rcvMss;
      if (!f.fin && this.state !== 'TIME_WAIT' && fullSegment && !quick) {
        this.emit(
          { ack: true },
          new Uint8Array(0),
          explain('tcp.ackFullSegment', { device: this.node.name, bytes: unacked, mss: this.rcvMss }),
        );
        return;
      }
      if (!f.fin && this.state !== 'TIME_WAIT' && !quick) {
        // Delayed ACK: wait 40 ms for the application's answer to carry it.
        const bytes = payload.length;
        const interactive = this.pingpong;
        if (this.delayedAck) this.delayedAck.cancelled = true;
        this.delayedAck = this.node.sim.schedule(DELAYED_ACK_US, () => {
          // tcp_delack_timer_handler: a delayed ACK that had to go on its own ends interactive mode
          this.pingpong = false;
          if (this.state === 'CLOSED' || this.ackSent === this.rcvNxt) return;
          this.emit(
            { ack: true },
            new Uint8Array(0),
            explain(interactive ? 'tcp.delayedAckInteractive' : 'tcp.delayedAck', {
              device: this.node.name,
              bytes,
              ms: DELAYED_ACK_US / 1000,
            }),
          );
        });
        return;
      }
      if (!f.fin && this.state !== 'TIME_WAIT') this.quickAcks--;
      if (!f.fin && this.state !== 'TIME_WAIT' && this.stack.isServer(this) && !this.toldQuickAck) {
        // The request is in, the answer is not: a textbook server's ACK would wait for the answer to carry it.
        this.toldQuickAck = true;
        this.node.sim.decision(
          this.node.id,
          'tcp',
          explain('tcp.summary.quickAck', { bytes: payload.length }),
          explain('tcp.decision.quickAck', { device: this.node.name, bytes: payload.length, quickAcks: MAX_QUICKACKS }),
          this.node.ref('tcp', 'quickAck'),
        );
      }
      const why =
        this.state === 'TIME_WAIT'
          ? explain('tcp.timeWait', { device: this.node.name })
          : f.fin
            ? explain('tcp.finAck', { device: this.node.name })
            : explain('tcp.quickAck', {
                device: this.node.name,
                bytes: payload.length,
                relative: this.rcvNxt - this.irs,
              });
      this.emit({ ack: true }, new Uint8Array(0), why);
    }
  }
}

export class TcpStack {
  private conns = new Map<string, TcpConn>();
  private listeners = new Map<number, TcpListener>();
  private servers = new Set<TcpConn>();
  readonly connTable;
  readonly settings: TcpSettings;

  constructor(readonly node: IpNode) {
    this.connTable = node.table('connections');
    this.settings = (node.config as { tcp?: TcpSettings }).tcp ?? LINUX_TCP;
  }

  listen(port: number, listener: TcpListener): void {
    this.listeners.set(port, listener);
  }

  isServer(conn: TcpConn): boolean {
    return this.servers.has(conn);
  }

  portInUse(port: number): boolean {
    for (const c of this.conns.values()) if (c.localPort === port) return true;
    return this.listeners.has(port);
  }

  /** Opens a connection (SYN); callbacks report connect, data, close or an error (ETIMEDOUT after the retries). */
  connect(srcIp: string, dstIp: string, dstPort: number, cb: TcpCallbacks, deadlineUs = SYN_GIVE_UP_US): TcpConn {
    const port = this.node.ephemeralPort((p) => this.portInUse(p));
    const conn = new TcpConn(this, srcIp, port, dstIp, dstPort, 'SYN_SENT');
    conn.cb = cb;
    this.conns.set(conn.key, conn);
    const linux = this.settings.linuxOptions;
    this.node.sim.decision(
      this.node.id,
      'tcp',
      explain(linux ? 'tcp.summary.linuxSyn' : 'tcp.summary.textbookSyn', { ip: dstIp, port: dstPort }),
      explain(linux ? 'tcp.decision.linuxSyn' : 'tcp.decision.textbookSyn', { device: this.node.name }),
      this.node.ref('tcp', 'linuxOptions'),
    );
    conn.setState('SYN_SENT');
    conn.startSyn(deadlineUs);
    return conn;
  }

  accepted(conn: TcpConn): TcpCallbacks {
    return this.listeners.get(conn.localPort)?.accept(conn) ?? {};
  }

  forget(conn: TcpConn): void {
    this.conns.delete(conn.key);
    this.servers.delete(conn);
  }

  onIcmpError(
    localIp: string,
    localPort: number,
    remoteIp: string,
    remotePort: number,
    type: number,
    code: number,
    reporter: string,
    packetId: number,
  ): void {
    const conn = this.conns.get(`${localIp}:${localPort}|${remoteIp}:${remotePort}`);
    if (!conn) return;
    void packetId;
    if (conn.state !== 'SYN_SENT' && conn.state !== 'SYN_RECV') return; // an established connection treats it as a soft error
    const err: NetError =
      type === 3 && code === 3
        ? 'ECONNREFUSED'
        : type === 3 && (code === 0 || code === 6)
          ? 'ENETUNREACH'
          : 'EHOSTUNREACH';
    const why =
      type === 11
        ? explain('net.connectError.icmp.timeExceeded', { reporter })
        : code === 3
          ? explain('net.connectError.icmp.portUnreachable', { reporter })
          : code === 0
            ? explain('net.connectError.icmp.netUnreachable', { reporter })
            : explain('net.connectError.icmp.hostUnreachable', { reporter });
    this.node.sim.decision(
      this.node.id,
      'tcp',
      explain('tcp.summary.connectFailed', { why }),
      err === 'ENETUNREACH'
        ? explain('tcp.icmpAbort.netUnreachable', { device: this.node.name, conn: conn.describe() })
        : err === 'ECONNREFUSED'
          ? explain('tcp.icmpAbort.refused', { device: this.node.name, conn: conn.describe() })
          : explain('tcp.icmpAbort.hostUnreachable', { device: this.node.name, conn: conn.describe() }),
    );
    conn.fail(err, why);
  }

  onSegment(src: string, dst: string, repr: TcpRepr, payload: Uint8Array, packetId: number): void {
    const key = `${dst}:${repr.dstPort}|${src}:${repr.srcPort}`;
    const conn = this.conns.get(key);
    if (conn) {
      conn.onSegment(repr, payload);
      return;
    }
    if (repr.flags.rst) return;
    const listener = this.listeners.get(repr.dstPort);
    if (repr.flags.syn && !repr.flags.ack && listener) {
      const c = new TcpConn(this, dst, repr.dstPort, src, repr.srcPort, 'SYN_RECV');
      this.servers.add(c);
      this.conns.set(c.key, c);
      c.irs = repr.seq;
      c.rcvNxt = add(repr.seq, 1);
      if (repr.options.mss) c.peerMss = repr.options.mss;
      if (repr.options.timestamp) c.tsRecent = repr.options.timestamp.value;
      c.usesTimestamps = this.settings.linuxOptions && !!repr.options.timestamp;
      c.scaled = this.settings.linuxOptions && repr.options.windowScale !== undefined;
      c.peerOffered = {
        sack: !!repr.options.sackPermitted,
        wscale: repr.options.windowScale !== undefined,
        timestamps: !!repr.options.timestamp,
      };
      c.setState('SYN_RECV');
      c.emit(
        { syn: true, ack: true },
        new Uint8Array(0),
        this.settings.linuxOptions
          ? explain('tcp.synAck', { device: this.node.name, port: repr.dstPort })
          : explain('tcp.synAckTextbook', { device: this.node.name, port: repr.dstPort }),
      );
      c.sndNxt = add(c.iss, 1);
      return;
    }
    // Nothing listens (or a stray segment): the kernel answers with a reset.
    const rstSeq = repr.flags.ack ? repr.ack : 0;
    const rstAck = add(repr.seq, payload.length + (repr.flags.syn ? 1 : 0) + (repr.flags.fin ? 1 : 0));
    this.node.sim.drop(
      this.node.id,
      'port-closed',
      explain('tcp.summary.portClosed', { port: repr.dstPort }),
      explain('tcp.portClosed', { device: this.node.name, port: repr.dstPort }),
      packetId,
    );
    const rst: TcpRepr = {
      srcPort: repr.dstPort,
      dstPort: repr.srcPort,
      seq: rstSeq,
      ack: repr.flags.ack ? 0 : rstAck,
      flags: tcpFlags({ rst: true, ack: !repr.flags.ack }),
      window: 0,
      options: {},
    };
    this.node.sendIp({
      dst: src,
      protocol: IP_PROTO_TCP,
      build: (s) => emitTcp(rst, new Uint8Array(0), s, src),
      explanation: explain('tcp.rst', { device: this.node.name, port: repr.dstPort }),
    });
  }
}
