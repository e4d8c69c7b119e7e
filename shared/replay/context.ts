// What the replay needs to know about the topology to tell the story: names for devices and which DNS server plays
// which part (root, TLD, authoritative). Everything works without a topology, just with less friendly words.
import type { Topology } from '../model/schema';
import type { Trace } from '../engine/trace';

export type DnsServerRole = 'root' | 'tld' | 'auth';

export interface ReplayContext {
  /** The device that runs the browser (resolved from the scenario's id or name). */
  clientId: string;
  deviceName(id: string): string;
  dnsRole(deviceId: string): DnsServerRole | undefined;
  /** Devices in the order they are drawn left to right, when known. */
  layoutOrder?: string[];
}

export function replayContext(trace: Trace, topology?: Topology): ReplayContext {
  const byId = new Map(topology?.devices.map((d) => [d.id, d]) ?? []);
  const byName = new Map(topology?.devices.map((d) => [d.name, d]) ?? []);
  const from = trace.scenario.from;
  const clientId = byId.has(from) ? from : (byName.get(from)?.id ?? from);
  const roles = new Map<string, DnsServerRole>();
  for (const d of topology?.devices ?? []) {
    if (d.kind !== 'server' || !d.roles.dns) continue;
    const origins = d.roles.dns.zones.map((z) => z.origin.replace(/\.$/, ''));
    if (origins.includes('')) roles.set(d.id, 'root');
    else if (origins.some((o) => o.length > 0 && !o.includes('.'))) roles.set(d.id, 'tld');
    else if (origins.length > 0) roles.set(d.id, 'auth');
  }
  const layoutOrder = topology
    ? [...topology.devices].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y).map((d) => d.id)
    : undefined;
  return {
    clientId,
    deviceName: (id) => byId.get(id)?.name ?? id,
    dnsRole: (id) => roles.get(id),
    layoutOrder,
  };
}
