// The page's sub-resources, fetched as Chromium fetches them over HTTP/1.1: the references found in the page
// (./page-references.ts) are requested highest priority first (stylesheets, then scripts, then images), grouped by
// origin (scheme, host, port: Chromium's socket-pool group). Each group opens at most `maxConnectionsPerHost`
// connections (Chromium: 6), carries one request at a time on each (no pipelining), gives a request to whichever
// connection is free first — the page's kept-alive connection at once, a new one when its handshake is done — and
// keeps every connection open afterwards for the next request. A connection opened for a request that another took
// first stays unused and Chromium closes it after 10 s. What failed (a 404 image, a host that does not resolve, a
// refused connection) is reported but does not fail the page, as a browser draws a page with a broken image.
import { emitHttpRequest, headerValue, httpMessageLength, parseHttpResponse } from '../../wire/http';
import type { BrowserSettings } from '../../model/schema';
import type { EndSystem } from '../devices/end-system';
import type { HttpChannel } from '../net/channel';
import { explain } from '../prose';
import { append } from '../services/http-util';
import type { Timer } from '../sim/sim';
import type { Prose, ProseMessage, SubresourceResult } from '../trace';
import type { PageReference, ReferenceKind } from './page-references';

/** A connection as the loader uses it: the browser opens it (plain TCP or TLS) and maps its errors to Chrome's. */
export interface PoolSocket {
  readonly localPort: number;
  /** Connected (and, over TLS, the handshake done) and not closing: a request may go on it. */
  readonly usable: boolean;
  /** Not yet closed on this side nor gone: the journey is not over while one is. */
  readonly alive: boolean;
  /** Replaces the callbacks (the page's socket is handed over to the loader after the page). */
  listen(cb: PoolCallbacks): void;
  send(data: Uint8Array, explainPart: (part: number, parts: number, bytes: number) => Prose): void;
  close(why: Prose): void;
  /** The HTTP channel under it (the socket pool keeps channels). */
  readonly channel: HttpChannel;
}

export interface PoolCallbacks {
  onOpen(): void;
  onData(data: Uint8Array): void;
  onPeerClose(): void;
  /** The connection failed: Chrome's error name and why. */
  onError(error: string, explanation: ProseMessage): void;
}

export interface Origin {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

export interface LoaderDeps {
  /** Finds the host's address as the browser does (an IPv4 literal, the hosts file, then DNS). */
  resolve(name: string, done: (r: { ip: string } | { error: string; explanation: ProseMessage }) => void): void;
  /** Opens a connection to `origin` at `ip`, or says at once why it cannot (no route). */
  open(origin: Origin, ip: string, cb: PoolCallbacks): PoolSocket | { error: string; explanation: ProseMessage };
  /** Virtual time the fetch may still use: no idle timer goes past it. */
  budgetLeftUs(): number;
  /** The page's request's User-Agent: one browser. */
  userAgent: string;
  /** An idle connection to `origin` left open by an earlier request (the browser's socket pool), taken from it. */
  take(origin: Origin): { socket: PoolSocket; ip: string } | undefined;
  /** Puts a connection whose request is done into the socket pool, for the next request (this fetch's or a later one's). */
  park(socket: PoolSocket, origin: Origin): void;
}

const PRIORITY: Record<ReferenceKind, number> = { stylesheet: 0, script: 1, image: 2 };
/** What Chromium's Accept says for each kind of request (the document's own is in ./browser.ts). */
const ACCEPT: Record<ReferenceKind, string> = {
  stylesheet: 'text/css,*/*;q=0.1',
  script: '*/*',
  image: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
};
const RESPONSE_TIMEOUT_US = 30_000_000;
const APP_DELAY_US = 200;
/** Chromium closes a socket it has never used after 10 s (kUnusedIdleSocketTimeout); a used one waits in the pool. */
const UNUSED_IDLE_US = 10_000_000;

const DEFAULT_PORT = { http: 80, https: 443 } as const;
/** How Chromium's network panel names a request it never made because of mixed content. */
export const MIXED_CONTENT_BLOCKED = 'blocked:mixed-content';

interface Request {
  ref: PageReference;
  path: string;
  result?: SubresourceResult;
}

interface Slot {
  socket?: PoolSocket;
  used: boolean;
  request?: Request;
  buffer: Uint8Array;
  idle?: Timer;
  timeout?: Timer;
  /** The server said "Connection: close" (or closed): no more requests on it. */
  ending: boolean;
  /** Handed to the socket pool: the loader no longer uses it. */
  parked?: boolean;
}

class Group {
  readonly queue: Request[] = [];
  readonly slots: Slot[] = [];
  ip?: string;
  /** Connections taken from the socket pool (left open by an earlier request). */
  pooled = 0;
  error?: { error: string; explanation: ProseMessage };
  constructor(
    readonly origin: Origin,
    readonly requests: Request[],
  ) {}
  get label(): string {
    const o = this.origin;
    return `${o.scheme}://${o.host}${o.port === DEFAULT_PORT[o.scheme] ? '' : ':' + o.port}`;
  }
}

export class SubresourceLoader {
  private readonly groups: Group[] = [];
  private readonly requests: Request[];
  private readonly inPageOrder: Request[];
  private readonly upgraded: string[] = [];
  private readonly blocked: string[] = [];
  private finished = false;

  constructor(
    private readonly host: EndSystem,
    private readonly settings: BrowserSettings,
    private readonly pageUrl: string,
    refs: PageReference[],
    private readonly deps: LoaderDeps,
    private readonly done: (results: SubresourceResult[]) => void,
  ) {
    // Mixed content on an https:// page: Chromium upgrades an http:// image to https:// and blocks an http://
    // script or stylesheet outright (no request at all).
    const secure = new URL(pageUrl).protocol === 'https:';
    this.inPageOrder = refs.map((written) => {
      let ref = written;
      let result: SubresourceResult | undefined;
      if (secure && ref.url.startsWith('http:')) {
        if (ref.kind === 'image') {
          ref = { ...ref, url: `https:${ref.url.slice(5)}` };
          this.upgraded.push(ref.url);
        } else {
          result = { url: ref.url, kind: ref.kind, error: MIXED_CONTENT_BLOCKED };
          this.blocked.push(ref.url);
        }
      }
      const u = new URL(ref.url);
      return { ref, path: `${u.pathname || '/'}${u.search}`, result };
    });
    // Highest priority first; in document order within a priority (Array.prototype.sort is stable).
    this.requests = this.inPageOrder
      .filter((r) => !r.result)
      .sort((a, b) => PRIORITY[a.ref.kind] - PRIORITY[b.ref.kind]);
    for (const r of this.requests) {
      const u = new URL(r.ref.url);
      const scheme = u.protocol === 'https:' ? 'https' : 'http';
      const origin: Origin = {
        scheme,
        host: u.hostname.toLowerCase(),
        port: u.port ? Number(u.port) : DEFAULT_PORT[scheme],
      };
      let group = this.groups.find(
        (g) => g.origin.scheme === scheme && g.origin.host === origin.host && g.origin.port === origin.port,
      );
      if (!group) this.groups.push((group = new Group(origin, [])));
      group.requests.push(r);
    }
  }

  /** A connection of the loader is still open or opening. */
  get busy(): boolean {
    return this.groups.some((g) => g.slots.some((s) => s.socket?.alive));
  }

  /**
   * Starts: the page's own origin already has its address and, when the page's connection stays open, that
   * connection; the other hosts are looked up first, all at once.
   */
  start(page: { origin: Origin; ip: string; socket?: PoolSocket }): void {
    const h = this.host;
    const count = this.inPageOrder.length;
    const list = this.inPageOrder.map((r) => r.ref.url).join(', ');
    const mixed = [
      ...(this.upgraded.length ? [explain('web.page.mixedUpgrade', { list: this.upgraded.join(', ') })] : []),
      ...(this.blocked.length ? [explain('web.page.mixedBlocked', { list: this.blocked.join(', ') })] : []),
    ];
    h.sim.decision(h.id, 'http', explain('web.page.summary.found', { count }), [
      explain(count === 1 ? 'web.page.foundOne' : 'web.page.found', { host: h.name, count, list, page: this.pageUrl }),
      ...mixed,
    ]);
    for (const g of this.groups) {
      g.queue.push(...g.requests);
      const same =
        g.origin.scheme === page.origin.scheme &&
        g.origin.host === page.origin.host &&
        g.origin.port === page.origin.port;
      if (same) {
        if (page.socket?.usable) {
          const slot: Slot = { socket: page.socket, used: true, buffer: new Uint8Array(0), ending: false };
          g.slots.push(slot);
          page.socket.listen(this.callbacks(g, slot));
        }
        this.ready(g, page.ip);
      }
    }
    this.check();
    for (const g of this.groups) {
      if (g.ip !== undefined) continue;
      // Chromium looks in its socket pool before it looks a name up: an idle connection to the origin needs neither.
      const pooled = this.takePooled(g);
      if (pooled !== undefined) {
        this.ready(g, pooled);
        continue;
      }
      this.deps.resolve(g.origin.host, (r) => {
        if ('ip' in r) this.ready(g, r.ip);
        else this.groupFailed(g, r.error, r.explanation);
      });
    }
  }

  private ready(g: Group, ip: string): void {
    const h = this.host;
    g.ip = ip;
    const max = this.settings.maxConnectionsPerHost;
    while (g.slots.length < Math.min(max, g.queue.length) && this.takePooled(g) !== undefined);
    const pooled = g.pooled;
    const reused = g.slots.length;
    const opened = Math.max(0, Math.min(max - reused, g.queue.length - reused));
    h.sim.decision(
      h.id,
      'http',
      explain('web.page.summary.plan', { count: g.queue.length, origin: g.label, connections: reused + opened }),
      [
        explain(g.queue.length === 1 ? 'web.page.planOne' : 'web.page.plan', {
          host: h.name,
          count: g.queue.length,
          origin: g.label,
          ip,
          max,
        }),
        pooled > 0
          ? explain('web.page.planPooled', { reused, opened })
          : reused > 0
            ? explain('web.page.planReuse', { opened })
            : explain('web.page.planNew', { opened, count: g.queue.length }),
      ],
      h.ref('browser', 'maxConnectionsPerHost'),
    );
    this.pump(g);
  }

  /** Takes an idle connection to the group's origin from the socket pool into a slot; its server's address. */
  private takePooled(g: Group): string | undefined {
    if (!this.settings.keepAlive) return undefined;
    const pooled = this.deps.take(g.origin);
    if (!pooled) return undefined;
    const slot: Slot = { socket: pooled.socket, used: true, buffer: new Uint8Array(0), ending: false };
    g.slots.push(slot);
    g.pooled++;
    pooled.socket.listen(this.callbacks(g, slot));
    return pooled.ip;
  }

  /** Gives waiting requests to free connections, and opens connections for the rest up to the limit. */
  private pump(g: Group): void {
    for (const slot of g.slots) {
      if (g.queue.length === 0) break;
      if (!slot.request && !slot.ending && slot.socket?.usable) this.send(g, slot, g.queue.shift()!);
    }
    const connecting = g.slots.filter((s) => s.socket?.alive && !s.socket.usable && !s.ending).length;
    let wanted = g.queue.length - connecting;
    const alive = () => g.slots.filter((s) => s.socket?.alive && !s.ending).length;
    while (wanted > 0 && alive() < this.settings.maxConnectionsPerHost) {
      const slot: Slot = { used: false, buffer: new Uint8Array(0), ending: false };
      const opened = this.deps.open(g.origin, g.ip!, this.callbacks(g, slot));
      if ('error' in opened) {
        this.groupFailed(g, opened.error, opened.explanation);
        return;
      }
      slot.socket = opened;
      g.slots.push(slot);
      wanted--;
    }
    this.check();
  }

  private callbacks(g: Group, slot: Slot): PoolCallbacks {
    const h = this.host;
    return {
      onOpen: () => {
        if (g.queue.length > 0) {
          this.pump(g);
          return;
        }
        // Late binding: the request this connection was opened for went out on another one that was free first.
        this.idle(slot, UNUSED_IDLE_US, () =>
          slot.socket!.close(explain('web.page.unusedClose', { host: h.name, port: slot.socket!.localPort })),
        );
      },
      onData: (data) => {
        const request = slot.request;
        if (!request || request.result) return;
        slot.buffer = append(slot.buffer, data);
        const length = httpMessageLength(slot.buffer);
        if (length === undefined) return;
        if (slot.timeout) slot.timeout.cancelled = true;
        const response = parseHttpResponse(slot.buffer.subarray(0, length));
        slot.buffer = slot.buffer.subarray(length);
        if ((headerValue(response.headers, 'connection') ?? '').toLowerCase() === 'close') slot.ending = true;
        h.sim.schedule(APP_DELAY_US, () => {
          request.result = {
            url: request.ref.url,
            kind: request.ref.kind,
            status: response.status,
            statusText: response.reason,
            bytes: response.body.length,
            localPort: slot.socket!.localPort,
          };
          if (response.status >= 400)
            h.sim.decision(
              h.id,
              'http',
              explain('web.page.summary.failed', {
                path: request.path,
                result: `${response.status} ${response.reason}`,
              }),
              explain(`web.page.httpError.${request.ref.kind}`, {
                url: request.ref.url,
                status: `${response.status} ${response.reason}`,
              }),
            );
          slot.request = undefined;
          this.afterRequest(g, slot);
        });
      },
      onPeerClose: () => {
        slot.ending = true;
        if (slot.idle) slot.idle.cancelled = true;
        slot.socket!.close(explain('web.browser.peerCloseIdle', { host: h.name }));
        if (slot.request && !slot.request.result)
          this.requestFailed(slot.request, 'ERR_EMPTY_RESPONSE', explain('web.page.emptyResponse'));
        slot.request = undefined;
        this.pump(g);
      },
      onError: (error, explanation) => {
        slot.ending = true;
        if (slot.timeout) slot.timeout.cancelled = true;
        if (slot.request && !slot.request.result) this.requestFailed(slot.request, error, explanation);
        slot.request = undefined;
        // No connection left to this origin that could carry the waiting requests: they fail the same way.
        if (!g.slots.some((s) => s.socket?.alive && !s.ending)) this.groupFailed(g, error, explanation);
        else this.pump(g);
      },
    };
  }

  private send(g: Group, slot: Slot, request: Request): void {
    const h = this.host;
    const o = g.origin;
    const hostHeader = o.port === DEFAULT_PORT[o.scheme] ? o.host : `${o.host}:${o.port}`;
    const pageOrigin = new URL(this.pageUrl).origin;
    // Chromium's default referrer policy (strict-origin-when-cross-origin): the full page URL to its own origin,
    // only the origin to another.
    const referer = new URL(request.ref.url).origin === pageOrigin ? this.pageUrl : `${pageOrigin}/`;
    const bytes = emitHttpRequest({
      method: 'GET',
      target: request.path,
      version: 'HTTP/1.1',
      headers: [
        ['Host', hostHeader],
        ['Connection', this.settings.keepAlive ? 'keep-alive' : 'close'],
        ['User-Agent', this.deps.userAgent],
        ['Accept', ACCEPT[request.ref.kind]],
        ['Referer', referer],
        ['Accept-Language', 'en-US,en;q=0.9'],
      ],
      body: new Uint8Array(0),
    });
    if (slot.idle) slot.idle.cancelled = true;
    const reused = slot.used;
    slot.used = true;
    slot.request = request;
    slot.buffer = new Uint8Array(0);
    const port = slot.socket!.localPort;
    slot.socket!.send(bytes, () =>
      explain(reused ? 'web.page.requestReused' : 'web.page.request', {
        path: request.path,
        hostHeader,
        port,
        kind: explain(`web.page.kind.${request.ref.kind}`),
      }),
    );
    slot.timeout = h.sim.schedule(RESPONSE_TIMEOUT_US, () => {
      if (request.result) return;
      slot.ending = true;
      this.requestFailed(request, 'ERR_TIMED_OUT', explain('outcome.responseTimeout', { ip: g.ip! }));
      slot.request = undefined;
      this.pump(g);
    });
  }

  private afterRequest(g: Group, slot: Slot): void {
    if (g.queue.length > 0 && !slot.ending) {
      this.send(g, slot, g.queue.shift()!);
      return;
    }
    if (!slot.ending && this.settings.keepAlive) {
      // Idle now: into the socket pool, where the next request to the origin finds it (Chromium closes a used idle
      // socket after 5 minutes; nginx's 75 s usually comes first).
      if (slot.idle) slot.idle.cancelled = true;
      slot.parked = true;
      slot.ending = true;
      this.deps.park(slot.socket!, g.origin);
    }
    this.pump(g);
  }

  private idle(slot: Slot, afterUs: number, close: () => void): void {
    if (slot.idle) slot.idle.cancelled = true;
    slot.idle = this.host.sim.schedule(Math.min(afterUs, this.deps.budgetLeftUs()), () => {
      if (slot.socket?.usable && !slot.request) close();
    });
  }

  private requestFailed(request: Request, error: string, explanation: ProseMessage): void {
    if (request.result) return;
    request.result = { url: request.ref.url, kind: request.ref.kind, error };
    const h = this.host;
    h.sim.decision(h.id, 'http', explain('web.page.summary.failed', { path: request.ref.url, result: error }), [
      explain(`web.page.netError.${request.ref.kind}`, { url: request.ref.url, error }),
      explanation,
    ]);
  }

  private groupFailed(g: Group, error: string, explanation: ProseMessage): void {
    g.error = { error, explanation };
    const waiting = g.queue.splice(0);
    if (waiting.length > 0) {
      const h = this.host;
      h.sim.decision(h.id, 'http', explain('web.page.summary.originFailed', { origin: g.label, error }), [
        explain('web.page.originFailed', { origin: g.label, count: waiting.length, error }),
        explanation,
      ]);
      for (const r of waiting) r.result = { url: r.ref.url, kind: r.ref.kind, error };
    }
    this.check();
  }

  private check(): void {
    if (this.finished || this.requests.some((r) => !r.result)) return;
    this.finished = true;
    // In the order the page references them, as a browser's network panel lists them by start.
    this.done(this.inPageOrder.map((r) => r.result!));
  }
}
