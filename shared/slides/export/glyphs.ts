// Text → glyph outlines before rasterising. resvg shapes and outlines every glyph of every <text> anew (measured
// here: ~0.6 ms per glyph with Pretendard, ~350 ms for one slide), so a deck would spend most of its time re-drawing
// the same few hundred letters. We ask resvg once per distinct character for its outline (usvg's simplified SVG
// turns text into paths), keep it, and rewrite each slide's <text> into <use> of those outlines. Advances come from
// the same measured widths the layout used (../metrics), so positions match the layout exactly.
//
// Pure: the resvg call is injected (resvg-js under Node, resvg-wasm in a Web Worker), so both paths outline the
// same characters the same way and give the same pixels.
import { charAdvance, type FontWeight } from '../metrics';
import { FONT_FAMILY } from '../theme';

/** usvg's simplified form of an SVG (text converted to <path>s), as resvg's `toString()` gives it. */
export type SimplifySvg = (svg: string) => string;

export interface GlyphOutliner {
  /** The same picture with every <text> replaced by outlines of the bundled font. */
  outlineText(svg: string): string;
  /** The outline resvg gives a character (for tests: a real glyph is not the font's .notdef box). */
  glyphOutline(ch: string, weight?: FontWeight): string;
}

interface Glyph {
  id: string;
  /** Outline at font-size 1000, baseline at y = 0; empty for blanks. */
  d: string;
}

const UNITS = 1000;
const TEXT_ELEMENT = /<text\b([^>]*)>([^<]*)<\/text>/g;

function keyOf(ch: string, weight: FontWeight): string {
  return `${weight}:${ch}`;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
}

export function createGlyphOutliner(simplify: SimplifySvg): GlyphOutliner {
  const cache = new Map<string, Glyph>();

  /** Outlines of the characters not in the cache yet, from one resvg pass (each character tagged by a unique fill). */
  function learn(wanted: { ch: string; weight: FontWeight }[]): void {
    const missing = wanted.filter((w) => !cache.has(keyOf(w.ch, w.weight)));
    if (missing.length === 0) return;
    const colour = (i: number) => `#${(i + 1).toString(16).padStart(6, '0')}`;
    const body = missing
      .map(
        (m, i) =>
          `<text x="0" y="0" font-family="${FONT_FAMILY}" font-weight="${m.weight}" font-size="${UNITS}" fill="${colour(i)}">${escapeXml(m.ch)}</text>`,
      )
      .join('');
    const simplified = simplify(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${UNITS}" height="${UNITS}">${body}</svg>`,
    );
    const outlines = new Map<string, string>();
    for (const match of simplified.matchAll(/<path\b[^>]*\bfill="(#[0-9a-fA-F]{6})"[^>]*\bd="([^"]*)"/g)) {
      const fill = match[1].toLowerCase();
      outlines.set(fill, (outlines.get(fill) ?? '') + match[2]);
    }
    missing.forEach((m, i) =>
      cache.set(keyOf(m.ch, m.weight), { id: `g${cache.size.toString(36)}`, d: outlines.get(colour(i)) ?? '' }),
    );
  }

  function glyphOutline(ch: string, weight: FontWeight = 400): string {
    learn([{ ch, weight }]);
    return cache.get(keyOf(ch, weight))!.d;
  }

  // It renders the same as the text (no kerning, which the layout does not assume either) and many times faster.
  function outlineText(svg: string): string {
    const texts = [...svg.matchAll(TEXT_ELEMENT)];
    if (texts.length === 0) return svg;
    const wanted = new Map<string, { ch: string; weight: FontWeight }>();
    for (const t of texts) {
      const weight: FontWeight = attr(t[1], 'font-weight') === '600' ? 600 : 400;
      for (const ch of unescapeXml(t[2])) if (ch.trim()) wanted.set(keyOf(ch, weight), { ch, weight });
    }
    learn([...wanted.values()]);

    const used = new Set<Glyph>();
    const replaced = svg.replace(TEXT_ELEMENT, (_, attrs: string, content: string) => {
      const x = Number(attr(attrs, 'x') ?? 0);
      const y = Number(attr(attrs, 'y') ?? 0);
      const size = Number(attr(attrs, 'font-size') ?? 16);
      const weight: FontWeight = attr(attrs, 'font-weight') === '600' ? 600 : 400;
      const anchor = attr(attrs, 'text-anchor') ?? 'start';
      const spacing = Number(attr(attrs, 'letter-spacing') ?? 0) * (UNITS / size);
      let advance = 0;
      let uses = '';
      for (const ch of unescapeXml(content)) {
        const glyph = cache.get(keyOf(ch, weight));
        if (glyph && glyph.d) {
          used.add(glyph);
          uses += `<use href="#${glyph.id}" x="${Math.round(advance * 10) / 10}"/>`;
        }
        advance += charAdvance(ch, weight) + spacing;
      }
      const width = (advance * size) / UNITS;
      const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
      const fill = attr(attrs, 'fill') ?? '#000000';
      const opacity = attr(attrs, 'opacity');
      const scale = Math.round((size / UNITS) * 1e6) / 1e6;
      return `<g fill="${fill}"${opacity ? ` opacity="${opacity}"` : ''} transform="translate(${Math.round(left * 100) / 100} ${Math.round(y * 100) / 100}) scale(${scale})">${uses}</g>`;
    });
    const defs = `<defs>${[...used].map((g) => `<path id="${g.id}" d="${g.d}"/>`).join('')}</defs>`;
    return replaced.replace(/(<svg\b[^>]*>)/, `$1${defs}`);
  }

  return { outlineText, glyphOutline };
}
