// A Linux router (ip_forward=1) and, with rules, a stateful firewall: receive, (un-)NAT, check TTL, look up the
// longest matching route, filter, decrement TTL, NAT, resolve the next hop's MAC, send. Nothing here knows the
// path; each hop only consults its own table.
import { formatIpv4, parseCidr, parseIpv4 as ipToNumber } from '../../model/ipv4';
import type { FirewallDevice, RouterDevice } from '../../model/schema';
import { emitIcmp, ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED } from '../../wire/icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, emitIpv4, parseIpv4, type ParsedIpv4 } from '../../wire/ipv4';
import { PacketFilter, describeRule, type FlowTuple } from '../net/filter';
import { Napt, type NatProtocol } from '../net/napt';
import { rewritePacket, rewriteQuotedSource, withTtl } from '../net/packet-edit';
import { DhcpServer } from '../services/dhcp-server';
import type { RtIface } from './device';
import { IpNode } from './ip-node';

function ports(ip: ParsedIpv4): { srcPort: number; dstPort: number } {
  const p = ip.payload;
  if ((ip.repr.protocol === IP_PROTO_TCP || ip.repr.protocol === IP_PROTO_UDP) && p.length >= 4) {
    return { srcPort: (p[0] << 8) | p[1], dstPort: (p[2] << 8) | p[3] };
  }
  if (ip.repr.protocol === IP_PROTO_ICMP && p.length >= 8 && (p[0] === ICMP_ECHO_REQUEST || p[0] === ICMP_ECHO_REPLY)) {
    const id = (p[4] << 8) | p[5];
    return { srcPort: id, dstPort: id };
  }
  return { srcPort: 0, dstPort: 0 };
}

const protoName = (n: number): FlowTuple['protocol'] => (n === IP_PROTO_TCP ? 'tcp' : n === IP_PROTO_UDP ? 'udp' : n === IP_PROTO_ICMP ? 'icmp' : 'other');

function tupleOf(ip: ParsedIpv4): FlowTuple {
  return { protocol: protoName(ip.repr.protocol), src: ip.repr.src, dst: ip.repr.dst, ...ports(ip) };
}

/** The flow an ICMP error quotes (the original packet's header and first bytes). */
function quotedTuple(ip: ParsedIpv4): FlowTuple | undefined {
  const p = ip.payload;
  if (ip.repr.protocol !== IP_PROTO_ICMP || p.length < 8 + 28) return undefined;
  if (p[0] !== ICMP_DEST_UNREACHABLE && p[0] !== ICMP_TIME_EXCEEDED) return undefined;
  const q = p.subarray(8);
  const ihl = (q[0] & 0x0f) * 4;
  if (q.length < ihl + 4) return undefined;
  return {
    protocol: protoName(q[9]),
    src: `${q[12]}.${q[13]}.${q[14]}.${q[15]}`,
    dst: `${q[16]}.${q[17]}.${q[18]}.${q[19]}`,
    srcPort: (q[ihl] << 8) | q[ihl + 1],
    dstPort: (q[ihl + 2] << 8) | q[ihl + 3],
  };
}

export class Router extends IpNode {
  declare readonly config: RouterDevice | FirewallDevice;
  private napt?: Napt;
  private filter?: PacketFilter;

  override start(): void {
    super.start();
    const cfg = this.config;
    cfg.routes.forEach((r, i) => {
      const dest = parseCidr(r.destination);
      const nh = ipToNumber(r.nextHop);
      if (!dest || nh === undefined) return;
      const via = this.routes.lookup(nh);
      if (!via || via.source !== 'connected') {
        this.sim.decision(
          this.id,
          'route',
          `route ${r.destination} via ${r.nextHop} is not usable`,
          `${this.name}'s static route to ${r.destination} goes via ${r.nextHop}, but no connected interface reaches ${r.nextHop} (is its link missing?). Linux only installs a route whose next hop is directly reachable, so this route is not in the table.`,
          this.ref('routes', i),
        );
        return;
      }
      this.addRoute({ network: dest.network, prefix: dest.prefix, nextHop: nh, interface: via.interface, source: 'static', configRef: this.ref('routes', i) });
    });
    if (cfg.kind === 'router') {
      if (cfg.nat) this.napt = new Napt(cfg.nat, this.table('nat'), () => this.rng.int(32768, 60999));
      if (cfg.dhcp) this.udp.set(67, new DhcpServer(this, cfg.dhcp, ['dhcp']));
    } else {
      this.filter = new PacketFilter(this.id, cfg, this.table('conntrack'));
    }
  }

  protected override onIp(iface: RtIface, ip: ParsedIpv4, ipBytes: Uint8Array, packetId: number, l2broadcast: boolean, srcMac: string): void {
    let parsed = ip;
    let bytes = ipBytes;
    if (this.napt && iface.name === this.napt.config.outside && this.isLocalAddress(ip.repr.dst)) {
      const back = this.unNat(ip, ipBytes);
      if (back) {
        bytes = back;
        parsed = parseIpv4(back);
      }
    }
    const dst = parsed.repr.dst;
    if (this.isLocalAddress(dst) || dst === '255.255.255.255' || (iface.cidr && ipToNumber(dst) === iface.cidr.broadcast)) {
      this.deliverLocal(iface, parsed, bytes, packetId, l2broadcast, srcMac);
      return;
    }
    this.forward(iface, parsed, bytes, packetId);
  }

  /** Reply traffic for a NAT mapping: rewrite the destination back to the inside host (before routing, as Linux). */
  private unNat(ip: ParsedIpv4, bytes: Uint8Array): Uint8Array | undefined {
    const napt = this.napt!;
    const proto = protoName(ip.repr.protocol);
    const quoted = quotedTuple(ip);
    if (quoted && (quoted.protocol === 'tcp' || quoted.protocol === 'udp')) {
      const entry = napt.inbound(quoted.protocol, quoted.srcPort, quoted.dst, quoted.dstPort);
      if (!entry) return undefined;
      const icmp = ip.payload;
      const data = rewriteQuotedSource(icmp.subarray(8), entry.insideIp, entry.insidePort);
      this.sim.decision(
        this.id,
        'nat',
        `NAT: ICMP error for ${entry.outsideIp}:${entry.outsidePort} → ${entry.insideIp}:${entry.insidePort}`,
        `The ICMP error is about a packet ${this.name} translated. Linux NAT finds the mapping from the packet quoted inside the error and translates both: the error's destination becomes ${entry.insideIp}, and inside the quote the original source becomes ${entry.insideIp}:${entry.insidePort} again, so the inside host recognises its own packet.`,
        this.ref('nat'),
      );
      return emitIpv4({ ...ip.repr, dst: entry.insideIp }, emitIcmp({ type: icmp[0], code: icmp[1], data }));
    }
    if (proto !== 'tcp' && proto !== 'udp') return undefined;
    const { srcPort, dstPort } = ports(ip);
    const entry = napt.inbound(proto as NatProtocol, dstPort, ip.repr.src, srcPort);
    if (!entry) return undefined;
    this.sim.decision(
      this.id,
      'nat',
      `NAT reverse: ${entry.outsideIp}:${entry.outsidePort} → ${entry.insideIp}:${entry.insidePort}`,
      `This reply from ${ip.repr.src}:${srcPort} matches the NAT mapping created by the outgoing packet, so ${this.name} rewrites the destination back to ${entry.insideIp}:${entry.insidePort} (and recomputes the IP and ${proto.toUpperCase()} checksums) before routing it into the home network.`,
      this.ref('nat'),
    );
    return rewritePacket(bytes, { dst: entry.insideIp, dstPort: entry.insidePort });
  }

  private forward(ingress: RtIface, ip: ParsedIpv4, bytes: Uint8Array, packetId: number): void {
    const { src, dst, ttl } = ip.repr;
    if (ttl <= 1) {
      this.sim.drop(
        this.id,
        'ttl-expired',
        `TTL expired (${ttl}) for ${dst}`,
        `The packet from ${src} to ${dst} arrives with TTL ${ttl}; forwarding would make it 0, so ${this.name} discards it and sends ICMP "time exceeded" back to the source. The TTL exists exactly for this: a packet caught in a routing loop dies instead of circling forever.`,
        packetId,
      );
      this.sendIcmpError(ICMP_TIME_EXCEEDED, 0, bytes, `${this.name} reports to ${src}: ICMP time exceeded (TTL expired in transit), quoting the dropped packet's header. This is also how traceroute discovers each hop.`);
      return;
    }
    const route = this.routes.lookup(ipToNumber(dst)!);
    if (!route) {
      this.sim.drop(
        this.id,
        'no-route',
        `no route to ${dst}`,
        `${this.name} looks up ${dst} in its routing table and nothing matches — not even a default route (0.0.0.0/0). It drops the packet and tells the sender with ICMP "destination unreachable".`,
        packetId,
        this.ref('routes'),
      );
      this.sendIcmpError(ICMP_DEST_UNREACHABLE, 0, bytes, `${this.name} tells ${src}: ICMP destination unreachable, code 0 "network unreachable" — it has no route to ${dst}.`);
      return;
    }
    const egress = this.ifaces.get(route.interface)!;
    if (this.filter) {
      const tuple = tupleOf(ip);
      const verdict = this.filter.check(ingress.name, tuple, quotedTuple(ip));
      const dir = this.filter.direction(ingress.name);
      const flow = `${tuple.protocol} ${src}${tuple.srcPort ? ':' + tuple.srcPort : ''} → ${dst}${tuple.dstPort ? ':' + tuple.dstPort : ''}`;
      const dirWords = dir === 'in' ? `it arrives on ${ingress.name}, the outside interface, so its direction is "in"` : `it arrives on ${ingress.name}, an inside interface, so its direction is "out"`;
      if (!verdict.allow) {
        const why = verdict.rule ? `rule ${describeRule(verdict.rule)} matches first` : `no rule matches, so the default action (deny) applies`;
        this.sim.drop(
          this.id,
          'firewall',
          verdict.rule ? `denied by rule ${verdict.rule.id}` : 'denied by the default action',
          `${this.name} checks ${flow}: ${dirWords}. It tries its rules in order; ${why}. The packet is dropped silently — no RST, no ICMP — so the sender only sees silence and will retry, then time out.`,
          packetId,
          verdict.ref,
        );
        return;
      }
      const summary =
        verdict.how === 'established' ? `${flow}: part of an allowed connection` : verdict.how === 'related' ? `${flow}: ICMP error about an allowed connection` : verdict.rule ? `${flow}: allowed by rule ${verdict.rule.id}` : `${flow}: allowed by the default action`;
      const explanation =
        verdict.how === 'established'
          ? `${this.name} recognises ${flow} as part of a connection it already allowed (connection tracking), so it passes without looking at the rules. That is what "stateful" means: replies need no rule of their own.`
          : verdict.how === 'related'
            ? `${this.name} lets this ICMP error through because it is about a connection it already allowed ("related" traffic).`
            : verdict.rule
              ? `${this.name} checks ${flow}: ${dirWords}. Rule ${describeRule(verdict.rule)} is the first that matches, so the packet passes.${this.config.kind === 'firewall' && this.config.stateful ? ' The firewall remembers the connection so its replies pass too.' : ''}`
              : `${this.name} checks ${flow}: no rule matches and the default action is allow.`;
      this.sim.decision(this.id, 'firewall', summary, explanation, verdict.ref);
    }
    let out = withTtl(bytes, ttl - 1);
    let natWords = '';
    const napt = this.napt;
    if (napt && egress.name === napt.config.outside && napt.isInside(ingress.name) && egress.ip) {
      const t = tupleOf(ip);
      if (t.protocol === 'tcp' || t.protocol === 'udp') {
        const { entry, created } = napt.outbound(t.protocol, src, t.srcPort, egress.ip, dst, t.dstPort);
        out = rewritePacket(out, { src: entry.outsideIp, srcPort: entry.outsidePort });
        const kept = entry.outsidePort === entry.insidePort;
        this.sim.decision(
          this.id,
          'nat',
          `NAT ${created ? 'new' : 'existing'}: ${src}:${t.srcPort} → ${entry.outsideIp}:${entry.outsidePort}`,
          created
            ? `The packet leaves through ${egress.name}, the NAT outside interface, from a private address. ${this.name} creates a mapping ${src}:${t.srcPort} ⇄ ${entry.outsideIp}:${entry.outsidePort} (for replies from ${dst}:${t.dstPort}) and rewrites the source. ${kept ? 'The textbook NAPT picks a new port; Linux keeps the original port when no other mapping uses it, as here.' : 'The original port was taken, so Linux picked another one.'} The IP and ${t.protocol.toUpperCase()} checksums are recomputed, since both cover the addresses.`
            : `${this.name} uses the existing NAT mapping ${src}:${t.srcPort} ⇄ ${entry.outsideIp}:${entry.outsidePort} and rewrites the source address.`,
          this.ref('nat'),
        );
        natWords = ` The source is now ${entry.outsideIp}:${entry.outsidePort} (NAT).`;
      }
    }
    const nextHop = route.nextHop !== undefined ? formatIpv4(route.nextHop) : dst;
    const via = route.nextHop !== undefined ? `via ${nextHop}` : `directly (${dst} is on ${egress.name}'s own network)`;
    this.sim.decision(
      this.id,
      'route',
      `${dst}: route ${route.entry.destination} ${route.nextHop !== undefined ? `via ${nextHop}` : 'connected'} (${egress.name})`,
      `${this.name} looks up ${dst} in its routing table; the longest matching prefix is ${route.entry.destination} (${route.source === 'connected' ? 'a network it is directly connected to' : route.entry.destination === '0.0.0.0/0' ? 'the default route, which matches everything' : 'a static route'}), so the packet goes out ${egress.name} ${via}.`,
      route.configRef,
    );
    this.outputVia(
      egress,
      nextHop,
      out,
      packetId,
      `${this.name} forwards the packet ${via}: it decrements the TTL (${ttl} → ${ttl - 1}) and recomputes the header checksum, and wraps it in a new Ethernet frame from its ${egress.name} MAC to the next hop's MAC.${natWords || ' The IP addresses stay the same end to end; only the Ethernet addresses change at every router.'}`,
      () =>
        this.sendIcmpError(ICMP_DEST_UNREACHABLE, 1, bytes, `${this.name} could not find the MAC address of ${nextHop} (no ARP reply), so it tells ${src}: ICMP destination unreachable, code 1 "host unreachable".`),
    );
  }
}
