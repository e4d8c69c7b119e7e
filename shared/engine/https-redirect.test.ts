// The web server's side of redirect and HSTS, as nginx 1.22 does it: `return 301 https://$host$request_uri;` in the
// port-80 server, `add_header Strict-Transport-Security "max-age=N";` on the https one. The expected bytes were
// read from a real nginx 1.22.1 (server_tokens off) on this machine, Date aside.
import { describe, expect, it } from 'vitest';
import { decodeAll, device, loadSample, run, variant, type Decoded } from './testing/helpers';
import type { Trace } from './trace';

const https = loadSample('home-to-web-https');
const text = (d: Decoded) => new TextDecoder().decode(d.tcp!.payload);
const fromWeb = (t: Trace) =>
  decodeAll(t).filter((d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp?.payload.length);
const NGINX_301 = (location: string) =>
  'HTTP/1.1 301 Moved Permanently\r\nServer: nginx\r\nDate: <date>\r\nContent-Type: text/html\r\n' +
  `Content-Length: 162\r\nConnection: keep-alive\r\nLocation: ${location}\r\n\r\n` +
  '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n' +
  '<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const undated = (s: string) => s.replace(/\r\nDate: [^\r]+\r\n/, '\r\nDate: <date>\r\n');

describe('web server: redirect http → https', () => {
  it("answers http://www.example.com/ with nginx's 301, byte for byte, linked to the site's httpsRedirect", () => {
    const t = run(https, { url: 'http://www.example.com/' });
    const [answer] = fromWeb(t);
    expect(undated(text(answer))).toBe(NGINX_301('https://www.example.com/'));
    expect(answer.step.summary).toContain('301 Moved Permanently');
    const decision = t.steps.find((s) => s.type === 'decision' && s.summaryMessage?.key === 'web.summary.redirect');
    expect(decision?.type === 'decision' && decision.configRef).toEqual({
      deviceId: 'web',
      path: ['roles', 'web', 'sites', 0, 'httpsRedirect'],
    });
  });

  it('keeps the path and query ($request_uri), even for a path the site does not have', () => {
    const t = run(https, { url: 'http://www.example.com/no/such?page=1' });
    expect(undated(text(fromWeb(t)[0]))).toBe(NGINX_301('https://www.example.com/no/such?page=1'));
  });

  it('off: the page itself over http, with no HSTS header (it is only sent over https)', () => {
    const off = variant(https, (x) => delete device(x, 'web', 'server').roles.web!.sites[0].httpsRedirect);
    const page = text(fromWeb(run(off, { url: 'http://www.example.com/' }))[0]);
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(page).not.toContain('Strict-Transport-Security');
    expect(page).not.toContain('Location');
  });
});
