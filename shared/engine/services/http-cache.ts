// An HTTP cache in front of an origin (a reverse proxy like Varnish or nginx proxy_cache): a fresh stored response
// is served at once with an Age header; otherwise the cache opens its own TCP connection to the origin, fetches,
// stores and forwards the response. With `tls` it also terminates TLS on that port (443): the same cache inside TLS 1.3.
import type { CacheRole } from '../../model/schema';
import {
  emitHttpRequest,
  emitHttpResponse,
  headerValue,
  httpMessageLength,
  parseHttpResponse,
  type HttpRequestRepr,
  type HttpResponseRepr,
} from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import { listenChannel, openChannel, type HttpChannel } from '../net/channel';
import { serverTlsSetup } from '../net/tls-channel';
import { DEFAULT_KEEPALIVE_S, IdleClose, append, hostOnly, httpDate, httpRequestReader, reasonOf } from './http-util';
import { explain } from '../prose';
import type { Prose } from '../trace';

/** From a request's arrival to the proxy's answer or its request upstream: about what nginx takes for a static page. */
const PROXY_US = 60;

interface Stored {
  response: HttpResponseRepr;
  storedAt: number;
}

export class HttpCache {
  private store = new Map<string, Stored>();
  private table;

  constructor(
    private readonly node: EndSystem,
    private readonly role: CacheRole,
  ) {
    this.table = node.table('httpCache');
    listenChannel(node, role.port, undefined, () => this.connection());
    const tls = role.tls && serverTlsSetup(role.tls, node.ref('roles', 'cache', 'tls'));
    if (tls) listenChannel(node, role.tls!.port, tls, () => this.connection());
  }

  /** Each client connection's keep-alive timer (nginx's 75 s, as the web server's default). */
  private idle = new WeakMap<HttpChannel, IdleClose>();

  private connection() {
    const idle = new IdleClose(this.node);
    return {
      // Like nginx, the proxy acts a moment after the request is in; the kernel has ACKed it by then (quick-ACK).
      onData: httpRequestReader((conn, request) => {
        this.idle.set(conn, idle);
        idle.cancel();
        this.node.sim.schedule(PROXY_US, () => {
          if (conn.conn.state === 'ESTABLISHED' || conn.conn.state === 'CLOSE_WAIT') this.handle(conn, request);
        });
      }),
      onPeerClose: (conn: HttpChannel) => {
        idle.cancel();
        conn.close(explain('web.cache.peerClose', { cache: this.node.name }));
      },
    };
  }

  private handle(client: HttpChannel, req: HttpRequestRepr): void {
    const n = this.node;
    const key = `${hostOnly(headerValue(req.headers, 'host'))}${req.target}`;
    // Like Squid, a cache that finds its own name among the proxies a request has passed (Via) is in a forwarding
    // loop: forwarding again would go round until something runs out. It answers 508 Loop Detected (RFC 5842).
    const via = req.headers
      .filter(([h]) => h.toLowerCase() === 'via')
      .map(([, v]) => v.trim())
      .join(', ');
    const passed = via === '' ? [] : via.split(',').map((hop) => hop.trim().split(/\s+/)[1]);
    if (passed.includes(n.name)) {
      n.sim.decision(
        n.id,
        'http-cache',
        explain('web.summary.cacheLoop', { cache: n.name }),
        explain('web.cache.loop', { cache: n.name, via }),
        n.ref('roles', 'cache', 'origin'),
      );
      this.replyError(client, 508, explain('web.cache.loopReply', { cache: n.name }));
      return;
    }
    const hit = this.store.get(key);
    const ageS = hit ? Math.floor((n.sim.now - hit.storedAt) / 1e6) : 0;
    if (hit && ageS < this.role.maxAgeSeconds) {
      n.sim.decision(
        n.id,
        'http-cache',
        explain('web.summary.cacheHit', { key, age: ageS }),
        explain('web.cache.hit', {
          cache: n.name,
          key,
          age: ageS,
          maxAge: this.role.maxAgeSeconds,
          origin: this.role.origin,
        }),
        n.ref('roles', 'cache', 'maxAgeSeconds'),
      );
      this.reply(client, hit.response, ageS, 'HIT', explain('web.cache.hitReply', { cache: n.name, age: ageS }));
      return;
    }
    n.sim.decision(
      n.id,
      'http-cache',
      hit ? explain('web.summary.cacheStale', { key, age: ageS }) : explain('web.summary.cacheMiss', { key }),
      hit
        ? explain('web.cache.stale', { cache: n.name, key, age: ageS, maxAge: this.role.maxAgeSeconds })
        : explain('web.cache.miss', { cache: n.name, key, origin: this.role.origin, port: this.role.originPort }),
      n.ref('roles', 'cache', 'origin'),
    );
    const src = n.sourceFor(this.role.origin);
    if (!src) {
      this.replyError(client, 502);
      return;
    }
    let buffer: Uint8Array = new Uint8Array(0);
    let done = false;
    const upstreamReq: HttpRequestRepr = {
      method: req.method,
      target: req.target,
      version: 'HTTP/1.1',
      headers: [
        ['Host', headerValue(req.headers, 'host') ?? this.role.origin],
        ...req.headers.filter(([h]) => !['host', 'connection', 'via'].includes(h.toLowerCase())),
        // Each proxy adds itself to the end of the list the request arrived with (RFC 9110 §7.6.3).
        ['Via', via === '' ? `1.1 ${n.name}` : `${via}, 1.1 ${n.name}`],
        ['Connection', 'close'],
      ],
      body: new Uint8Array(0),
    };
    openChannel(
      n,
      { src, ip: this.role.origin, port: this.role.originPort },
      {
        onOpen: (up) =>
          up.send(emitHttpRequest(upstreamReq), () =>
            explain('web.cache.forward', { cache: n.name, origin: this.role.origin }),
          ),
        onData: (_up, data) => {
          buffer = append(buffer, data);
          const length = httpMessageLength(buffer);
          if (length === undefined || done) return;
          done = true;
          const response = parseHttpResponse(buffer.subarray(0, length));
          if (response.status === 200) {
            this.store.set(key, { response, storedAt: n.sim.now });
            this.table.set({
              key,
              status: response.status,
              bodyBytes: response.body.length,
              storedAtUs: n.sim.traceTime,
              maxAgeSeconds: this.role.maxAgeSeconds,
            });
          }
          this.reply(
            client,
            response,
            0,
            'MISS',
            response.status === 200
              ? explain('web.cache.passOnStore', { cache: n.name, maxAge: this.role.maxAgeSeconds })
              : explain('web.cache.passOn', { cache: n.name }),
          );
        },
        onPeerClose: (up) => up.close(explain('web.cache.upstreamClose', { cache: n.name })),
        onError: () => this.replyError(client, 504),
      },
    );
  }

  private reply(
    client: HttpChannel,
    response: HttpResponseRepr,
    age: number,
    status: 'HIT' | 'MISS',
    explanation: Prose,
  ): void {
    const headers: [string, string][] = [
      ...response.headers.filter(([h]) => !['connection', 'date', 'age', 'via', 'x-cache'].includes(h.toLowerCase())),
      ['Date', httpDate(this.node.sim.now)],
      ['Age', String(age)],
      ['Via', `1.1 ${this.node.name}`],
      ['X-Cache', status],
      ['Connection', 'keep-alive'],
    ];
    client.send(emitHttpResponse({ ...response, headers }), () => explanation);
    this.idle.get(client)?.arm(client, DEFAULT_KEEPALIVE_S * 1e6, () => {
      const n = this.node;
      n.sim.decision(
        n.id,
        'http',
        explain('web.summary.keepaliveTimeout', { seconds: DEFAULT_KEEPALIVE_S }),
        explain('web.cache.keepaliveTimeout', { cache: n.name, seconds: DEFAULT_KEEPALIVE_S }),
      );
      client.close(explain('web.server.keepaliveClose', { server: n.name, seconds: DEFAULT_KEEPALIVE_S }));
    });
  }

  private replyError(client: HttpChannel, status: number, explanation?: Prose): void {
    const body = new TextEncoder().encode(
      `<html><head><title>${status} ${reasonOf(status)}</title></head><body>${reasonOf(status)}</body></html>\n`,
    );
    const response: HttpResponseRepr = {
      version: 'HTTP/1.1',
      status,
      reason: reasonOf(status),
      headers: [
        ['Content-Type', 'text/html'],
        ['Content-Length', String(body.length)],
      ],
      body,
    };
    this.reply(
      client,
      response,
      0,
      'MISS',
      explanation ??
        explain('web.cache.originError', {
          cache: this.node.name,
          origin: this.role.origin,
          status: `${status} ${reasonOf(status)}`,
        }),
    );
  }
}
