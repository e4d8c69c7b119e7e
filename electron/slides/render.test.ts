// Rendered pixels: a slide against a reference image that was looked at when it was made, Korean captions drawn
// with real glyphs, and the encoder's PNG against resvg's own.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { planDeck, renderSlideSvg } from '../../shared/slides';
import { frozenJourney } from './fixtures/frozen-trace';
import { glyphOutline, outlineText } from './glyphs';
import { decodePng, differingShare } from '../test-support/png-decode';
import { svgToImage, svgToPixels, svgToPng } from './rasterize';
import { slideFontFiles } from './fonts';

const REFERENCE = join(__dirname, 'fixtures', 'reference-slide-36-light-en.png');
// 1280 × 720: trace step 36 on its own (as "all frames" shows it), where home forwards the DNS query to isp (MACs
// rewritten, TTL 64 → 63, NAT source).
const REFERENCE_STEP = 36;

function referenceSvg(lang: 'en' | 'ko', step = REFERENCE_STEP): string {
  const { topology, trace } = frozenJourney();
  const plan = planDeck(topology, trace, { level: 7 });
  return renderSlideSvg(topology, trace, trace.steps[step - 1], {
    lang,
    theme: 'light',
    width: 1280,
    height: 720,
    index: step,
    total: trace.steps.length,
    level: 7,
    context: plan.context,
  });
}

describe('rendered slides', () => {
  it('match the reference image within a tolerance', async () => {
    const png = (await svgToImage(referenceSvg('en'))).png;
    if (process.env.UPDATE_SLIDE_REFERENCE || !existsSync(REFERENCE)) {
      await writeFile(REFERENCE, png);
      if (!process.env.UPDATE_SLIDE_REFERENCE)
        throw new Error(`No reference image yet: wrote ${REFERENCE}; look at it, commit it, run again.`);
    }
    const actual = decodePng(png);
    const expected = decodePng(new Uint8Array(await readFile(REFERENCE)));
    expect({ width: actual.width, height: actual.height }).toEqual({ width: 1280, height: 720 });
    // Anti-aliasing may move a little between resvg builds; a moved label or a changed value does not pass.
    expect(differingShare(actual, expected, 48)).toBeLessThan(0.002);
  });

  it('draw Korean captions with real glyphs', async () => {
    const svg = referenceSvg('ko');
    expect(svg).toMatch(/class="caption"[^>]*>[^<]*[가-힣]/);
    const withCaption = await svgToPixels(svg);
    const withoutCaption = await svgToPixels(svg.replace(/<text\b[^>]*class="caption"[^>]*>[^<]*<\/text>/g, ''));
    // The caption card: left of the header-field card, under the diagram.
    const captionArea = { x: 40, y: 500, w: 700, h: 200 };
    expect(differingShare(withCaption, withoutCaption, 64, captionArea)).toBeGreaterThan(0.01);
    expect(differingShare(withCaption, withoutCaption, 64, { x: 0, y: 0, w: 1280, h: 460 })).toBe(0);

    // Glyphs, not the font's "missing" box: each syllable has its own outline, unlike a private-use code point.
    const missing = glyphOutline('\uE000');
    for (const ch of '패킷여정') {
      expect(glyphOutline(ch).length).toBeGreaterThan(100);
      expect(glyphOutline(ch)).not.toBe(missing);
    }
    expect(new Set([...'패킷여정'].map((ch) => glyphOutline(ch))).size).toBe(4);
  });

  it("outlined text lands where resvg's own text layout puts it", async () => {
    // Short words in every size, weight and anchor the slides use. Long runs drift by resvg's kerning, which the
    // outlines leave out on purpose: layout measured the text without it.
    const words = ['Step 10', 'home', 'resolver', 'sw', '패킷 여정', 'DNS'];
    const body = words
      .map((w, i) => {
        const anchor = ['start', 'middle', 'end'][i % 3];
        return `<text x="${anchor === 'start' ? 40 : anchor === 'middle' ? 640 : 1240}" y="${80 + i * 100}" font-family="Pretendard" font-size="${20 + i * 8}" font-weight="${i % 2 ? 600 : 400}" text-anchor="${anchor}" fill="#123456">${w}</text>`;
      })
      .join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="1280" height="720" fill="#fff"/>${body}</svg>`;
    const viaText = decodePng(
      new Resvg(svg, { font: { fontFiles: slideFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Pretendard' } })
        .render()
        .asPng(),
    );
    const viaOutlines = await svgToPixels(svg);
    expect(outlineText(svg)).not.toContain('<text');
    const inked = differingShare(viaText, { ...viaText, data: new Uint8Array(viaText.data.length).fill(255) }, 96);
    expect(inked).toBeGreaterThan(0.005);
    expect(differingShare(viaText, viaOutlines, 96)).toBeLessThan(inked * 0.05);
  });

  it('encodes PNGs that decode to the rendered pixels', async () => {
    const svg = referenceSvg('en', 5);
    const pixels = await svgToPixels(svg);
    const ours = decodePng((await svgToImage(svg)).png);
    expect(differingShare(pixels, ours, 0)).toBe(0);
    expect(differingShare(decodePng(svgToPng(svg)), ours, 0)).toBe(0);
  });
});
