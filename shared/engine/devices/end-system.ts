// Hosts and servers: a Linux end system with a default gateway, a DNS server setting, a hosts file, and the
// services of its roles. Its DHCP client fills in address, gateway and DNS server when the interface is set to DHCP.
import { formatIpv4, makeCidr, parseIpv4 as ipToNumber, prefixFromMask } from '../../model/ipv4';
import type { CertificateAuthority, HostDevice, ServerDevice } from '../../model/schema';
import { parseUdp } from '../../wire/udp';
import { IP_PROTO_UDP, type ParsedIpv4 } from '../../wire/ipv4';
import type { Route } from '../net/route-table';
import { DhcpClient } from '../services/dhcp-client';
import { DhcpServer } from '../services/dhcp-server';
import { DnsServer } from '../services/dns-server';
import { HttpCache } from '../services/http-cache';
import { WebServer } from '../services/web-server';
import type { ConfigRef } from '../trace';
import type { RtIface } from './device';
import { IpNode } from './ip-node';
import { explain } from '../prose';

/**
 * An end system's kernel from the wire to its answer: measured on veth between network namespaces here, Linux 6.x
 * sends the ACK of a request 3 µs and a SYN-ACK 8–11 µs after the segment arrived.
 */
const KERNEL_US = 5;

export class EndSystem extends IpNode {
  declare readonly config: HostDevice | ServerDevice;
  readonly settings = this.table('settings');
  dnsServer?: { ip: string; ref?: ConfigRef; source: 'static' | 'dhcp' };
  readonly dhcpClients = new Map<string, DhcpClient>();
  private explainedRoutes?: Set<string>;
  private dns?: DnsServer;
  /** The network's certificate authorities this system trusts (its `trustedAuthorities`, or all of them). */
  trusted: CertificateAuthority[] = [];
  /** Which role of which device serves a certificate (base64 DER → its `tls.certificate` setting), network-wide. */
  certificateOwners: ReadonlyMap<string, ConfigRef> = new Map();

  protected override get processingUs(): number {
    return KERNEL_US;
  }

  override start(): void {
    super.start();
    const cfg = this.config;
    if (cfg.gateway) this.setGateway(cfg.gateway, 'gateway', this.ref('gateway'));
    if (cfg.dnsServer) this.setDnsServer(cfg.dnsServer, 'static', this.ref('dnsServer'));
    for (const iface of this.ifaces.values())
      if (iface.mode === 'dhcp') this.dhcpClients.set(iface.name, new DhcpClient(this, iface));
    if (cfg.kind === 'server') {
      const roles = cfg.roles;
      if (roles.web) new WebServer(this, roles.web);
      if (roles.cache) new HttpCache(this, roles.cache);
      if (roles.dns) this.dns = new DnsServer(this, roles.dns);
      if (roles.dhcp) this.udp.set(67, new DhcpServer(this, roles.dhcp, ['roles', 'dhcp']));
    }
  }

  protected override missingRouteRef(): ConfigRef {
    return this.ref('gateway');
  }

  override newFetch(): void {
    super.newFetch();
    this.explainedRoutes = undefined;
  }

  override reconfigure(): void {
    const cfg = this.config;
    const defaultRoute = this.routes.lookup(0);
    const gateway =
      defaultRoute?.prefix === 0 && defaultRoute.nextHop !== undefined ? formatIpv4(defaultRoute.nextHop) : undefined;
    if (cfg.gateway && cfg.gateway !== gateway && defaultRoute?.source !== 'dhcp') {
      if (defaultRoute?.prefix === 0) {
        this.routes.remove(0, 0);
        this.routeTable.delete(`${defaultRoute.entry.destination}|${defaultRoute.entry.interface}`);
      }
      this.setGateway(cfg.gateway, 'gateway', this.ref('gateway'));
    }
    if (cfg.dnsServer && cfg.dnsServer !== this.dnsServer?.ip)
      this.setDnsServer(cfg.dnsServer, 'static', this.ref('dnsServer'));
    this.dns?.reload();
  }

  /** Installs the default route via `gateway` if an interface reaches it; returns false otherwise. */
  setGateway(gateway: string, source: 'gateway' | 'dhcp', configRef?: ConfigRef): boolean {
    const gw = ipToNumber(gateway);
    if (gw === undefined) return false;
    const via = this.routes.lookup(gw);
    if (!via || via.source !== 'connected') return false;
    this.addRoute({ network: 0, prefix: 0, nextHop: gw, interface: via.interface, source, configRef });
    this.settings.set({ setting: 'gateway', value: gateway, source: source === 'dhcp' ? 'dhcp' : 'static' });
    return true;
  }

  setDnsServer(ip: string, source: 'static' | 'dhcp', ref?: ConfigRef): void {
    this.dnsServer = { ip, ref, source };
    this.settings.set({ setting: 'dnsServer', value: ip, source });
  }

  /** Called by the DHCP client when a lease is bound. */
  bindLease(iface: RtIface, ip: string, mask: string | undefined, router?: string, dns?: string): void {
    const prefix = mask ? (prefixFromMask(ipToNumber(mask) ?? 0) ?? 24) : 24;
    iface.cidr = makeCidr(ipToNumber(ip)!, prefix);
    iface.ip = ip;
    this.bindAddress(iface, 'dhcp');
    if (router) this.setGateway(router, 'dhcp', undefined);
    if (dns) this.setDnsServer(dns, 'dhcp');
  }

  needsDhcp(): DhcpClient | undefined {
    for (const client of this.dhcpClients.values()) if (!client.iface.ip) return client;
    return undefined;
  }

  /** The source address Linux would pick for `dst`, or undefined without a route. */
  sourceFor(dst: string): string | undefined {
    const route = this.routes.lookup(ipToNumber(dst)!);
    return route ? this.ifaces.get(route.interface)?.ip : undefined;
  }

  protected override onLocalRoute(route: Route, dst: string): void {
    const key = `${route.entry.destination}|${dst}`;
    this.explainedRoutes ??= new Set();
    if (this.explainedRoutes.has(key)) return;
    this.explainedRoutes.add(key);
    const iface = this.ifaces.get(route.interface)!;
    if (route.nextHop === undefined) {
      this.sim.decision(
        this.id,
        'route',
        explain('net.summary.localNetwork', { dst, network: route.entry.destination }),
        explain('net.route.direct', { dst, device: this.name, network: route.entry.destination, iface: iface.name }),
        route.configRef,
      );
      return;
    }
    const gw = formatIpv4(route.nextHop);
    this.sim.decision(
      this.id,
      'route',
      explain('net.summary.viaGateway', { dst, gateway: gw }),
      route.source === 'dhcp'
        ? explain('net.route.viaDhcpGateway', { dst, device: this.name, gateway: gw })
        : explain('net.route.viaGateway', { dst, device: this.name, gateway: gw }),
      route.configRef,
    );
  }

  /** The DHCP client's Offer and ACK are sent to an address the host does not have yet. */
  protected override acceptUnaddressed(
    iface: RtIface,
    ip: ParsedIpv4,
    _bytes: Uint8Array,
    packetId: number,
    _srcMac: string,
  ): boolean {
    const client = this.dhcpClients.get(iface.name);
    if (!client || ip.repr.protocol !== IP_PROTO_UDP) return false;
    const udp = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
    if (udp.repr.dstPort !== 68) return false;
    client.onDatagram({
      iface,
      srcIp: ip.repr.src,
      srcPort: udp.repr.srcPort,
      dstIp: ip.repr.dst,
      dstPort: 68,
      payload: udp.payload,
      packetId,
      srcMac: _srcMac,
    });
    return true;
  }
}
