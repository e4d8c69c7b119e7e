// The page's sub-resources (issue 17): found in the HTML, fetched over at most browser.maxConnectionsPerHost
// connections per host, one request at a time on each, the page's kept-alive connection reused; failures reported
// without failing the page; the same bytes for the same seed; tshark reads the images.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../model/schema';
import { traceToPcapng } from './pcap';
import { proseText } from './prose';
import { DEFAULT_MAX_STEPS } from './simulate';
import { decodeAll, device, loadSample, run, variant, type Decoded } from './testing/helpers';
import type { DecisionStep, Trace } from './trace';

const PAGE =
  '<!doctype html><html><head><title>With pictures</title><link rel="stylesheet" href="/style.css"></head>' +
  '<body><img src="/logo.png"><img src="photo.gif"><img src="/missing.png">' +
  '<img src="http://static.example.com/banner.png"><script src="/app.js"></script></body></html>';

function withPage(html = PAGE, edit?: (t: Topology) => void): Topology {
  return variant(loadSample('home-to-web'), (t) => {
    const site = device(t, 'web', 'server').roles.web!.sites[0];
    site.pages[0].body = html;
    site.pages.push(
      { path: '/style.css', status: 200, contentType: 'text/css', body: 'body { font-family: sans-serif }\n' },
      { path: '/app.js', status: 200, contentType: 'text/javascript', body: '', size: 900 },
      { path: '/logo.png', status: 200, contentType: 'image/png', body: '', size: 3000 },
      { path: '/photo.gif', status: 200, contentType: 'image/gif', body: '', size: 5000 },
    );
    edit?.(t);
  });
}

/** pc's HTTP on its own link: per TCP connection (pc's port), the requests and responses in order. */
function httpOnPc(trace: Trace) {
  const rows = decodeAll(trace).filter((d): d is Decoded & { tcp: NonNullable<Decoded['tcp']> } => {
    return d.step.linkId === 'l1' && d.tcp !== undefined;
  });
  const text = (d: Decoded) => new TextDecoder().decode(d.tcp!.payload);
  const byPort = new Map<number, string[]>();
  const events: { port: number; what: string; index: number }[] = [];
  for (const d of rows) {
    const fromPc = d.step.from.deviceId === 'pc';
    const port = fromPc ? d.tcp.repr.srcPort : d.tcp.repr.dstPort;
    const first = text(d).split('\r\n')[0];
    let what: string | undefined;
    if (d.tcp.repr.flags.syn && !d.tcp.repr.flags.ack) what = 'SYN';
    else if (fromPc && first.startsWith('GET ')) what = first.split(' ')[1];
    else if (!fromPc && first.startsWith('HTTP/1.1 ')) what = first.slice(9);
    if (!what) continue;
    if (!byPort.has(port)) byPort.set(port, []);
    byPort.get(port)!.push(what);
    events.push({ port, what, index: d.step.index });
  }
  return { byPort, events };
}

const pcDecisions = (t: Trace) =>
  t.steps.filter((s): s is DecisionStep => s.type === 'decision' && s.deviceId === 'pc');

describe('sub-resources over parallel connections', () => {
  const trace = run(withPage());

  it('the page is a success and the outcome lists every sub-resource: loaded, 404, not resolved', () => {
    expect(trace.outcome.ok).toBe(true);
    if (!trace.outcome.ok) return;
    expect(trace.outcome.status).toBe(200);
    expect(trace.outcome.resources!.map((r) => [r.url, r.status ?? r.error])).toEqual([
      ['http://www.example.com/style.css', 200],
      ['http://www.example.com/logo.png', 200],
      ['http://www.example.com/photo.gif', 200],
      ['http://www.example.com/missing.png', 404],
      ['http://static.example.com/banner.png', 'ERR_NAME_NOT_RESOLVED'],
      ['http://www.example.com/app.js', 200],
    ]);
    expect(trace.outcome.resources!.map((r) => r.bytes)).toEqual([33, 3000, 5000, 146, undefined, 900]);
    expect(trace.outcome.summary).toContain("Of the page's 6 sub-resources 4 loaded");
    expect(trace.outcome.summary).toContain('Not loaded: http://www.example.com/missing.png (404 Not Found).');
    expect(proseText(trace.outcome.explanation!, 'ko')).toContain('하위 리소스 6개 중 4개');
  });

  it('requests the stylesheet first, then the script, then the images, on the page connection and new ones', () => {
    const { byPort, events } = httpOnPc(trace);
    const requests = events.filter((e) => e.what.startsWith('/')).map((e) => e.what);
    expect(requests).toEqual(['/', '/style.css', '/app.js', '/logo.png', '/photo.gif', '/missing.png']);
    const [pagePort] = byPort.keys();
    // The page's connection carries the stylesheet right away (keep-alive); 4 more requests open 4 more connections.
    expect(byPort.get(pagePort)!.slice(0, 4)).toEqual(['SYN', '/', '200 OK', '/style.css']);
    expect(byPort.size).toBe(5);
    for (const [port, seq] of byPort) {
      if (port === pagePort) continue;
      expect(seq[0]).toBe('SYN');
    }
  });

  it('carries one request at a time on each connection (HTTP/1.1, no pipelining)', () => {
    for (const seq of httpOnPc(trace).byPort.values()) {
      const http = seq.filter((s) => s !== 'SYN');
      http.forEach((what, i) => expect(what.startsWith('/')).toBe(i % 2 === 0));
      expect(http.length % 2).toBe(0);
    }
  });

  it('explains the plan with a link to browser.maxConnectionsPerHost, and looks the other host up in DNS', () => {
    const plan = pcDecisions(trace).find((d) => d.configRef?.path.join('.') === 'browser.maxConnectionsPerHost')!;
    expect(plan.summary).toBe('5 from http://www.example.com over up to 5 connections');
    expect(proseText(plan.explanation)).toMatch(/at most 6 at once .*browser\.maxConnectionsPerHost/);
    expect(proseText(plan.explanation, 'ko')).toContain('최대 6개');
    expect(pcDecisions(trace).map((d) => d.summary)).toContain('static.example.com not in the hosts file: ask DNS');
    const dnsQuestions = decodeAll(trace)
      .filter((d) => d.step.linkId === 'l1' && d.dns && !d.dns.flags.qr)
      .map((d) => d.dns!.questions[0].name);
    expect(dnsQuestions).toEqual(['www.example.com', 'www.example.com', 'static.example.com', 'static.example.com']);
  });

  it('sends Chromium-like headers: Accept by kind, Referer the page', () => {
    const get = (path: string) =>
      decodeAll(trace)
        .map((d) => (d.tcp && d.step.linkId === 'l1' ? new TextDecoder().decode(d.tcp.payload) : ''))
        .find((s) => s.startsWith(`GET ${path} `))!;
    expect(get('/style.css')).toContain('\r\nAccept: text/css,*/*;q=0.1\r\nReferer: http://www.example.com/\r\n');
    expect(get('/logo.png')).toContain(
      '\r\nAccept: image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8\r\n',
    );
    expect(get('/app.js')).toContain('\r\nAccept: */*\r\n');
  });

  it('ends the journey only when every connection has closed (nginx after 75 s of idle)', () => {
    const fins = decodeAll(trace).filter((d) => d.step.linkId === 'l1' && d.tcp?.repr.flags.fin);
    expect(fins).toHaveLength(10);
    expect(fins.every((d) => d.step.timeUs > 75_000_000)).toBe(true);
    expect(trace.stopReason).toBe('done');
  });

  it('gives the same bytes for the same seed, and another seed other ports', () => {
    const again = run(withPage());
    expect(again.steps.length).toBe(trace.steps.length);
    expect(traceToPcapng(again)).toEqual(traceToPcapng(trace));
    const other = [...httpOnPc(run(withPage(), { seed: 2 })).byPort.keys()];
    expect(other).not.toEqual([...httpOnPc(trace).byPort.keys()]);
  });

  it("every link's capture opens in tshark with no malformed frame; tshark decodes the PNG and GIF bodies", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pj-subres-'));
    // Per link, as the app exports a link: the whole capture holds every link, so tshark's TCP analysis (which does
    // not tell interfaces apart) sees each segment of a multi-segment response once per link, out of order.
    const read = (linkId: string, ...args: string[]) => {
      const file = join(dir, `${linkId}.pcapng`);
      writeFileSync(file, traceToPcapng(trace, { linkIds: [linkId] }));
      return execFileSync(
        'tshark',
        ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', ...args],
        {
          encoding: 'utf8',
        },
      );
    };
    const used = [...new Set(trace.steps.flatMap((s) => (s.type === 'frame' ? [s.linkId] : [])))];
    expect(used.length).toBeGreaterThan(5);
    for (const linkId of used)
      expect(read(linkId, '-Y', '_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0').trim()).toBe(
        '',
      );
    const images = read(
      'l1',
      '-Y',
      'png || image-gif',
      '-T',
      'fields',
      '-e',
      'http.content_type',
      '-e',
      'png.ihdr.width',
      '-e',
      'image-gif.version',
    )
      .trim()
      .split('\n');
    expect(images).toEqual(['image/png\t1\t', 'image/gif\t\tGIF89a']);
  });
});

describe('the limit and its edges', () => {
  it('with maxConnectionsPerHost 2 it never has more than 2 connections to the host; requests wait their turn', () => {
    const t = withPage(PAGE, (x) => {
      device(x, 'pc', 'host').browser = { keepAlive: true, maxConnectionsPerHost: 2, connectTimeoutSeconds: 240 };
    });
    const trace = run(t);
    const { byPort } = httpOnPc(trace);
    expect(byPort.size).toBe(2);
    const carried = [...byPort.values()].flatMap((seq) => seq.filter((s) => s.startsWith('/')));
    expect(carried.sort()).toEqual(['/', '/app.js', '/logo.png', '/missing.png', '/photo.gif', '/style.css']);
    const plan = pcDecisions(trace).find((d) => d.configRef?.path.join('.') === 'browser.maxConnectionsPerHost')!;
    expect(plan.summary).toBe('5 from http://www.example.com over up to 2 connections');
  });

  it('with maxConnectionsPerHost 1 everything goes on the page connection, in priority order', () => {
    const t = withPage(PAGE, (x) => {
      device(x, 'pc', 'host').browser = { keepAlive: true, maxConnectionsPerHost: 1, connectTimeoutSeconds: 240 };
    });
    const seq = [...httpOnPc(run(t)).byPort.values()];
    expect(seq).toHaveLength(1);
    expect(seq[0].filter((s) => s.startsWith('/'))).toEqual([
      '/',
      '/style.css',
      '/app.js',
      '/logo.png',
      '/photo.gif',
      '/missing.png',
    ]);
  });

  it('keep-alive off (the textbook): every file on its own new connection, "Connection: close"', () => {
    const t = withPage(PAGE, (x) => {
      device(x, 'pc', 'host').browser = { keepAlive: false, maxConnectionsPerHost: 6, connectTimeoutSeconds: 240 };
    });
    const trace = run(t);
    const { byPort } = httpOnPc(trace);
    expect(byPort.size).toBe(6);
    for (const seq of byPort.values()) expect(seq.filter((s) => s.startsWith('/'))).toHaveLength(1);
    expect(trace.outcome.ok).toBe(true);
  });

  it('two files: the page connection takes the first, one new connection the second', () => {
    const trace = run(withPage('<link rel=stylesheet href=/style.css><script src=/app.js></script>'));
    const seqs = [...httpOnPc(trace).byPort.values()];
    expect(seqs).toEqual([
      ['SYN', '/', '200 OK', '/style.css', '200 OK'],
      ['SYN', '/app.js', '200 OK'],
    ]);
    const plan = pcDecisions(trace).find((d) => d.configRef?.path.join('.') === 'browser.maxConnectionsPerHost')!;
    expect(proseText(plan.explanation)).toContain(
      'the first request goes on it at once, without a new handshake; 1 new',
    );
  });

  it('a page without references behaves as before: no sub-resource step, no resources in the outcome', () => {
    const trace = run(loadSample('home-to-web'));
    expect(trace.outcome.ok && trace.outcome.resources).toBeUndefined();
    expect(pcDecisions(trace).some((d) => d.configRef?.path.join('.') === 'browser.maxConnectionsPerHost')).toBe(false);
  });

  it('a host of the page that does not resolve fails only its files; a port the firewall drops times out, only for its file', () => {
    const html =
      '<img src="http://nowhere.example.com/a.png"><img src="http://www.example.com:8080/b.png"><img src="/logo.png">';
    const trace = run(withPage(html));
    expect(trace.outcome.ok).toBe(true);
    if (!trace.outcome.ok) return;
    expect(trace.outcome.resources!.map((r) => r.status ?? r.error)).toEqual([
      'ERR_NAME_NOT_RESOLVED',
      'ERR_CONNECTION_TIMED_OUT',
      200,
    ]);
  });

  it('a page of 60 images stays well inside the step budget', () => {
    const many = Array.from({ length: 60 }, (_, i) => `<img src="/i${i}.png">`).join('');
    const t = withPage(many, (x) => {
      const site = device(x, 'web', 'server').roles.web!.sites[0];
      for (let i = 0; i < 60; i++)
        site.pages.push({ path: `/i${i}.png`, status: 200, contentType: 'image/png', body: '', size: 1200 });
    });
    const trace = run(t);
    expect(trace.stopReason).toBe('done');
    expect(trace.outcome.ok && trace.outcome.resources!.every((r) => r.status === 200)).toBe(true);
    expect(httpOnPc(trace).byPort.size).toBe(6);
    expect(trace.steps.length).toBeLessThan(DEFAULT_MAX_STEPS / 2);
  });
});

describe('sub-resources over https', () => {
  const trace = run(loadSample('home-to-web-page'), { url: 'https://www.example.com/' });
  const onPc = decodeAll(trace).filter((d) => d.step.linkId === 'l1' && d.tcp);
  const text = (d: Decoded) => new TextDecoder('latin1').decode(d.tcp!.payload);

  it("loads every file over TLS, the page's connection reused, each new connection with its own handshake and SNI", () => {
    expect(trace.outcome.ok && trace.outcome.resources!.map((r) => [r.url, r.status])).toEqual([
      ['https://www.example.com/style.css', 200],
      ['https://www.example.com/logo.png', 200],
      ['https://www.example.com/photo.png', 200],
      // written http:// in the page: Chromium upgrades mixed-content images
      ['https://static.example.com/banner.png', 200],
    ]);
    const syns = onPc.filter((d) => d.tcp!.repr.flags.syn && !d.tcp!.repr.flags.ack);
    expect(syns.every((d) => d.tcp!.repr.dstPort === 443)).toBe(true);
    const hellos = onPc.filter((d) => d.step.summary.startsWith('Client Hello'));
    expect(hellos).toHaveLength(syns.length);
    expect(hellos.map((d) => d.step.summary.match(/SNI=([^)]+)/)![1]).sort()).toEqual([
      'static.example.com',
      ...Array(syns.length - 1).fill('www.example.com'),
    ]);
    // no HTTP in the clear on pc's link
    expect(onPc.some((d) => /^(GET |HTTP\/1\.1 )/.test(text(d)))).toBe(false);
    // every session's keys are in the key log (one CLIENT_HANDSHAKE_TRAFFIC_SECRET per connection)
    expect(trace.tlsKeyLog!.match(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET /gm)).toHaveLength(syns.length);
    const mixed = pcDecisions(trace).find((d) => d.summary === 'the page needs 4 more files')!;
    expect(proseText(mixed.explanation)).toContain('upgrades its http:// images to https://');
  });

  it('a connection whose request another one took first is never used, and Chromium closes it after 10 s', () => {
    const unused = trace.steps.find(
      (s) => s.type === 'frame' && s.from.deviceId === 'pc' && proseText(s.explanation).includes('it was never used'),
    );
    expect(unused).toBeDefined();
    const found = pcDecisions(trace).find((d) => d.summary === 'the page needs 4 more files')!;
    expect(unused!.timeUs - found.timeUs).toBeGreaterThan(10_000_000);
    expect(unused!.timeUs - found.timeUs).toBeLessThan(12_000_000);
  });

  it('an http:// script or stylesheet on an https:// page is blocked without a request', () => {
    const t = variant(loadSample('home-to-web-page'), (x) => {
      const page = device(x, 'web', 'server').roles.web!.sites[0].pages[0];
      page.body = page.body.replace('</head>', '<script src="http://www.example.com/app.js"></script></head>');
    });
    const blocked = run(t, { url: 'https://www.example.com/' });
    expect(blocked.outcome.ok && blocked.outcome.resources!.find((r) => r.url.endsWith('/app.js'))).toEqual({
      url: 'http://www.example.com/app.js',
      kind: 'script',
      error: 'blocked:mixed-content',
    });
    const asked = decodeAll(blocked).filter((d) => d.tcp && d.tcp.repr.dstPort === 80 && d.step.linkId === 'l1');
    expect(asked).toHaveLength(0);
  });
});
