// Chromium's state between two fetches of the same host: the idle keep-alive connection in its socket pool (reused
// for a second fetch until nginx's keepalive_timeout, 75 s, closes it) and its host cache (a resolved name kept
// 60 s, whatever the record's TTL). Real engine, real samples, frames decoded with the wire parsers.
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from './apps/browser';
import { decodeAll, device, loadSample, run, variant } from './testing/helpers';
import type { DecisionStep, Trace } from './trace';

const home = loadSample('home-to-web');
const URL = 'http://www.example.com/';

const synsFromPc = (t: Trace) =>
  decodeAll(t).filter((d) => d.step.linkId === 'l1' && d.step.from.deviceId === 'pc' && d.tcp?.repr.flags.syn);
const requestsFromPc = (t: Trace) =>
  decodeAll(t).filter((d) => d.step.linkId === 'l1' && d.step.from.deviceId === 'pc' && d.tcp?.payload.length);
const dnsFromPc = (t: Trace) => decodeAll(t).filter((d) => d.dns && d.step.from.deviceId === 'pc');
const decision = (t: Trace, key: string) =>
  t.steps.find((s): s is DecisionStep => s.type === 'decision' && s.summaryMessage?.key === key);
/** The earlier fetch's connection: pc's port on the SYN of a cold fetch with the same seed. */
const coldPort = synsFromPc(run(home))[0].tcp!.repr.srcPort;
const withBrowser = (settings: Partial<typeof CHROMIUM>) =>
  variant(home, (x) => (device(x, 'pc', 'host').browser = { ...CHROMIUM, ...settings }));

describe('a second fetch within the keep-alive time reuses the idle connection', () => {
  const warm = run(home, { warm: true });

  it('no SYN, no DNS, no ARP question: the GET goes at once on the first fetch’s connection', () => {
    expect(warm.outcome).toMatchObject({ ok: true, status: 200 });
    expect(synsFromPc(warm)).toEqual([]);
    expect(dnsFromPc(warm)).toEqual([]);
    const [get] = requestsFromPc(warm);
    expect(new TextDecoder().decode(get.tcp!.payload)).toMatch(/^GET \/ HTTP\/1\.1\r\nHost: www\.example\.com\r\n/);
    expect(get.tcp!.repr.srcPort).toBe(coldPort);
    // The first frame of the recorded fetch is that request.
    expect(decodeAll(warm)[0].step.index).toBe(get.step.index);
  });

  it('the decision says so, linked to the keep-alive setting, before the request; the socket pool comes before any lookup', () => {
    const reuse = decision(warm, 'web.summary.reuseConnection')!;
    expect(reuse).toMatchObject({ deviceId: 'pc', configRef: { deviceId: 'pc', path: ['browser', 'keepAlive'] } });
    expect(reuse.summary).toBe(`reuse the idle connection :${coldPort} to http://www.example.com`);
    expect(reuse.index).toBeLessThan(requestsFromPc(warm)[0].step.index);
    expect(decision(warm, 'web.summary.hostCache')).toBeUndefined();
    expect(decision(warm, 'web.summary.askDns')).toBeUndefined();
  });

  it('nginx restarts its 75 s on the new request and closes the connection 75 s after the second response', () => {
    const fins = decodeAll(warm).filter(
      (d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp?.repr.flags.fin,
    );
    expect(fins).toHaveLength(1);
    const response = decodeAll(warm).find(
      (d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp?.payload.length,
    )!;
    expect(fins[0].step.timeUs - response.step.timeUs).toBeGreaterThanOrEqual(75e6);
    expect(fins[0].step.timeUs - response.step.timeUs).toBeLessThan(75.01e6);
  });

  it('a stateful firewall lets the established connection through a deny added between the fetches (a new SYN would be dropped)', () => {
    const t = run(home, { before: [URL], thenSet: [{ device: 'fw', path: 'rules[0].action', value: 'deny' }] });
    expect(t.outcome.ok).toBe(true);
    expect(t.steps.some((s) => s.type === 'drop')).toBe(false);
    expect(
      t.steps.some(
        (s) => s.type === 'decision' && s.deviceId === 'fw' && s.summary.includes('part of an allowed connection'),
      ),
    ).toBe(true);
  });

  it('65 s later the host cache has let the name go but the connection is still open (75 s): reused, still no lookup', () => {
    const t = run(home, { before: [URL], pauseSeconds: 65 });
    expect(synsFromPc(t)).toEqual([]);
    expect(dnsFromPc(t)).toEqual([]);
    expect(decision(t, 'web.summary.reuseConnection')).toBeDefined();
  });

  it('90 s later nginx has closed it and the host cache is empty: a new connection from a new port, and the stub asks the resolver', () => {
    const t = run(home, { before: [URL], pauseSeconds: 90 });
    const [syn] = synsFromPc(t);
    expect(syn.tcp!.repr.srcPort).not.toBe(coldPort);
    expect(dnsFromPc(t).map((d) => d.dns!.questions[0].type)).toEqual([1, 28]);
    expect(decision(t, 'web.summary.reuseConnection')).toBeUndefined();
    expect(decision(t, 'web.summary.hostCache')).toBeUndefined();
    // Its entry is past its 60 s when the fetch begins (Chromium, too, drops a stale entry only when it is looked up).
    const [entry] = t.initialState!.pc.hostCache;
    expect(entry.storedAtUs + entry.ttl * 1e6).toBeLessThan(0);
  });

  it('over https the request rides the kept-alive TLS connection: no ClientHello, only Application Data', () => {
    const t = run(home, { url: 'https://www.example.com/', warm: true });
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
    expect(synsFromPc(t)).toEqual([]);
    const records = requestsFromPc(t).map((d) => d.tcp!.payload[0]);
    expect(records).toEqual([23]); // one TLS record, content type 23 (application_data)
  });
});

describe("Chromium's host cache: a name found is kept 60 s, whatever the record's TTL", () => {
  it('recorded in the hostCache table when found, with the 60 s, and linked to browser.hostCacheSeconds when it answers', () => {
    const cold = run(home);
    const stored = cold.stateChanges!.find((c) => c.deviceId === 'pc' && c.table === 'hostCache')!;
    expect(stored.entry).toMatchObject({ name: 'www.example.com', ip: '203.0.113.80', ttl: 60 });
    // Without keep-alive each fetch needs a new connection: the second one a second later finds the name in the cache.
    const t = run(withBrowser({ keepAlive: false }), { warm: true });
    expect(dnsFromPc(t)).toEqual([]);
    expect(synsFromPc(t)).toHaveLength(1);
    const hit = decision(t, 'web.summary.hostCache')!;
    expect(hit).toMatchObject({
      kind: 'hosts-file',
      configRef: { deviceId: 'pc', path: ['browser', 'hostCacheSeconds'] },
    });
    expect(hit.summary).toBe('host cache: www.example.com → 203.0.113.80');
    expect(t.initialState!.pc.hostCache).toEqual([expect.objectContaining({ name: 'www.example.com', ttl: 60 })]);
    expect(t.initialState!.pc.hostCache[0].storedAtUs).toBeLessThan(0);
  });

  it('after 60 s the entry is gone: the stub asks again (and the resolver answers from its own cache)', () => {
    const t = run(withBrowser({ keepAlive: false }), { before: [URL], pauseSeconds: 61 });
    expect(decision(t, 'web.summary.hostCache')).toBeUndefined();
    expect(dnsFromPc(t).map((d) => d.dns!.questions[0].type)).toEqual([1, 28]);
  });

  it('the textbook: hostCacheSeconds 0 keeps nothing, so every fetch asks the resolver', () => {
    const textbook = withBrowser({ keepAlive: false, hostCacheSeconds: 0 });
    const cold = run(textbook);
    expect(cold.stateChanges!.some((c) => c.table === 'hostCache')).toBe(false);
    const t = run(textbook, { warm: true });
    expect(dnsFromPc(t).map((d) => d.dns!.questions[0].type)).toEqual([1, 28]);
    const said = cold.steps.find((s) => s.type === 'decision' && s.summaryMessage?.key === 'web.summary.resolved')!;
    expect(JSON.stringify(said.explanation)).toContain('web.browser.hostCacheOff');
  });
});

describe('a same-origin redirect rides the connection that brought it (Chromium reuses the idle socket)', () => {
  // web's nginx: `location = /old { return 301 /; }` (a page with status 301 and a location).
  const moved = (status = 301, location = '/') =>
    variant(home, (x) =>
      device(x, 'web', 'server').roles.web!.sites[0].pages.push({
        path: '/old',
        status,
        contentType: 'text/html',
        body: '',
        location,
      }),
    );
  const text = (d: { tcp?: { payload: Uint8Array } }) => new TextDecoder().decode(d.tcp!.payload);
  const undated = (s: string) => s.replace(/\r\nDate: [^\r]+\r\n/, '\r\nDate: <date>\r\n');
  const fromWeb = (t: Trace) =>
    decodeAll(t).filter((d) => d.step.linkId === 'l10' && d.step.from.deviceId === 'web' && d.tcp?.payload.length);
  /** nginx 1.22.1 (server_tokens off) answering `return STATUS /` on port 80, read on this machine, Date aside. */
  const nginx = (line: string, title: string, length: number) =>
    `HTTP/1.1 ${line}\r\nServer: nginx\r\nDate: <date>\r\nContent-Type: text/html\r\nContent-Length: ${length}\r\n` +
    'Location: http://www.example.com/\r\nConnection: keep-alive\r\n\r\n' +
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

  it("nginx answers /old with its own 301 page and Location made absolute, before Connection, linked to the page's location", () => {
    const t = run(moved(), { url: 'http://www.example.com/old' });
    expect(undated(text(fromWeb(t)[0]))).toBe(nginx('301 Moved Permanently', '301 Moved Permanently', 162));
    expect(decision(t, 'web.summary.pageRedirect')).toMatchObject({
      deviceId: 'web',
      summary: '/old → 301 to http://www.example.com/',
      configRef: { deviceId: 'web', path: ['roles', 'web', 'sites', 0, 'pages', 1, 'location'] },
    });
  });

  it("a 302 is nginx's 302 Moved Temporarily, its page titled 302 Found; a 200 page's location is not a redirect", () => {
    const found = run(moved(302), { url: 'http://www.example.com/old' });
    expect(undated(text(fromWeb(found)[0]))).toBe(nginx('302 Moved Temporarily', '302 Found', 138));
    const page = run(moved(200), { url: 'http://www.example.com/old' });
    expect(text(fromWeb(page)[0])).not.toContain('Location');
    expect(page.outcome).toMatchObject({ ok: true, status: 200 });
  });

  it('one SYN: GET /old and then GET / leave from the same port; no second lookup, no handshake', () => {
    const t = run(moved(), { url: 'http://www.example.com/old' });
    expect(t.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    const [syn, ...more] = synsFromPc(t);
    expect(more).toEqual([]);
    const gets = requestsFromPc(t);
    expect(gets.map((d) => text(d).split('\r\n')[0])).toEqual(['GET /old HTTP/1.1', 'GET / HTTP/1.1']);
    expect(gets.map((d) => d.tcp!.repr.srcPort)).toEqual([syn.tcp!.repr.srcPort, syn.tcp!.repr.srcPort]);
    expect(dnsFromPc(t).filter((d) => d.dns!.questions[0].type === 1)).toHaveLength(1);
    const follow = decision(t, 'web.summary.followRedirect')!;
    expect(JSON.stringify(follow.explanation)).toContain('web.browser.followRedirectReuse');
    expect(follow.configRef).toEqual({ deviceId: 'pc', path: ['browser', 'keepAlive'] });
    expect(decision(t, 'web.summary.reuseConnection')!.index).toBeLessThan(gets[1].step.index);
  });

  it('the textbook (keep-alive off): nginx closes after the 301, so the redirect opens a new connection from a new port', () => {
    const off = variant(moved(), (x) => (device(x, 'pc', 'host').browser = { ...CHROMIUM, keepAlive: false }));
    const t = run(off, { url: 'http://www.example.com/old' });
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
    const ports = synsFromPc(t).map((d) => d.tcp!.repr.srcPort);
    expect(ports).toHaveLength(2);
    expect(ports[0]).not.toBe(ports[1]);
    expect(decision(t, 'web.summary.reuseConnection')).toBeUndefined();
  });
});

describe("the page's sub-resource connections wait in the socket pool, and the next fetch reuses them", () => {
  const paged = loadSample('home-to-web-page');
  const portsOf = (t: Trace) => [...new Set(requestsFromPc(t).map((d) => d.tcp!.repr.srcPort))].sort();

  it('a second visit a second later: no SYN, no DNS; the page and its 4 files ride the 4 connections of the first', () => {
    const cold = run(paged);
    const warm = run(paged, { warm: true });
    expect(warm.outcome).toMatchObject({ ok: true, status: 200 });
    expect(warm.outcome.ok && warm.outcome.resources!.every((r) => r.status === 200)).toBe(true);
    expect(synsFromPc(warm)).toEqual([]);
    expect(dnsFromPc(warm)).toEqual([]);
    expect(requestsFromPc(warm)).toHaveLength(5);
    expect(portsOf(warm)).toEqual(portsOf(cold));
    expect(portsOf(warm)).toHaveLength(4);
    const plan = warm.steps.filter(
      (s): s is DecisionStep => s.type === 'decision' && s.summaryMessage?.key === 'web.page.summary.plan',
    );
    expect(plan.map((s) => JSON.stringify(s.explanation))).toEqual([
      expect.stringContaining('web.page.planPooled'),
      expect.stringContaining('web.page.planPooled'),
    ]);
  });

  it('90 s later nginx has closed them all: new connections again, the textbook keep-alive off never pools', () => {
    const late = run(paged, { before: ['http://www.example.com/'], pauseSeconds: 90 });
    expect(synsFromPc(late)).toHaveLength(4);
    const off = variant(paged, (x) => (device(x, 'pc', 'host').browser = { ...CHROMIUM, keepAlive: false }));
    expect(synsFromPc(run(off, { warm: true })).length).toBeGreaterThan(0);
    expect(decision(run(off, { warm: true }), 'web.summary.reuseConnection')).toBeUndefined();
  });
});
