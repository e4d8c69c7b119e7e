// The PDF deck is vectors and real text, read back by independent tools (poppler): pdftotext finds every caption in
// English and Korean, pdfinfo the title, the creation date and the page count, pdffonts the embedded Pretendard
// subsets, and pdftoppm draws page 1 like the PNG slide of the same step.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Trace } from '../../shared/engine/trace';
import type { Topology } from '../../shared/model/schema';
import type { SlideLang } from '../../shared/slides/text';
import { buildDeck } from '../../shared/slides/export/deck-export';
import { deckCaptions, homeToWebJourney, pdfText, runTool as run, squash } from '../test-support/document-tools';
import { exportSlides, nodeRasterizer } from './export';
import { decodePng, differingShare } from '../test-support/png-decode';

let dir: string;
let topology: Topology;
let trace: Trace;
const CREATED = new Date('2026-03-02T09:30:00Z');
const LEVEL = 5;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pj-pdf-'));
  ({ topology, trace } = homeToWebJourney());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function deck(lang: SlideLang, theme: 'light' | 'dark' = 'light') {
  const out = join(dir, `${lang}-${theme}.pdf`);
  const result = await exportSlides({
    topology,
    trace,
    level: LEVEL,
    lang,
    theme,
    format: 'pdf',
    out,
    createdAt: CREATED,
  });
  return { out, result, captions: deckCaptions(topology, trace, lang, { level: LEVEL }) };
}

describe('vector PDF', () => {
  it.each(['en', 'ko'] as const)(
    '%s: pdftotext finds every caption; pdfinfo the title, the date and the pages; the fonts are embedded subsets',
    async (lang) => {
      const { out, result, captions } = await deck(lang);
      const text = squash(pdfText(out));
      for (const caption of captions) expect(text).toContain(squash(caption));
      if (lang === 'ko') expect(captions.join('')).toMatch(/[가-힣]/);
      // Each page's own text is on that page (page 2's caption, not only somewhere in the file).
      expect(squash(pdfText(out, { first: 2, last: 2 }))).toContain(squash(captions[1]));

      const info = run('pdfinfo', ['-isodates', out]);
      expect(info).toMatch(/^Title:\s+Home to web — http:\/\/www\.example\.com\/$/m);
      expect(info).toMatch(/^CreationDate:\s+2026-03-02T09:30:00(Z|\+00)/m);
      expect(info).toMatch(new RegExp(`^Pages:\\s+${result.slides}$`, 'm'));
      expect(info).toMatch(/^Page size:\s+960 x 540 pts/m);

      const fonts = run('pdffonts', [out]);
      for (const name of ['Pretendard-Regular', 'Pretendard-SemiBold']) {
        // name, type "CID Type 0C", encoding, then emb sub uni: all yes.
        expect(fonts).toMatch(new RegExp(`\\+${name}\\s+CID Type 0C\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
      }
      const pdf = await PDFDocument.load(await readFile(out));
      expect(pdf.catalog.get(PDFName.of('Lang'))?.toString()).toBe(lang === 'ko' ? '(ko-KR)' : '(en-US)');
    },
    60_000,
  );

  it('pdftoppm draws page 1 as the PNG slide of the same step looks', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { out } = await deck('ko', theme);
      run('pdftoppm', [
        '-png',
        '-singlefile',
        '-f',
        '1',
        '-l',
        '1',
        '-scale-to-x',
        '1920',
        '-scale-to-y',
        '1080',
        out,
        join(dir, `page-${theme}`),
      ]);
      const page = decodePng(new Uint8Array(await readFile(join(dir, `page-${theme}.png`))));
      const pngDir = join(dir, `png-${theme}`);
      await exportSlides({
        topology,
        trace,
        level: LEVEL,
        steps: [1, 1],
        lang: 'ko',
        theme,
        format: 'png-dir',
        out: pngDir,
      });
      const slide = decodePng(new Uint8Array(await readFile(join(pngDir, 'slide-01.png'))));
      expect({ width: page.width, height: page.height }).toEqual({ width: 1920, height: 1080 });
      // Not blank: the page has the slide's ink (text, devices, links) where the slide has it…
      const background = theme === 'light' ? [255, 255, 255] : [0x0b, 0x12, 0x20];
      let ink = 0;
      for (let i = 0; i < page.data.length; i += 4) {
        if (
          Math.abs(page.data[i] - background[0]) +
            Math.abs(page.data[i + 1] - background[1]) +
            Math.abs(page.data[i + 2] - background[2]) >
          60
        )
          ink++;
      }
      expect(ink / (page.width * page.height)).toBeGreaterThan(0.03);
      // …and the same picture: poppler anti-aliases differently from resvg (measured: 0.8 % of pixels differ, 2 % in
      // the caption card), while the slide of the next step differs by 3.4 % (9 % in the caption card).
      expect(differingShare(page, slide, 64)).toBeLessThan(0.015);
      expect(differingShare(page, slide, 64, { x: 56, y: 720, w: 1100, h: 300 })).toBeLessThan(0.04);
    }
  }, 90_000);

  it('gives the same bytes for the same deck (no date given), and is small', async () => {
    const make = async () =>
      (
        await buildDeck(
          { topology, trace, level: 7, steps: [1, 12], lang: 'en', theme: 'print', format: 'pdf' },
          nodeRasterizer(),
        )
      ).files[0].bytes;
    const [a, b] = [await make(), await make()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // Two font subsets and twelve pages of vectors: far below one picture per page (~100 KB each at 1920 × 1080).
    expect(a.length).toBeLessThan(200_000);
    const file = join(dir, 'undated.pdf');
    await writeFile(file, a);
    expect(run('pdfinfo', [file])).not.toMatch(/^CreationDate:/m);
  }, 60_000);
});
