// The lesson player's script and style (player/main.ts and its CSS), bundled by esbuild into two strings for
// shared/player/lesson.ts to inline. Built on first use and kept: about half a second.
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PlayerBundle } from '../../shared/player/lesson';
import type { LessonFontSources } from '../../shared/player/fonts';
import { slideFontFiles } from '../slides/fonts';

let cached: Promise<PlayerBundle> | undefined;

function entry(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (let i = 0; i < 6; i++) {
      const candidate = join(dir, 'player', 'main.ts');
      if (existsSync(candidate)) return candidate;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error("The lesson player's source (player/main.ts) was not found.");
}

export function playerBundle(): Promise<PlayerBundle> {
  cached ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry()],
      bundle: true,
      write: false,
      outdir: 'player-out',
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    });
    const script = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    const style = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
    if (!script) throw new Error('The lesson player did not build.');
    return { script, style };
  })();
  return cached;
}

let fonts: Promise<LessonFontSources> | undefined;

/** What the player's fonts are cut from: the bundled Pretendard files and harfbuzzjs's hb-subset WebAssembly. */
export function lessonFontSources(): Promise<LessonFontSources> {
  fonts ??= (async () => {
    const [regular, semibold] = slideFontFiles();
    const wasm = createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const [subsetWasm, r, s] = await Promise.all([readFile(wasm), readFile(regular), readFile(semibold)]);
    return { subsetWasm: new Uint8Array(subsetWasm), regular: new Uint8Array(r), semibold: new Uint8Array(s) };
  })();
  return fonts;
}
