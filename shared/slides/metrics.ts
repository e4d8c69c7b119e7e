// Text measurement without a DOM: advances of the bundled Pretendard font (measured once with resvg, see
// font-widths.ts), so layout can wrap and fit text exactly and the rasteriser can place glyphs at the same spots.
import { ADVANCES, RANGES } from './font-widths';

export type FontWeight = 400 | 600;

// Every Hangul syllable and jamo in Pretendard has the same advance.
const HANGUL = 864;
const WIDE_FALLBACK = 1000;
const NARROW_FALLBACK = 600;

let table: Map<number, [number, number]> | undefined;

function advances(): Map<number, [number, number]> {
  if (table) return table;
  table = new Map();
  const regular = ADVANCES[400].split(',');
  const semibold = ADVANCES[600].split(',');
  let i = 0;
  for (const [from, to] of RANGES) {
    for (let c = from; c <= to; c++, i++) table.set(c, [parseInt(regular[i], 36), parseInt(semibold[i], 36)]);
  }
  return table;
}

/** Advance of one character in thousandths of an em. */
export function charAdvance(ch: string, weight: FontWeight): number {
  const code = ch.codePointAt(0)!;
  const known = advances().get(code);
  if (known) return known[weight === 600 ? 1 : 0];
  if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f))
    return HANGUL;
  // CJK ideographs, full-width forms and symbols are about one em; other scripts about a Latin letter.
  return code >= 0x2e80 ? WIDE_FALLBACK : NARROW_FALLBACK;
}

// Characters whose glyph in Pretendard does not look like the character (⇄ is drawn as stacked bars).
const SUBSTITUTES: Record<string, string> = { '⇄': '↔', '⇆': '↔' };
const SUBSTITUTED = new RegExp(`[${Object.keys(SUBSTITUTES).join('')}]`, 'g');

/** The text as slides draw it (measurement and drawing both go through this). */
export function displayText(text: string): string {
  return text.replace(SUBSTITUTED, (ch) => SUBSTITUTES[ch]);
}

/** Width of `text` in px at `size` px. */
export function textWidth(text: string, size: number, weight: FontWeight = 400): number {
  let units = 0;
  for (const ch of displayText(text)) units += charAdvance(ch, weight);
  return (units * size) / 1000;
}

/** Shortens `text` with an ellipsis so that it fits `maxWidth`. */
export function fitText(text: string, size: number, maxWidth: number, weight: FontWeight = 400): string {
  if (textWidth(text, size, weight) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, weight) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`, at spaces (Korean separates words with spaces too); a word
 * longer than a line (a long URL) is broken where it must be.
 */
export function wrapText(text: string, size: number, maxWidth: number, weight: FontWeight = 400): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, size, weight) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (textWidth(line, size, weight) > maxWidth) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && textWidth(chars.slice(0, cut).join(''), size, weight) > maxWidth) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
    }
    lines.push(line);
  }
  return lines;
}
