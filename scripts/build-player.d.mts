// Types of scripts/build-player.mjs for the TypeScript that imports it.
import type { BuildOptions } from 'esbuild';

export const PLAYER_ENTRY: string;
export const PLAYER_BUNDLE: string;
export const playerBuildOptions: BuildOptions & { write: false };
export function buildPlayerBundle(): Promise<{ script: string; style: string }>;
export function writePlayerBundle(): Promise<string>;
