// The PPTX is editable: per slide the picture (its text left out) with alt text that tells the step, and native
// text boxes for the title, the caption and the header fields — read back by unzipping, and by a real presentation
// program: LibreOffice Impress converts the deck to PDF and pdftotext finds each caption, in English and Korean.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { simulate } from '../../shared/engine';
import type { Trace } from '../../shared/engine/trace';
import { loadTopology } from '../../shared/model/load';
import type { Topology } from '../../shared/model/schema';
import { planDeck, slideSpan } from '../../shared/slides';
import { captionToText, type SlideLang } from '../../shared/slides/text';
import { buildDeck } from '../../shared/slides/export/deck-export';
import { nodeRasterizer } from './export';

let dir: string;
let topology: Topology;
let trace: Trace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pj-pptx-'));
  const loaded = loadTopology(
    await readFile(join(__dirname, '../../resources/samples/home-to-web.packetjourney')),
    'home-to-web.packetjourney',
  );
  if (!loaded.ok) throw new Error(loaded.error);
  topology = loaded.topology;
  trace = simulate(topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false });
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
const squash = (s: string) => s.replace(/\s+/g, '');

async function deck(lang: SlideLang) {
  const level = 3;
  const result = await buildDeck(
    { topology, trace, level, steps: [1, 3], lang, theme: 'light', format: 'pptx', width: 1280, height: 720 },
    nodeRasterizer(),
  );
  const plan = planDeck(topology, trace, { level, steps: [1, 3] });
  const captions = plan.slides.map((s) => captionToText(lang, slideSpan(trace, s.item, plan.context).caption));
  return { bytes: result.files[0].bytes, captions, total: plan.total };
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
    // As on a teacher's machine with Pretendard installed (the font the deck names for Korean): a machine without any
    // Korean font draws boxes, and pdftotext then reads the boxes' text out of order.
    const fonts = join(dir, 'fonts.conf');
    await writeFile(
      fonts,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${join(__dirname, '../../resources/fonts')}</dir><cachedir>${join(dir, 'fc-cache')}</cachedir></fontconfig>`,
    );
    // One soffice run for both decks (its start-up is most of the time); its own profile, so a running office is not disturbed.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, 'en.pptx'),
        join(dir, 'ko.pptx'),
      ],
      {
        stdio: 'ignore',
        timeout: 120_000,
        env: { ...process.env, FONTCONFIG_FILE: fonts },
      },
    );
    for (const d of decks) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, `${d.lang}.pdf`), '-'], { encoding: 'utf8' });
      // pdftotext's line breaks and spacing follow the layout: compare without white space.
      for (const caption of d.captions) expect(squash(text)).toContain(squash(caption));
    }
  }, 150_000);
});
