// A DHCP server for one interface's network (like dnsmasq or a home router's): offers the lowest free address of
// its pool, remembers leases by MAC address, and answers straight to the client's MAC address, since the client
// cannot take IP packets before it has an address (it did not set the broadcast flag, as Linux clients do not).
// Before offering a new address it does what dnsmasq does by default: it pings the address (one ICMP echo from a raw
// socket; the kernel ARPs for it) and waits up to 3 s, deaf to other DHCP packets meanwhile; an address that
// answers is in use and is not offered: the next free one is pinged instead.
import { formatIpv4, parseIpv4 as ipToNumber } from '../../model/ipv4';
import type { DhcpServerConfig } from '../../model/schema';
import { BROADCAST_MAC } from '../../wire/address';
import {
  DHCPACK,
  DHCPDISCOVER,
  DHCPNAK,
  DHCPOFFER,
  DHCPREQUEST,
  emitDhcp,
  parseDhcp,
  type DhcpRepr,
} from '../../wire/dhcp';
import { ETHERTYPE_IPV4 } from '../../wire/ethernet';
import { IP_PROTO_ICMP, IP_PROTO_UDP, emitIpv4 } from '../../wire/ipv4';
import { ICMP_ECHO_REQUEST, emitIcmp } from '../../wire/icmp';
import { emitUdp } from '../../wire/udp';
import type { IpNode, UdpDatagram, UdpHandler } from '../devices/ip-node';
import { explain } from '../prose';
import type { Prose } from '../trace';

/** dnsmasq's PING_WAIT. */
export const PING_WAIT_US = 3_000_000;

export class DhcpServer implements UdpHandler {
  private leases;
  private byMac = new Map<string, number>();
  private used = new Set<number>();
  /** Addresses that answered a ping: someone already uses them. */
  private inUse = new Set<number>();
  /** While a ping check waits, dnsmasq handles no other DHCP packet. */
  private pinging = false;

  constructor(
    private readonly node: IpNode,
    private readonly config: DhcpServerConfig,
    private readonly path: (string | number)[],
  ) {
    this.leases = node.table('dhcpLeases');
  }

  private pick(mac: string): number | undefined {
    const known = this.byMac.get(mac);
    if (known !== undefined) return known;
    const first = ipToNumber(this.config.poolStart);
    const last = ipToNumber(this.config.poolEnd);
    if (first === undefined || last === undefined) return undefined;
    const own = new Set([...this.node.ifaces.values()].map((i) => i.ip));
    for (let a = first; a <= last; a++)
      if (!this.used.has(a) && !this.inUse.has(a) && !own.has(formatIpv4(a))) return a;
    return undefined;
  }

  onDatagram(d: UdpDatagram): void {
    if (d.iface.name !== this.config.interface || !d.iface.ip || !d.iface.cidr) return;
    let msg: DhcpRepr;
    try {
      msg = parseDhcp(d.payload);
    } catch {
      return;
    }
    if (msg.op !== 1 || this.pinging) return; // dnsmasq is deaf to DHCP while a ping check waits
    const n = this.node;
    const ref = n.ref(...this.path);
    if (msg.messageType === DHCPDISCOVER) {
      const known = this.byMac.has(msg.chaddr);
      const addr = this.pick(msg.chaddr);
      if (addr !== undefined && !known && this.config.pingCheck !== false) {
        this.pingThenOffer(d, msg, addr);
        return;
      }
      this.offer(d, msg, addr);
      return;
    }
    if (msg.messageType === DHCPREQUEST) {
      const serverId = msg.options.serverId;
      if (serverId !== undefined && serverId !== d.iface.ip) {
        // The client chose another server's offer: release ours.
        const addr = this.byMac.get(msg.chaddr);
        if (addr !== undefined) {
          this.byMac.delete(msg.chaddr);
          this.used.delete(addr);
          this.leases.delete(msg.chaddr);
        }
        return;
      }
      const wanted = msg.options.requestedIp ?? msg.ciaddr;
      const addr = this.byMac.get(msg.chaddr);
      if (addr === undefined || formatIpv4(addr) !== wanted) {
        this.reply(d, msg, DHCPNAK, '0.0.0.0', explain('dhcp.server.refuse', { server: n.name, ip: wanted }));
        return;
      }
      const ip = formatIpv4(addr);
      this.leases.set({
        ip,
        mac: msg.chaddr,
        hostname: msg.options.hostname,
        leaseSeconds: this.config.leaseSeconds,
        state: 'bound',
      });
      n.sim.decision(
        n.id,
        'dhcp',
        explain('dhcp.summary.lease', { ip, mac: msg.chaddr }),
        explain('dhcp.server.lease', { server: n.name, ip, lease: this.config.leaseSeconds }),
        ref,
      );
      this.reply(
        d,
        msg,
        DHCPACK,
        ip,
        explain('dhcp.server.ack', { server: n.name, ip, mac: msg.chaddr, lease: this.config.leaseSeconds }),
      );
    }
  }

  /** The OFFER of `addr` (or the drop when the pool is empty). */
  private offer(d: UdpDatagram, msg: DhcpRepr, addr: number | undefined): void {
    const n = this.node;
    const ref = n.ref(...this.path);
    if (addr === undefined) {
      n.sim.drop(
        n.id,
        'dhcp-pool-empty',
        explain('dhcp.summary.poolEmpty'),
        explain('dhcp.server.poolEmpty', {
          server: n.name,
          poolStart: this.config.poolStart,
          poolEnd: this.config.poolEnd,
        }),
        d.packetId,
        ref,
      );
      return;
    }
    const ip = formatIpv4(addr);
    this.byMac.set(msg.chaddr, addr);
    this.used.add(addr);
    this.leases.set({
      ip,
      mac: msg.chaddr,
      hostname: msg.options.hostname,
      leaseSeconds: this.config.leaseSeconds,
      state: 'offered',
    });
    n.sim.decision(
      n.id,
      'dhcp',
      explain('dhcp.summary.offer', { ip, mac: msg.chaddr }),
      explain('dhcp.server.pick', {
        server: n.name,
        iface: this.config.interface,
        ip,
        poolStart: this.config.poolStart,
        poolEnd: this.config.poolEnd,
        mac: msg.chaddr,
      }),
      ref,
    );
    const { gateway, dnsServer: dns, leaseSeconds: lease } = this.config;
    const offer = { server: n.name, ip, lease };
    this.reply(
      d,
      msg,
      DHCPOFFER,
      ip,
      gateway !== undefined && dns !== undefined
        ? explain('dhcp.server.offer.full', { ...offer, gateway, dns })
        : gateway !== undefined
          ? explain('dhcp.server.offer.noDns', { ...offer, gateway })
          : dns !== undefined
            ? explain('dhcp.server.offer.noGateway', { ...offer, dns })
            : explain('dhcp.server.offer.none', offer),
    );
  }

  /**
   * dnsmasq's icmp_ping: one echo (identifier random, sequence 0, 20 zero bytes: a struct icmp) to the address it is
   * about to offer; a reply within 3 s means the address is taken, so the next free one is tried; silence, an offer.
   */
  private pingThenOffer(d: UdpDatagram, msg: DhcpRepr, addr: number): void {
    const n = this.node;
    const ip = formatIpv4(addr);
    const pingRef = n.ref(...this.path, 'pingCheck');
    const id = n.rng.int(0, 0xffff);
    this.pinging = true;
    n.sim.decision(
      n.id,
      'dhcp',
      explain('dhcp.summary.pingCheck', { ip }),
      explain('dhcp.server.pingCheck', { server: n.name, ip, mac: msg.chaddr }),
      pingRef,
    );
    let answered = false;
    const timer = n.sim.schedule(PING_WAIT_US, () => {
      n.echoWaiters.delete(id);
      this.pinging = false;
      n.sim.decision(
        n.id,
        'dhcp',
        explain('dhcp.summary.pingSilent', { ip }),
        explain('dhcp.server.pingSilent', { server: n.name, ip }),
        pingRef,
      );
      this.offer(d, msg, addr);
    });
    n.echoWaiters.set(id, (src) => {
      if (src !== ip || answered) return;
      answered = true;
      timer.cancelled = true;
      n.echoWaiters.delete(id);
      this.pinging = false;
      this.inUse.add(addr);
      n.sim.decision(
        n.id,
        'dhcp',
        explain('dhcp.summary.pingAnswered', { ip }),
        explain('dhcp.server.pingAnswered', { server: n.name, ip }),
        pingRef,
      );
      const next = this.pick(msg.chaddr);
      if (next === undefined) this.offer(d, msg, undefined);
      else this.pingThenOffer(d, msg, next);
    });
    n.sendIp({
      dst: ip,
      protocol: IP_PROTO_ICMP,
      build: () =>
        emitIcmp({ type: ICMP_ECHO_REQUEST, code: 0, identifier: id, sequence: 0, data: new Uint8Array(20) }),
      explanation: explain('dhcp.server.ping', { server: n.name, ip }),
      expectSilence: true,
    });
  }

  private reply(d: UdpDatagram, req: DhcpRepr, type: 2 | 5 | 6, yiaddr: string, explanation: Prose): void {
    const iface = d.iface;
    const prefix = iface.cidr!.prefix;
    const mask = formatIpv4(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
    const options: DhcpRepr['options'] =
      type === DHCPNAK
        ? { serverId: iface.ip }
        : {
            serverId: iface.ip,
            leaseSeconds: this.config.leaseSeconds,
            renewalSeconds: Math.floor(this.config.leaseSeconds / 2),
            rebindingSeconds: Math.floor((this.config.leaseSeconds * 7) / 8),
            subnetMask: mask,
            ...(this.config.gateway ? { router: [this.config.gateway] } : {}),
            ...(this.config.dnsServer ? { dnsServers: [this.config.dnsServer] } : {}),
          };
    const msg: DhcpRepr = {
      op: 2,
      xid: req.xid,
      secs: 0,
      broadcast: req.broadcast,
      ciaddr: '0.0.0.0',
      yiaddr,
      siaddr: '0.0.0.0',
      giaddr: req.giaddr,
      chaddr: req.chaddr,
      messageType: type,
      options,
    };
    const toBroadcast = req.broadcast || type === DHCPNAK;
    const dst = toBroadcast ? '255.255.255.255' : yiaddr;
    const ip = emitIpv4(
      {
        src: iface.ip!,
        dst,
        protocol: IP_PROTO_UDP,
        ttl: 64,
        identification: this.node.nextIpId(),
        dontFragment: false,
      },
      emitUdp({ srcPort: 67, dstPort: 68 }, emitDhcp(msg), iface.ip!, dst),
    );
    const packetId = this.node.sim.newPacketId();
    if (toBroadcast) {
      this.node.sendFrame(iface, BROADCAST_MAC, ETHERTYPE_IPV4, ip, packetId, explanation);
      return;
    }
    // dnsmasq's arp_inject: the client cannot answer ARP before it has its address, so dnsmasq writes it into the
    // kernel's ARP table and sends through it (the entry STALE, then DELAY as it is used). A ping check's echo still
    // queued behind the kernel's unanswered ARP requests leaves with it, just before the offer.
    if (this.node.injectNeighbour(iface, yiaddr, req.chaddr) > 0)
      this.node.sim.decision(
        this.node.id,
        'dhcp',
        explain('dhcp.summary.arpInject', { ip: yiaddr, mac: req.chaddr }),
        explain('dhcp.server.arpInjectFlush', { server: this.node.name, ip: yiaddr, mac: req.chaddr }),
        this.node.ref(...this.path, 'pingCheck'),
      );
    this.node.sendThroughInjected(iface, yiaddr, (mac) =>
      this.node.sendFrame(iface, mac, ETHERTYPE_IPV4, ip, packetId, explanation),
    );
  }
}
