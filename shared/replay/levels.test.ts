import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../i18n/en/replay.json';
import ko from '../i18n/ko/replay.json';
import { miniJourney, miniTopology } from './fixtures/miniJourney';
import { replayContext } from './context';
import { DETAIL_LEVELS, viewAtLevel, type ReplayItem } from './levels';
import { captionKeys, captionText } from './captions';
import type { Trace } from '../engine/trace';

async function translators() {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { replay: en }, ko: { replay: ko } }, lng: 'en', ns: ['replay'], defaultNS: 'replay', interpolation: { escapeValue: false } });
  return { en: i18n.getFixedT('en', 'replay'), ko: i18n.getFixedT('ko', 'replay'), i18n };
}

function ids(items: ReplayItem[]) {
  return items.map((i) => i.id.replace(/#\d+$/, '').replace(/:\d+$/, ''));
}

function expectPartition(trace: Trace, items: ReplayItem[]) {
  expect(items[0].first).toBe(0);
  expect(items.at(-1)!.last).toBe(trace.steps.length - 1);
  for (let i = 1; i < items.length; i++) expect(items[i].first).toBe(items[i - 1].last + 1);
  for (const it of items) {
    expect(it.detailStep).toBeGreaterThanOrEqual(it.first);
    expect(it.detailStep).toBeLessThanOrEqual(it.last);
  }
}

describe('viewAtLevel on a hand-built cold journey', () => {
  const trace = miniJourney();
  const ctx = replayContext(trace, miniTopology());

  it('level 1 is a single item from the address to the page', () => {
    const items = viewAtLevel(trace, 1, ctx);
    expect(items).toHaveLength(1);
    expect(items[0].caption.key).toBe('caption.l1.journey');
    expectPartition(trace, items);
  });

  it('level 2 tells: type, find the IP, fetch, the page appears', () => {
    expect(ids(viewAtLevel(trace, 2, ctx))).toEqual(['type', 'lookup', 'fetch', 'page']);
  });

  it('level 3 adds travelling to the IP and the port', () => {
    expect(ids(viewAtLevel(trace, 3, ctx))).toEqual(['type', 'lookup', 'travel', 'port', 'page']);
    const port = viewAtLevel(trace, 3, ctx).find((i) => i.id === 'port')!;
    expect(port.caption.params.port).toBe(80);
    expect(port.caption.params.ip).toBe('203.0.113.80');
  });

  it('level 4 separates request, response and the browser drawing the page', () => {
    expect(ids(viewAtLevel(trace, 4, ctx))).toEqual(['type', 'lookup', 'travel', 'request', 'response', 'render']);
  });

  it('level 5 splits DNS into the resolver, the root, the authoritative server and the answer', () => {
    const items = viewAtLevel(trace, 5, ctx);
    expect(ids(items)).toEqual(['type', 'dns-query', 'dns-root', 'dns-auth', 'dns-answer', 'travel', 'request', 'response', 'render']);
    expect(items.find((i) => i.id === 'dns-root')!.caption.params.dnsServer).toBe('root');
    expect(items.find((i) => i.id === 'dns-auth')!.caption.params.dnsServer).toBe('auth');
    // the ARP before the query and the hosts-file check belong to asking the resolver
    const query = items.find((i) => i.id === 'dns-query')!;
    expect(trace.steps.slice(query.first, query.last + 1).some((s) => s.type === 'frame' && s.protocol === 'arp')).toBe(true);
  });

  it('level 6 shows SYN, SYN-ACK, ACK and the close packet by packet', () => {
    const items = viewAtLevel(trace, 6, ctx);
    const keys = items.map((i) => i.caption.key);
    const hs = keys.filter((k) => /l6\.(syn|synAck|ack)$/.test(k));
    expect(hs).toEqual(['caption.l6.syn', 'caption.l6.synAck', 'caption.l6.ack']);
    expect(keys.filter((k) => /l6\.fin/.test(k))).toEqual(['caption.l6.fin', 'caption.l6.fin', 'caption.l6.finAck']);
    expectPartition(trace, items);
  });

  it('level 7 is every step, each told in words', () => {
    const items = viewAtLevel(trace, 7, ctx);
    expect(items).toHaveLength(trace.steps.length);
    expect(items[0].caption.key).toBe('caption.l7.decision.browser');
  });

  it('every level partitions the steps, and every caption exists in English and Korean without leftovers', async () => {
    const t = await translators();
    for (const level of DETAIL_LEVELS) {
      const items = viewAtLevel(trace, level, ctx);
      expectPartition(trace, items);
      for (const item of items) {
        for (const key of captionKeys(item.caption)) {
          expect(t.i18n.exists(key, { lng: 'en', ns: 'replay' }), key).toBe(true);
          expect(t.i18n.exists(key, { lng: 'ko', ns: 'replay' }), key).toBe(true);
        }
        for (const text of [captionText(t.en, item.caption), captionText(t.ko, item.caption)]) {
          expect(text).not.toMatch(/\{\{|undefined|\[object/);
        }
      }
    }
    expect(captionText(t.ko, viewAtLevel(trace, 2, ctx)[1].caption)).toContain('www.example.com 주소가 가리키는 IP 주소를 찾습니다');
  });
});

describe('viewAtLevel on a blocked journey', () => {
  const trace = miniJourney({ blocked: true });
  const ctx = replayContext(trace, miniTopology());

  it('level 1 says the page did not appear and why', () => {
    const [item] = viewAtLevel(trace, 1, ctx);
    expect(item.caption.key).toBe('caption.l1.journeyFailed');
    expect(item.caption.params.error).toBe('ERR_CONNECTION_TIMED_OUT');
  });

  it('from level 2 on, each drop is an item of its own and the end shows the error', () => {
    for (const level of [2, 3, 6] as const) {
      const items = viewAtLevel(trace, level, ctx);
      expect(items.filter((i) => i.caption.key === 'caption.problem.drop')).toHaveLength(2);
      expect(items.at(-1)!.caption.key).toBe('caption.pageFailed');
      expectPartition(trace, items);
    }
  });
});
