// Advance widths of Pretendard (resources/fonts), measured once with resvg at 100 px and stored in thousandths of
// an em, so layout can wrap and fit text exactly without a DOM or the font file (shared/ stays pure).
// Index = char code − 32 for printable ASCII.
export const ASCII_REGULAR = [251,257,379,600,607,862,609,201,341,341,471,627,258,433,254,334,596,439,587,617,624,597,613,570,606,613,254,254,627,627,627,480,880,646,619,693,686,567,557,709,706,244,516,621,533,853,718,727,605,727,608,607,611,707,646,915,612,634,595,341,223,341,442,427,469,535,591,529,591,553,337,579,563,218,218,517,218,834,557,567,579,579,350,496,340,553,529,777,513,529,513,341,306,341,627];
export const ASCII_SEMIBOLD = [237,290,377,616,622,928,635,199,374,374,517,645,277,443,273,358,639,459,603,632,646,617,633,586,631,633,273,273,645,645,645,519,876,693,631,714,695,582,561,725,715,259,536,649,541,872,712,744,617,745,624,622,632,705,693,971,661,675,625,374,232,374,459,447,475,550,605,553,605,567,357,599,587,244,244,544,244,864,584,582,599,599,377,524,361,582,552,806,538,552,536,374,339,374,645];

export type FontWeight = 400 | 600;

/** Widths of the non-ASCII characters slides use, in thousandths of an em (same measurement as above). */
const SPECIAL: Record<string, [number, number]> = {
  '→': [913, 919], '←': [913, 919], '–': [471, 477], '—': [900, 900], '“': [440, 470], '”': [440, 470],
  '‘': [221, 249], '’': [221, 249], '…': [762, 817], '·': [254, 273], '×': [627, 645],
};
// Every Hangul syllable and jamo in Pretendard has the same advance.
const HANGUL = 864;
const WIDE_FALLBACK = 1000;
const NARROW_FALLBACK = 600;

/** Advance of one character in thousandths of an em. */
export function charAdvance(ch: string, weight: FontWeight): number {
  const code = ch.codePointAt(0)!;
  if (code >= 32 && code < 127) return (weight === 600 ? ASCII_SEMIBOLD : ASCII_REGULAR)[code - 32];
  const special = SPECIAL[ch];
  if (special) return special[weight === 600 ? 1 : 0];
  if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) return HANGUL;
  // CJK ideographs, full-width forms and symbols are about one em; other scripts about a Latin letter.
  return code >= 0x2e80 ? WIDE_FALLBACK : NARROW_FALLBACK;
}

/** Width of `text` in px at `size` px. */
export function textWidth(text: string, size: number, weight: FontWeight = 400): number {
  let units = 0;
  for (const ch of text) units += charAdvance(ch, weight);
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
