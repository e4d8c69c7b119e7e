// The firewall's rule evaluation and connection tracking. Rules are checked in order and the first match decides;
// with `stateful`, packets of a connection that was allowed (and ICMP errors about it) pass without rules.
import { contains } from '../../model/ipv4';
import type { FirewallDevice, FirewallRule } from '../../model/schema';
import type { StateTable } from '../devices/device';
import type { ConfigRef } from '../trace';

export interface FlowTuple {
  protocol: 'tcp' | 'udp' | 'icmp' | 'other';
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

export type Verdict =
  | { allow: true; how: 'established' | 'related' | 'rule' | 'default'; rule?: FirewallRule; ref: ConfigRef }
  | { allow: false; how: 'rule' | 'default'; rule?: FirewallRule; ref: ConfigRef };

const key = (t: FlowTuple) => `${t.protocol}|${t.src}|${t.srcPort}|${t.dst}|${t.dstPort}`;
const reverseKey = (t: FlowTuple) => `${t.protocol}|${t.dst}|${t.dstPort}|${t.src}|${t.srcPort}`;

export function describeRule(r: FirewallRule): string {
  const port = r.port !== undefined ? ` port ${r.port}` : '';
  const comment = r.comment ? ` ("${r.comment}")` : '';
  return `${r.id}: ${r.action} ${r.direction} ${r.protocol} ${r.source} → ${r.destination}${port}${comment}`;
}

export class PacketFilter {
  private tracked = new Set<string>();

  constructor(
    readonly deviceId: string,
    readonly config: FirewallDevice,
    private readonly table: StateTable<'conntrack'>,
  ) {}

  direction(ingress: string): 'in' | 'out' {
    return ingress === this.config.outside ? 'in' : 'out';
  }

  private matches(rule: FirewallRule, dir: 'in' | 'out', t: FlowTuple): boolean {
    if (rule.direction !== 'any' && rule.direction !== dir) return false;
    if (rule.protocol !== 'any' && rule.protocol !== t.protocol) return false;
    if (rule.source !== 'any' && !contains(rule.source, t.src)) return false;
    if (rule.destination !== 'any' && !contains(rule.destination, t.dst)) return false;
    if (rule.port !== undefined && !((t.protocol === 'tcp' || t.protocol === 'udp') && t.dstPort === rule.port))
      return false;
    return true;
  }

  /** `related`: the flow quoted by an ICMP error, if the packet is one. */
  check(ingress: string, t: FlowTuple, related?: FlowTuple): Verdict {
    const ref = (...path: (string | number)[]): ConfigRef => ({ deviceId: this.deviceId, path });
    if (this.config.stateful) {
      if (this.tracked.has(key(t)) || this.tracked.has(reverseKey(t)))
        return { allow: true, how: 'established', ref: ref('stateful') };
      if (related && (this.tracked.has(key(related)) || this.tracked.has(reverseKey(related)))) {
        return { allow: true, how: 'related', ref: ref('stateful') };
      }
    }
    const dir = this.direction(ingress);
    const index = this.config.rules.findIndex((r) => this.matches(r, dir, t));
    if (index >= 0) {
      const rule = this.config.rules[index];
      if (rule.action === 'allow') {
        this.track(t, rule.id);
        return { allow: true, how: 'rule', rule, ref: ref('rules', index) };
      }
      return { allow: false, how: 'rule', rule, ref: ref('rules', index) };
    }
    if (this.config.defaultAction === 'allow') {
      this.track(t);
      return { allow: true, how: 'default', ref: ref('defaultAction') };
    }
    return { allow: false, how: 'default', ref: ref('defaultAction') };
  }

  private track(t: FlowTuple, ruleId?: string): void {
    if (!this.config.stateful || t.protocol === 'other') return;
    this.tracked.add(key(t));
    const entry = { protocol: t.protocol, srcIp: t.src, srcPort: t.srcPort, dstIp: t.dst, dstPort: t.dstPort } as const;
    this.table.set(ruleId ? { ...entry, ruleId } : entry);
  }
}
