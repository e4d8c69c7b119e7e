// A web server role (like nginx): name-based virtual hosts chosen by the Host header (the first site is the default
// server), exact paths, 404 otherwise. Keeps the connection open for more requests (HTTP/1.1 keep-alive) unless
// the client asked for "Connection: close".
import type { WebRole } from '../../model/schema';
import { emitHttpResponse, headerValue, type HttpRequestRepr } from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import type { TcpConn } from '../net/tcp';
import { explain } from '../prose';
import { hostOnly, httpDate, httpRequestReader, reasonOf } from './http-util';

/**
 * From the request's arrival to nginx's first byte of the answer: 33–178 µs (median about 60) for a small static
 * page, measured with nginx 1.22 between two network namespaces on this machine.
 */
const NGINX_RESPONSE_US = 60;

const NOT_FOUND = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export class WebServer {
  constructor(
    private readonly node: EndSystem,
    private readonly role: WebRole,
  ) {
    node.tcp.listen(role.port, { accept: () => this.connection() });
  }

  private connection() {
    return {
      // nginx answers a moment after the request is in; the kernel has ACKed it by then (quick-ACK).
      onData: httpRequestReader((conn, request) => this.node.sim.schedule(NGINX_RESPONSE_US, () => {
        if (conn.state === 'ESTABLISHED' || conn.state === 'CLOSE_WAIT') this.respond(conn, request);
      })),
      onPeerClose: (conn: TcpConn) =>
        conn.close(explain('web.server.peerClose', { server: this.node.name })),
    };
  }

  private respond(conn: TcpConn, req: HttpRequestRepr): void {
    const n = this.node;
    const host = hostOnly(headerValue(req.headers, 'host'));
    const siteIndex = Math.max(0, this.role.sites.findIndex((s) => hostOnly(s.hostname) === host));
    const site = this.role.sites[siteIndex];
    const path = req.target.split('?')[0];
    const pageIndex = site ? site.pages.findIndex((p) => p.path === path) : -1;
    const page = pageIndex >= 0 ? site!.pages[pageIndex] : undefined;
    const status = page ? page.status : 404;
    const body = new TextEncoder().encode(page ? page.body : NOT_FOUND);
    const close = (headerValue(req.headers, 'connection') ?? '').toLowerCase() === 'close';
    const headers: [string, string][] = [
      ['Server', 'nginx'],
      ['Date', httpDate(n.sim.now)],
      ['Content-Type', page ? page.contentType : 'text/html'],
      ['Content-Length', String(body.length)],
      ['Connection', close ? 'close' : 'keep-alive'],
    ];
    const response = emitHttpResponse({ version: 'HTTP/1.1', status, reason: reasonOf(status), headers, body });
    const siteWords = !site
      ? explain('web.server.read.noSites', { server: n.name })
      : hostOnly(site.hostname) === host
        ? explain('web.server.read.site', { server: n.name, host, site: site.hostname })
        : explain('web.server.read.defaultSite', { server: n.name, host, site: site.hostname });
    n.sim.decision(
      n.id,
      'http',
      explain('web.summary.request', { method: req.method, target: req.target, status, reason: reasonOf(status) }),
      [siteWords, page ? explain('web.server.read.page', { path }) : explain('web.server.read.noPage', { path })],
      page ? n.ref('roles', 'web', 'sites', siteIndex, 'pages', pageIndex) : site ? n.ref('roles', 'web', 'sites', siteIndex) : n.ref('roles', 'web'),
    );
    conn.send(response, (part, parts, bytes) =>
      parts === 1
        ? explain('web.server.response', { server: n.name, status: `${status} ${reasonOf(status)}`, bodyBytes: body.length, contentType: page?.contentType ?? 'text/html', bytes })
        : explain('web.server.responsePart', { server: n.name, parts, part, bytes }),
    );
    if (close) conn.close(explain('web.server.close', { server: n.name }));
  }
}
