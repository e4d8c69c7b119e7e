// The lesson player's embedded fonts: real subsets of the bundled Pretendard made by hb-subset's WebAssembly, read
// back by fontkit (its cmap) and by fontconfig/FreeType (fc-query, what a Linux browser's font stack uses).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { createFontSubsetter, fontFaceCss, lessonCodepoints, lessonFonts, type LessonFontSources } from './fonts';

const fonts = join(__dirname, '../../resources/fonts');
const sources: LessonFontSources = {
  subsetWasm: new Uint8Array(readFileSync(createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))),
  regular: new Uint8Array(readFileSync(join(fonts, 'Pretendard-Regular.otf'))),
  semibold: new Uint8Array(readFileSync(join(fonts, 'Pretendard-SemiBold.otf'))),
};

const cp = (ch: string) => ch.codePointAt(0)!;

describe('lesson player fonts', () => {
  it('collects every character the texts hold, plus printable ASCII, without control characters', () => {
    const points = lessonCodepoints(['웹 서버가 응답합니다\n', '→ ▲ «']);
    for (const ch of '웹서버가응답합니다→▲«Az~ ') expect(points).toContain(cp(ch));
    expect(points).not.toContain(0x0a);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(new Set(points).size).toBe(points.length);
  });

  it('cuts Pretendard down to the asked characters, as a font fontkit and FreeType read', async () => {
    const subsetter = await createFontSubsetter(sources.subsetWasm);
    const text = '브라우저가 주소를 찾습니다 DNS 203.0.113.80';
    const bytes = subsetter.subset(sources.regular, lessonCodepoints([text]));
    expect(bytes.length).toBeLessThan(sources.regular.length / 20);
    const font = fontkit.create(bytes as unknown as Buffer);
    expect(font.postscriptName).toBe('Pretendard-Regular');
    for (const ch of '브라우저주소찾습니다DNS') expect(font.hasGlyphForCodePoint(cp(ch)), ch).toBe(true);
    // Not asked for: not there.
    for (const ch of '뷁햏') expect(font.hasGlyphForCodePoint(cp(ch)), ch).toBe(false);
    const file = join(tmpdir(), `pj-subset-${process.pid}.otf`);
    writeFileSync(file, bytes);
    const query = execFileSync('fc-query', ['--format', '%{family}|%{style}|%{fontformat}|%{charset}\n', file], {
      encoding: 'utf8',
    });
    expect(query).toMatch(/^Pretendard\|Regular\|CFF\|/);
    // The same input gives the same bytes (the file is deterministic).
    expect(subsetter.subset(sources.regular, lessonCodepoints([text]))).toEqual(bytes);
  });

  it('makes both weights and @font-face rules with data: URLs', async () => {
    const made = await lessonFonts(sources, ['패킷의 여정']);
    expect(made.map((f) => f.weight)).toEqual([400, 600]);
    expect(fontkit.create(made[1].bytes as unknown as Buffer).postscriptName).toBe('Pretendard-SemiBold');
    const css = fontFaceCss(made);
    const rules = css.split('\n');
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(
      /^@font-face\{font-family:Pretendard;font-style:normal;font-weight:400;font-display:block;src:url\(data:font\/otf;base64,[A-Za-z0-9+/]+=*\) format\("opentype"\)\}$/,
    );
    expect(rules[1]).toContain('font-weight:600;');
  });
});
