// The browser on the host: get an address if needed (DHCP), find the server's address (hosts file, then DNS),
// connect (for https://, TLS 1.3 first), send GET, read the response, close, and report what a user would see — the
// page or Chrome's error name.
import { isIpv4 } from '../../model/ipv4';
import { emitHttpRequest, headerValue, httpMessageLength, parseHttpResponse } from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import type { NetError } from '../devices/ip-node';
import { openChannel, type ChannelCallbacks, type ChannelFailure, type HttpChannel } from '../net/channel';
import type { ClientTlsSetup } from '../net/tls-channel';
import { readCertificate } from '../../model/certificates';
import { TlsAlertDescription } from '../../wire/tls-record';
import { toBase64 } from '../../wire/tls-codec';
import { fetchFailed } from '../outcome';
import { explain, proseText } from '../prose';
import { append, titleOf } from '../services/http-util';
import { stubLookup, type StubResult } from '../services/stub-resolver';
import type { ConfigRef, DecisionStep, Outcome, Prose, ProseMessage, SubresourceResult } from '../trace';
import type { BrowserSettings } from '../../model/schema';
import type { Timer } from '../sim/sim';
import { findPageReferences } from './page-references';
import { SubresourceLoader, type PoolCallbacks, type PoolSocket } from './subresources';
import { socketPoolOf, type IdleConnection, type Origin } from './socket-pool';

export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const RESPONSE_TIMEOUT_US = 30_000_000;
const APP_DELAY_US = 200; // the browser reacts a moment after the kernel has the data
/** Chromium closes an idle socket it has used after 5 minutes (kUsedIdleSocketTimeout); nginx's 75 s usually comes first. */
const USED_IDLE_SOCKET_US = 300_000_000;

/** How Chromium fetches (a host's `browser` settings; absent = these). */
export const CHROMIUM: Required<BrowserSettings> = {
  keepAlive: true,
  maxConnectionsPerHost: 6,
  connectTimeoutSeconds: 240,
  hostCacheSeconds: 60,
};

export interface FetchTarget {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

export function parseFetchUrl(url: string): FetchTarget | { error: string; explanation: ProseMessage } {
  let u: URL;
  try {
    u = new URL(url.includes('://') ? url : `http://${url}`);
  } catch {
    return { error: 'ERR_INVALID_URL', explanation: explain('outcome.invalidUrl', { url }) };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { error: 'ERR_UNKNOWN_URL_SCHEME', explanation: explain('outcome.unknownScheme', { scheme: u.protocol }) };
  }
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  return {
    scheme,
    host: u.hostname.toLowerCase(),
    port: u.port ? Number(u.port) : DEFAULT_PORT[scheme],
    path: `${u.pathname || '/'}${u.search}`,
  };
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** What Chrome offers in its ClientHello's ALPN: HTTP/2 first, HTTP/1.1 as the fallback. */
export const CHROME_ALPN = ['h2', 'http/1.1'];

/** The URL as the browser shows it: the scheme's default port left out. */
export function urlOf(t: FetchTarget): string {
  return `${t.scheme}://${t.host}${t.port === DEFAULT_PORT[t.scheme] ? '' : ':' + t.port}${t.path}`;
}

/** Chrome's error for a certificate the handshake refused (net/base/net_error_list.h). */
const CERTIFICATE_ERRORS = {
  name: 'ERR_CERT_COMMON_NAME_INVALID',
  date: 'ERR_CERT_DATE_INVALID',
  authority: 'ERR_CERT_AUTHORITY_INVALID',
} as const;

/** The redirects Chrome follows (net::URLRequest: Location on 301, 302, 303, 307, 308), at most 20 in a row. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 20;

/** Strict-Transport-Security's max-age (RFC 6797 §6.1), or undefined when the header does not give one. */
export function hstsMaxAge(value: string | undefined): number | undefined {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

const CHROME_ERRORS: Record<NetError, string> = {
  ETIMEDOUT: 'ERR_CONNECTION_TIMED_OUT',
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  EHOSTUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  ECONNRESET: 'ERR_CONNECTION_RESET',
};

export class Browser {
  private finished = false;
  private channel?: HttpChannel;
  /** The response read so far on `channel`, and the timer that gives up waiting for it. */
  private buffer: Uint8Array = new Uint8Array(0);
  private responseTimer?: Timer;
  /** Redirects followed so far in this fetch. */
  private redirects = 0;
  /** Names this fetch resolved itself: finding one again in the host cache is no news (a redirect asks no DNS). */
  private readonly resolvedHere = new Set<string>();
  /** The page's images, stylesheets and scripts, once the page is in. */
  private loader?: SubresourceLoader;
  /** The host's idle keep-alive connections: the browser process outlives one fetch, and so do they. */
  private readonly pool;
  readonly settings: Required<BrowserSettings>;

  constructor(
    private readonly host: EndSystem,
    /** The URL being fetched: a redirect or HSTS moves it on. */
    private target: FetchTarget,
    private readonly finish: (o: Outcome) => void,
    private readonly connectDeadlineUs: number,
    /** How much virtual time the fetch may still use (the simulation's budget): no timer of the browser goes past it. */
    private readonly budgetLeftUs: () => number = () => Infinity,
  ) {
    this.settings = { ...CHROMIUM, ...host.config.browser };
    this.pool = socketPoolOf(host);
  }

  /** A connection of the browser is still open (or opening): the journey is not over until it closes. */
  get busy(): boolean {
    const state = this.channel?.conn.state;
    return (state !== undefined && state !== 'CLOSED' && state !== 'TIME_WAIT') || this.loader?.busy === true;
  }

  /** Ends the fetch; the last step explains it as the outcome does. */
  private end(o: Outcome, configRef?: ConfigRef): void {
    if (this.finished) return;
    this.finished = true;
    this.host.sim.decision(
      this.host.id,
      'browser',
      o.ok ? `${o.status} ${o.statusText}${o.title ? ` — "${o.title}"` : ''}` : o.error,
      o.explanation ?? o.summary,
      configRef,
    );
    this.finish(o);
  }

  /** `configRef`: the setting that made the fetch fail, where it is known. */
  private fail(error: string, explanation: ProseMessage, configRef?: ConfigRef): void {
    this.end(fetchFailed(error, explanation, this.host.id), configRef);
  }

  start(): void {
    const client = this.host.needsDhcp();
    if (client) {
      client.run((ok) => {
        if (ok) this.begin();
        else this.fail('ERR_INTERNET_DISCONNECTED', explain('outcome.dhcpFailed', { host: this.host.name }));
      });
      return;
    }
    this.begin();
  }

  /** Fetches the target: an http:// URL of a host the browser knows to be https-only goes to https:// first. */
  private begin(): void {
    const h = this.host;
    const t = this.target;
    const name = t.host.replace(/\.$/, '');
    const hsts = h.table('hsts');
    const known = hsts.get(name);
    if (known && known.storedAtUs + known.maxAgeSeconds * 1e6 <= h.sim.now) hsts.delete(name);
    else if (known && t.scheme === 'http') {
      // Chrome's HSTS upgrade happens inside the browser, before any lookup or packet: its "307 Internal Redirect".
      const to: FetchTarget = { ...t, scheme: 'https', port: t.port === 80 ? 443 : t.port };
      const left = Math.round((known.storedAtUs + known.maxAgeSeconds * 1e6 - h.sim.now) / 1e6);
      h.sim.decision(
        h.id,
        'browser',
        explain('web.summary.hstsUpgrade', { from: urlOf(t), to: urlOf(to) }),
        explain('web.browser.hstsUpgrade', { host: h.name, name, seconds: left, url: urlOf(to) }),
      );
      this.target = to;
    }
    this.resolve();
  }

  /** Chromium looks for an idle connection to the origin before it looks the name up: one found needs neither. */
  private resolve(): void {
    const idle = this.settings.keepAlive ? this.pool.take(this.origin()) : undefined;
    if (idle) {
      this.reuse(idle);
      return;
    }
    this.lookup(this.target.host, (r) => ('ip' in r ? this.connect(r.ip) : this.fail(r.error, r.explanation)));
  }

  private origin(t: FetchTarget = this.target): Origin {
    return { scheme: t.scheme, host: t.host.replace(/\.$/, ''), port: t.port };
  }

  /** The request goes on a kept-alive connection that an earlier response left idle: no lookup, no handshake. */
  private reuse(idle: IdleConnection): void {
    const { channel } = idle;
    this.sayReuse(idle);
    this.channel = channel;
    channel.cb = this.pageCallbacks(channel.conn.remoteIp);
    this.sendRequest(channel, true, () => this.awaitResponse(channel.conn.remoteIp));
  }

  /** The decision: an idle connection from the pool carries the next request (the page's or a sub-resource's). */
  private sayReuse(idle: IdleConnection): void {
    const h = this.host;
    const { channel } = idle;
    const origin = originLabel(idle.origin);
    const seconds = Math.round((h.sim.now - idle.sinceUs) / 1e5) / 10;
    h.sim.decision(
      h.id,
      'http',
      explain('web.summary.reuseConnection', { origin, port: channel.conn.localPort }),
      explain('web.browser.reuseConnection', {
        host: h.name,
        origin,
        port: channel.conn.localPort,
        ip: channel.conn.remoteIp,
        seconds,
      }),
      h.ref('browser', 'keepAlive'),
    );
  }

  /** Puts a connection whose response is in into the pool until the next request to its origin, or its idle close. */
  private park(channel: HttpChannel, origin: Origin): void {
    const idleUs = Math.min(USED_IDLE_SOCKET_US, this.budgetLeftUs());
    this.pool.park({ channel, origin, used: true, sinceUs: this.host.sim.now }, idleUs, () =>
      explain('web.browser.idleClose', { host: this.host.name, seconds: Math.round(idleUs / 1e6) }),
    );
  }

  /** Finds a name's address as Chromium on Linux does: an IPv4 literal as it is, the hosts file, then DNS. */
  private lookup(host: string, done: (r: { ip: string } | { error: string; explanation: ProseMessage }) => void): void {
    const h = this.host;
    // "www.example.com." is the absolute form of the same name: the query on the wire is the same. The Host header
    // keeps the dot, as Chrome's does.
    const name = host.replace(/\.$/, '');
    if (isIpv4(name)) {
      done({ ip: name });
      return;
    }
    const cached = this.fromHostCache(name);
    if (cached) {
      done({ ip: cached });
      return;
    }
    const index = h.config.hosts.findIndex((e) => e.name.replace(/\.$/, '').toLowerCase() === name);
    if (index >= 0) {
      const ip = h.config.hosts[index].address;
      h.sim.decision(
        h.id,
        'hosts-file',
        explain('web.summary.hostsFile', { name, ip }),
        [explain('web.browser.hostsFile', { host: h.name, name, ip }), this.hostCacheNote()],
        h.ref('hosts', index),
      );
      this.remember(name, ip);
      done({ ip });
      return;
    }
    if (!h.dnsServer) {
      done({ error: 'ERR_NAME_NOT_RESOLVED', explanation: explain('outcome.noDnsServer', { host: h.name, name }) });
      return;
    }
    h.sim.decision(
      h.id,
      'hosts-file',
      explain('web.summary.askDns', { name }),
      explain('web.browser.askDns', { host: h.name, name, dns: h.dnsServer.ip }),
      h.dnsServer.ref ?? h.ref('hosts'),
    );
    stubLookup(h, name, (r: StubResult) => {
      if (r.ok) {
        const resolved = explain('web.browser.resolved', { host: h.name, name, ip: r.ip });
        // With AAAA asked too (glibc's default), the decision points at that setting: it is why two answers were awaited.
        h.sim.decision(
          h.id,
          'dns-result',
          explain('web.summary.resolved', { name, ip: r.ip }),
          r.askedAaaa
            ? [explain('web.browser.resolvedBoth', { host: h.name }), resolved, this.hostCacheNote()]
            : [resolved, this.hostCacheNote()],
          r.askedAaaa ? h.ref('askAaaa') : undefined,
        );
        this.remember(name, r.ip);
        done({ ip: r.ip });
        return;
      }
      // outcome.notResolved.NXDOMAIN, .SERVFAIL, .NODATA, .TIMEOUT, .REFUSED, .NO_SERVER, .UNREACHABLE, .NO_ROUTE, .CNAME_LOOP
      const chain: Record<string, string> = r.reason === 'CNAME_LOOP' ? { chain: r.chain } : {};
      done({
        error: 'ERR_NAME_NOT_RESOLVED',
        explanation: explain(`outcome.notResolved.${r.reason}`, { name, dns: h.dnsServer!.ip, host: h.name, ...chain }),
      });
    });
  }

  /** The name's address from Chromium's host cache, while the entry is younger than `hostCacheSeconds`. */
  private fromHostCache(name: string): string | undefined {
    const h = this.host;
    const cache = h.table('hostCache');
    const entry = cache.get(name);
    if (!entry) return undefined;
    const leftUs = entry.storedAtUs + entry.ttl * 1e6 - h.sim.now;
    if (leftUs <= 0) {
      cache.delete(name);
      return undefined;
    }
    // Within one fetch (a redirect, a sub-resource) the name was just found: only an earlier fetch's entry is news.
    if (!this.resolvedHere.has(name)) {
      this.resolvedHere.add(name);
      h.sim.decision(
        h.id,
        'hosts-file',
        explain('web.summary.hostCache', { name, ip: entry.ip }),
        explain('web.browser.hostCache', {
          host: h.name,
          name,
          ip: entry.ip,
          seconds: Math.round((h.sim.now - entry.storedAtUs) / 1e6),
          left: Math.ceil(leftUs / 1e6),
          ttl: entry.ttl,
        }),
        h.ref('browser', 'hostCacheSeconds'),
      );
    }
    return entry.ip;
  }

  /** Chromium keeps what the resolver answered in its host cache for a minute, whatever the record's TTL. */
  private remember(name: string, ip: string): void {
    this.resolvedHere.add(name);
    const ttl = this.settings.hostCacheSeconds;
    if (ttl > 0) this.host.table('hostCache').set({ name, ip, ttl, storedAtUs: this.host.sim.now });
  }

  /** What the browser does with a name it has just found: keep it (Chromium) or not (the textbook). */
  private hostCacheNote(): ProseMessage {
    const ttl = this.settings.hostCacheSeconds;
    return ttl > 0 ? explain('web.browser.hostCacheStored', { ttl }) : explain('web.browser.hostCacheOff');
  }

  /** Whether the name is known without asking anyone now (this fetch resolved it, or the host cache has it). */
  private knows(name: string): string | undefined {
    const entry = this.host.table('hostCache').get(name);
    return entry && entry.storedAtUs + entry.ttl * 1e6 > this.host.sim.now ? entry.ip : undefined;
  }

  private connect(ip: string): void {
    const h = this.host;
    const src = h.sourceFor(ip);
    if (!src) {
      // Say why there is no route: "no default gateway" is wrong when the cable is out or the gateway is off-net.
      const unplugged = h.unlinkedInterfaceFor(ip);
      const gateway = h.config.gateway;
      if (unplugged) {
        h.dropUnlinked(unplugged, ip);
        this.fail('ERR_ADDRESS_UNREACHABLE', explain('outcome.notLinked', { host: h.name, ip, iface: unplugged.name }));
      } else if (gateway) {
        const params = { host: h.name, ip, gateway };
        h.sim.drop(
          h.id,
          'no-route',
          explain('web.summary.noRoute', { ip }),
          explain('web.browser.gatewayOffNet', params),
          undefined,
          h.ref('gateway'),
        );
        this.fail('ERR_ADDRESS_UNREACHABLE', explain('outcome.gatewayOffNet', params));
      } else {
        h.sim.drop(
          h.id,
          'no-route',
          explain('web.summary.noRoute', { ip }),
          explain('web.browser.noRoute', { host: h.name, ip }),
        );
        this.fail('ERR_ADDRESS_UNREACHABLE', explain('outcome.noRoute', { host: h.name, ip }));
      }
      return;
    }
    // Chromium's own limit on a connect; when it is shorter than the kernel's 131 s of SYN retries, it comes first.
    const browserLimitUs = this.settings.connectTimeoutSeconds * 1e6;
    const connectTimer =
      browserLimitUs < this.connectDeadlineUs
        ? h.sim.schedule(browserLimitUs, () => {
            if (this.channel?.conn.state !== 'SYN_SENT') return;
            this.channel.abort();
            const seconds = this.settings.connectTimeoutSeconds;
            h.sim.decision(
              h.id,
              'browser',
              explain('web.summary.connectTimeout', { seconds }),
              explain('web.browser.connectTimeout', { host: h.name, ip, port: this.target.port, seconds }),
              h.ref('browser', 'connectTimeoutSeconds'),
            );
            this.fail(
              'ERR_CONNECTION_TIMED_OUT',
              explain('outcome.browserConnectTimeout', { ip, port: this.target.port, seconds }),
            );
          })
        : undefined;
    this.channel = openChannel(
      h,
      { src, ip, port: this.target.port, tls: this.target.scheme === 'https' ? this.tlsSetup() : undefined },
      this.pageCallbacks(ip, connectTimer),
      this.connectDeadlineUs,
    );
  }

  /** The page request's connection: the response read to its length, the server's close, a failure. */
  private pageCallbacks(ip: string, connectTimer?: Timer): ChannelCallbacks {
    const h = this.host;
    return {
      onOpen: (channel) =>
        this.sendRequest(channel, false, () => {
          if (connectTimer) connectTimer.cancelled = true;
          this.awaitResponse(ip);
        }),
      onData: (channel, data) => {
        this.buffer = append(this.buffer, data);
        const length = httpMessageLength(this.buffer);
        if (length === undefined || this.finished) return;
        if (this.responseTimer) this.responseTimer.cancelled = true;
        const response = parseHttpResponse(this.buffer.subarray(0, length));
        this.buffer = new Uint8Array(0);
        h.sim.schedule(APP_DELAY_US, () => this.done(channel, response));
      },
      onPeerClose: (channel) => {
        channel.close(
          explain(this.finished && this.settings.keepAlive ? 'web.browser.peerCloseIdle' : 'web.browser.peerClose', {
            host: h.name,
          }),
        );
      },
      onError: (channel, failure) => {
        if (this.responseTimer) this.responseTimer.cancelled = true;
        if (connectTimer) connectTimer.cancelled = true;
        if (failure.kind === 'tls') {
          this.tlsFailed(channel, ip, failure);
          return;
        }
        const error = CHROME_ERRORS[failure.code];
        this.fail(
          error,
          explain('outcome.connectFailed', { ip, port: this.target.port, detail: failure.detail, error }),
        );
      },
    };
  }

  private awaitResponse(ip: string): void {
    this.responseTimer = this.host.sim.schedule(RESPONSE_TIMEOUT_US, () =>
      this.fail('ERR_TIMED_OUT', explain('outcome.responseTimeout', { ip })),
    );
  }

  /** How this host speaks TLS to the URL's host: SNI without the trailing dot, Chrome's ALPN, its trusted authorities. */
  private tlsSetup(host = this.target.host): ClientTlsSetup {
    const h = this.host;
    return {
      serverName: host.replace(/\.$/, ''),
      alpn: CHROME_ALPN,
      trusted: h.trusted.flatMap((a) => {
        const cert = readCertificate(a.certificate);
        return cert ? [{ id: a.id, name: cert.subject, der: cert.der }] : [];
      }),
      trustRef: h.ref('trustedAuthorities'),
      // BoringSSL's default for a certificate Chrome's verifier refused: its callback never names another alert.
      certificateAlert: TlsAlertDescription.certificateUnknown,
      certificateRef: (der) => h.certificateOwners.get(toBase64(der)),
    };
  }

  /** The handshake failed: Chrome closes the socket and shows the error page for it. */
  private tlsFailed(channel: HttpChannel, ip: string, failure: Extract<ChannelFailure, { kind: 'tls' }>): void {
    const h = this.host;
    const f = failure.failure;
    channel.close(explain('web.browser.tlsClose', { host: h.name }));
    const name = this.target.host.replace(/\.$/, '');
    if (f.by === 'local' && f.certificate) {
      this.fail(CERTIFICATE_ERRORS[f.certificate], explain(`outcome.certificate.${f.certificate}`, { name, ip }));
      return;
    }
    this.fail('ERR_SSL_PROTOCOL_ERROR', explain('outcome.tlsFailed', { name, ip, reason: f.message }));
  }

  private rememberHsts(maxAgeSeconds: number): void {
    const h = this.host;
    const name = this.target.host.replace(/\.$/, '');
    if (maxAgeSeconds === 0) {
      if (h.table('hsts').get(name)) h.table('hsts').delete(name);
      return;
    }
    h.table('hsts').set({ host: name, maxAgeSeconds, storedAtUs: h.sim.now });
    h.sim.decision(
      h.id,
      'browser',
      explain('web.summary.hstsStored', { name, seconds: maxAgeSeconds }),
      explain('web.browser.hstsStored', { host: h.name, name, seconds: maxAgeSeconds }),
    );
  }

  /** A 3xx with Location: Chrome asks again at the new URL (a new connection where scheme, host or port differ). */
  private follow(status: number, reason: string, location: string): void {
    const h = this.host;
    const from = urlOf(this.target);
    let next: string;
    try {
      next = new URL(location, from).href;
    } catch {
      this.fail('ERR_INVALID_REDIRECT', explain('outcome.invalidRedirect', { url: from, location }));
      return;
    }
    if (this.redirects >= MAX_REDIRECTS) {
      // The browser cannot see why the server redirects; the story can: the setting behind the last redirect.
      const cause = h.sim.steps.findLast(
        (s): s is DecisionStep =>
          s.type === 'decision' &&
          (s.summaryMessage?.key === 'web.summary.redirect' || s.summaryMessage?.key === 'web.summary.pageRedirect'),
      )?.configRef;
      this.fail(
        'ERR_TOO_MANY_REDIRECTS',
        explain(next === from ? 'outcome.redirectLoop' : 'outcome.tooManyRedirects', {
          url: next,
          count: this.redirects,
        }),
        cause,
      );
      return;
    }
    const target = parseFetchUrl(next);
    if ('error' in target) {
      this.fail(target.error, target.explanation);
      return;
    }
    this.redirects++;
    const name = target.host.replace(/\.$/, '');
    const known = this.knows(name);
    // Chrome sends the redirected request on the same kept-alive connection when the origin is the same.
    const reuse = this.settings.keepAlive && this.pool.count(this.origin(target)) > 0;
    h.sim.decision(
      h.id,
      'browser',
      explain('web.summary.followRedirect', { status: `${status} ${reason}`, location: next }),
      explain(
        reuse
          ? 'web.browser.followRedirectReuse'
          : known
            ? 'web.browser.followRedirectKnown'
            : 'web.browser.followRedirect',
        {
          host: h.name,
          status: `${status} ${reason}`,
          location: next,
          name,
          ip: known ?? '',
          count: this.redirects,
          origin: originLabel(this.origin(target)),
        },
      ),
      reuse ? h.ref('browser', 'keepAlive') : undefined,
    );
    this.target = target;
    h.sim.schedule(APP_DELAY_US, () => this.begin());
  }

  private sendRequest(channel: HttpChannel, reused: boolean, after: () => void): void {
    const t = this.target;
    const hostHeader = t.port === DEFAULT_PORT[t.scheme] ? t.host : `${t.host}:${t.port}`;
    const request = emitHttpRequest({
      method: 'GET',
      target: t.path,
      version: 'HTTP/1.1',
      headers: [
        ['Host', hostHeader],
        ['Connection', this.settings.keepAlive ? 'keep-alive' : 'close'],
        ['User-Agent', USER_AGENT],
        ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
        ['Accept-Language', 'en-US,en;q=0.9'],
      ],
      body: new Uint8Array(0),
    });
    const port = channel.conn.localPort;
    channel.send(request, () =>
      explain(reused ? 'web.browser.requestReused' : 'web.browser.request', { path: t.path, hostHeader, port }),
    );
    after();
  }

  private done(channel: HttpChannel, response: ReturnType<typeof parseHttpResponse>): void {
    const body = new TextDecoder().decode(response.body);
    const title = titleOf(body);
    // HSTS is taken only from a response over https (RFC 6797 §8.1): max-age 0 forgets the host.
    const maxAge =
      this.target.scheme === 'https'
        ? hstsMaxAge(headerValue(response.headers, 'strict-transport-security'))
        : undefined;
    if (maxAge !== undefined) this.rememberHsts(maxAge);
    const location = headerValue(response.headers, 'location');
    const redirect = REDIRECT_STATUSES.has(response.status) && location !== undefined;
    const url = urlOf(this.target);
    const html = /^text\/html\b/i.test(headerValue(response.headers, 'content-type') ?? '');
    // A redirect's body is not the page: the browser follows the Location instead.
    const references =
      html && !redirect && (response.status < 300 || response.status >= 400) ? findPageReferences(body, url) : [];
    const keepsOpen =
      this.settings.keepAlive && (headerValue(response.headers, 'connection') ?? '').toLowerCase() !== 'close';
    if (references.length === 0 && keepsOpen) {
      // HTTP/1.1 keep-alive: the connection waits in the pool for the next request (a redirect's, the next fetch's);
      // the side that idles out first closes it (nginx after 75 s, Chromium after 5 minutes). With "Connection:
      // close" the server closes it now.
      this.park(channel, this.origin());
    }
    if (redirect && location !== undefined) {
      this.follow(response.status, response.reason, location);
      return;
    }
    const fetched = {
      status: `${response.status} ${response.reason}`,
      title: title ?? '',
      host: this.host.name,
      url,
      bytes: response.body.length,
    };
    const explanation = explain(title ? 'web.browser.fetched' : 'web.browser.fetchedUntitled', fetched);
    const page = { ok: true, status: response.status, statusText: response.reason, title, body } as const;
    if (references.length === 0) {
      this.end({ ...page, summary: proseText(explanation), explanation });
      return;
    }
    // The page names images, stylesheets or scripts: the browser fetches them before it is done (its load event).
    const origin = this.origin();
    this.loader = new SubresourceLoader(
      this.host,
      this.settings,
      url,
      references,
      {
        resolve: (name, done) => this.lookup(name, done),
        open: (o, ip, cb) => this.openSocket(o, ip, cb),
        budgetLeftUs: this.budgetLeftUs,
        userAgent: USER_AGENT,
        take: (o) => {
          const idle = this.pool.take(o);
          if (!idle) return undefined;
          this.sayReuse(idle);
          return { socket: channelSocket(idle.channel, true, o.host), ip: idle.channel.conn.remoteIp };
        },
        park: (socket, o) => this.park(socket.channel, o),
      },
      (resources) => {
        const all = [explanation, ...resourcesProse(resources)];
        this.end({ ...page, resources, summary: all.map((p) => proseText(p)).join(' '), explanation: all });
      },
    );
    this.loader.start({
      origin,
      ip: channel.conn.remoteIp,
      socket: keepsOpen ? channelSocket(channel, true, origin.host) : undefined,
    });
  }

  /** A new connection for a sub-resource, plain or over TLS (the page's own is opened by `connect`). */
  private openSocket(
    origin: Origin,
    ip: string,
    cb: PoolCallbacks,
  ): PoolSocket | { error: string; explanation: ProseMessage } {
    const h = this.host;
    const src = h.sourceFor(ip);
    if (!src)
      return { error: 'ERR_ADDRESS_UNREACHABLE', explanation: explain('outcome.noRoute', { host: h.name, ip }) };
    const socket = channelSocket(undefined, false, origin.host);
    const channel = openChannel(
      h,
      { src, ip, port: origin.port, tls: origin.scheme === 'https' ? this.tlsSetup(origin.host) : undefined },
      socket.callbacksFor(cb),
      this.connectDeadlineUs,
    );
    socket.attach(channel);
    return socket;
  }
}

const originLabel = (o: Origin): string =>
  `${o.scheme}://${o.host}${o.port === DEFAULT_PORT[o.scheme] ? '' : ':' + o.port}`;

/** Chrome's error for a failed connection: the TCP error's name, or the certificate's or TLS's. */
function chromeError(
  failure: ChannelFailure,
  ip: string,
  port: number,
  host: string,
): { error: string; explanation: ProseMessage } {
  if (failure.kind === 'tls') {
    const f = failure.failure;
    const name = host.replace(/\.$/, '');
    if (f.by === 'local' && f.certificate)
      return {
        error: CERTIFICATE_ERRORS[f.certificate],
        explanation: explain(`outcome.certificate.${f.certificate}`, { name, ip }),
      };
    return {
      error: 'ERR_SSL_PROTOCOL_ERROR',
      explanation: explain('outcome.tlsFailed', { name, ip, reason: f.message }),
    };
  }
  const error = CHROME_ERRORS[failure.code];
  return { error, explanation: explain('outcome.connectFailed', { ip, port, detail: failure.detail, error }) };
}

/** An HTTP channel as the sub-resource loader uses it: open once TCP (and, over TLS, the handshake) is done. */
function channelSocket(initial: HttpChannel | undefined, opened: boolean, host: string) {
  let channel = initial;
  let open = opened;
  const callbacksFor = (cb: PoolCallbacks): ChannelCallbacks => {
    return {
      onOpen: () => {
        open = true;
        cb.onOpen();
      },
      onData: (_c, data) => cb.onData(data),
      onPeerClose: () => cb.onPeerClose(),
      onError: (c, failure) => {
        if (failure.kind === 'tls') c.close(explain('web.browser.tlsClose', { host: c.conn.node.name }));
        const { error, explanation } = chromeError(failure, c.conn.remoteIp, c.conn.remotePort, host);
        cb.onError(error, explanation);
      },
    };
  };
  const socket = {
    get localPort() {
      return channel!.conn.localPort;
    },
    get usable() {
      return open && channel!.conn.state === 'ESTABLISHED';
    },
    get alive() {
      const state = channel!.conn.state;
      return state !== 'CLOSED' && state !== 'TIME_WAIT';
    },
    get channel() {
      return channel!;
    },
    listen: (cb: PoolCallbacks) => void (channel!.cb = callbacksFor(cb)),
    send: (data: Uint8Array, explainPart: (part: number, parts: number, bytes: number) => Prose) =>
      channel!.send(data, explainPart),
    close: (why: Prose) => channel!.close(why),
    callbacksFor,
    attach: (c: HttpChannel) => void (channel = c),
  };
  return socket satisfies PoolSocket;
}

/** What the page's sub-resources came to, for the outcome: how many loaded, over how many connections, what failed. */
function resourcesProse(resources: SubresourceResult[]): ProseMessage[] {
  const loaded = resources.filter((r) => r.status !== undefined && r.status < 400).length;
  const connections = new Set(resources.flatMap((r) => (r.localPort !== undefined ? [`${r.localPort}`] : []))).size;
  return [
    explain('web.page.loaded', { loaded, total: resources.length, connections }),
    ...resources.flatMap((r) =>
      r.error !== undefined
        ? [explain('web.page.notLoaded', { url: r.url, result: r.error })]
        : r.status !== undefined && r.status >= 400
          ? [explain('web.page.notLoaded', { url: r.url, result: `${r.status} ${r.statusText}` })]
          : [],
    ),
  ];
}
