// `packet-journey player` writes one self-contained HTML file: checked here by reading it (size, the CSP and that
// its hashes are those of the inline script and style, no URL it could fetch, the journey inside, intact); the
// e2e test (e2e/player.spec.ts) opens it in chromium offline.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { runPlayerCommand } from './player-command';
import { useTempDirs } from '../test-support/temp-dir';
import { LESSON_DATA_ID, parseLessonJson } from '../../shared/player/lesson';
import { CliError, EXIT } from './usage';

const tempDir = useTempDirs();
const SAMPLE = join(__dirname, '../../resources/samples/home-to-web.packetjourney');
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('packet-journey player', () => {
  it('writes one HTML file under 3 MB with a CSP that allows only its own script and style', async () => {
    const out = join(tempDir(), 'lesson.html');
    const lines: string[] = [];
    expect(
      await runPlayerCommand(
        [
          SAMPLE,
          '--from',
          'pc',
          '--url',
          'www.example.com',
          '--out',
          out,
          '--lang',
          'ko',
          '--level',
          '5',
          '--steps',
          '2-6',
        ],
        (l) => lines.push(l),
      ),
    ).toBe(EXIT.ok);
    const html = await readFile(out, 'utf8');
    expect(lines[0]).toMatch(/^Wrote a lesson player \(steps 2–6 of \d+ at level 5, [\d.]+ MB\) to /);
    expect(Buffer.byteLength(html)).toBeLessThan(3_000_000);
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;|&apos;/g, "'") ??
      '';
    expect(csp).toMatch(/^default-src 'none'; /);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`script-src ${sha(scripts[0])};`);
    expect(csp).toContain(`style-src ${sha(styles[0])};`);
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    // Nothing the page could load: no src or href attributes, no url() in the style, no fetch or XHR in the script.
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(styles[0]).not.toMatch(/@import/);
    const urls = [...styles[0].matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(/^data:font\/otf;base64,[A-Za-z0-9+/]+=*$/);
    expect(csp).toContain('font-src data:;');
    // The embedded Pretendard (both weights) has every Hangul syllable the player's texts and the journey use, so
    // Korean reads where no Korean font is installed.
    const faces = [...styles[0].matchAll(/font-weight:(\d+);[^}]*base64,([A-Za-z0-9+/=]+)/g)].map((m) => ({
      weight: Number(m[1]),
      font: fontkit.create(Buffer.from(m[2], 'base64')),
    }));
    expect(faces.map((f) => [f.weight, f.font.postscriptName])).toEqual([
      [400, 'Pretendard-Regular'],
      [600, 'Pretendard-SemiBold'],
    ]);
    const hangul = new Set(html.match(/[\uac00-\ud7a3]/g));
    expect(hangul.size).toBeGreaterThan(300);
    for (const { font } of faces)
      expect([...hangul].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!))).toEqual([]);
    expect(scripts[0]).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts/);
    // The journey inside, with its bytes, the language, level and range.
    const data = parseLessonJson(
      new RegExp(`<script type="application/json" id="${LESSON_DATA_ID}">([\\s\\S]*?)</script>`).exec(html)![1],
    );
    expect(data).toMatchObject({
      format: 'packet-journey-lesson',
      lang: 'ko',
      level: 5,
      steps: [2, 6],
      title: 'Home to web — http://www.example.com/',
    });
    const frame = data.trace.steps.find((s) => s.type === 'frame');
    expect(frame?.type === 'frame' && frame.bytes instanceof Uint8Array && frame.bytes.length >= 42).toBe(true);
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
  }, 60_000);

  it('refuses a wrong --out, level or range', async () => {
    const dir = tempDir();
    const attempt = (args: string[]) =>
      runPlayerCommand([SAMPLE, '--from', 'pc', '--url', 'www.example.com', ...args], () => undefined);
    await expect(attempt(['--out', join(dir, 'x.pdf')])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringMatching(/one \.html file/),
    });
    await expect(attempt(['--out', join(dir, 'x.html'), '--level', '9'])).rejects.toBeInstanceOf(CliError);
    // The player's own name in every refusal (its --steps used to be refused as "packet-journey slides: …").
    for (const [args, words] of [
      [['--steps', 'a-b'], /^packet-journey player: --steps must be a step or a range/],
      [['--level', '9'], /^packet-journey player: --level must be a whole number from 1 to 7/],
      [['--lang', 'fr'], /^packet-journey player: --lang must be one of en, ko/],
    ] as const)
      await expect(attempt(['--out', join(dir, 'x.html'), ...args])).rejects.toMatchObject({
        exitCode: EXIT.usage,
        message: expect.stringMatching(words),
      });
    await expect(attempt(['--out', join(dir, 'x.html'), '--level', '1', '--steps', '40-50'])).rejects.toMatchObject({
      exitCode: EXIT.usage,
    });
  }, 60_000);
});
