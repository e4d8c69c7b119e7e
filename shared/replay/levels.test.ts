import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en/replay.json';
import ko from '../i18n/ko/replay.json';
import { blockedTopology, blockedTrace, coldTrace, homeToWeb, warmTrace } from './testing';
import { replayContext } from './context';
import { allFrameItems, DETAIL_LEVELS, viewAtLevel, type ReplayItem } from './levels';
import { captionKeys, captionText } from './captions';
import type { Trace } from '../engine/trace';
import { device, run, variant } from '../engine/testing/helpers';

async function translators() {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { replay: en }, ko: { replay: ko } },
    lng: 'en',
    ns: ['replay'],
    defaultNS: 'replay',
    interpolation: { escapeValue: false },
  });
  return { en: i18n.getFixedT('en', 'replay'), ko: i18n.getFixedT('ko', 'replay'), i18n };
}

const ids = (items: ReplayItem[]) => items.map((i) => i.id.replace(/#\d+$/, '').replace(/:\d+$/, ''));
const keys = (items: ReplayItem[]) => items.map((i) => i.caption.key);

function expectPartition(trace: Trace, items: ReplayItem[]) {
  expect(items[0].first).toBe(0);
  expect(items.at(-1)!.last).toBe(trace.steps.length - 1);
  for (let i = 1; i < items.length; i++) expect(items[i].first).toBe(items[i - 1].last + 1);
  for (const it of items) {
    expect(it.detailStep).toBeGreaterThanOrEqual(it.first);
    expect(it.detailStep).toBeLessThanOrEqual(it.last);
  }
}

function stepsOf(trace: Trace, item: ReplayItem) {
  return trace.steps.slice(item.first, item.last + 1);
}

describe('viewAtLevel: the cold fetch of http://www.example.com/ from pc on home-to-web', () => {
  const trace = coldTrace();
  const ctx = replayContext(trace, homeToWeb);

  it('level 1 is a single item from the address to the page', () => {
    const items = viewAtLevel(trace, 1, ctx);
    expect(items).toHaveLength(1);
    expect(items[0].caption).toEqual({
      key: 'caption.l1.journey',
      params: { host: 'www.example.com', title: 'Example Domain' },
    });
    expectPartition(trace, items);
  });

  it('level 2: type, find the IP, fetch, the page appears', () => {
    const items = viewAtLevel(trace, 2, ctx);
    expect(ids(items)).toEqual(['type', 'lookup', 'fetch', 'page']);
    const lookup = items[1];
    expect(
      stepsOf(trace, lookup)
        .filter((s) => s.type === 'frame')
        .every((s) => s.type === 'frame' && ['dns', 'arp'].includes(s.protocol)),
    ).toBe(true);
    expect(stepsOf(trace, items[0]).some((s) => s.type === 'frame' && s.protocol === 'dhcp')).toBe(true);
  });

  it('level 3 adds going to the IP and port 80; level 4 the request, the response and the browser drawing', () => {
    const l3 = viewAtLevel(trace, 3, ctx);
    expect(ids(l3)).toEqual(['type', 'lookup', 'travel', 'port', 'page']);
    expect(l3[3].caption.params).toMatchObject({ ip: '203.0.113.80', port: 80, path: '/' });
    const l4 = viewAtLevel(trace, 4, ctx);
    expect(ids(l4)).toEqual(['type', 'lookup', 'travel', 'request', 'response', 'render']);
    expect(stepsOf(trace, l4[3]).some((s) => s.type === 'frame' && s.summary.startsWith('GET / HTTP/1.1'))).toBe(true);
    expect(stepsOf(trace, l4[4]).some((s) => s.type === 'frame' && s.summary.startsWith('HTTP/1.1 200 OK'))).toBe(true);
    expect(l4[4].caption.params.status).toBe('200 OK');
  });

  it('level 5 splits DNS: the resolver, the root, the TLD, the authoritative server, the answer', () => {
    const items = viewAtLevel(trace, 5, ctx);
    expect(ids(items)).toEqual([
      'type',
      'dns-query',
      'dns-root',
      'dns-tld',
      'dns-auth',
      'dns-answer',
      'travel',
      'request',
      'response',
      'render',
    ]);
    expect(items.find((i) => i.id === 'dns-root')!.caption.params.dnsServer).toBe('root');
    expect(items.find((i) => i.id === 'dns-tld')!.caption.params.dnsServer).toBe('tld');
    expect(items.find((i) => i.id === 'dns-auth')!.caption.params.dnsServer).toBe('auth');
    expect(items.find((i) => i.id === 'dns-query')!.caption.params.resolver).toBe('resolver');
    // every frame to or from the root server is in the root item
    const root = items.find((i) => i.id === 'dns-root')!;
    for (const s of trace.steps)
      if (s.type === 'frame' && s.linkId === 'l6' && s.protocol === 'dns')
        expect(s.index >= root.first && s.index <= root.last).toBe(true);
  });

  it('level 6 shows SYN, SYN-ACK, ACK, the request, and the close packet by packet', () => {
    const items = viewAtLevel(trace, 6, ctx);
    const k = keys(items);
    expect(k.slice(6, 10)).toEqual(['caption.l6.syn', 'caption.l6.synAck', 'caption.l6.ack', 'caption.l4.request']);
    expect(k.filter((x) => x.startsWith('caption.l6.fin'))).toEqual([
      'caption.l6.fin',
      'caption.l6.fin',
      'caption.l6.finAck',
    ]);
    expect(items.find((i) => i.caption.key === 'caption.l6.syn')!.caption.params).toMatchObject({
      from: 'pc',
      to: 'web',
      flags: 'SYN',
    });
    expectPartition(trace, items);
  });

  it("level 6's page step says what happens to the connection: kept alive until web closes it after nginx's 75 s", async () => {
    const { en, ko } = await translators();
    const render = viewAtLevel(trace, 6, ctx).find((i) => i.id === 'render')!;
    expect(render.caption.key).toBe('caption.l6.renderKeepAlive');
    expect(render.caption.params).toMatchObject({ closer: 'web', seconds: 75 });
    expect(captionText(en, render.caption)).toContain('stays open (HTTP/1.1 keep-alive)');
    expect(captionText(en, render.caption)).toContain('after 75 s with nothing to send, web closes it');
    expect(captionText(ko, render.caption)).toContain('75초가 지나면 web이(가) 연결을 닫는데');
    // The textbook browser (no keep-alive) asks for "Connection: close": nginx closes at once.
    const textbook = variant(homeToWeb, (x) => {
      device(x, 'pc', 'host').browser = { keepAlive: false, maxConnectionsPerHost: 6, connectTimeoutSeconds: 240 };
    });
    const t = run(textbook);
    const closed = viewAtLevel(t, 6, replayContext(t)).find((i) => i.id === 'render')!;
    expect(closed.caption.key).toBe('caption.l6.render');
    expect(closed.caption.params).toMatchObject({ closer: 'web' });
    expect(captionText(en, closed.caption)).toContain('closed next (web sends the first FIN)');
    // A recording that ends while the connection is still open says so (cut off two steps after the page).
    const whole = run(homeToWeb);
    const at = viewAtLevel(whole, 6, replayContext(whole)).find((i) => i.id === 'render')!.last;
    const cut = { ...whole, steps: whole.steps.slice(0, at + 2) };
    const open = viewAtLevel(cut, 6, replayContext(cut)).find((i) => i.id === 'render')!;
    expect(open.caption.key).toBe('caption.l6.renderStaysOpen');
    expect(captionText(ko, open.caption)).toContain('열린 채로 남습니다');
  });

  it('level 7 tells every exchange: each DHCP message, ARP exchange, DNS question and answer, NAT, segment, request and response', () => {
    const items = viewAtLevel(trace, 7, ctx);
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.length).toBeLessThanOrEqual(80);
    const kinds = items.map((i) =>
      i.claim?.subject === 'frame'
        ? i.claim.kind
        : i.claim?.subject === 'decision'
          ? i.claim.decision
          : i.claim?.subject,
    );
    // home's DHCP ping check (dnsmasq's) ARPs for the address before it offers it; nobody answers, and its echo
    // leaves with the offer, when dnsmasq writes pc's address into the ARP table (arp_inject), and pc discards it
    expect(kinds.slice(0, 7)).toEqual([
      'dhcp-discover',
      'arp-request',
      'icmp',
      'dhcp-offer',
      'dhcp-request',
      'dhcp-ack',
      'hosts-file',
    ]);
    expect(items[2].caption.params.what).toEqual({ key: 'what.pingCheck', params: { ip: '192.168.0.100' } });
    expect(kinds.filter((k) => k === 'nat')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'dns-query')).toHaveLength(6); // pc's A and AAAA, then unbound's . NS, com., example.com., www A and AAAA as they group
    expect(kinds.filter((k) => k === 'arp-reply')).toHaveLength(9);
    for (const k of ['tcp-syn', 'tcp-syn-ack', 'http-request', 'http-response', 'tcp-fin', 'browser'] as const)
      expect(kinds).toContain(k);
    const arp = items.find((i) => i.caption.key === 'caption.l7.arpExchange')!;
    expect(arp.caption.params).toMatchObject({ asker: 'pc', target: '192.168.0.1', from: 'home' });
  });

  it('all frames is every frame and decision, DHCP, ARP, hosts file and NAT included', () => {
    const items = allFrameItems(trace, ctx);
    expect(items).toHaveLength(trace.steps.length);
    const k = keys(items);
    expect(k).toContain('caption.l7.decision.hosts-file');
    expect(k).toContain('caption.l7.decision.nat');
    expect(k).toContain('caption.l7.decision.dhcp');
    // (the first ARP request is home's, for the address its DHCP ping check tries; pc's for its gateway follows)
    const arpRequest = items.find(
      (i) =>
        JSON.stringify(i.caption).includes('what.arpRequest') &&
        JSON.stringify(i.caption).includes('"target":"192.168.0.1"'),
    )!;
    expect(arpRequest.caption.params.what).toMatchObject({ params: { target: '192.168.0.1' } });
  });

  it('a DNS answer that arrives is told apart from one given from zone data', async () => {
    const t = await translators();
    const items = allFrameItems(trace, ctx);
    const said = (device: string, kind: string) =>
      items
        .filter((i) => i.caption.key === `caption.l7.decision.${kind}` && i.caption.params.device === device)
        .map((i) => captionText(t.en, i.caption));
    // pc and resolver receive answers; only auth, which holds example.com, answers from its zone
    expect(said('pc', 'dns-result')).toEqual(['pc receives the answer it asked for: www.example.com is 203.0.113.80.']);
    expect(said('resolver', 'dns-result')[0]).toMatch(
      /^resolver receives the answer it asked for: answer from 198\.51\.100\.66/,
    );
    expect(said('pc', 'dns-answer')).toEqual([]);
    expect(said('resolver', 'dns-answer')).toEqual([]);
    expect(said('auth', 'dns-answer')[0]).toMatch(/^auth answers from its zone data: authoritative answer/);
  });

  it('a switch or ARP cache that learns, and a firewall passing return traffic, are not told as lookups', async () => {
    const t = await translators();
    const items = allFrameItems(trace, ctx);
    const text = (i: number) => captionText(t.en, items[i].caption);
    expect(text(1)).toBe(
      'MAC address table of switch sw (which port leads to which address): learned 02:e5:92:f5:ea:e2 on p1.',
    );
    // (home does not learn pc's address from ARP: dnsmasq wrote it into home's ARP table with the offer)
    const learned = items.findIndex(
      (i) =>
        captionText(t.en, i.caption).startsWith('ARP cache of pc') &&
        captionText(t.en, i.caption).includes('learned 192.168.0.1 '),
    );
    expect(text(learned)).toBe(
      'ARP cache of pc (IP address → MAC address): learned 192.168.0.1 is at 02:9c:4b:ee:9c:7d.',
    );
    const returned = items.find(
      (i) =>
        i.caption.key === 'caption.l7.decision.firewall' && captionText(t.en, i.caption).includes('allowed connection'),
    )!;
    expect(captionText(t.en, returned.caption)).toMatch(
      /^Firewall fw checks the packet, known connections first, then its rules in order: tcp 203\.0\.113\.80:80/,
    );
    // in Korean, what the device did is Korean too, not the engine's English summary
    expect(captionText(t.ko, items[1].caption, 'ko')).toBe(
      'sw 스위치의 MAC 주소 테이블(어느 포트 쪽에 어느 주소가 있는지): 02:e5:92:f5:ea:e2를 p1에서 학습',
    );
    expect(captionText(t.ko, returned.caption, 'ko')).toMatch(
      /: tcp 203\.0\.113\.80:80 → [\d.:]+: 허용된 연결의 일부$/,
    );
  });

  it('every level partitions the steps; every caption exists in English and Korean with nothing left unfilled', async () => {
    const t = await translators();
    for (const level of DETAIL_LEVELS) {
      const items = viewAtLevel(trace, level, ctx);
      expectPartition(trace, items);
      for (const item of items) {
        for (const key of captionKeys(item.caption)) {
          expect(t.i18n.exists(key, { lng: 'en', ns: 'replay' }), key).toBe(true);
          expect(t.i18n.exists(key, { lng: 'ko', ns: 'replay' }), key).toBe(true);
        }
        for (const text of [captionText(t.en, item.caption), captionText(t.ko, item.caption)])
          expect(text).not.toMatch(/\{\{|undefined|\[object/);
      }
    }
    expect(captionText(t.ko, viewAtLevel(trace, 2, ctx)[1].caption)).toContain(
      'www.example.com 주소가 가리키는 IP 주소를 찾습니다',
    );
    expect(captionText(t.en, viewAtLevel(trace, 5, ctx)[2].caption)).toBe(
      'resolver does not know the answer yet, so it starts at the top: it asks the root server root, which points it to the servers of the top-level domain.',
    );
  });
});

describe('viewAtLevel: the warm fetch', () => {
  it('a second later: the request on the kept-alive connection, no lookup, no handshake; the request step says so', () => {
    const trace = warmTrace();
    const ctx = replayContext(trace, homeToWeb);
    for (const level of [4, 5, 6] as const) {
      const items = viewAtLevel(trace, level, ctx);
      expect(ids(items).filter((id) => /^(dns|lookup|travel|handshake)/.test(id))).toEqual([]);
      expect(items.find((i) => i.id === 'request')!.caption.key).toBe('caption.l4.requestReused');
      expectPartition(trace, items);
    }
  });

  it('skips what the caches make unnecessary: no DHCP, no iterative DNS', () => {
    // 90 s later: the connection is closed and the browser's host cache empty, so the resolver is asked again.
    const trace = run(homeToWeb, { warm: true, pauseSeconds: 90 });
    const items = viewAtLevel(trace, 5, replayContext(trace, homeToWeb));
    expect(trace.steps.some((s) => s.type === 'frame' && s.protocol === 'dhcp')).toBe(false);
    expect(ids(items)).not.toContain('dns-root');
    expect(ids(items)).toContain('dns-query');
    expect(ids(items)).toContain('dns-answer');
    expectPartition(trace, items);
  });
});

describe('viewAtLevel: the firewall blocks port 80', () => {
  const trace = blockedTrace();
  const ctx = replayContext(trace, blockedTopology);

  it('level 1 says the page did not appear and why', () => {
    const [item] = viewAtLevel(trace, 1, ctx);
    expect(item.caption).toMatchObject({
      key: 'caption.l1.journeyFailed',
      params: { error: 'ERR_CONNECTION_TIMED_OUT' },
    });
  });

  it('from level 2 on, the eleven dropped SYNs are one item keyed on the first drop, and the journey ends with the browser error', () => {
    // and one more drop: pc discards dnsmasq's ping-check echo (it has no address yet), told with DHCP, not here
    const drops = trace.steps.filter((s) => s.type === 'drop');
    expect(drops.map((s) => s.type === 'drop' && s.deviceId)).toEqual(['pc', ...Array(11).fill('fw')]);
    for (const level of [2, 3, 4, 5, 6, 7] as const) {
      const items = viewAtLevel(trace, level, ctx);
      const drops = items.filter((i) => i.caption.key === 'caption.problem.dropRepeated');
      expect(drops).toHaveLength(1);
      expect(drops[0].caption.params).toMatchObject({ from: 'pc', count: 11, seconds: 69, device: 'fw' });
      expect(drops[0].claim).toEqual({
        subject: 'drop',
        device: 'fw',
        reason: 'firewall',
        count: 11,
        kind: 'tcp-syn',
        from: 'pc',
      });
      expect(trace.steps[drops[0].keyStep].type).toBe('drop');
      expect(
        trace.steps
          .filter((s) => s.type === 'drop' && s.deviceId === 'fw')
          .every((s) => s.index >= drops[0].first && s.index <= drops[0].last),
      ).toBe(true);
      expect(items.at(-1)!.caption.key).toBe(level === 7 ? 'caption.l7.decision.browser' : 'caption.pageFailed');
      expectPartition(trace, items);
    }
    const drop = viewAtLevel(trace, 3, ctx).find((i) => i.caption.key === 'caption.problem.dropRepeated')!;
    expect(drop.caption.params).toMatchObject({
      device: 'fw',
      summary: { prose: { key: 'router.summary.denyRule', params: { rule: 'block-web' } } },
    });
  });
});

describe('allFrameItems', () => {
  it('is one item per trace step, each its own key step', () => {
    const trace = coldTrace();
    const items = allFrameItems(trace, replayContext(trace, homeToWeb));
    expect(items).toHaveLength(trace.steps.length);
    expectPartition(trace, items);
    items.forEach((it, i) => {
      expect(it.keyStep).toBe(i);
      expect(it.frames).toEqual(trace.steps[i].type === 'frame' ? [i] : []);
    });
  });
});

describe("the page's sub-resources (home-to-web-page)", async () => {
  const t = await translators();
  const { loadSample, run } = await import('../engine/testing/helpers');
  const trace = run(loadSample('home-to-web-page'));

  it('levels 2–6 tell them as one step before the page is drawn, with the kinds and the connections', () => {
    for (const level of [2, 3, 4, 5, 6] as const) {
      const items = viewAtLevel(trace, level);
      const at = ids(items).indexOf('subresources');
      expect(at, `level ${level}`).toBeGreaterThan(0);
      expect(ids(items).filter((id) => id === 'subresources')).toHaveLength(1);
      expect(ids(items)[at + 1]).toBe(level >= 4 ? 'render' : 'page');
      expect(captionText(t.en, items[at].caption)).toMatch(
        /^The page needs 4 more files \(1 stylesheet, 3 images\), so the browser asks for them at once, over 4 connections: .*up to 6 per host/,
      );
      expect(captionText(t.ko, items[at].caption)).toContain('스타일시트 1개, 이미지 3개');
    }
  });

  it('level 7 tells each exchange with the connection it is on, so parallel handshakes do not fold as repeats', () => {
    const items = viewAtLevel(trace, 7);
    const texts = items.map((i) => captionText(t.en, i.caption));
    const syns = texts.filter(
      (s) => s.startsWith('TCP three-way handshake, 1 of 3') && s.includes('(connection from port'),
    );
    expect(syns).toHaveLength(3);
    expect(new Set(syns).size).toBe(3);
    expect(texts.some((s) => s.includes('(2 times)') && s.includes('handshake'))).toBe(false);
    expect(texts).toContain(
      'pc checks its hosts file before asking DNS: static.example.com not in the hosts file: ask DNS.',
    );
  });
});
