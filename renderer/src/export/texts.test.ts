// The export dialog's texts exist in both languages with the same keys, and every format and theme it offers has
// a label and a hint.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SLIDE_THEMES } from '../../../shared/slides/theme';

const load = (lang: string) =>
  JSON.parse(readFileSync(resolve(__dirname, '../../../shared/i18n', lang, 'export.json'), 'utf8'));
const FORMATS = ['png', 'svg', 'pdf', 'pptx', 'gif'];

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('export texts', () => {
  it('English and Korean have the same keys', () => {
    expect(keys(load('ko')).sort()).toEqual(keys(load('en')).sort());
  });

  it('label every format, hint and theme', () => {
    for (const lang of ['en', 'ko']) {
      const texts = load(lang);
      for (const f of FORMATS) {
        expect(typeof texts.formats[f], `${lang} formats.${f}`).toBe('string');
        expect(typeof texts.formatHint[f], `${lang} formatHint.${f}`).toBe('string');
      }
      expect(typeof texts.formatHint.pngFolder).toBe('string');
      expect(typeof texts.formatHint.svgFolder).toBe('string');
      for (const th of SLIDE_THEMES) expect(typeof texts.themes[th], `${lang} themes.${th}`).toBe('string');
    }
  });
});
