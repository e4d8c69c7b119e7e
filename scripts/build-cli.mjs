// Bundles the command line (electron/cli/packet-journey.ts and the shared engine it uses) into one CommonJS file
// that plain Node runs: out/cli/packet-journey.cjs. `node scripts/build-cli.mjs` or `npm run build:cli`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = join(root, 'electron/cli/packet-journey.ts');
export const CLI_BUNDLE = join(root, 'out/cli/packet-journey.cjs');

export async function buildCli({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    write: false,
    entryPoints: [CLI_ENTRY],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Native addon (slides) and esbuild (it builds the lesson player's script on first use, and finds its own
    // binary with require.resolve): loaded from node_modules at run time, they cannot be bundled.
    external: ['@resvg/resvg-js', 'esbuild'],
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
