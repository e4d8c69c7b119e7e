// A Linux DHCP client (dhclient-like): DISCOVER, take the first OFFER, REQUEST it, bind on ACK. Retries with
// growing intervals and gives up after 60 s ("No DHCPOFFERS received").
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
import { IP_PROTO_UDP, emitIpv4 } from '../../wire/ipv4';
import { emitUdp } from '../../wire/udp';
import type { RtIface } from '../devices/device';
import type { EndSystem } from '../devices/end-system';
import type { UdpDatagram, UdpHandler } from '../devices/ip-node';
import { explain } from '../prose';
import type { Timer } from '../sim/sim';
import type { Prose } from '../trace';

const RETRY_US = [4e6, 8e6, 16e6, 32e6];
const GIVE_UP_US = 60e6; // dhclient's default timeout
/** What dhclient asks for: mask, broadcast, time offset, router, domain name, DNS, hostname, … */
const PARAMETER_REQUEST_LIST = [1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42];

type Phase = 'idle' | 'selecting' | 'requesting' | 'bound';

export class DhcpClient implements UdpHandler {
  private phase: Phase = 'idle';
  private xid = 0;
  private started = 0;
  private attempt = 0;
  private timer?: Timer;
  private offer?: DhcpRepr;
  private done?: (ok: boolean) => void;

  constructor(
    private readonly node: EndSystem,
    readonly iface: RtIface,
  ) {
    node.udp.set(68, this);
  }

  run(done: (ok: boolean) => void): void {
    this.done = done;
    this.started = this.node.sim.now;
    this.xid = this.node.rng.u32();
    this.attempt = 0;
    this.phase = 'selecting';
    this.sendDiscover();
  }

  private schedule(next: () => void): void {
    if (this.timer) this.timer.cancelled = true;
    const elapsed = this.node.sim.now - this.started;
    const wait = RETRY_US[Math.min(this.attempt, RETRY_US.length - 1)];
    if (elapsed + wait >= GIVE_UP_US) {
      this.timer = this.node.sim.schedule(GIVE_UP_US - elapsed, () => this.giveUp());
      return;
    }
    this.timer = this.node.sim.schedule(wait, () => {
      this.attempt++;
      next();
    });
  }

  private giveUp(): void {
    if (this.phase === 'bound') return;
    this.phase = 'idle';
    const n = this.node;
    n.sim.decision(
      n.id,
      'dhcp',
      explain('dhcp.summary.giveUp', { seconds: GIVE_UP_US / 1e6 }),
      explain('dhcp.client.giveUp', { host: n.name, tries: this.attempt + 1, seconds: GIVE_UP_US / 1e6 }),
      n.ref('interfaces', this.iface.index),
    );
    this.done?.(false);
  }

  private secs(): number {
    return Math.min(0xffff, Math.floor((this.node.sim.now - this.started) / 1e6));
  }

  private send(msg: DhcpRepr, explanation: Prose): void {
    const n = this.node;
    const ip = emitIpv4(
      {
        src: '0.0.0.0',
        dst: '255.255.255.255',
        protocol: IP_PROTO_UDP,
        ttl: 64,
        identification: 0,
        dontFragment: false,
        dscp: 4,
      },
      emitUdp({ srcPort: 68, dstPort: 67 }, emitDhcp(msg), '0.0.0.0', '255.255.255.255'),
    );
    n.sendFrame(this.iface, BROADCAST_MAC, ETHERTYPE_IPV4, ip, n.sim.newPacketId(), explanation);
  }

  private base(type: 1 | 3): DhcpRepr {
    return {
      op: 1,
      xid: this.xid,
      secs: this.secs(),
      broadcast: false,
      ciaddr: '0.0.0.0',
      yiaddr: '0.0.0.0',
      siaddr: '0.0.0.0',
      giaddr: '0.0.0.0',
      chaddr: this.iface.mac,
      messageType: type,
      options: { hostname: this.node.name, parameterRequestList: PARAMETER_REQUEST_LIST },
    };
  }

  private sendDiscover(): void {
    const n = this.node;
    const discover = explain('dhcp.client.discover', {
      host: n.name,
      iface: this.iface.name,
      xid: `0x${this.xid.toString(16).padStart(8, '0')}`,
    });
    this.send(
      this.base(DHCPDISCOVER),
      this.attempt > 0 ? [discover, explain('dhcp.client.discoverAgain', { attempt: this.attempt + 1 })] : discover,
    );
    this.schedule(() => this.phase === 'selecting' && this.sendDiscover());
  }

  private sendRequest(): void {
    const offer = this.offer!;
    const msg = this.base(DHCPREQUEST);
    msg.options = { requestedIp: offer.yiaddr, serverId: offer.options.serverId, ...msg.options };
    this.send(
      msg,
      explain('dhcp.client.request', {
        host: this.node.name,
        ip: offer.yiaddr,
        server: String(offer.options.serverId),
      }),
    );
    this.schedule(() => this.phase === 'requesting' && this.sendRequest());
  }

  onDatagram(d: UdpDatagram): void {
    let msg: DhcpRepr;
    try {
      msg = parseDhcp(d.payload);
    } catch {
      return;
    }
    if (msg.op !== 2 || msg.xid !== this.xid || msg.chaddr !== this.iface.mac) return;
    const n = this.node;
    if (msg.messageType === DHCPOFFER && this.phase === 'selecting') {
      this.offer = msg;
      this.phase = 'requesting';
      this.attempt = 0;
      n.sim.decision(
        n.id,
        'dhcp',
        explain('dhcp.summary.acceptOffer', { ip: msg.yiaddr, server: String(msg.options.serverId) }),
        explain('dhcp.client.acceptOffer', { host: n.name, ip: msg.yiaddr, server: String(msg.options.serverId) }),
      );
      this.sendRequest();
    } else if (msg.messageType === DHCPACK && this.phase === 'requesting') {
      if (this.timer) this.timer.cancelled = true;
      this.phase = 'bound';
      const router = msg.options.router?.[0];
      const dns = msg.options.dnsServers?.[0];
      n.bindLease(this.iface, msg.yiaddr, msg.options.subnetMask, router, dns);
      const bound = {
        host: n.name,
        iface: this.iface.name,
        cidr: `${msg.yiaddr}/${n.ifaces.get(this.iface.name)!.cidr!.prefix}`,
      };
      n.sim.decision(
        n.id,
        'dhcp',
        router && dns
          ? explain('dhcp.summary.boundFull', { ip: msg.yiaddr, router, dns })
          : router
            ? explain('dhcp.summary.boundNoDns', { ip: msg.yiaddr, router })
            : dns
              ? explain('dhcp.summary.boundNoGateway', { ip: msg.yiaddr, dns })
              : explain('dhcp.summary.boundNone', { ip: msg.yiaddr }),
        router && dns
          ? explain('dhcp.client.bound.full', { ...bound, router, dns })
          : router
            ? explain('dhcp.client.bound.noDns', { ...bound, router })
            : dns
              ? explain('dhcp.client.bound.noGateway', { ...bound, dns })
              : explain('dhcp.client.bound.none', bound),
        n.ref('interfaces', this.iface.index),
      );
      this.done?.(true);
    } else if (msg.messageType === DHCPNAK) {
      if (this.timer) this.timer.cancelled = true;
      n.sim.decision(n.id, 'dhcp', explain('dhcp.summary.nak'), explain('dhcp.client.nak', { host: n.name }));
      this.phase = 'selecting';
      this.attempt = 0;
      this.sendDiscover();
    }
  }
}
