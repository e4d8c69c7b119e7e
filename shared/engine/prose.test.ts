// Every explanation the engine writes has words in English and Korean, with every placeholder filled.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  explain,
  PROSE_LANGS,
  proseLangOf,
  proseMessages,
  proseTemplate,
  proseText,
  summaryText,
  type ExplainKey,
  type ProseLang,
} from './prose';
import { device, loadSample, run, variant } from './testing/helpers';
import { simulate } from './simulate';
import type { Prose } from './trace';

const AREAS = ['net', 'dns', 'router', 'tcp', 'dhcp', 'web', 'outcome', 'tls'];
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function leaves(node: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}
const messagesOf = (lang: ProseLang) => {
  const all = new Map<string, string>();
  for (const area of AREAS)
    leaves(JSON.parse(readFileSync(resolve(__dirname, `../i18n/${lang}/explain-${area}.json`), 'utf8')), area, all);
  return all;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('explanations in English and Korean', () => {
  const en = messagesOf('en');
  const ko = messagesOf('ko');

  it('every message has words in both languages, with the same placeholders, and the Korean is Korean', () => {
    expect([...ko.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      expect(placeholders(ko.get(key)!), key).toEqual(placeholders(text));
      expect(ko.get(key), key).toMatch(/[가-힣]/);
    }
  });

  it("every message named in the engine's code exists", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(__dirname)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/explain\(\s*'([a-z]+\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const key of used) expect(en.has(key), key).toBe(true);
  });

  it('the journeys of the samples read with every placeholder filled, in both languages', () => {
    const home = loadSample('home-to-web');
    const blocked = variant(home, (x) => {
      device(x, 'fw', 'firewall').rules.unshift({
        id: 'block-web',
        action: 'deny',
        direction: 'in',
        protocol: 'tcp',
        source: 'any',
        destination: 'any',
        port: 80,
      });
    });
    const traces = [
      run(home),
      run(home, { warm: true }),
      run(blocked),
      run(loadSample('home-to-web-with-cache')),
      run(loadSample('small-lan'), { from: 'alice', url: 'http://web.lan/' }),
    ];
    let messages = 0;
    for (const trace of traces) {
      for (const step of trace.steps) {
        const prose: Prose = step.explanation;
        messages += proseMessages(prose).length;
        for (const m of proseMessages(prose))
          for (const lang of PROSE_LANGS) expect(proseTemplate(lang, m.key), m.key).toBeDefined();
        for (const lang of PROSE_LANGS) expect(proseText(prose, lang)).not.toMatch(/\{\{|\}\}/);
        // what a device did, in one line, reads in both languages too (the browser's last word is a status or an error name)
        if (
          step.type === 'frame' ||
          (step.type === 'decision' && step.kind === 'browser' && /^(\d{3} |[A-Z_]+$)/.test(step.summary))
        )
          continue;
        expect(step.summaryMessage, step.summary).toBeDefined();
        expect(proseText(step.summaryMessage!)).toBe(step.summary);
        expect(summaryText(step, 'ko'), step.summary).toMatch(/[가-힣]/);
        expect(summaryText(step, 'ko')).not.toMatch(/\{\{|\}\}/);
      }
    }
    expect(messages).toBeGreaterThan(0);
    // The page arriving: the outcome's summary in English, the browser's step in either language.
    const [cold] = traces;
    const last = cold.steps.filter((st) => st.type === 'decision' && st.kind === 'browser').at(-1)!;
    expect(cold.outcome.summary).toBe('200 OK — "Example Domain": pc fetched http://www.example.com/ (356 bytes).');
    expect(proseText(last.explanation)).toBe(cold.outcome.summary);
    expect(proseText(last.explanation, 'ko')).toBe(
      '200 OK — “Example Domain”: pc 장비가 http://www.example.com/ 페이지를 받아 왔습니다(356바이트).',
    );
  });

  it("a fetch that fails says why in both languages: the browser's result and its last step, reasons inside reasons too", () => {
    const home = loadSample('home-to-web');
    const cases = {
      // a message inside a message: why the connection failed, inside what the browser shows
      blocked: run(variant(home, (x) => (device(x, 'fw', 'firewall').rules = []))),
      icmp: run(
        variant(home, (x) => {
          device(x, 'home', 'router').routes = [];
          device(x, 'pc', 'host').hosts = [{ name: 'www.example.com', address: '203.0.113.80' }];
        }),
      ),
      nxdomain: run(home, { url: 'http://nope.example.com/' }),
      dnsTimeout: run(variant(home, (x) => (device(x, 'home', 'router').routes = []))),
      noDhcp: run(variant(home, (x) => delete device(x, 'home', 'router').dhcp)),
      notAHost: run(home, { from: 'sw' }),
      scheme: run(home, { url: 'ftp://www.example.com/' }),
      budget: simulate(home, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false }, { maxSteps: 30 }),
    };
    const english = Object.fromEntries(Object.entries(cases).map(([name, t]) => [name, t.outcome.summary]));
    // word for word what the browser said before it spoke Korean
    expect(english).toEqual({
      blocked:
        'Could not connect to 203.0.113.80:80: no answer to 11 SYNs. The browser shows ERR_CONNECTION_TIMED_OUT.',
      icmp: 'Could not connect to 203.0.113.80:80: ICMP network unreachable from 192.168.0.1. The browser shows ERR_ADDRESS_UNREACHABLE.',
      nxdomain: 'nope.example.com could not be resolved: the DNS answered NXDOMAIN: nope.example.com does not exist.',
      dnsTimeout:
        'www.example.com could not be resolved: the DNS server 198.51.100.53 never answered (2 tries, 5 s each).',
      noDhcp:
        'DHCP failed: pc never got an address, so it has no network to fetch from (Chrome says "No internet", ERR_INTERNET_DISCONNECTED).',
      notAHost: '"sw" is a switch; only hosts and servers have a browser.',
      scheme: 'Only http:// and https:// are simulated; "ftp:" URLs cannot be fetched here.',
      budget: 'Stopped after 30 steps: the step budget is used up, so something is probably looping.',
    });
    for (const [name, t] of Object.entries(cases)) {
      const o = t.outcome;
      if (o.ok) throw new Error(`${name} did not fail`);
      expect(proseText(o.explanation!), name).toBe(o.summary);
      const korean = proseText(o.explanation!, 'ko');
      expect(korean, name).toMatch(/[가-힣]/);
      expect(korean, name).not.toMatch(/\{\{|\}\}|[a-z]+\.[a-z]+[A-Z]\w*/); // no placeholder, no bare message key
      const browserStep = t.steps.filter((st) => st.type === 'decision' && st.kind === 'browser').at(-1);
      if (browserStep) expect(proseText(browserStep.explanation, 'ko'), name).toBe(korean);
    }
    expect(proseText(cases.notAHost.outcome.explanation!, 'ko')).toBe(
      '"sw"는 스위치입니다. 브라우저는 호스트와 서버에만 있습니다.',
    );
    expect(proseText(cases.blocked.outcome.explanation!, 'ko')).toBe(
      '203.0.113.80:80에 연결할 수 없었습니다: SYN을 11번 보냈지만 응답이 없었습니다. 브라우저에는 ERR_CONNECTION_TIMED_OUT 오류가 표시됩니다.',
    );
  });

  it("reads explanations in the UI's language, English where none is written", () => {
    expect(['ko', 'ko-KR', 'en', 'en-US', 'de', undefined].map(proseLangOf)).toEqual([
      'ko',
      'ko',
      'en',
      'en',
      'en',
      'en',
    ]);
  });
});

describe('message keys are typed from the English files', () => {
  it('a written key is an ExplainKey and gives its English words; a missing one does not compile', () => {
    const key: ExplainKey = 'outcome.kind.switch';
    expect(proseText(explain(key), 'en')).toBe('switch');
    const reasons = ['NXDOMAIN', 'TIMEOUT'] as const;
    // a template key is checked for every value its parameter can take
    for (const reason of reasons)
      expect(proseTemplate('en', explain(`outcome.notResolved.${reason}`).key)).toBeTruthy();
    // @ts-expect-error: not a message of explain-net.json (tsc fails here if it ever compiles)
    const missing: ExplainKey = 'net.noSuchMessage';
    expect(proseTemplate('en', missing)).toBeUndefined();
    // @ts-expect-error: an area without a file
    expect(proseTemplate('en', explain('ipv6.anything').key)).toBeUndefined();
  });
});
