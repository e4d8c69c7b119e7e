// The IPv4 half every host, server, router and firewall shares: ARP with a cache and a queue for packets waiting
// for an answer, the routing table, sending locally-made packets, local delivery to UDP/TCP/ICMP, and ICMP errors.
import { contains, formatIpv4, parseIpv4 as parseIpText } from '../../model/ipv4';
import { BROADCAST_MAC, ZERO_MAC, macFromBytes } from '../../wire/address';
import { emitArp, parseArp, type ArpRepr } from '../../wire/arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, emitEthernet } from '../../wire/ethernet';
import {
  ICMP_DEST_UNREACHABLE,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_TIME_EXCEEDED,
  emitIcmp,
  parseIcmp,
} from '../../wire/icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, emitIpv4, parseIpv4, type ParsedIpv4 } from '../../wire/ipv4';
import { parseTcp } from '../../wire/tcp';
import { emitUdp, parseUdp } from '../../wire/udp';
import { TcpStack } from '../net/tcp';
import { RouteTable, type Route } from '../net/route-table';
import type { Timer } from '../sim/sim';
import { deviceRandom } from '../sim/random';
import { kernelTimerDelay } from '../sim/kernel-timer';
import { SimDevice, type RtIface } from './device';
import type { ConfigRef, NeighbourState, Prose, ProseMessage } from '../trace';
import { explain } from '../prose';

export type NetError = 'ENETUNREACH' | 'EHOSTUNREACH' | 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET';

export interface UdpDatagram {
  iface: RtIface;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  payload: Uint8Array;
  packetId: number;
  srcMac: string;
}

export interface UdpHandler {
  onDatagram(d: UdpDatagram): void;
  /** ICMP errors that Linux reports to a connected UDP socket (port unreachable; others only with IP_RECVERR). */
  onIcmpError?(type: number, code: number, remoteIp: string, remotePort: number): void;
}

export interface SendIpOptions {
  dst: string;
  protocol: number;
  /** Builds the transport bytes once the source address is known (checksums cover it). */
  build: (src: string) => Uint8Array;
  explanation: Prose;
  ttl?: number;
  dontFragment?: boolean;
  packetId?: number;
  onError?: (code: NetError, detail: ProseMessage) => void;
  /** Nobody answering ARP is what the sender hopes for (a ping check): a decision, not a drop. */
  expectSilence?: boolean;
}

interface PendingArp {
  iface: RtIface;
  ip: string;
  tries: number;
  timer?: Timer;
  waiting: { send: (mac: string) => void; fail: () => void; packetId: number; expectSilence?: boolean }[];
}

const ARP_RETRIES = 3; // Linux mcast_solicit
const ARP_RETRY_US = 1_000_000; // Linux retrans_time_ms
/** Linux's base_reachable_time (30 s): each interface confirms an entry for a random 15–45 s of it. */
const BASE_REACHABLE_US = 30_000_000;
/** Linux's delay_first_probe_time: a STALE entry in use waits this long for a confirmation before probing. */
const DELAY_PROBE_US = 5_000_000;
/** Linux's ucast_solicit: unicast probes to the cached address before the entry fails. */
const UCAST_PROBES = 3;

/** A usable neighbour entry with Linux's state machine (absolute simulation times). */
interface Neighbour {
  iface: RtIface;
  ip: string;
  mac: string;
  state: NeighbourState;
  /** Last positive confirmation: an ARP reply, or a TCP ACK that moved a connection through it forward. */
  confirmedAt: number;
  /** When DELAY began (a confirmation after it makes the entry REACHABLE again without a probe). */
  delayedAt: number;
  probes: number;
  timer?: Timer;
}
/** Linux quotes as much of the offending datagram as fits in 576 bytes. */
const ICMP_QUOTE_MAX = 576 - 20 - 8;

export abstract class IpNode extends SimDevice {
  readonly routes = new RouteTable();
  readonly arp = this.table('arp');
  readonly routeTable = this.table('routes');
  readonly addressTable = this.table('addresses');
  // The tables below are made on first use: most devices of a large network never see a frame of the fetch, and
  // allocating a dozen empty maps for each of 10,000 devices is what made the engine grow faster than the network.
  private udpSockets?: Map<number, UdpHandler>;
  private echoWaiterMap?: Map<number, (src: string) => void>;
  private tcpStack?: TcpStack;
  private pendingArpMap?: Map<string, PendingArp>;
  private neighbourMap?: Map<string, Neighbour>;
  /** Per interface: Linux draws reachable_time uniformly from [base/2, 3·base/2]; here from the seed. */
  private reachableUs?: Map<string, number>;
  private localAddresses?: Map<string, RtIface>;
  private ipId = 0;

  /** UDP sockets by local port. */
  get udp(): Map<number, UdpHandler> {
    return (this.udpSockets ??= new Map());
  }

  /** Raw ICMP sockets waiting for an echo reply, by identifier (dnsmasq's ping check). */
  get echoWaiters(): Map<number, (src: string) => void> {
    return (this.echoWaiterMap ??= new Map());
  }

  private get pendingArp(): Map<string, PendingArp> {
    return (this.pendingArpMap ??= new Map());
  }

  private get neighbours(): Map<string, Neighbour> {
    return (this.neighbourMap ??= new Map());
  }

  /** Linux's neighbour states (the file's `neighbourStates`, absent = on); off, an entry never ages. */
  get neighbourStates(): boolean {
    return (this.config as { neighbourStates?: boolean }).neighbourStates !== false;
  }

  override start(): void {
    this.ipId = this.rng.int(0, 0xffff);
    for (const iface of this.ifaces.values()) {
      if (iface.cidr && iface.ip) this.bindAddress(iface, 'static');
    }
  }

  /**
   * Before a recorded fetch that follows another: the table's timers are given in the new fetch's trace time (the
   * timers themselves run on from the earlier fetch). A REACHABLE entry whose reachable time ran out in the pause is STALE, as Linux's neigh_timer_handler leaves it:
   * the recorded fetch begins with it stale, and its first use goes through DELAY (and PROBE) again.
   */
  override newFetch(): void {
    const log = this.sim.logChanges;
    this.sim.logChanges = false;
    for (const n of this.neighbourMap?.values() ?? []) {
      if (n.state === 'REACHABLE' && this.stateOf(n) === 'STALE') {
        n.state = 'STALE';
        if (n.timer) n.timer.cancelled = true;
        n.timer = undefined;
      }
      this.showNeighbour(n);
    }
    this.sim.logChanges = log;
  }

  /** Gives an interface its address and the connected route that comes with it. */
  protected bindAddress(iface: RtIface, source: 'static' | 'dhcp'): void {
    if (!iface.cidr || !iface.ip) return;
    (this.localAddresses ??= new Map()).set(iface.ip, iface);
    this.addressTable.set({ interface: iface.name, address: `${iface.ip}/${iface.cidr.prefix}`, source });
    // An interface without a cable has no carrier; Linux keeps the address but the connected route is unusable.
    if (!this.isLinked(iface)) return;
    this.addRoute({
      network: iface.cidr.network,
      prefix: iface.cidr.prefix,
      interface: iface.name,
      source: 'connected',
      configRef: source === 'static' ? this.ref('interfaces', iface.index) : undefined,
    });
  }

  protected addRoute(route: Omit<Route, 'entry'>): Route {
    const r = this.routes.add(route);
    this.routeTable.set(r.entry);
    return r;
  }

  /** Created on first use: most devices of a large network never open a connection. */
  get tcp(): TcpStack {
    return (this.tcpStack ??= new TcpStack(this));
  }

  isLocalAddress(ip: string): RtIface | undefined {
    return this.localAddresses?.get(ip);
  }

  nextIpId(): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    return this.ipId;
  }

  // ---- frames in -------------------------------------------------------------------------------------------

  receive(iface: RtIface, bytes: Uint8Array, packetId: number): void {
    if (bytes.length < 14) return;
    const dstMac = macFromBytes(bytes, 0);
    const l2broadcast = dstMac === BROADCAST_MAC;
    if (!l2broadcast && dstMac !== iface.mac) return; // the NIC filters frames for other stations
    const etherType = (bytes[12] << 8) | bytes[13];
    const payload = bytes.subarray(14);
    try {
      if (etherType === ETHERTYPE_ARP) this.onArp(iface, parseArp(payload), packetId);
      else if (etherType === ETHERTYPE_IPV4) {
        const ip = parseIpv4(payload);
        if (!ip.checksumValid) {
          this.sim.drop(
            this.id,
            'bad-checksum',
            explain('net.summary.badIpChecksum'),
            explain('net.checksum.ip', { device: this.name }),
            packetId,
          );
          return;
        }
        this.onIp(iface, ip, payload.subarray(0, ip.totalLength), packetId, l2broadcast, macFromBytes(bytes, 6));
      }
    } catch (err) {
      this.sim.drop(
        this.id,
        'malformed',
        explain('net.summary.malformed'),
        [explain('net.malformed', { device: this.name }), (err as Error).message],
        packetId,
      );
    }
  }

  /** Local delivery by default; routers override to forward what is not theirs. */
  protected onIp(
    iface: RtIface,
    ip: ParsedIpv4,
    ipBytes: Uint8Array,
    packetId: number,
    l2broadcast: boolean,
    srcMac: string,
  ): void {
    const dst = ip.repr.dst;
    if (
      this.isLocalAddress(dst) ||
      dst === '255.255.255.255' ||
      (iface.cidr && parseIpText(dst) === iface.cidr.broadcast)
    ) {
      this.deliverLocal(iface, ip, ipBytes, packetId, l2broadcast, srcMac);
      return;
    }
    if (this.acceptUnaddressed(iface, ip, ipBytes, packetId, srcMac)) return;
    this.sim.drop(
      this.id,
      'not-for-me',
      explain('net.summary.notForMe', { dst, device: this.name }),
      explain('net.notForMe', { device: this.name, dst }),
      packetId,
    );
  }

  /** Hook for packets not addressed to this node (the DHCP client takes its unicast Offer/ACK here). */
  protected acceptUnaddressed(
    _iface: RtIface,
    _ip: ParsedIpv4,
    _ipBytes: Uint8Array,
    _packetId: number,
    _srcMac: string,
  ): boolean {
    return false;
  }

  protected deliverLocal(
    iface: RtIface,
    ip: ParsedIpv4,
    ipBytes: Uint8Array,
    packetId: number,
    l2broadcast: boolean,
    srcMac: string,
  ): void {
    const { src, dst, protocol } = ip.repr;
    if (protocol === IP_PROTO_UDP) {
      const udp = parseUdp(ip.payload, src, dst);
      if (!udp.checksumValid) {
        this.sim.drop(
          this.id,
          'bad-checksum',
          explain('net.summary.badUdpChecksum'),
          explain('net.checksum.udp', { device: this.name }),
          packetId,
        );
        return;
      }
      const handler = this.udp.get(udp.repr.dstPort);
      if (handler) {
        handler.onDatagram({
          iface,
          srcIp: src,
          srcPort: udp.repr.srcPort,
          dstIp: dst,
          dstPort: udp.repr.dstPort,
          payload: udp.payload,
          packetId,
          srcMac,
        });
        return;
      }
      if (l2broadcast || dst === '255.255.255.255') return; // nobody answers broadcasts for a closed port
      this.sim.drop(
        this.id,
        'port-closed',
        explain('net.summary.udpPortClosed', { port: udp.repr.dstPort }),
        explain('net.udpPortClosed', { device: this.name, port: udp.repr.dstPort }),
        packetId,
      );
      this.sendIcmpError(
        ICMP_DEST_UNREACHABLE,
        3,
        ipBytes,
        explain('net.icmp.portUnreachable', { device: this.name, dst: src, port: udp.repr.dstPort }),
      );
    } else if (protocol === IP_PROTO_TCP) {
      const tcp = parseTcp(ip.payload, src, dst);
      if (!tcp.checksumValid) {
        this.sim.drop(
          this.id,
          'bad-checksum',
          explain('net.summary.badTcpChecksum'),
          explain('net.checksum.tcp', { device: this.name }),
          packetId,
        );
        return;
      }
      this.tcp.onSegment(src, dst, tcp.repr, tcp.payload, packetId);
    } else if (protocol === IP_PROTO_ICMP) {
      const icmp = parseIcmp(ip.payload);
      if (icmp.repr.type === ICMP_ECHO_REQUEST) {
        this.sendIp({
          dst: src,
          protocol: IP_PROTO_ICMP,
          build: () => emitIcmp({ ...icmp.repr, type: ICMP_ECHO_REPLY }),
          dontFragment: false,
          explanation: explain('net.icmp.echoReply', { device: this.name, src }),
        });
      } else if (icmp.repr.type === ICMP_ECHO_REPLY) {
        this.echoWaiters.get(icmp.repr.identifier ?? 0)?.(src);
      } else if (icmp.repr.type === ICMP_DEST_UNREACHABLE || icmp.repr.type === ICMP_TIME_EXCEEDED) {
        this.onIcmpError(icmp.repr.type, icmp.repr.code, icmp.repr.data, src, packetId);
      }
    }
  }

  /** Hands an ICMP error to the socket whose packet it quotes. */
  private onIcmpError(type: number, code: number, quoted: Uint8Array, reporter: string, packetId: number): void {
    if (quoted.length < 28) return;
    const ihl = (quoted[0] & 0x0f) * 4;
    if (quoted.length < ihl + 4) return;
    const protocol = quoted[9];
    const qsrc = `${quoted[12]}.${quoted[13]}.${quoted[14]}.${quoted[15]}`;
    const qdst = `${quoted[16]}.${quoted[17]}.${quoted[18]}.${quoted[19]}`;
    const sport = (quoted[ihl] << 8) | quoted[ihl + 1];
    const dport = (quoted[ihl + 2] << 8) | quoted[ihl + 3];
    if (protocol === IP_PROTO_TCP) this.tcp.onIcmpError(qsrc, sport, qdst, dport, type, code, reporter, packetId);
    else if (protocol === IP_PROTO_UDP) this.udp.get(sport)?.onIcmpError?.(type, code, qdst, dport);
  }

  // ---- ARP ---------------------------------------------------------------------------------------------------

  private onArp(iface: RtIface, arp: ArpRepr, packetId: number): void {
    const key = `${iface.name}|${arp.senderIp}`;
    if (arp.op === 1) {
      if (!iface.ip || arp.targetIp !== iface.ip) return; // not asking for us: Linux stays silent
      // Linux keeps what a question says about its asker as STALE: nobody has confirmed that path yet.
      this.learnArp(
        iface,
        arp.senderIp,
        arp.senderMac,
        this.neighbourStates
          ? [
              explain('net.arp.learnFromRequest', { device: this.name }),
              explain('net.arp.learnStale', { device: this.name }),
            ]
          : explain('net.arp.learnFromRequest', { device: this.name }),
        'STALE',
      );
      this.sendFrame(
        iface,
        arp.senderMac,
        ETHERTYPE_ARP,
        emitArp({ op: 2, senderMac: iface.mac, senderIp: iface.ip, targetMac: arp.senderMac, targetIp: arp.senderIp }),
        this.sim.newPacketId(),
        explain('net.arp.reply', { device: this.name, ip: iface.ip, mac: iface.mac }),
      );
      return;
    }
    if (this.pendingArp.has(key) || this.arp.get(key)) {
      this.learnArp(iface, arp.senderIp, arp.senderMac, explain('net.arp.learnFromReply', { device: this.name }));
    }
    void packetId;
  }

  private learnArp(iface: RtIface, ip: string, mac: string, why: Prose, fromRequest?: 'STALE'): void {
    const key = `${iface.name}|${ip}`;
    const known = this.arp.get(key);
    if (!known || known.mac !== mac) {
      this.setNeighbour(iface, ip, mac, fromRequest ?? 'REACHABLE');
      this.sim.decision(
        this.id,
        'arp',
        explain('net.summary.arpLearned', { ip, mac }),
        why,
        this.neighbourStates ? this.ref('neighbourStates') : undefined,
      );
    } else if (!fromRequest) {
      // An answer confirms the entry, whatever state it was in (a probe's answer ends PROBE).
      const n = this.neighbours.get(key);
      if (n && n.state !== 'REACHABLE') {
        this.sim.decision(
          this.id,
          'arp',
          explain('net.summary.arpConfirmed', { ip, mac }),
          explain('net.arp.confirmed', { device: this.name, ip, state: n.state }),
          this.ref('neighbourStates'),
        );
      }
      this.setNeighbour(iface, ip, mac, 'REACHABLE');
    }
    const pending = this.pendingArp.get(key);
    if (pending) {
      this.pendingArp.delete(key);
      if (pending.timer) pending.timer.cancelled = true;
      for (const w of pending.waiting) w.send(mac);
    }
  }

  /**
   * A program writes an entry into the kernel's ARP table, as dnsmasq's arp_inject does (SIOCSARP with ATF_COM)
   * before it unicasts a DHCP reply to a client that has no address yet to answer ARP with: the entry becomes STALE
   * whatever it was, and what the kernel queued behind an unfinished ARP request for that address leaves at once to
   * `mac`. Returns how many packets were waiting.
   */
  injectNeighbour(iface: RtIface, ip: string, mac: string): number {
    const key = `${iface.name}|${ip}`;
    this.setNeighbour(iface, ip, mac, 'STALE');
    const pending = this.pendingArp.get(key);
    if (!pending) return 0;
    this.pendingArp.delete(key);
    if (pending.timer) pending.timer.cancelled = true;
    for (const w of pending.waiting) w.send(mac);
    return pending.waiting.length;
  }

  /**
   * Sends through an entry a program has just written (see injectNeighbour): the kernel uses it like any STALE
   * entry (DELAY, checked 5 s later), which the program's own story need not tell again.
   */
  sendThroughInjected(iface: RtIface, ip: string, send: (mac: string) => void): void {
    const key = `${iface.name}|${ip}`;
    const n = this.neighbours.get(key);
    if (n) this.useNeighbour(n, true);
    const known = this.arp.get(key);
    if (known) send(known.mac);
  }

  // ---- Linux's neighbour states -----------------------------------------------------------------------------

  /** Stores an entry in `state` (with states off: just the address) and shows it in the table with its timer. */
  private setNeighbour(iface: RtIface, ip: string, mac: string, state: NeighbourState): void {
    const key = `${iface.name}|${ip}`;
    if (!this.neighbourStates) {
      this.arp.set({ interface: iface.name, ip, mac });
      return;
    }
    const old = this.neighbours.get(key);
    if (old?.timer) old.timer.cancelled = true;
    const now = this.sim.now;
    const n: Neighbour = {
      iface,
      ip,
      mac,
      state,
      confirmedAt: state === 'REACHABLE' ? now : (old?.confirmedAt ?? -Infinity),
      delayedAt: old?.delayedAt ?? 0,
      probes: 0,
    };
    this.neighbours.set(key, n);
    this.showNeighbour(n);
  }

  private showNeighbour(n: Neighbour): void {
    const until =
      n.state === 'REACHABLE'
        ? n.confirmedAt + this.reachable(n)
        : n.state === 'DELAY'
          ? (n.timer?.at ?? n.delayedAt + DELAY_PROBE_US)
          : n.state === 'PROBE'
            ? n.timer?.at
            : undefined;
    const entry: { interface: string; ip: string; mac: string; state: NeighbourState; timerUs?: number } = {
      interface: n.iface.name,
      ip: n.ip,
      mac: n.mac,
      state: n.state,
    };
    if (until !== undefined) entry.timerUs = until - this.sim.timeOffset;
    this.arp.set(entry);
  }

  private reachable(n: Neighbour): number {
    if (this.reachableUs === undefined) {
      // A stream of its own, so the ports, ids and sequence numbers the device draws stay what they were; drawn for
      // every interface in order on first use, so the values do not depend on which interface asks first.
      const neigh = deviceRandom(this.seed, `${this.id}\u0000neighbour`);
      this.reachableUs = new Map();
      for (const iface of this.ifaces.values())
        this.reachableUs.set(iface.name, BASE_REACHABLE_US / 2 + neigh.int(0, BASE_REACHABLE_US));
    }
    return this.reachableUs.get(n.iface.name) ?? BASE_REACHABLE_US;
  }

  /**
   * A neighbour timer's real delay: with Linux's neighbour states on, as the kernel's timer wheel fires it (a 1 s
   * retransmission 1.000–1.032 s later, see kernel-timer.ts); off, the textbook's exact seconds.
   */
  private kernelTimer(delayUs: number): number {
    return this.neighbourStates ? kernelTimerDelay(this.sim.now, delayUs) : delayUs;
  }

  /** REACHABLE lasts reachable_time after the last confirmation; then the entry is STALE (Linux's timer does it). */
  private stateOf(n: Neighbour): NeighbourState {
    return n.state === 'REACHABLE' && this.sim.now >= n.confirmedAt + this.reachable(n) ? 'STALE' : n.state;
  }

  /**
   * An upper layer saw the path to `dst` work (Linux: a TCP ACK that moves the connection forward calls
   * dst_confirm): the next hop's entry is confirmed without asking.
   */
  confirmNeighbour(dst: string): void {
    if (!this.neighbourStates) return;
    const dstN = parseIpText(dst);
    const route = dstN === undefined ? undefined : this.routes.lookup(dstN);
    if (!route) return;
    const hop = route.nextHop !== undefined ? formatIpv4(route.nextHop) : dst;
    const n = this.neighbours.get(`${route.interface}|${hop}`);
    if (!n) return;
    n.confirmedAt = this.sim.now;
    if (this.stateOf(n) === 'REACHABLE') this.showNeighbour(n);
  }

  /** Using an entry: Linux sends with the cached address at once; a STALE one goes to DELAY and is checked later. */
  private useNeighbour(n: Neighbour, quiet = false): void {
    if (this.stateOf(n) !== 'STALE') return;
    const idleS = Number.isFinite(n.confirmedAt) ? ((this.sim.now - n.confirmedAt) / 1e6).toFixed(1) : undefined;
    n.state = 'DELAY';
    n.delayedAt = this.sim.now;
    n.timer = this.sim.schedule(this.kernelTimer(DELAY_PROBE_US), () => this.delayOver(n));
    if (quiet) {
      this.showNeighbour(n);
      return;
    }
    this.sim.decision(
      this.id,
      'arp',
      explain('net.summary.arpStale', { ip: n.ip }),
      idleS === undefined
        ? explain('net.arp.delayUnconfirmed', { device: this.name, ip: n.ip, mac: n.mac })
        : explain('net.arp.delay', {
            device: this.name,
            ip: n.ip,
            mac: n.mac,
            seconds: idleS,
            reachable: (this.reachable(n) / 1e6).toFixed(1),
          }),
      this.ref('neighbourStates'),
    );
    this.showNeighbour(n);
  }

  private delayOver(n: Neighbour): void {
    if (this.neighbours.get(`${n.iface.name}|${n.ip}`) !== n || n.state !== 'DELAY') return;
    if (n.confirmedAt >= n.delayedAt) {
      // Confirmed while waiting (TCP said the path works): back to REACHABLE without a frame.
      n.state = 'REACHABLE';
      this.showNeighbour(n);
      return;
    }
    n.state = 'PROBE';
    n.probes = 0;
    this.probe(n);
  }

  /** PROBE: ask the cached address directly (unicast), up to ucast_solicit times a second apart, then give up. */
  private probe(n: Neighbour): void {
    if (this.neighbours.get(`${n.iface.name}|${n.ip}`) !== n || n.state !== 'PROBE') return;
    const iface = n.iface;
    if (n.probes >= UCAST_PROBES) {
      this.neighbours.delete(`${iface.name}|${n.ip}`);
      this.arp.delete(`${iface.name}|${n.ip}`);
      this.sim.decision(
        this.id,
        'arp',
        explain('net.summary.arpFailed', { ip: n.ip }),
        explain('net.arp.probeFailed', { device: this.name, ip: n.ip, probes: UCAST_PROBES }),
        this.ref('neighbourStates'),
      );
      return;
    }
    n.probes++;
    n.timer = this.sim.schedule(this.kernelTimer(ARP_RETRY_US), () => this.probe(n));
    this.showNeighbour(n);
    this.sendFrame(
      iface,
      n.mac,
      ETHERTYPE_ARP,
      emitArp({ op: 1, senderMac: iface.mac, senderIp: iface.ip ?? '0.0.0.0', targetMac: ZERO_MAC, targetIp: n.ip }),
      this.sim.newPacketId(),
      explain('net.arp.probe', {
        device: this.name,
        ip: n.ip,
        mac: n.mac,
        probe: n.probes,
        probes: UCAST_PROBES,
        seconds: DELAY_PROBE_US / 1e6,
      }),
    );
  }

  /** Finds the MAC for `ip` on `iface`: from the cache, or by asking (queued until the reply or 3 failed tries). */
  resolveMac(
    iface: RtIface,
    ip: string,
    packetId: number,
    send: (mac: string) => void,
    fail: () => void,
    expectSilence?: boolean,
  ): void {
    const key = `${iface.name}|${ip}`;
    const known = this.arp.get(key);
    if (known) {
      const n = this.neighbours.get(key);
      if (n) this.useNeighbour(n);
      send(known.mac);
      return;
    }
    const waiting = this.pendingArp.get(key);
    if (waiting) {
      waiting.waiting.push({ send, fail, packetId, expectSilence });
      return;
    }
    const pending: PendingArp = { iface, ip, tries: 0, waiting: [{ send, fail, packetId, expectSilence }] };
    this.pendingArp.set(key, pending);
    this.sim.decision(
      this.id,
      'arp',
      explain('net.summary.arpMiss', { ip }),
      explain('net.arp.miss', { device: this.name, ip }),
    );
    this.arpTry(pending);
  }

  private arpTry(pending: PendingArp): void {
    const { iface, ip } = pending;
    if (pending.tries >= ARP_RETRIES) {
      this.pendingArp.delete(`${iface.name}|${ip}`);
      if (pending.waiting.every((w) => w.expectSilence)) {
        this.sim.decision(
          this.id,
          'arp',
          explain('net.summary.noArpReply', { ip }),
          explain('net.arp.noReplyExpected', { tries: ARP_RETRIES, ip, device: this.name }),
        );
        for (const w of pending.waiting) w.fail();
        return;
      }
      this.sim.drop(
        this.id,
        'no-arp-reply',
        explain('net.summary.noArpReply', { ip }),
        explain('net.arp.noReply', { tries: ARP_RETRIES, ip, device: this.name, count: pending.waiting.length }),
        pending.waiting[0]?.packetId,
      );
      for (const w of pending.waiting) w.fail();
      return;
    }
    pending.tries++;
    const request = explain('net.arp.request', { device: this.name, ip, senderIp: iface.ip ?? '0.0.0.0' });
    this.sendFrame(
      iface,
      BROADCAST_MAC,
      ETHERTYPE_ARP,
      emitArp({ op: 1, senderMac: iface.mac, senderIp: iface.ip ?? '0.0.0.0', targetMac: ZERO_MAC, targetIp: ip }),
      this.sim.newPacketId(),
      pending.tries > 1 ? [request, explain('net.arp.retry', { try: pending.tries, tries: ARP_RETRIES })] : request,
    );
    pending.timer = this.sim.schedule(this.kernelTimer(ARP_RETRY_US), () => this.arpTry(pending));
  }

  // ---- frames and packets out --------------------------------------------------------------------------------

  sendFrame(
    iface: RtIface,
    dstMac: string,
    etherType: number,
    payload: Uint8Array,
    packetId: number,
    explanation: Prose,
  ): void {
    this.sim.transmit(
      this.id,
      iface.name,
      emitEthernet({ dst: dstMac, src: iface.mac, etherType }, payload),
      packetId,
      explanation,
    );
  }

  /** Sends an IP packet through `iface` to the next hop, resolving its MAC first. */
  outputVia(
    iface: RtIface,
    nextHop: string,
    ipBytes: Uint8Array,
    packetId: number,
    explanation: Prose,
    onFail?: () => void,
    expectSilence?: boolean,
  ): void {
    this.resolveMac(
      iface,
      nextHop,
      packetId,
      (mac) => this.sendFrame(iface, mac, ETHERTYPE_IPV4, ipBytes, packetId, explanation),
      () => onFail?.(),
      expectSilence,
    );
  }

  /** Hook: end systems explain their routing choice for a destination. */
  protected onLocalRoute(_route: Route, _dst: string): void {}

  /** Where a route this node lacks would be configured (a router's routes; a host's default gateway). */
  protected missingRouteRef(): ConfigRef {
    return this.ref('routes');
  }

  /**
   * The interface whose network holds `dst` but that has no link (its connected route is gone with the carrier):
   * why there is no route, when there is one.
   */
  unlinkedInterfaceFor(dst: string): RtIface | undefined {
    return [...this.ifaces.values()].find((i) => i.cidr && contains(i.cidr, dst) && !this.isLinked(i));
  }

  /** Records the drop of a packet to `dst` that has no route because `iface`, on dst's network, has no link. */
  dropUnlinked(iface: RtIface, dst: string, packetId?: number): void {
    const params = { device: this.name, dst, iface: iface.name };
    this.sim.drop(
      this.id,
      'no-route',
      explain('net.summary.noRouteUnlinked', params),
      explain('net.noRouteUnlinked', params),
      packetId,
      this.ref('interfaces', iface.index),
    );
  }

  /** Sends a packet this node makes itself. Returns its packet id. */
  sendIp(o: SendIpOptions): number {
    const packetId = o.packetId ?? this.sim.newPacketId();
    const dstN = parseIpText(o.dst)!;
    const route = this.routes.lookup(dstN);
    if (!route) {
      const unplugged = this.unlinkedInterfaceFor(o.dst);
      if (unplugged) {
        this.dropUnlinked(unplugged, o.dst, packetId);
      } else {
        this.sim.drop(
          this.id,
          'no-route',
          explain('net.summary.noRoute', { dst: o.dst }),
          explain('net.noRoute', { device: this.name, dst: o.dst }),
          packetId,
          this.missingRouteRef(),
        );
      }
      o.onError?.('ENETUNREACH', explain('net.connectError.noRoute', { device: this.name, ip: o.dst }));
      return packetId;
    }
    const iface = this.ifaces.get(route.interface)!;
    const src = iface.ip ?? '0.0.0.0';
    this.onLocalRoute(route, o.dst);
    const ipBytes = emitIpv4(
      {
        src,
        dst: o.dst,
        protocol: o.protocol,
        ttl: o.ttl ?? 64,
        identification: this.nextIpId(),
        dontFragment: o.dontFragment ?? true,
      },
      o.build(src),
    );
    const nextHop = route.nextHop !== undefined ? formatIpv4(route.nextHop) : o.dst;
    this.outputVia(
      iface,
      nextHop,
      ipBytes,
      packetId,
      o.explanation,
      () => o.onError?.('EHOSTUNREACH', explain('net.connectError.noArpReply', { device: this.name, ip: nextHop })),
      o.expectSilence,
    );
    return packetId;
  }

  sendUdp(o: {
    src?: string;
    srcPort: number;
    dst: string;
    dstPort: number;
    payload: Uint8Array;
    explanation: Prose;
    packetId?: number;
    onError?: SendIpOptions['onError'];
    dontFragment?: boolean;
  }): number {
    return this.sendIp({
      dst: o.dst,
      protocol: IP_PROTO_UDP,
      build: (src) => emitUdp({ srcPort: o.srcPort, dstPort: o.dstPort }, o.payload, src, o.dst),
      explanation: o.explanation,
      dontFragment: o.dontFragment,
      packetId: o.packetId,
      onError: o.onError,
    });
  }

  /** A free ephemeral port in Linux's default range 32768–60999. */
  ephemeralPort(inUse: (port: number) => boolean): number {
    for (;;) {
      const port = this.rng.int(32768, 60999);
      if (!inUse(port)) return port;
    }
  }

  /** ICMP error about `offending` (an IP packet as received) back to its source. */
  sendIcmpError(type: number, code: number, offending: Uint8Array, explanation: Prose): void {
    const src = `${offending[12]}.${offending[13]}.${offending[14]}.${offending[15]}`;
    if (src === '0.0.0.0') return;
    if (offending[9] === IP_PROTO_ICMP) {
      const ihl = (offending[0] & 0x0f) * 4;
      const t = offending[ihl];
      if (t !== ICMP_ECHO_REQUEST && t !== ICMP_ECHO_REPLY) return; // never an error about an error (RFC 1122)
    }
    const data = offending.slice(0, Math.min(offending.length, ICMP_QUOTE_MAX));
    this.sendIp({
      dst: src,
      protocol: IP_PROTO_ICMP,
      build: () => emitIcmp({ type, code, data }),
      dontFragment: false,
      explanation,
    });
  }
}
