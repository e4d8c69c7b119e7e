// Networks made to loop, and names written the way people type them: each must end early with the real reason.
import { describe, expect, it } from 'vitest';
import { device, frames, loadSample, run, variant, withStaticNas } from './testing/helpers';
import type { DecisionStep, Trace } from './trace';
import { proseText } from './prose';

const withCache = loadSample('home-to-web-with-cache');
const home = loadSample('home-to-web');
const decisions = (t: Trace): DecisionStep[] => t.steps.filter((s): s is DecisionStep => s.type === 'decision');

describe('two HTTP caches fetching from each other', () => {
  const loop = variant(withCache, (x) => {
    device(x, 'web', 'server').roles = {
      cache: { port: 80, origin: '203.0.113.90', originPort: 80, maxAgeSeconds: 60 },
    };
  });

  it('the cache that finds its own name in Via stops the loop with 508 Loop Detected, long before the step limit', () => {
    const t = run(loop);
    expect(t.stopReason).toBe('done');
    expect(t.steps.length).toBeLessThan(600); // the keep-alive connections close after 75 s, and that is all
    expect(t.outcome).toMatchObject({ ok: true, status: 508, statusText: 'Loop Detected' });
    const detected = decisions(t).find((d) => d.summaryMessage?.key === 'web.summary.cacheLoop')!;
    expect(detected.deviceId).toBe('cache');
    expect(detected.summary).toBe('LOOP: Via already names cache');
    expect(proseText(detected.explanation)).toContain('"Via: 1.1 cache, 1.1 web"');
    // The request went cache → web → cache once, and no further.
    const requests = frames(t).filter((f) => f.summary.startsWith('GET / HTTP/1.1'));
    const vias = new Set(
      requests.map((f) => /\r\nVia: ([^\r]*)\r\n/.exec(new TextDecoder().decode(f.bytes))?.[1] ?? ''),
    );
    expect([...vias]).toEqual(['', '1.1 cache', '1.1 cache, 1.1 web']);
  });
});

describe('names', () => {
  it('a CNAME loop is reported as a CNAME loop, not as a name without an address', () => {
    const t = run(
      variant(home, (x) => {
        const zone = device(x, 'auth', 'server').roles.dns!.zones[0];
        zone.records = zone.records.filter((r) => !(r.name === 'www.example.com.' && r.type === 'A'));
        zone.records.push(
          { name: 'www.example.com.', type: 'CNAME', value: 'web.example.com.', ttl: 300 },
          { name: 'web.example.com.', type: 'CNAME', value: 'www.example.com.', ttl: 300 },
        );
      }),
    );
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
    expect(t.outcome.summary).toBe(
      'www.example.com could not be resolved: its CNAME records form a loop (www.example.com → web.example.com → www.example.com), so no address can be found.',
    );
  });

  it('http://www.example.com./ (a trailing dot, an absolute name) fetches the page as a browser does', () => {
    const t = run(home, { url: 'http://www.example.com./' });
    expect(t.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    // nothing of the fetch is dropped: the one drop is pc discarding dnsmasq's ping-check echo before it has an address
    expect(t.steps.filter((s) => s.type === 'drop').map((s) => s.type === 'drop' && [s.deviceId, s.reason])).toEqual([
      ['pc', 'not-for-me'],
    ]);
    // Chrome keeps the dot in the Host header; the server matches its site without it (as nginx does).
    const request = frames(t).find((f) => f.summary.startsWith('GET / HTTP/1.1'))!;
    expect(new TextDecoder().decode(request.bytes)).toContain('\r\nHost: www.example.com.\r\n');
  });
});

describe('a DHCP pool of one address that a device uses statically', () => {
  // Before dnsmasq's ping check the server handed the address out a second time (what pingCheck: false still does).
  const taken = variant(home, (x) => {
    const router = device(x, 'home', 'router');
    router.dhcp!.poolStart = '192.168.0.100';
    router.dhcp!.poolEnd = '192.168.0.100';
    withStaticNas(x);
  });

  it('is not offered: the address answers the ping, nothing else is free, and pc says it got no address', () => {
    const t = run(taken);
    expect(frames(t).some((f) => f.summary.startsWith('DHCP Offer'))).toBe(false);
    expect(
      decisions(t).some((d) => d.deviceId === 'home' && d.summary === '192.168.0.100 is in use: try the next'),
    ).toBe(true);
    expect(decisions(t).some((d) => d.deviceId === 'pc' && d.summary.startsWith('bound'))).toBe(false);
    expect(t.outcome).toMatchObject({ ok: false, error: 'ERR_INTERNET_DISCONNECTED' });
    expect(t.outcome.explanation).toMatchObject({ key: 'outcome.dhcpFailed', params: { host: 'pc' } });
  });
});
