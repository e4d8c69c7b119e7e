// The IPv4 half every host, server, router and firewall shares: ARP with a cache and a queue for packets waiting
// for an answer, the routing table, sending locally-made packets, local delivery to UDP/TCP/ICMP, and ICMP errors.
import { contains, formatIpv4, parseIpv4 as parseIpText } from '../../model/ipv4';
import { BROADCAST_MAC, ZERO_MAC, macFromBytes } from '../../wire/address';
import { emitArp, parseArp, type ArpRepr } from '../../wire/arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, emitEthernet } from '../../wire/ethernet';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, emitIcmp, parseIcmp } from '../../wire/icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, emitIpv4, parseIpv4, type ParsedIpv4 } from '../../wire/ipv4';
import { parseTcp } from '../../wire/tcp';
import { emitUdp, parseUdp } from '../../wire/udp';
import { TcpStack } from '../net/tcp';
import { RouteTable, type Route } from '../net/route-table';
import type { Timer } from '../sim/sim';
import { SimDevice, type RtIface } from './device';
import type { ConfigRef, Prose, ProseMessage } from '../trace';
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
/** Linux quotes as much of the offending datagram as fits in 576 bytes. */
const ICMP_QUOTE_MAX = 576 - 20 - 8;

export abstract class IpNode extends SimDevice {
  readonly routes = new RouteTable();
  readonly arp = this.table('arp');
  readonly routeTable = this.table('routes');
  readonly addressTable = this.table('addresses');
  readonly udp = new Map<number, UdpHandler>();
  /** Raw ICMP sockets waiting for an echo reply, by identifier (dnsmasq's ping check). */
  readonly echoWaiters = new Map<number, (src: string) => void>();
  private tcpStack?: TcpStack;
  private pendingArp = new Map<string, PendingArp>();
  private localAddresses = new Map<string, RtIface>();
  private ipId = 0;

  override start(): void {
    this.ipId = this.rng.int(0, 0xffff);
    for (const iface of this.ifaces.values()) {
      if (iface.cidr && iface.ip) this.bindAddress(iface, 'static');
    }
  }

  /** Gives an interface its address and the connected route that comes with it. */
  protected bindAddress(iface: RtIface, source: 'static' | 'dhcp'): void {
    if (!iface.cidr || !iface.ip) return;
    this.localAddresses.set(iface.ip, iface);
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
    return this.localAddresses.get(ip);
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
          this.sim.drop(this.id, 'bad-checksum', explain('net.summary.badIpChecksum'), explain('net.checksum.ip', { device: this.name }), packetId);
          return;
        }
        this.onIp(iface, ip, payload.subarray(0, ip.totalLength), packetId, l2broadcast, macFromBytes(bytes, 6));
      }
    } catch (err) {
      this.sim.drop(this.id, 'malformed', explain('net.summary.malformed'), [explain('net.malformed', { device: this.name }), (err as Error).message], packetId);
    }
  }

  /** Local delivery by default; routers override to forward what is not theirs. */
  protected onIp(iface: RtIface, ip: ParsedIpv4, ipBytes: Uint8Array, packetId: number, l2broadcast: boolean, srcMac: string): void {
    const dst = ip.repr.dst;
    if (this.isLocalAddress(dst) || dst === '255.255.255.255' || (iface.cidr && parseIpText(dst) === iface.cidr.broadcast)) {
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
  protected acceptUnaddressed(_iface: RtIface, _ip: ParsedIpv4, _ipBytes: Uint8Array, _packetId: number, _srcMac: string): boolean {
    return false;
  }

  protected deliverLocal(iface: RtIface, ip: ParsedIpv4, ipBytes: Uint8Array, packetId: number, l2broadcast: boolean, srcMac: string): void {
    const { src, dst, protocol } = ip.repr;
    if (protocol === IP_PROTO_UDP) {
      const udp = parseUdp(ip.payload, src, dst);
      if (!udp.checksumValid) {
        this.sim.drop(this.id, 'bad-checksum', explain('net.summary.badUdpChecksum'), explain('net.checksum.udp', { device: this.name }), packetId);
        return;
      }
      const handler = this.udp.get(udp.repr.dstPort);
      if (handler) {
        handler.onDatagram({ iface, srcIp: src, srcPort: udp.repr.srcPort, dstIp: dst, dstPort: udp.repr.dstPort, payload: udp.payload, packetId, srcMac });
        return;
      }
      if (l2broadcast || dst === '255.255.255.255') return; // nobody answers broadcasts for a closed port
      this.sim.drop(this.id, 'port-closed', explain('net.summary.udpPortClosed', { port: udp.repr.dstPort }), explain('net.udpPortClosed', { device: this.name, port: udp.repr.dstPort }), packetId);
      this.sendIcmpError(ICMP_DEST_UNREACHABLE, 3, ipBytes, explain('net.icmp.portUnreachable', { device: this.name, dst: src, port: udp.repr.dstPort }));
    } else if (protocol === IP_PROTO_TCP) {
      const tcp = parseTcp(ip.payload, src, dst);
      if (!tcp.checksumValid) {
        this.sim.drop(this.id, 'bad-checksum', explain('net.summary.badTcpChecksum'), explain('net.checksum.tcp', { device: this.name }), packetId);
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
      this.learnArp(iface, arp.senderIp, arp.senderMac, explain('net.arp.learnFromRequest', { device: this.name }));
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

  private learnArp(iface: RtIface, ip: string, mac: string, why: Prose): void {
    const key = `${iface.name}|${ip}`;
    const known = this.arp.get(key);
    if (!known || known.mac !== mac) {
      this.arp.set({ interface: iface.name, ip, mac });
      this.sim.decision(this.id, 'arp', explain('net.summary.arpLearned', { ip, mac }), why);
    }
    const pending = this.pendingArp.get(key);
    if (pending) {
      this.pendingArp.delete(key);
      if (pending.timer) pending.timer.cancelled = true;
      for (const w of pending.waiting) w.send(mac);
    }
  }

  /** Finds the MAC for `ip` on `iface`: from the cache, or by asking (queued until the reply or 3 failed tries). */
  resolveMac(iface: RtIface, ip: string, packetId: number, send: (mac: string) => void, fail: () => void, expectSilence?: boolean): void {
    const key = `${iface.name}|${ip}`;
    const known = this.arp.get(key);
    if (known) {
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
        this.sim.decision(this.id, 'arp', explain('net.summary.noArpReply', { ip }), explain('net.arp.noReplyExpected', { tries: ARP_RETRIES, ip, device: this.name }));
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
    pending.timer = this.sim.schedule(ARP_RETRY_US, () => this.arpTry(pending));
  }

  // ---- frames and packets out --------------------------------------------------------------------------------

  sendFrame(iface: RtIface, dstMac: string, etherType: number, payload: Uint8Array, packetId: number, explanation: Prose): void {
    this.sim.transmit(this.id, iface.name, emitEthernet({ dst: dstMac, src: iface.mac, etherType }, payload), packetId, explanation);
  }

  /** Sends an IP packet through `iface` to the next hop, resolving its MAC first. */
  outputVia(iface: RtIface, nextHop: string, ipBytes: Uint8Array, packetId: number, explanation: Prose, onFail?: () => void, expectSilence?: boolean): void {
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
    this.sim.drop(this.id, 'no-route', explain('net.summary.noRouteUnlinked', params), explain('net.noRouteUnlinked', params), packetId, this.ref('interfaces', iface.index));
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
        this.sim.drop(this.id, 'no-route', explain('net.summary.noRoute', { dst: o.dst }), explain('net.noRoute', { device: this.name, dst: o.dst }), packetId, this.missingRouteRef());
      }
      o.onError?.('ENETUNREACH', explain('net.connectError.noRoute', { device: this.name, ip: o.dst }));
      return packetId;
    }
    const iface = this.ifaces.get(route.interface)!;
    const src = iface.ip ?? '0.0.0.0';
    this.onLocalRoute(route, o.dst);
    const ipBytes = emitIpv4(
      { src, dst: o.dst, protocol: o.protocol, ttl: o.ttl ?? 64, identification: this.nextIpId(), dontFragment: o.dontFragment ?? true },
      o.build(src),
    );
    const nextHop = route.nextHop !== undefined ? formatIpv4(route.nextHop) : o.dst;
    this.outputVia(iface, nextHop, ipBytes, packetId, o.explanation, () =>
      o.onError?.('EHOSTUNREACH', explain('net.connectError.noArpReply', { device: this.name, ip: nextHop })),
      o.expectSilence,
    );
    return packetId;
  }

  sendUdp(o: { src?: string; srcPort: number; dst: string; dstPort: number; payload: Uint8Array; explanation: Prose; packetId?: number; onError?: SendIpOptions['onError']; dontFragment?: boolean }): number {
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
    this.sendIp({ dst: src, protocol: IP_PROTO_ICMP, build: () => emitIcmp({ type, code, data }), dontFragment: false, explanation });
  }
}
