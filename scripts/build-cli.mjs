// Bundles the command line (electron/cli/packet-journey.ts and the shared engine it uses) into one CommonJS file
// that plain Node runs: out/cli/packet-journey.cjs, with the prebuilt lesson player beside it
// (out/player/lesson-player.json, scripts/build-player.mjs). `node scripts/build-cli.mjs` or `npm run build:cli`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writePlayerBundle } from './build-player.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(root, 'electron/cli/packet-journey.ts');
export const CLI_BUNDLE = join(root, 'out/cli/packet-journey.cjs');

// The built CLI reads the prebuilt player: the module that builds it from the sources with esbuild is left out.
const prebuiltPlayerOnly = {
  name: 'prebuilt-player-only',
  setup(build) {
    build.onResolve({ filter: /\/from-source$/ }, (args) =>
      args.importer.endsWith(join('electron', 'player', 'bundle.ts'))
        ? { path: 'from-source', namespace: 'prebuilt-player' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'prebuilt-player' }, () => ({
      contents: 'export async function playerFromSource() { return undefined; }',
      loader: 'js',
    }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  await writePlayerBundle();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    write: false,
    entryPoints: [CLI_ENTRY],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The native addon (slides) is loaded from node_modules at run time; it cannot be bundled.
    external: ['@resvg/resvg-js'],
    plugins: [prebuiltPlayerOnly],
    sourcemap: 'linked',
    define: { PACKAGE_VERSION: JSON.stringify(version) },
    banner: { js: '#!/usr/bin/env node' },
    logLevel: quiet ? 'warning' : 'info',
  });
  // Each file lands whole (temp file + rename): several `packet-journey` processes may build at once, and none
  // may run a half-written bundle.
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  return CLI_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
}
