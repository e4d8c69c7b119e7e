// What a lesson player's fonts are cut from, read once: the bundled Pretendard files (found as the slides find them,
// also in the packaged app) and harfbuzzjs's hb-subset WebAssembly. Apart from bundle.ts, whose from-source build
// pulls in esbuild, so the desktop app's main process can use it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { LessonFontSources } from '../../shared/player/fonts';
import { slideFontFiles } from '../slides/fonts';

let fonts: Promise<LessonFontSources> | undefined;

export function lessonFontSources(): Promise<LessonFontSources> {
  fonts ??= (async () => {
    const [regular, semibold] = slideFontFiles();
    const wasm = createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const [subsetWasm, r, s] = await Promise.all([readFile(wasm), readFile(regular), readFile(semibold)]);
    return { subsetWasm: new Uint8Array(subsetWasm), regular: new Uint8Array(r), semibold: new Uint8Array(s) };
  })();
  fonts.catch(() => (fonts = undefined));
  return fonts;
}
