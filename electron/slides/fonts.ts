// The font files slides are drawn with. resvg draws only the fonts it is given (this machine has no Korean system
// font), so every raster export points it at the bundled Pretendard files and nothing else: the same pixels everywhere.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const FONT_FILES = ['Pretendard-Regular.otf', 'Pretendard-SemiBold.otf'];

function candidates(): string[] {
  const out: string[] = [];
  if (process.env.PACKET_JOURNEY_FONTS) out.push(process.env.PACKET_JOURNEY_FONTS);
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) out.push(join(resourcesPath, 'fonts'));
  // From this file (source, or the bundle in out/cli or out/main) and from the working directory, walk up.
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (let i = 0; i < 6; i++) {
      out.push(join(dir, 'resources', 'fonts'));
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return out;
}

let cached: string[] | undefined;

/** Absolute paths of the bundled font files; throws with the places it looked if they are missing. */
export function slideFontFiles(): string[] {
  if (cached) return cached;
  const tried = candidates();
  for (const dir of tried) {
    const files = FONT_FILES.map((f) => join(dir, f));
    if (files.every((f) => existsSync(f))) return (cached = files);
  }
  throw new Error(
    `The slide fonts (${FONT_FILES.join(', ')}) were not found; looked in: ${[...new Set(tried)].join(', ')}`,
  );
}
