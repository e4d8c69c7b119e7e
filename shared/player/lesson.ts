// A lesson player is one HTML file: the recorded journey (topology and trace, frame bytes as hex) in a JSON data
// block, the player's script and style inline, and a Content-Security-Policy that allows exactly those two inline
// blocks (by their SHA-256) and nothing else — no network, no other file, from file:// or inside an LMS's iframe.
// Its fonts are embedded too (subsets of Pretendard, shared/player/fonts.ts), so it reads the same on any machine.
// Pure: the bundle and the font sources are handed in (built by esbuild from player/), so the CLI and the app write
// the same bytes.
import { sha256 } from '@noble/hashes/sha2.js';
import type { Topology } from '../model/schema';
import type { Trace } from '../engine/trace';
import type { DetailLevel } from '../replay/levels';
import type { SlideLang } from '../slides/text';
import { base64 } from '../slides/export/base64';
import { fontFaceCss, lessonFonts, type LessonFont, type LessonFontSources } from './fonts';

export interface LessonData {
  format: 'packet-journey-lesson';
  title: string;
  lang: SlideLang;
  /** Level the player opens at (the viewer can change it). */
  level: DetailLevel;
  /** Optional lock to a range of the opening level's steps (1-based, inclusive). */
  steps?: [number, number];
  topology: Topology;
  trace: Trace;
}

export interface PlayerBundle {
  script: string;
  style: string;
}

export const LESSON_DATA_ID = 'lesson-data';

/** The data as JSON that is safe inside <script type="application/json">: bytes as hex, no "</" or "<!--". */
export function lessonJson(data: LessonData): string {
  const json = JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Uint8Array ? { hex: Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('') } : value,
  );
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The data back from its JSON (the player's side): hex strings become bytes again. */
export function parseLessonJson(text: string): LessonData {
  return JSON.parse(text, (_key, value: unknown) => {
    if (
      value &&
      typeof value === 'object' &&
      'hex' in value &&
      Object.keys(value).length === 1 &&
      typeof (value as { hex: unknown }).hex === 'string'
    ) {
      const hex = (value as { hex: string }).hex;
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      return bytes;
    }
    return value;
  }) as LessonData;
}

function hash(text: string): string {
  return `'sha256-${base64(sha256(new TextEncoder().encode(text)))}'`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The policy the file carries: nothing may load; only the player's own script and style run (by hash). */
export function lessonPolicy(bundle: PlayerBundle): string {
  return [
    "default-src 'none'",
    `script-src ${hash(bundle.script)}`,
    `style-src ${hash(bundle.style)}`,
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The player with its fonts: the @font-face rules go first in its one style element (and so into its hash). */
export function withFonts(bundle: PlayerBundle, fonts: LessonFont[]): PlayerBundle {
  return fonts.length ? { script: bundle.script, style: `${fontFaceCss(fonts)}\n${bundle.style}` } : bundle;
}

/** The whole file, its fonts cut to the characters its script and data hold. */
export async function lessonFile(bundle: PlayerBundle, data: LessonData, fonts: LessonFontSources): Promise<string> {
  return lessonHtml(withFonts(bundle, await lessonFonts(fonts, [bundle.script, bundle.style, lessonJson(data)])), data);
}

export function lessonHtml(bundle: PlayerBundle, data: LessonData): string {
  // A closing tag inside the bundle would end its element early.
  if (/<\/script/i.test(bundle.script) || /<\/style/i.test(bundle.style))
    throw new Error('The player bundle contains a closing tag.');
  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(lessonPolicy(bundle))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Packet Journey">
<title>${escapeHtml(data.title)}</title>
<style>${bundle.style}</style>
</head>
<body>
<main id="player" aria-live="off"></main>
<script type="application/json" id="${LESSON_DATA_ID}">${lessonJson(data)}</script>
<script>${bundle.script}</script>
</body>
</html>
`;
}
