// The browser on the host: get an address if needed (DHCP), find the server's address (hosts file, then DNS),
// connect, send GET, read the response, close, and report what a user would see — the page or Chrome's error name.
import { isIpv4 } from '../../model/ipv4';
import { emitHttpRequest, httpMessageLength, parseHttpResponse } from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import type { NetError } from '../devices/ip-node';
import type { TcpConn } from '../net/tcp';
import { fetchFailed } from '../outcome';
import { explain, proseText } from '../prose';
import { append, titleOf } from '../services/http-util';
import { stubLookup, type StubResult } from '../services/stub-resolver';
import type { Outcome, ProseMessage } from '../trace';
import type { BrowserSettings } from '../../model/schema';
import type { Timer } from '../sim/sim';

export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const RESPONSE_TIMEOUT_US = 30_000_000;
const APP_DELAY_US = 200; // the browser reacts a moment after the kernel has the data
/** Chromium closes an idle socket it has used after 5 minutes (kUsedIdleSocketTimeout); nginx's 75 s usually comes first. */
const USED_IDLE_SOCKET_US = 300_000_000;

/** How Chromium fetches (a host's `browser` settings; absent = these). */
export const CHROMIUM: BrowserSettings = { keepAlive: true, maxConnectionsPerHost: 6, connectTimeoutSeconds: 240 };

export interface FetchTarget {
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
  if (u.protocol !== 'http:') {
    return { error: 'ERR_UNKNOWN_URL_SCHEME', explanation: explain('outcome.unknownScheme', { scheme: u.protocol }) };
  }
  return {
    host: u.hostname.toLowerCase(),
    port: u.port ? Number(u.port) : 80,
    path: `${u.pathname || '/'}${u.search}`,
  };
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
  private conn?: TcpConn;
  private idleTimer?: Timer;
  readonly settings: BrowserSettings;

  constructor(
    private readonly host: EndSystem,
    private readonly target: FetchTarget,
    private readonly finish: (o: Outcome) => void,
    private readonly connectDeadlineUs: number,
    /** How much virtual time the fetch may still use (the simulation's budget): no timer of the browser goes past it. */
    private readonly budgetLeftUs: () => number = () => Infinity,
  ) {
    this.settings = host.config.browser ?? CHROMIUM;
  }

  /** A connection of the browser is still open (or opening): the journey is not over until it closes. */
  get busy(): boolean {
    const state = this.conn?.state;
    return state !== undefined && state !== 'CLOSED' && state !== 'TIME_WAIT';
  }

  /** Ends the fetch; the last step explains it as the outcome does. */
  private end(o: Outcome): void {
    if (this.finished) return;
    this.finished = true;
    this.host.sim.decision(
      this.host.id,
      'browser',
      o.ok ? `${o.status} ${o.statusText}${o.title ? ` — "${o.title}"` : ''}` : o.error,
      o.explanation ?? o.summary,
    );
    this.finish(o);
  }

  private fail(error: string, explanation: ProseMessage): void {
    this.end(fetchFailed(error, explanation, this.host.id));
  }

  start(): void {
    const client = this.host.needsDhcp();
    if (client) {
      client.run((ok) => {
        if (ok) this.resolve();
        else this.fail('ERR_INTERNET_DISCONNECTED', explain('outcome.dhcpFailed', { host: this.host.name }));
      });
      return;
    }
    this.resolve();
  }

  private resolve(): void {
    const h = this.host;
    // "www.example.com." is the absolute form of the same name: the query on the wire is the same. The Host header
    // keeps the dot, as Chrome's does.
    const name = this.target.host.replace(/\.$/, '');
    if (isIpv4(name)) {
      this.connect(name);
      return;
    }
    const index = h.config.hosts.findIndex((e) => e.name.replace(/\.$/, '').toLowerCase() === name);
    if (index >= 0) {
      const ip = h.config.hosts[index].address;
      h.sim.decision(
        h.id,
        'hosts-file',
        explain('web.summary.hostsFile', { name, ip }),
        explain('web.browser.hostsFile', { host: h.name, name, ip }),
        h.ref('hosts', index),
      );
      this.connect(ip);
      return;
    }
    if (!h.dnsServer) {
      this.fail('ERR_NAME_NOT_RESOLVED', explain('outcome.noDnsServer', { host: h.name, name }));
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
          r.askedAaaa ? [explain('web.browser.resolvedBoth', { host: h.name }), resolved] : resolved,
          r.askedAaaa ? h.ref('askAaaa') : undefined,
        );
        this.connect(r.ip);
        return;
      }
      // outcome.notResolved.NXDOMAIN, .SERVFAIL, .NODATA, .TIMEOUT, .REFUSED, .NO_SERVER, .UNREACHABLE, .NO_ROUTE, .CNAME_LOOP
      const chain: Record<string, string> = r.reason === 'CNAME_LOOP' ? { chain: r.chain } : {};
      this.fail(
        'ERR_NAME_NOT_RESOLVED',
        explain(`outcome.notResolved.${r.reason}`, { name, dns: h.dnsServer!.ip, host: h.name, ...chain }),
      );
    });
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
    let buffer: Uint8Array = new Uint8Array(0);
    let timer: { cancelled: boolean } | undefined;
    // Chromium's own limit on a connect; when it is shorter than the kernel's 127 s of SYN retries, it comes first.
    const browserLimitUs = this.settings.connectTimeoutSeconds * 1e6;
    const connectTimer =
      browserLimitUs < this.connectDeadlineUs
        ? h.sim.schedule(browserLimitUs, () => {
            if (this.conn?.state !== 'SYN_SENT') return;
            this.conn.abort();
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
    this.conn = h.tcp.connect(
      src,
      ip,
      this.target.port,
      {
        onConnect: (conn) =>
          this.sendRequest(conn, () => {
            if (connectTimer) connectTimer.cancelled = true;
            timer = h.sim.schedule(RESPONSE_TIMEOUT_US, () =>
              this.fail('ERR_TIMED_OUT', explain('outcome.responseTimeout', { ip })),
            );
          }),
        onData: (conn, data) => {
          buffer = append(buffer, data);
          const length = httpMessageLength(buffer);
          if (length === undefined || this.finished) return;
          if (timer) timer.cancelled = true;
          const response = parseHttpResponse(buffer.subarray(0, length));
          h.sim.schedule(APP_DELAY_US, () => this.done(conn, response));
        },
        onPeerClose: (conn) => {
          if (this.idleTimer) this.idleTimer.cancelled = true;
          conn.close(
            explain(this.finished && this.settings.keepAlive ? 'web.browser.peerCloseIdle' : 'web.browser.peerClose', {
              host: h.name,
            }),
          );
        },
        onError: (_conn, code, detail) => {
          if (timer) timer.cancelled = true;
          if (connectTimer) connectTimer.cancelled = true;
          const error = CHROME_ERRORS[code];
          this.fail(error, explain('outcome.connectFailed', { ip, port: this.target.port, detail, error }));
        },
      },
      this.connectDeadlineUs,
    );
  }

  private sendRequest(conn: TcpConn, after: () => void): void {
    const t = this.target;
    const hostHeader = t.port === 80 ? t.host : `${t.host}:${t.port}`;
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
    conn.send(request, () => explain('web.browser.request', { path: t.path, hostHeader }));
    after();
  }

  private done(conn: TcpConn, response: ReturnType<typeof parseHttpResponse>): void {
    const body = new TextDecoder().decode(response.body);
    const title = titleOf(body);
    // HTTP/1.1 keep-alive: the connection stays open for the next request; the side that idles out first closes it
    // (nginx after 75 s, Chromium after 5 minutes). With "Connection: close" the server closes it now.
    const idleUs = Math.min(USED_IDLE_SOCKET_US, this.budgetLeftUs());
    this.idleTimer = this.host.sim.schedule(idleUs, () => {
      if (conn.state === 'ESTABLISHED')
        conn.close(explain('web.browser.idleClose', { host: this.host.name, seconds: Math.round(idleUs / 1e6) }));
    });
    const fetched = {
      status: `${response.status} ${response.reason}`,
      title: title ?? '',
      host: this.host.name,
      url: `http://${this.target.host}${this.target.port === 80 ? '' : ':' + this.target.port}${this.target.path}`,
      bytes: response.body.length,
    };
    const explanation = explain(title ? 'web.browser.fetched' : 'web.browser.fetchedUntitled', fetched);
    this.end({
      ok: true,
      status: response.status,
      statusText: response.reason,
      title,
      body,
      summary: proseText(explanation),
      explanation,
    });
  }
}
