// The lesson player's script and style (player/main.ts and its CSS), bundled by esbuild into two strings for
// shared/player/lesson.ts to inline. Built on first use and kept: about half a second.
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { PlayerBundle } from '../../shared/player/lesson';

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
