// The PPTX is editable: per slide the picture (its text left out) with alt text that tells the step, and native
// text boxes for the title, the caption and the header fields — read back by unzipping, and by a real presentation
// program: LibreOffice Impress converts the deck to PDF and pdftotext finds each caption, in English and Korean.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Trace } from '../../shared/engine/trace';
import type { Topology } from '../../shared/model/schema';
import { planDeck } from '../../shared/slides';
import type { SlideLang } from '../../shared/slides/text';
import { buildDeck } from '../../shared/slides/export/deck-export';
import {
  convertWithLibreOffice,
  deckCaptions,
  homeToWebJourney,
  pdfText,
  squash,
} from '../test-support/document-tools';
import { nodeRasterizer } from './export';

let dir: string;
let topology: Topology;
let trace: Trace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pj-pptx-'));
  ({ topology, trace } = homeToWebJourney());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
/** The text of each shape of a slide, by the shape's name. */
function shapes(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const sp of xml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? []) {
    const name = /<p:cNvPr [^>]*name="([^"]*)"/.exec(sp)?.[1] ?? '';
    out.set(name, [...sp.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescapeXml(m[1])).join(''));
  }
  return out;
}

async function deck(lang: SlideLang) {
  const level = 3;
  const result = await buildDeck(
    { topology, trace, level, steps: [1, 3], lang, theme: 'light', format: 'pptx', width: 1280, height: 720 },
    nodeRasterizer(),
  );
  const captions = deckCaptions(topology, trace, lang, { level, steps: [1, 3] });
  return { bytes: result.files[0].bytes, captions, total: planDeck(topology, trace, { level, steps: [1, 3] }).total };
}

describe('editable PPTX', () => {
  it.each(['en', 'ko'] as const)(
    '%s: the title, caption and header fields are text boxes over a picture with alt text',
    async (lang) => {
      const { bytes, captions, total } = await deck(lang);
      const files = unzipSync(bytes);
      captions.forEach((caption, i) => {
        const xml = strFromU8(files[`ppt/slides/slide${i + 1}.xml`]);
        const boxes = shapes(xml);
        expect(boxes.get('title')).toBe(lang === 'en' ? `Step ${i + 1} of ${total}` : `${total}단계 중 ${i + 1}단계`);
        expect(boxes.get('caption')).toContain(caption);
        expect(boxes.get('fields')).toMatch(
          lang === 'en' ? /On the wire at this hop|Decision|Dropped/i : /이 구간의 헤더|판단|폐기/,
        );
        // The fields name their layers (ETH, IPv4…) and the hop.
        expect(boxes.get('fields')).toMatch(/ETH|IPv4|UDP|TCP|DNS|DHCP|ARP/);
        // The fonts are named, Korean in Pretendard; the picture says what the step is.
        expect(xml).toContain(lang === 'ko' ? 'typeface="Pretendard"' : 'typeface="Arial"');
        // …and Korean as Korean (HANGUL_CHARSET), so a machine without Pretendard substitutes a Korean font.
        const charsets = [...xml.matchAll(/<a:ea typeface="[^"]*" [^>]*charset="(-?\d+)"/g)].map((m) => m[1]);
        expect(charsets.length).toBeGreaterThan(0);
        if (lang === 'ko') expect(new Set(charsets)).toEqual(new Set(['-127']));
        const descr = unescapeXml(/<p:cNvPr [^>]*descr="([^"]*)"/.exec(xml)?.[1] ?? '');
        expect(descr).toContain(caption);
        expect(descr).not.toMatch(/^\d+\/\d+$/);
        // Speaker notes as before.
        expect(strFromU8(files[`ppt/notesSlides/notesSlide${i + 1}.xml`])).toContain(
          caption.replace(/&/g, '&amp;').slice(0, 20),
        );
      });
    },
    60_000,
  );

  it('LibreOffice Impress opens it and its PDF has each caption as text, English and Korean', async () => {
    const decks = await Promise.all((['en', 'ko'] as const).map(async (lang) => ({ lang, ...(await deck(lang)) })));
    for (const d of decks) await writeFile(join(dir, `${d.lang}.pptx`), d.bytes);
    convertWithLibreOffice([join(dir, 'en.pptx'), join(dir, 'ko.pptx')], dir);
    for (const d of decks) {
      const text = squash(pdfText(join(dir, `${d.lang}.pdf`)));
      for (const caption of d.captions) expect(text).toContain(squash(caption));
    }
  }, 150_000);
});
