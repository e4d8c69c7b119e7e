// Run from the sources (tests, tsx), the player is built from player/ on first use, so an edit there shows at once.
// scripts/build-cli.mjs replaces this module in the command line's bundle with one that returns nothing: the built
// CLI reads the prebuilt out/player/lesson-player.json and never loads esbuild.
import type { PlayerBundle } from '../../shared/player/lesson';

export async function playerFromSource(): Promise<PlayerBundle | undefined> {
  const { buildPlayerBundle } = await import('../../scripts/build-player.mjs');
  return buildPlayerBundle();
}
