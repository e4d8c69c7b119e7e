// A web server role (like nginx): name-based virtual hosts chosen by the Host header (the first site is the default
// server), exact paths, 404 otherwise. Keeps the connection open for more requests (HTTP/1.1 keep-alive) unless
// the client asked for "Connection: close".
import type { WebRole } from '../../model/schema';
import { emitHttpResponse, headerValue, httpMessageLength, parseHttpRequest, type HttpRequestRepr } from '../../wire/http';
import type { EndSystem } from '../devices/end-system';
import type { TcpConn } from '../net/tcp';
import { append, hostOnly, httpDate, httpRequestReader, reasonOf } from './http-util';

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
      onData: httpRequestReader((conn, request) => this.respond(conn, request)),
      onPeerClose: (conn: TcpConn) =>
        conn.close(`${this.node.name} sees the client's FIN (it will send no more requests) and closes its side too: FIN, ACK. It acknowledges the client's FIN in the same segment.`),
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
      ? `${n.name} has no sites configured`
      : hostOnly(site.hostname) === host
        ? `the Host header "${host}" selects the site ${site.hostname}`
        : `no site is called "${host}", so the first site (${site.hostname}) answers as the default server, as nginx does`;
    n.sim.decision(
      n.id,
      'http',
      `${req.method} ${req.target} → ${status} ${reasonOf(status)}`,
      `${n.name}'s web server reads the request: ${siteWords}; ${page ? `the path ${path} is a page of that site` : `no page has the path ${path}, so the answer is 404 Not Found`}.`,
      page ? n.ref('roles', 'web', 'sites', siteIndex, 'pages', pageIndex) : site ? n.ref('roles', 'web', 'sites', siteIndex) : n.ref('roles', 'web'),
    );
    conn.send(response, (part, parts, bytes) =>
      parts === 1
        ? `${n.name} sends the response: HTTP/1.1 ${status} ${reasonOf(status)} with ${body.length} bytes of ${page?.contentType ?? 'text/html'} (${bytes} bytes of TCP payload with the headers). It acknowledges the request in the same segment — no separate ACK is needed because the answer is ready at once.`
        : `${n.name} sends the response in ${parts} segments because it is larger than the client's MSS allows (1460 − 12 bytes of timestamp option = 1448 bytes each): this is part ${part} of ${parts}, ${bytes} bytes.`,
    );
    if (close) conn.close(`The client asked for "Connection: close", so ${n.name} closes the connection after the response: FIN, ACK.`);
  }
}
