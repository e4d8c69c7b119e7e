// Longest-prefix match in O(number of distinct prefix lengths): one hash map per prefix length, so routers with
// thousands of routes stay fast.
import { formatCidr, maskFromPrefix } from '../../model/ipv4';
import type { ConfigRef, RouteEntry } from '../trace';

export interface Route {
  network: number;
  prefix: number;
  /** Next hop as a number; undefined for a connected network. */
  nextHop?: number;
  interface: string;
  source: RouteEntry['source'];
  configRef?: ConfigRef;
  /** The entry as the state tables show it. */
  entry: RouteEntry;
}

/** The routes of one prefix length, by network. */
interface PrefixLevel {
  prefix: number;
  mask: number;
  routes: Map<number, Route>;
}

export class RouteTable {
  /** Non-empty prefix lengths, longest first. */
  private levels: PrefixLevel[] = [];

  add(route: Omit<Route, 'entry'> & { entry?: RouteEntry }): Route {
    const network = (route.network & maskFromPrefix(route.prefix)) >>> 0;
    let at = 0;
    while (at < this.levels.length && this.levels[at].prefix > route.prefix) at++;
    let level = this.levels[at];
    if (level === undefined || level.prefix !== route.prefix) {
      level = { prefix: route.prefix, mask: maskFromPrefix(route.prefix), routes: new Map() };
      this.levels.splice(at, 0, level);
    }
    // The first route for a prefix wins, as the kernel refuses a duplicate ("RTNETLINK answers: File exists").
    const existing = level.routes.get(network);
    if (existing) return existing;
    const full: Route = {
      network,
      prefix: route.prefix,
      interface: route.interface,
      source: route.source,
      entry: route.entry ?? toEntry({ ...route, network }),
    };
    if (route.nextHop !== undefined) full.nextHop = route.nextHop;
    if (route.configRef !== undefined) full.configRef = route.configRef;
    level.routes.set(network, full);
    return full;
  }

  remove(network: number, prefix: number): Route | undefined {
    const map = this.levels.find((l) => l.prefix === prefix)?.routes;
    const route = map?.get(network);
    if (route) map!.delete(network);
    return route;
  }

  lookup(ip: number): Route | undefined {
    for (const level of this.levels) {
      const route = level.routes.get((ip & level.mask) >>> 0);
      if (route) return route;
    }
    return undefined;
  }

  all(): Route[] {
    const out: Route[] = [];
    for (const level of this.levels) for (const r of level.routes.values()) out.push(r);
    return out;
  }
}

export function toEntry(route: Omit<Route, 'entry'>): RouteEntry {
  const entry: RouteEntry = {
    destination: formatCidr(route.network, route.prefix),
    interface: route.interface,
    source: route.source,
  };
  if (route.nextHop !== undefined) entry.nextHop = formatIpv4Safe(route.nextHop);
  if (route.configRef) entry.configRef = route.configRef;
  return entry;
}

function formatIpv4Safe(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}
