// Test-only. The independent readers the deck tests check our files with — poppler (pdftotext, pdfinfo, pdffonts,
// pdftoppm) and LibreOffice — and the journey and captions the decks are made of, in one place.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../shared/engine';
import type { Trace } from '../../shared/engine/trace';
import { loadTopology } from '../../shared/model/load';
import type { Topology } from '../../shared/model/schema';
import { planDeck, slideSpan } from '../../shared/slides';
import { captionToText, type SlideLang } from '../../shared/slides/text';

const REPO = join(__dirname, '../..');

/** The home-to-web sample and its cold fetch of http://www.example.com/ (seed 1), as the decks show it. */
export function homeToWebJourney(): { topology: Topology; trace: Trace } {
  const loaded = loadTopology(
    readFileSync(join(REPO, 'resources/samples/home-to-web.packetjourney')),
    'home-to-web.packetjourney',
  );
  if (!loaded.ok) throw new Error(loaded.error);
  const topology = loaded.topology;
  return { topology, trace: simulate(topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false }) };
}

/** Each slide's caption as plain text, for a deck of `level` (and `steps`). */
export function deckCaptions(
  topology: Topology,
  trace: Trace,
  lang: SlideLang,
  options: { level: number; steps?: [number, number] },
): string[] {
  const plan = planDeck(topology, trace, options);
  return plan.slides.map((s) => captionToText(lang, slideSpan(trace, s.item, plan.context).caption));
}

/** Text without its white space: poppler's line breaks and spacing follow the layout, not the words. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** Runs a command-line tool and gives its standard output (a failure throws, with its standard error). */
export function runTool(tool: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
}

/** pdftotext's reading of a PDF (or of pages `first`–`last`), UTF-8. */
export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return runTool('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']);
}

/**
 * LibreOffice converts `files` to `format` in `dir` in one run (its start-up is most of the time), with a profile of
 * its own (a running office is not disturbed) and, as on a teacher's machine, Pretendard installed (the font our
 * decks name for Korean; without any Korean font it draws boxes, and pdftotext reads them out of order).
 */
export function convertWithLibreOffice(files: string[], dir: string, format = 'pdf'): void {
  const fonts = join(dir, 'fonts.conf');
  writeFileSync(
    fonts,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${join(REPO, 'resources/fonts')}</dir><cachedir>${join(dir, 'fc-cache')}</cachedir></fontconfig>`,
  );
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      format,
      '--outdir',
      dir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: fonts } },
  );
}
