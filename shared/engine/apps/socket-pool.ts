// Chromium's socket pool, one per host and kept from one fetch to the next (the browser process lives on): an
// HTTP/1.1 connection whose response is in and that stays open (keep-alive) waits here, idle, for the next request
// to the same origin — scheme, host and port, Chromium's pool group — whether that is a redirect's, a sub-resource's
// or the next fetch's. A request takes an idle connection before any name lookup (Chromium looks in the pool before
// it starts a connect job), so it needs no DNS, no handshake and no TLS. Chromium closes a used idle socket after
// 5 minutes (kUsedIdleSocketTimeout) and one it never used after 10 s (kUnusedIdleSocketTimeout); nginx's
// keepalive_timeout (75 s) usually closes it first, and then it leaves the pool.
import type { EndSystem } from '../devices/end-system';
import type { HttpChannel } from '../net/channel';
import { explain } from '../prose';
import type { Timer } from '../sim/sim';
import type { Prose } from '../trace';

export interface Origin {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

export interface IdleConnection {
  channel: HttpChannel;
  origin: Origin;
  /** It has carried a request before (Chromium prefers such a socket: it is known to work). */
  used: boolean;
  /** The simulation time it became idle. */
  sinceUs: number;
}

interface Parked extends IdleConnection {
  timer: Timer;
}

export const sameOrigin = (a: Origin, b: Origin): boolean =>
  a.scheme === b.scheme && a.host === b.host && a.port === b.port;

export class SocketPool {
  private readonly idle: Parked[] = [];

  constructor(private readonly host: EndSystem) {}

  /**
   * Puts an open connection in the pool: until a request takes it, its callbacks are the pool's (the server's FIN
   * closes it here too), and after `closeAfterUs` the browser closes it itself with `closeWhy`.
   */
  park(connection: IdleConnection, closeAfterUs: number, closeWhy: () => Prose): void {
    const h = this.host;
    const { channel } = connection;
    const parked: Parked = {
      ...connection,
      timer: h.sim.schedule(closeAfterUs, () => {
        this.remove(parked);
        if (channel.conn.state === 'ESTABLISHED') channel.close(closeWhy());
      }),
    };
    channel.cb = {
      onPeerClose: (c) => {
        this.remove(parked);
        c.close(explain('web.browser.peerCloseIdle', { host: h.name }));
      },
      onError: () => this.remove(parked),
    };
    this.idle.push(parked);
  }

  /** An idle connection to `origin` that a request may use now: a used one first, the most recently idle first. */
  take(origin: Origin): IdleConnection | undefined {
    const open = this.idle.filter((p) => sameOrigin(p.origin, origin) && p.channel.conn.state === 'ESTABLISHED');
    const pick = open.filter((p) => p.used).at(-1) ?? open.at(-1);
    if (!pick) return undefined;
    this.remove(pick);
    return { channel: pick.channel, origin: pick.origin, used: pick.used, sinceUs: pick.sinceUs };
  }

  /** Idle connections to `origin` (open ones). */
  count(origin: Origin): number {
    return this.idle.filter((p) => sameOrigin(p.origin, origin) && p.channel.conn.state === 'ESTABLISHED').length;
  }

  private remove(p: Parked): void {
    p.timer.cancelled = true;
    const i = this.idle.indexOf(p);
    if (i >= 0) this.idle.splice(i, 1);
  }
}

const pools = new WeakMap<EndSystem, SocketPool>();

/** The host's browser's pool: the same one for every fetch of a simulation. */
export function socketPoolOf(host: EndSystem): SocketPool {
  let pool = pools.get(host);
  if (!pool) pools.set(host, (pool = new SocketPool(host)));
  return pool;
}
