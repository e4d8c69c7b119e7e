// The web server's side of redirect and HSTS, as nginx 1.22 does it: `return 301 https://$host$request_uri;` in the
// port-80 server, `add_header Strict-Transport-Security "max-age=N";` on the https one. The expected bytes were
// read from a real nginx 1.22.1 (server_tokens off) on this machine, Date aside.
import { describe, expect, it } from 'vitest';
import { decodeAll, device, loadSample, run, variant, type Decoded } from './testing/helpers';
import { hstsMaxAge, MAX_REDIRECTS } from './apps/browser';
import { proseText } from './prose';
import type { DecisionStep, Trace } from './trace';

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

describe('browser: following the redirect, and HSTS', () => {
  const URL = 'http://www.example.com/';
  const tcpPorts = (t: Trace) =>
    decodeAll(t)
      .filter((d) => d.step.linkId === 'l10' && d.tcp)
      .map((d) => d.tcp!.repr.dstPort);
  /** The ports of the connections the recorded fetch opens (what the fetch before left open may close inside it). */
  const connectsTo = (t: Trace) =>
    decodeAll(t)
      .filter((d) => d.step.linkId === 'l10' && d.tcp?.repr.flags.syn && !d.tcp.repr.flags.ack)
      .map((d) => d.tcp!.repr.dstPort);
  /** The ports of the requests pc sends (a reused connection sends one without a SYN). */
  const requestsTo = (t: Trace) =>
    decodeAll(t)
      .filter((d) => d.step.linkId === 'l1' && d.step.from.deviceId === 'pc' && d.tcp?.payload.length)
      .map((d) => d.tcp!.repr.dstPort);
  const browserSays = (t: Trace) =>
    t.steps.flatMap((s) => (s.type === 'decision' && s.kind === 'browser' ? [s.summaryMessage?.key ?? s.summary] : []));

  it('cold http:// → 301 → a new connection on 443 → 200 over TLS, and the browser remembers HSTS', () => {
    const t = run(https, { url: URL });
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
    const ports = tcpPorts(t);
    expect(ports).toContain(80);
    expect(ports).toContain(443);
    // the 301 comes first, then the https connection
    const first443 = decodeAll(t).findIndex((d) => d.step.linkId === 'l10' && d.tcp?.repr.dstPort === 443);
    const the301 = fromWeb(t).findIndex(() => true);
    expect(fromWeb(t)[the301].step.index).toBeLessThan(decodeAll(t)[first443].step.index);
    expect(browserSays(t).slice(0, 2)).toEqual(['web.summary.followRedirect', 'web.summary.hstsStored']);
    expect(browserSays(t)).toHaveLength(3); // then the page
    expect(t.outcome.ok && t.outcome.summary).toContain('https://www.example.com/');
    // the 200 over TLS carries the header; the browser's table has the host
    const last = t.stateChanges?.filter((c) => c.deviceId === 'pc' && c.table === 'hsts').at(-1);
    expect(last?.entry).toMatchObject({ host: 'www.example.com', maxAgeSeconds: 31536000 });
    // no DNS question for the second round: the name is known
    const dnsFromPc = decodeAll(t).filter((d) => d.step.from.deviceId === 'pc' && d.dns);
    expect(dnsFromPc.map((d) => d.dns!.questions[0].type)).toEqual([1, 28]);
  });

  it('after a first visit (--before), http:// goes to https:// inside the browser: no frame to port 80 at all', () => {
    const t = run(https, { url: URL, before: [URL] });
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
    // nothing to port 80: the first visit's connection there is only closed by nginx after its keep-alive timeout;
    // the request goes on the first visit's https connection, still open (keep-alive): no new connection at all
    expect(connectsTo(t)).toEqual([]);
    expect(requestsTo(t)).not.toContain(80);
    expect(requestsTo(t)).toContain(443);
    const says = browserSays(t);
    expect(says[0]).toBe('web.summary.hstsUpgrade');
    const upgrade = t.steps.find((s) => s.type === 'decision' && s.summaryMessage?.key === 'web.summary.hstsUpgrade')!;
    expect(upgrade.type === 'decision' && upgrade.summary).toBe(
      'HSTS: 307 Internal Redirect http://www.example.com/ → https://www.example.com/',
    );
    // before any packet of the fetch
    expect(t.steps.findIndex((s) => s.type === 'frame' && s.linkId === 'l10')).toBeGreaterThan(upgrade.index);
    expect(t.initialState?.pc.hsts).toEqual([expect.objectContaining({ host: 'www.example.com' })]);
    // stored during the earlier visit: before the recorded fetch's time 0, as the DNS and HTTP caches' entries are
    expect(t.initialState!.pc.hsts[0].storedAtUs).toBeLessThan(0);
  });

  it('--warm does the same; HSTS runs out after its max-age, and then port 80 is asked again', () => {
    expect(requestsTo(run(https, { url: URL, warm: true }))).not.toContain(80);
    const short = variant(https, (x) => (device(x, 'web', 'server').roles.web!.sites[0].hstsMaxAgeSeconds = 10));
    expect(requestsTo(run(short, { url: URL, before: [URL], pauseSeconds: 5 }))).not.toContain(80);
    // the GET to port 80 goes on the first visit's idle http connection (the one that brought the 301)
    expect(requestsTo(run(short, { url: URL, before: [URL], pauseSeconds: 20 }))).toContain(80);
  });

  it('HSTS is not taken from plain http, and https:// typed goes straight to 443', () => {
    const plain = variant(https, (x) => {
      const site = device(x, 'web', 'server').roles.web!.sites[0];
      delete site.httpsRedirect;
    });
    const t = run(plain, { url: URL, before: [URL] });
    expect(tcpPorts(t)).toContain(80);
    expect(tcpPorts(t)).not.toContain(443);
    const direct = run(https, { url: 'https://www.example.com/' });
    expect(tcpPorts(direct)).not.toContain(80);
    expect(browserSays(direct)[0]).toBe('web.summary.hstsStored');
  });

  it("reads Strict-Transport-Security's max-age as RFC 6797 writes it", () => {
    expect(hstsMaxAge('max-age=31536000')).toBe(31536000);
    expect(hstsMaxAge('max-age="600"; includeSubDomains')).toBe(600);
    expect(hstsMaxAge('includeSubDomains; MAX-AGE = 0')).toBe(0);
    expect(hstsMaxAge('max-age=abc')).toBeUndefined();
    expect(hstsMaxAge(undefined)).toBeUndefined();
    expect(MAX_REDIRECTS).toBe(20);
  });
});

describe('browser: the 20-redirect limit', () => {
  // A classic loop: the cache speaks https to the browser but fetches from web over plain http, and web redirects
  // every plain-http request to https — so every answer sends the browser back to the URL it asked for.
  const loop = variant(
    loadSample('home-to-web-with-cache'),
    (x) => (device(x, 'web', 'server').roles.web!.sites[0].httpsRedirect = true),
  );
  const t = run(loop, { url: 'https://www.example.com/' });
  const decisions = (key: string) =>
    t.steps.filter((s) => s.type === 'decision' && s.summaryMessage?.key === key) as DecisionStep[];

  it('follows 20 redirects, then stops at the 21st with ERR_TOO_MANY_REDIRECTS, as Chrome does', () => {
    expect(MAX_REDIRECTS).toBe(20);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_TOO_MANY_REDIRECTS' });
    // web answered 21 times with its 301; the browser followed the first 20 and gave up on the 21st
    expect(decisions('web.summary.redirect').filter((s) => s.deviceId === 'web')).toHaveLength(21);
    const followed = decisions('web.summary.followRedirect').filter((s) => s.deviceId === 'pc');
    expect(followed.map((s) => (s.explanation as { params?: { count?: number } }).params?.count)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const fromWebToCache = decodeAll(t).filter(
      (d) => d.step.from.deviceId === 'web' && d.tcp?.payload.length && text(d).startsWith('HTTP/1.1 301 '),
    );
    expect(fromWebToCache).toHaveLength(21);
    // nothing is fetched after the browser gives up
    const last = t.steps.findLast((s) => s.type === 'decision' && s.deviceId === 'pc' && s.kind === 'browser')!;
    expect(last.summary).toBe('ERR_TOO_MANY_REDIRECTS');
    expect(last.index).toBeGreaterThan(followed.at(-1)!.index);
  });

  it("the step that ends the fetch is explained as a loop in English and Korean and links to web's redirect setting", () => {
    const last = t.steps.findLast(
      (s): s is DecisionStep => s.type === 'decision' && s.deviceId === 'pc' && s.kind === 'browser',
    )!;
    expect(last.configRef).toEqual({ deviceId: 'web', path: ['roles', 'web', 'sites', 0, 'httpsRedirect'] });
    expect(proseText(last.explanation, 'en')).toBe(
      'https://www.example.com/ redirects to itself: every answer sends the browser back to the same address. ' +
        'After 20 redirects the browser gives up, as Chrome does (ERR_TOO_MANY_REDIRECTS). Typical cause: a proxy ' +
        'that speaks https to the browser but plain http to the origin, while the origin redirects http to https.',
    );
    const korean = proseText(last.explanation, 'ko');
    expect(korean).toContain('https://www.example.com/');
    expect(korean).toContain('20번');
    expect(korean).toMatch(/[가-힣]/);
    expect(korean).not.toMatch(/\{\{|\}\}/);
    expect(t.outcome.ok === false && t.outcome.explanation).toEqual(last.explanation);
  });

  it('a redirect that is not a loop keeps the general words: http → https on home-to-web-https is followed once', () => {
    const once = run(https, { url: 'http://www.example.com/' });
    expect(once.outcome).toMatchObject({ ok: true, status: 200 });
    expect(
      once.steps.filter((s) => s.type === 'decision' && s.summaryMessage?.key === 'web.summary.followRedirect'),
    ).toHaveLength(1);
  });
});
