// The PDF writer's own parts: SVG paths to PDF operators (arcs land where SVG says), and Pretendard made readable
// for fontkit without changing any glyph (the same outline, the right scale).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { pathOperators } from './pdf';
import { fontkitCompatibleCff } from './cff-font-dict';
import { charAdvance } from '../metrics';

const FONTS = join(__dirname, '../../../resources/fonts');

describe('pathOperators', () => {
  it('turns absolute and relative commands into m/l/c/h at the points SVG means', () => {
    expect(pathOperators('M10 20L30 40h5v-10H0V1z')).toEqual([
      '10 20 m',
      '30 40 l',
      '35 40 l',
      '35 30 l',
      '0 30 l',
      '0 1 l',
      'h',
    ]);
    // Relative moveto: further pairs are relative line-tos.
    expect(pathOperators('m1 1 2 2 3 3')).toEqual(['1 1 m', '3 3 l', '6 6 l']);
    const quad = pathOperators('M0 0Q10 10 20 0');
    expect(quad).toHaveLength(2);
    expect(quad[1]).toMatch(/ 20 0 c$/);
  });

  it('draws an arc as curves that end at its end point and pass through the circle', () => {
    // A quarter circle of radius 10 around (0, 10), from (0, 0) to (10, 10), clockwise in SVG's y-down space.
    const ops = pathOperators('M0 0a10 10 0 0 1 10 10');
    expect(ops[0]).toBe('0 0 m');
    expect(ops.slice(1).every((op) => op.endsWith(' c'))).toBe(true);
    expect(ops[ops.length - 1]).toMatch(/ 10 10 c$/);
    // A full circle in two arcs: four or more curves, ending where it started.
    const circle = pathOperators('M-17 0a17 17 0 1 1 34 0a17 17 0 1 1 -34 0z');
    expect(circle.filter((op) => op.endsWith(' c')).length).toBeGreaterThanOrEqual(4);
    expect(circle[circle.length - 2]).toMatch(/ -17 0 c$/);
  });

  it('draws nothing for a malformed path rather than garbage', () => {
    expect(pathOperators('M10')).toEqual([]);
    expect(pathOperators('10 20')).toEqual([]);
  });
});

describe('Pretendard for fontkit', () => {
  it.each(['Pretendard-Regular.otf', 'Pretendard-SemiBold.otf'])(
    '%s: fontkit reads its CFF after the Font DICT fix, with the same glyphs',
    (file) => {
      const original = readFileSync(join(FONTS, file));
      const before = Buffer.from(original);
      // As shipped, fontkit cannot read the CFF table (the Font DICT's FontMatrix): it has no glyph outlines.
      expect(fontkit.create(original)['CFF ' as never]).toBeUndefined();
      const { bytes, fontMatrix } = fontkitCompatibleCff(original);
      expect(Buffer.from(original).equals(before)).toBe(true); // the caller's bytes are not touched
      expect(bytes.length).toBe(original.length);
      expect(fontMatrix).toEqual([0.00048828, 0, 0, 0.00048828, 0, 0]); // 1/2048: Pretendard has 2048 units per em
      const font = fontkit.create(bytes);
      expect(font['CFF ' as never]).toBeDefined();
      // The Hangul syllable 한 and the letter g have real outlines with the advances the slides measured.
      for (const ch of ['한', 'g', '→']) {
        const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
        expect(glyph.path.toSVG().length).toBeGreaterThan(20);
        expect(
          Math.abs((glyph.advanceWidth * 1000) / font.unitsPerEm - charAdvance(ch, file.includes('Semi') ? 600 : 400)),
        ).toBeLessThan(1);
      }
    },
  );
});
