// The lesson player's script and style (player/main.ts and its CSS) for shared/player/lesson.ts to inline: in the
// built command line, the prebuilt out/player/lesson-player.json (scripts/build-player.mjs) beside it; run from
// the sources, built from player/ on first use (./from-source.ts).
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PlayerBundle } from '../../shared/player/lesson';
import { playerFromSource } from './from-source';

export const PREBUILT_PLAYER = join('player', 'lesson-player.json');

/** Where the prebuilt player may be: beside the CLI bundle (out/cli → out/player), or in out/ above the code. */
function prebuiltCandidates(): string[] {
  const out: string[] = [];
  let dir = resolve(__dirname);
  for (let i = 0; i < 6; i++) {
    out.push(join(dir, PREBUILT_PLAYER), join(dir, 'out', PREBUILT_PLAYER));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

async function readPrebuilt(): Promise<PlayerBundle> {
  const tried = prebuiltCandidates();
  const file = tried.find((f) => existsSync(f));
  if (!file)
    throw new Error(
      `The lesson player is not built (${PREBUILT_PLAYER} was not found in ${tried.slice(0, 2).join(', ')}…); run "npm run build:cli".`,
    );
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PlayerBundle>;
  if (typeof parsed.script !== 'string' || typeof parsed.style !== 'string' || !parsed.script)
    throw new Error(`The prebuilt lesson player ${file} is damaged; run "npm run build:cli" again.`);
  return { script: parsed.script, style: parsed.style };
}

let cached: Promise<PlayerBundle> | undefined;

export function playerBundle(): Promise<PlayerBundle> {
  cached ??= (async () => (await playerFromSource()) ?? readPrebuilt())();
  cached.catch(() => (cached = undefined));
  return cached;
}
