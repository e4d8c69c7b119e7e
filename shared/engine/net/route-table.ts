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

export class RouteTable {
  private byPrefix: (Map<number, Route> | undefined)[] = new Array(33);
  private prefixes: number[] = []; // non-empty prefix lengths, longest first

  add(route: Omit<Route, 'entry'> & { entry?: RouteEntry }): Route {
    const network = (route.network & maskFromPrefix(route.prefix)) >>> 0;
    let map = this.byPrefix[route.prefix];
    if (map === undefined) {
      map = new Map();
      this.byPrefix[route.prefix] = map;
      this.prefixes.push(route.prefix);
      this.prefixes.sort((a, b) => b - a);
    }
    const full: Route = { ...route, network, entry: route.entry ?? toEntry({ ...route, network }) };
    // The first route for a prefix wins, as the kernel refuses a duplicate ("RTNETLINK answers: File exists").
    if (!map.has(network)) map.set(network, full);
    return map.get(network)!;
  }

  remove(network: number, prefix: number): Route | undefined {
    const map = this.byPrefix[prefix];
    const route = map?.get(network);
    if (route) map!.delete(network);
    return route;
  }

  lookup(ip: number): Route | undefined {
    for (const prefix of this.prefixes) {
      const route = this.byPrefix[prefix]!.get((ip & maskFromPrefix(prefix)) >>> 0);
      if (route) return route;
    }
    return undefined;
  }

  all(): Route[] {
    const out: Route[] = [];
    for (const prefix of this.prefixes) for (const r of this.byPrefix[prefix]!.values()) out.push(r);
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
