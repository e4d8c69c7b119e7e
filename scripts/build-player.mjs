// Builds the single-file lesson player's script and style (player/main.ts and its CSS) into the one prebuilt file
// the command line reads at run time, out/player/lesson-player.json ({ script, style }), so a built CLI needs no
// esbuild; the app's renderer inlines the same build at its own build time (vite.renderer.config.mts), and tests
// run from the sources build it on first use (electron/player/from-source.ts). `node scripts/build-player.mjs`;
// `npm run build` and `npm run build:cli` run it.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PLAYER_ENTRY = join(root, 'player/main.ts');
export const PLAYER_BUNDLE = join(root, 'out/player/lesson-player.json');

/** The one set of esbuild options for the player, wherever it is built. */
export const playerBuildOptions = {
  entryPoints: [PLAYER_ENTRY],
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
};

/** @returns {Promise<{ script: string, style: string }>} */
export async function buildPlayerBundle() {
  const { build } = await import('esbuild');
  const result = await build(playerBuildOptions);
  const text = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  const bundle = { script: text('.js'), style: text('.css') };
  if (!bundle.script || !bundle.style) throw new Error('The lesson player did not build.');
  return bundle;
}

/** Writes out/player/lesson-player.json whole (temp file + rename: a CLI starting meanwhile never reads half). */
export async function writePlayerBundle() {
  const bundle = await buildPlayerBundle();
  mkdirSync(dirname(PLAYER_BUNDLE), { recursive: true });
  const temp = `${PLAYER_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(bundle));
  renameSync(temp, PLAYER_BUNDLE);
  return PLAYER_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writePlayerBundle();
}
