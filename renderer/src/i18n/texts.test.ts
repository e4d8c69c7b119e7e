// Every command label and every app text exists in both languages, with the same keys.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from '../../../shared/commands/catalog';
import { collectResources } from './index';

const root = resolve(__dirname, '../../../shared/i18n');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(resolve(root, lang, `${ns}.json`), 'utf8'));

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const get = (obj: unknown, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], obj);

describe('texts', () => {
  it('every catalog command has a label in English and Korean', () => {
    for (const lang of ['en', 'ko']) {
      const commands = load(lang, 'commands');
      for (const c of COMMANDS) expect(typeof get(commands, c.labelKey), `${lang} ${c.labelKey}`).toBe('string');
    }
  });

  it('app, commands, present, tls and certs have the same keys in both languages (plural forms aside)', () => {
    for (const ns of ['app', 'commands', 'present', 'tls', 'certs']) {
      const strip = (k: string) => k.replace(/_(one|other)$/, '');
      const en = new Set(keys(load('en', ns)).map(strip));
      const ko = new Set(keys(load('ko', ns)).map(strip));
      expect(
        [...en].filter((k) => !ko.has(k)),
        `${ns}: missing in ko`,
      ).toEqual([]);
      expect(
        [...ko].filter((k) => !en.has(k)),
        `${ns}: missing in en`,
      ).toEqual([]);
    }
  });

  it('Korean names the detail level one way everywhere: 상세 수준, and a level as 수준 N', () => {
    const namespaces = readdirSync(resolve(root, 'en')).filter((f) => f.endsWith('.json'));
    const pairs = namespaces.flatMap((file) => {
      const ns = file.replace(/\.json$/, '');
      const en = load('en', ns);
      const ko = load('ko', ns);
      return keys(en).map((k) => ({ where: `${ns}:${k}`, en: get(en, k), ko: get(ko, k) }));
    });
    const detail = pairs.filter((p) => typeof p.en === 'string' && /detail level/i.test(p.en));
    expect(detail.length).toBeGreaterThan(2);
    for (const p of detail) expect(p.ko, p.where).toContain('상세 수준');
    for (const p of pairs.filter((p) => typeof p.ko === 'string')) {
      expect(p.ko, p.where).not.toMatch(/자세히 보기 수준|\{\{\s*\w+\s*\}\}\s*수준/);
    }
  });

  it('groups files by language and namespace from their paths', () => {
    const modules: Record<string, Record<string, unknown>> = {};
    for (const lang of readdirSync(root).filter((name) => !name.includes('.'))) {
      for (const file of readdirSync(resolve(root, lang)))
        modules[`../../../shared/i18n/${lang}/${file}`] = load(lang, file.replace(/\.json$/, ''));
    }
    const resources = collectResources(modules);
    expect(Object.keys(resources).sort()).toEqual(['en', 'ko']);
    expect(resources.en.app).toEqual(load('en', 'app'));
    expect(Object.keys(resources.ko)).toContain('commands');
  });
});

describe('Korean particles', () => {
  it('the app, the engine and the slides keep the particle each value takes', async () => {
    const { initI18n } = await import('./index');
    const { proseText, explain } = await import('../../../shared/engine/prose');
    const { translator } = await import('../../../shared/slides/text');
    const i18n = initI18n('ko');
    await i18n.changeLanguage('ko');
    expect(i18n.t('app:errors.openFailed', { name: 'notes.txt' })).toBe('notes.txt를 열 수 없습니다'); // 텍스트
    expect(i18n.t('app:errors.openFailed', { name: 'web' })).toBe('web을 열 수 없습니다');
    expect(proseText(explain('net.summary.noRoute', { dst: '203.0.113.80' }), 'ko')).toBe(
      '203.0.113.80으로 가는 경로 없음',
    );
    expect(proseText(explain('net.summary.noRoute', { dst: '192.168.0.1' }), 'ko')).toBe(
      '192.168.0.1로 가는 경로 없음',
    );
    expect(translator('ko')('caption.l7.send', {})).not.toMatch(/\((를|가|는|으|과|이)\)/);
  });
});
