// Every explanation the engine writes has words in English and Korean, with every placeholder filled.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROSE_LANGS, proseMessages, proseTemplate, proseText, type ProseLang } from './prose';
import { device, loadSample, run, variant } from './testing/helpers';
import type { Prose } from './trace';

const AREAS = ['net', 'dns', 'router', 'tcp', 'dhcp', 'web'];
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function leaves(node: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}
const messagesOf = (lang: ProseLang) => {
  const all = new Map<string, string>();
  for (const area of AREAS) leaves(JSON.parse(readFileSync(resolve(__dirname, `../i18n/${lang}/explain-${area}.json`), 'utf8')), area, all);
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

  it('every message named in the engine\'s code exists', () => {
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
      device(x, 'fw', 'firewall').rules.unshift({ id: 'block-web', action: 'deny', direction: 'in', protocol: 'tcp', source: 'any', destination: 'any', port: 80 });
    });
    const traces = [run(home), run(home, { warm: true }), run(blocked), run(loadSample('home-to-web-with-cache')), run(loadSample('small-lan'), { from: 'alice', url: 'http://web.lan/' })];
    let messages = 0;
    for (const trace of traces) {
      for (const step of trace.steps) {
        const prose: Prose = step.explanation;
        messages += proseMessages(prose).length;
        for (const m of proseMessages(prose)) for (const lang of PROSE_LANGS) expect(proseTemplate(lang, m.key), m.key).toBeDefined();
        for (const lang of PROSE_LANGS) expect(proseText(prose, lang)).not.toMatch(/\{\{|\}\}/);
      }
    }
    expect(messages).toBeGreaterThan(0);
    // The page arriving: the outcome's summary in English, the browser's step in either language.
    const [cold] = traces;
    const last = cold.steps.filter((st) => st.type === 'decision' && st.kind === 'browser').at(-1)!;
    expect(cold.outcome.summary).toBe('200 OK — "Example Domain": pc fetched http://www.example.com/ (356 bytes).');
    expect(proseText(last.explanation)).toBe(cold.outcome.summary);
    expect(proseText(last.explanation, 'ko')).toBe('200 OK — “Example Domain”: pc 장비가 http://www.example.com/ 페이지를 받아 왔습니다(356바이트).');
  });
});
