// A web server role (like nginx): name-based virtual hosts chosen by the Host header (the first site is the default
// server), exact paths, 404 otherwise. Keeps the connection open for more requests (HTTP/1.1 keep-alive) unless
// the client asked for "Connection: close", and closes it after keepalive_timeout (75 s) without a new request.
// With `tls` it also listens on that port (443) and answers the same way inside TLS 1.3.
import type { WebRole } from '../../model/schema';
import { emitHttpResponse, headerValue, type HttpRequestRepr } from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import { listenChannel, type HttpChannel } from '../net/channel';
import { serverTlsSetup } from '../net/tls-channel';
import { explain } from '../prose';
import { pageBody } from './generated-body';
import { DEFAULT_KEEPALIVE_S, IdleClose, hostOnly, httpDate, httpRequestReader, reasonOf } from './http-util';

/**
 * From the request's arrival to nginx's first byte of the answer: 33–178 µs (median about 60) for a small static
 * page, measured with nginx 1.22 between two network namespaces on this machine.
 */
const NGINX_RESPONSE_US = 60;

/**
 * nginx's own page for a status it answers itself (a redirect, a 404), byte for byte, as nginx 1.22 with
 * server_tokens off sends it (ngx_http_special_response.c).
 */
export const nginxPage = (status: number): string => {
  const line = `${status} ${reasonOf(status)}`;
  return `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

/** The statuses nginx's add_header (without `always`) adds its headers to: HSTS rides only on these. */
const ADD_HEADER_STATUSES = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

/** nginx's status line: its own reason phrases (ngx_http_status_lines), 302's the old "Moved Temporarily". */
const nginxReason = (status: number): string => (status === 302 ? 'Moved Temporarily' : reasonOf(status));

/** The statuses nginx's `return STATUS URL` makes a redirect of (Location: URL). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class WebServer {
  constructor(
    private readonly node: EndSystem,
    private readonly role: WebRole,
  ) {
    listenChannel(node, role.port, undefined, () => this.connection());
    // A certificate that cannot be read leaves 443 closed, as nginx would not start with it (the checks say why).
    const tls = role.tls && serverTlsSetup(role.tls, node.ref('roles', 'web', 'tls'));
    if (tls) listenChannel(node, role.tls!.port, tls, () => this.connection());
  }

  /** nginx's keepalive_timeout (absent: 75 s; 0: every response closes its connection). */
  private get keepaliveS(): number {
    return this.role.keepaliveTimeoutSeconds ?? DEFAULT_KEEPALIVE_S;
  }

  private connection() {
    const idle = new IdleClose(this.node);
    return {
      // nginx answers a moment after the request is in; the kernel has ACKed it by then (quick-ACK).
      onData: httpRequestReader((conn, request) => {
        idle.cancel();
        this.node.sim.schedule(NGINX_RESPONSE_US, () => {
          if (conn.conn.state !== 'ESTABLISHED' && conn.conn.state !== 'CLOSE_WAIT') return;
          if (this.respond(conn, request)) idle.arm(conn, this.keepaliveS * 1e6, () => this.closeIdle(conn));
        });
      }),
      onPeerClose: (conn: HttpChannel) => {
        idle.cancel();
        conn.close(explain('web.server.peerClose', { server: this.node.name }));
      },
    };
  }

  /** No new request within keepalive_timeout: nginx closes the idle connection, and so is the side that closes first. */
  private closeIdle(conn: HttpChannel): void {
    const n = this.node;
    const seconds = this.keepaliveS;
    n.sim.decision(
      n.id,
      'http',
      explain('web.summary.keepaliveTimeout', { seconds }),
      explain('web.server.keepaliveTimeout', { server: n.name, seconds }),
      n.ref('roles', 'web', 'keepaliveTimeoutSeconds'),
    );
    conn.close(explain('web.server.keepaliveClose', { server: n.name, seconds }));
  }

  /**
   * Answers; returns whether the connection stays open for another request. `secure`: the request came over TLS
   * (a site's redirect applies to plain http only, its HSTS header to https only).
   */
  private respond(conn: HttpChannel, req: HttpRequestRepr, secure = conn.scheme === 'https'): boolean {
    const n = this.node;
    const host = hostOnly(headerValue(req.headers, 'host'));
    const siteIndex = Math.max(
      0,
      this.role.sites.findIndex((s) => hostOnly(s.hostname) === host),
    );
    const site = this.role.sites[siteIndex];
    const path = req.target.split('?')[0];
    // nginx's `return 301 https://$host$request_uri` in the port-80 server: every path, before any page lookup.
    const redirect = !secure && site?.httpsRedirect === true;
    const siteLocation = redirect ? `https://${host || hostOnly(site.hostname)}${req.target}` : undefined;
    const pageIndex = site && !redirect ? site.pages.findIndex((p) => p.path === path) : -1;
    const page = pageIndex >= 0 ? site!.pages[pageIndex] : undefined;
    const status = redirect ? 301 : page ? page.status : 404;
    // A page's `return 3xx URL`: a path becomes absolute with the request's scheme, Host and a port that is not
    // the scheme's default (nginx's absolute_redirect, server_name_in_redirect off, port_in_redirect on).
    const pageLocation =
      page?.location !== undefined && REDIRECT_STATUSES.has(page.status)
        ? absoluteLocation(page.location, secure, host || hostOnly(site!.hostname), conn.conn.localPort)
        : undefined;
    const location = siteLocation ?? pageLocation;
    const ownPage = !page || pageLocation !== undefined;
    const body = ownPage ? new TextEncoder().encode(nginxPage(status)) : pageBody(page);
    const hsts = secure && site?.hstsMaxAgeSeconds !== undefined && ADD_HEADER_STATUSES.has(status);
    // keepalive_timeout 0 turns keep-alive off: nginx says so and closes, as for a client that asked to close.
    const close = (headerValue(req.headers, 'connection') ?? '').toLowerCase() === 'close' || this.keepaliveS === 0;
    const headers: [string, string][] = [
      ['Server', 'nginx'],
      ['Date', httpDate(n.sim.now)],
      ['Content-Type', ownPage ? 'text/html' : page.contentType],
      ['Content-Length', String(body.length)],
    ];
    // nginx's header filter writes a Location it made absolute itself (from a path) before Connection; a Location
    // written as a whole URL stays in the header list, after Connection, then add_header's.
    const expanded = pageLocation !== undefined && page!.location!.startsWith('/');
    if (location && expanded) headers.push(['Location', location]);
    headers.push(['Connection', close ? 'close' : 'keep-alive']);
    if (location && !expanded) headers.push(['Location', location]);
    if (hsts) headers.push(['Strict-Transport-Security', `max-age=${site!.hstsMaxAgeSeconds}`]);
    const response = emitHttpResponse({ version: 'HTTP/1.1', status, reason: nginxReason(status), headers, body });
    const siteWords = !site
      ? explain('web.server.read.noSites', { server: n.name })
      : hostOnly(site.hostname) === host
        ? explain('web.server.read.site', { server: n.name, host, site: site.hostname })
        : explain('web.server.read.defaultSite', { server: n.name, host, site: site.hostname });
    if (redirect)
      n.sim.decision(
        n.id,
        'http',
        explain('web.summary.redirect', { target: req.target, location: location! }),
        [siteWords, explain('web.server.redirect', { server: n.name, site: site.hostname, location: location! })],
        n.ref('roles', 'web', 'sites', siteIndex, 'httpsRedirect'),
      );
    else if (pageLocation !== undefined)
      n.sim.decision(
        n.id,
        'http',
        explain('web.summary.pageRedirect', { target: req.target, status, location: pageLocation }),
        [
          siteWords,
          explain('web.server.pageRedirect', {
            server: n.name,
            path,
            status: `${status} ${nginxReason(status)}`,
            written: page!.location!,
            location: pageLocation,
          }),
        ],
        n.ref('roles', 'web', 'sites', siteIndex, 'pages', pageIndex, 'location'),
      );
    else
      n.sim.decision(
        n.id,
        'http',
        explain('web.summary.request', {
          method: req.method,
          target: req.target,
          status,
          reason: nginxReason(status),
        }),
        [
          siteWords,
          page ? explain('web.server.read.page', { path }) : explain('web.server.read.noPage', { path }),
          ...(hsts ? [explain('web.server.hsts', { seconds: site!.hstsMaxAgeSeconds!, site: site!.hostname })] : []),
        ],
        page
          ? n.ref('roles', 'web', 'sites', siteIndex, 'pages', pageIndex)
          : site
            ? n.ref('roles', 'web', 'sites', siteIndex)
            : n.ref('roles', 'web'),
      );
    conn.send(response, (part, parts, bytes) =>
      parts === 1
        ? explain('web.server.response', {
            server: n.name,
            status: `${status} ${nginxReason(status)}`,
            bodyBytes: body.length,
            contentType: ownPage ? 'text/html' : page.contentType,
            bytes,
          })
        : explain('web.server.responsePart', { server: n.name, parts, part, bytes }),
    );
    if (close)
      conn.close(
        this.keepaliveS === 0
          ? explain('web.server.closeNoKeepalive', { server: n.name })
          : explain('web.server.close', { server: n.name }),
      );
    return !close;
  }
}

/** nginx's absolute_redirect: a Location that is a path gets the request's scheme and host, and a port not the default. */
function absoluteLocation(written: string, secure: boolean, host: string, port: number): string {
  if (!written.startsWith('/')) return written;
  const scheme = secure ? 'https' : 'http';
  const usual = secure ? 443 : 80;
  return `${scheme}://${host}${port === usual ? '' : `:${port}`}${written}`;
}
