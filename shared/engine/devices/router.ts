// A Linux router (ip_forward=1) and, with rules, a stateful firewall: receive, (un-)NAT, check TTL, look up the
// longest matching route, filter, decrement TTL, NAT, resolve the next hop's MAC, send. Nothing here knows the
// path; each hop only consults its own table.
import { formatIpv4, parseCidr, parseIpv4 as ipToNumber } from '../../model/ipv4';
import type { FirewallDevice, RouterDevice } from '../../model/schema';
import {
  emitIcmp,
  ICMP_DEST_UNREACHABLE,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_TIME_EXCEEDED,
} from '../../wire/icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, emitIpv4, parseIpv4, type ParsedIpv4 } from '../../wire/ipv4';
import { PacketFilter, describeRule, type FlowTuple } from '../net/filter';
import { Napt, type NatProtocol } from '../net/napt';
import { rewritePacket, rewriteQuotedSource, withTtl } from '../net/packet-edit';
import { DhcpServer } from '../services/dhcp-server';
import { explain } from '../prose';
import type { Prose } from '../trace';
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

const protoName = (n: number): FlowTuple['protocol'] =>
  n === IP_PROTO_TCP ? 'tcp' : n === IP_PROTO_UDP ? 'udp' : n === IP_PROTO_ICMP ? 'icmp' : 'other';

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

/** Linux forwarding a packet: routing lookup, netfilter (conntrack, NAT, rules) and the neighbour output. */
const FORWARDING_US = 10;

export class Router extends IpNode {
  declare readonly config: RouterDevice | FirewallDevice;
  private napt?: Napt;
  private filter?: PacketFilter;

  protected override get processingUs(): number {
    return FORWARDING_US;
  }

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
          explain('router.summary.routeUnusable', { destination: r.destination, nextHop: r.nextHop }),
          explain('router.routeUnusable', { device: this.name, destination: r.destination, nextHop: r.nextHop }),
          this.ref('routes', i),
        );
        return;
      }
      this.addRoute({
        network: dest.network,
        prefix: dest.prefix,
        nextHop: nh,
        interface: via.interface,
        source: 'static',
        configRef: this.ref('routes', i),
      });
    });
    if (cfg.kind === 'router') {
      if (cfg.nat) this.napt = new Napt(cfg.nat, this.table('nat'), () => this.rng.int(32768, 60999));
      if (cfg.dhcp) this.udp.set(67, new DhcpServer(this, cfg.dhcp, ['dhcp']));
    } else {
      this.filter = new PacketFilter(this.id, cfg, this.table('conntrack'));
    }
  }

  protected override onIp(
    iface: RtIface,
    ip: ParsedIpv4,
    ipBytes: Uint8Array,
    packetId: number,
    l2broadcast: boolean,
    srcMac: string,
  ): void {
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
    if (
      this.isLocalAddress(dst) ||
      dst === '255.255.255.255' ||
      (iface.cidr && ipToNumber(dst) === iface.cidr.broadcast)
    ) {
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
        explain('router.summary.natIcmpError', {
          outsideIp: entry.outsideIp,
          outsidePort: entry.outsidePort,
          insideIp: entry.insideIp,
          insidePort: entry.insidePort,
        }),
        explain('router.nat.icmpError', { device: this.name, insideIp: entry.insideIp, insidePort: entry.insidePort }),
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
      explain('router.summary.natReverse', {
        outsideIp: entry.outsideIp,
        outsidePort: entry.outsidePort,
        insideIp: entry.insideIp,
        insidePort: entry.insidePort,
      }),
      explain('router.nat.reverse', {
        src: ip.repr.src,
        srcPort,
        device: this.name,
        insideIp: entry.insideIp,
        insidePort: entry.insidePort,
        protocol: proto.toUpperCase(),
      }),
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
        explain('router.summary.ttlExpired', { ttl, dst }),
        explain('router.ttlExpired', { src, dst, ttl, device: this.name }),
        packetId,
      );
      this.sendIcmpError(ICMP_TIME_EXCEEDED, 0, bytes, explain('router.ttlExpiredIcmp', { device: this.name, src }));
      return;
    }
    const route = this.routes.lookup(ipToNumber(dst)!);
    if (!route) {
      this.sim.drop(
        this.id,
        'no-route',
        explain('router.summary.noRoute', { dst }),
        explain('router.noRoute', { device: this.name, dst }),
        packetId,
        this.ref('routes'),
      );
      this.sendIcmpError(
        ICMP_DEST_UNREACHABLE,
        0,
        bytes,
        explain('router.noRouteIcmp', { device: this.name, src, dst }),
      );
      return;
    }
    const egress = this.ifaces.get(route.interface)!;
    if (this.filter) {
      const tuple = tupleOf(ip);
      const verdict = this.filter.check(ingress.name, tuple, quotedTuple(ip));
      const dir = this.filter.direction(ingress.name);
      const flow = `${tuple.protocol} ${src}${tuple.srcPort ? ':' + tuple.srcPort : ''} → ${dst}${tuple.dstPort ? ':' + tuple.dstPort : ''}`;
      const seen = { device: this.name, flow, iface: ingress.name };
      if (!verdict.allow) {
        const rule = verdict.rule ? describeRule(verdict.rule) : undefined;
        this.sim.drop(
          this.id,
          'firewall',
          verdict.rule
            ? explain('router.summary.denyRule', { rule: verdict.rule.id })
            : explain('router.summary.denyDefault'),
          rule !== undefined
            ? dir === 'in'
              ? explain('router.firewall.denyRuleIn', { ...seen, rule })
              : explain('router.firewall.denyRuleOut', { ...seen, rule })
            : dir === 'in'
              ? explain('router.firewall.denyDefaultIn', seen)
              : explain('router.firewall.denyDefaultOut', seen),
          packetId,
          verdict.ref,
        );
        return;
      }
      const summary =
        verdict.how === 'established'
          ? explain('router.summary.established', { flow })
          : verdict.how === 'related'
            ? explain('router.summary.related', { flow })
            : verdict.rule
              ? explain('router.summary.allowRule', { flow, rule: verdict.rule.id })
              : explain('router.summary.allowDefault', { flow });
      const remembers = this.config.kind === 'firewall' && this.config.stateful;
      const explanation: Prose =
        verdict.how === 'established'
          ? explain('router.firewall.established', { device: this.name, flow })
          : verdict.how === 'related'
            ? explain('router.firewall.related', { device: this.name })
            : verdict.rule
              ? [
                  dir === 'in'
                    ? explain('router.firewall.allowRuleIn', { ...seen, rule: describeRule(verdict.rule) })
                    : explain('router.firewall.allowRuleOut', { ...seen, rule: describeRule(verdict.rule) }),
                  ...(remembers ? [explain('router.firewall.remembers')] : []),
                ]
              : explain('router.firewall.allowDefault', { device: this.name, flow });
      this.sim.decision(this.id, 'firewall', summary, explanation, verdict.ref);
    }
    let out = withTtl(bytes, ttl - 1);
    let natWords: Prose | undefined;
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
          created
            ? explain('router.summary.natNew', {
                src,
                srcPort: t.srcPort,
                outsideIp: entry.outsideIp,
                outsidePort: entry.outsidePort,
              })
            : explain('router.summary.natExisting', {
                src,
                srcPort: t.srcPort,
                outsideIp: entry.outsideIp,
                outsidePort: entry.outsidePort,
              }),
          created
            ? [
                explain('router.nat.new', {
                  iface: egress.name,
                  device: this.name,
                  src,
                  srcPort: t.srcPort,
                  outsideIp: entry.outsideIp,
                  outsidePort: entry.outsidePort,
                  dst,
                  dstPort: t.dstPort,
                }),
                kept ? explain('router.nat.portKept') : explain('router.nat.portChanged'),
                explain('router.nat.checksums', { protocol: t.protocol.toUpperCase() }),
              ]
            : explain('router.nat.existing', {
                device: this.name,
                src,
                srcPort: t.srcPort,
                outsideIp: entry.outsideIp,
                outsidePort: entry.outsidePort,
              }),
          this.ref('nat'),
        );
        natWords = explain('router.nat.sourceNow', { outsideIp: entry.outsideIp, outsidePort: entry.outsidePort });
      }
    }
    const nextHop = route.nextHop !== undefined ? formatIpv4(route.nextHop) : dst;
    const direct = route.nextHop === undefined;
    const kind =
      route.source === 'connected' ? 'connected' : route.entry.destination === '0.0.0.0/0' ? 'default' : 'static';
    const lookup = { device: this.name, dst, prefix: route.entry.destination, iface: egress.name, nextHop };
    this.sim.decision(
      this.id,
      'route',
      direct
        ? explain('router.summary.routeConnected', { dst, prefix: route.entry.destination, iface: egress.name })
        : explain('router.summary.routeVia', { dst, prefix: route.entry.destination, nextHop, iface: egress.name }),
      kind === 'connected'
        ? direct
          ? explain('router.route.connected.direct', lookup)
          : explain('router.route.connected.via', lookup)
        : kind === 'default'
          ? direct
            ? explain('router.route.default.direct', lookup)
            : explain('router.route.default.via', lookup)
          : direct
            ? explain('router.route.static.direct', lookup)
            : explain('router.route.static.via', lookup),
      route.configRef,
    );
    this.outputVia(
      egress,
      nextHop,
      out,
      packetId,
      [
        direct
          ? explain('router.forward.direct', { device: this.name, dst, iface: egress.name, ttl, newTtl: ttl - 1 })
          : explain('router.forward.via', { device: this.name, nextHop, iface: egress.name, ttl, newTtl: ttl - 1 }),
        natWords ?? explain('router.forward.sameAddresses'),
      ],
      () =>
        this.sendIcmpError(
          ICMP_DEST_UNREACHABLE,
          1,
          bytes,
          explain('router.hostUnreachableIcmp', { device: this.name, nextHop, src }),
        ),
    );
  }
}
