// The other two samples: a LAN with a hosts file (no DNS at all) and the HTTP cache in front of the web server.
import { describe, expect, it } from 'vitest';
import { stateAt } from './state';
import { decodeAll, frames, loadSample, run } from './testing/helpers';

describe('small-lan', () => {
  const lan = loadSample('small-lan');
  const t = run(lan, { from: 'alice', url: 'http://web.lan/' });

  it('resolves web.lan from the hosts file, sends no DNS, and fetches the page', () => {
    expect(t.outcome).toMatchObject({ ok: true, status: 200, title: 'Small LAN' });
    expect(frames(t).some((f) => f.protocol === 'dns' || f.protocol === 'dhcp')).toBe(false);
    const hosts = t.steps.find((s) => s.type === 'decision' && s.kind === 'hosts-file')!;
    expect(hosts).toMatchObject({ deviceId: 'alice', configRef: { deviceId: 'alice', path: ['hosts', 0] } });
  });

  it('delivers directly on the LAN: alice ARPs for web itself; the switch floods, learns, then forwards', () => {
    expect(frames(t).some((f) => f.summary === 'Who has 192.168.1.80? Tell 192.168.1.10')).toBe(true);
    const floods = t.steps.filter((s) => s.type === 'decision' && s.kind === 'switch' && s.summary.startsWith('flood'));
    expect(floods.length).toBe(1); // only the ARP broadcast; afterwards every address is known
    const syn = decodeAll(t).filter((d) => d.tcp?.repr.flags.syn && !d.tcp.repr.flags.ack);
    expect(syn.map((d) => d.step.to.deviceId)).toEqual(['sw', 'web']);
    expect(syn.every((d) => d.ip!.repr.ttl === 64)).toBe(true);
    expect(stateAt(t, t.steps.length - 1).sw.macTable).toHaveLength(2);
  });

  it('a closed port is refused with RST (ERR_CONNECTION_REFUSED)', () => {
    const refused = run(lan, { from: 'bob', url: 'http://web.lan:8080/' });
    expect(refused.outcome).toMatchObject({ ok: false, error: 'ERR_CONNECTION_REFUSED' });
    expect(decodeAll(refused).some((d) => d.tcp?.repr.flags.rst && d.step.from.deviceId === 'web')).toBe(true);
  });

  it('a missing page is a 404 from the web server', () => {
    const missing = run(lan, { from: 'bob', url: 'http://web.lan/nope' });
    expect(missing.outcome).toMatchObject({ ok: true, status: 404 });
  });
});

describe('home-to-web-with-cache', () => {
  const cached = loadSample('home-to-web-with-cache');

  it('cold: a MISS, and the cache opens its own connection to the origin', () => {
    const t = run(cached);
    expect(t.outcome).toMatchObject({ ok: true, status: 200, title: 'Example Domain' });
    expect(t.steps.some((s) => s.type === 'decision' && s.kind === 'http-cache' && s.summary.startsWith('MISS'))).toBe(
      true,
    );
    const originSyn = decodeAll(t).find(
      (d) => d.tcp?.repr.flags.syn && !d.tcp.repr.flags.ack && d.ip!.repr.dst === '203.0.113.80',
    )!;
    expect(originSyn.ip!.repr.src).toBe('203.0.113.90');
    const toPc = decodeAll(t).find((d) => d.step.linkId === 'l1' && d.step.summary.startsWith('HTTP/1.1 200'))!;
    const text = new TextDecoder().decode(toPc.tcp!.payload);
    expect(text).toContain('X-Cache: MISS');
    expect(text).toContain('Age: 0');
  });

  it('warm: a HIT with an Age header; the origin sees nothing', () => {
    const t = run(cached, { warm: true });
    expect(t.outcome).toMatchObject({ ok: true, status: 200 });
    expect(t.steps.some((s) => s.type === 'decision' && s.kind === 'http-cache' && s.summary.startsWith('HIT'))).toBe(
      true,
    );
    expect(decodeAll(t).some((d) => d.ip?.repr.dst === '203.0.113.80' || d.ip?.repr.src === '203.0.113.80')).toBe(
      false,
    );
    const toPc = decodeAll(t).find((d) => d.step.linkId === 'l1' && d.step.summary.startsWith('HTTP/1.1 200'))!;
    expect(new TextDecoder().decode(toPc.tcp!.payload)).toMatch(/Age: \d+\r\n/);
    expect(stateAt(t, -1).cache.httpCache[0]).toMatchObject({ key: 'www.example.com/', status: 200 });
  });
});
