// The built command line writes lesson players from the prebuilt player (out/player/lesson-player.json, made by
// scripts/build-player.mjs when the CLI is built) and never needs esbuild: it runs here from a copy of out/ whose
// node_modules holds only what the CLI loads at run time (resvg's native addon, harfbuzzjs's WebAssembly).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, sampleFile } from '../test-support/cli';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

/** out/cli and out/player as `npm run build` leaves them, the fonts, and a node_modules without esbuild. */
function builtLayout(): string {
  // bin/packet-journey.cjs (re)builds the CLI and the player when they are missing or older than their sources.
  expect(runCli(['--version']).status).toBe(0);
  const dir = tempDir();
  for (const part of ['out/cli/packet-journey.cjs', 'out/player/lesson-player.json'])
    cpSync(join(repoRoot, part), join(dir, part));
  cpSync(join(repoRoot, 'resources/fonts'), join(dir, 'resources/fonts'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const pkg of ['@resvg', 'harfbuzzjs'])
    symlinkSync(join(repoRoot, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
  return dir;
}

const runBuilt = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'out/cli/packet-journey.cjs'), ...args], { cwd: dir, encoding: 'utf8' });

describe('the built CLI and its prebuilt lesson player', () => {
  it('writes a lesson player from out/player/lesson-player.json, with no esbuild anywhere', () => {
    const dir = builtLayout();
    const cli = readFileSync(join(dir, 'out/cli/packet-journey.cjs'), 'utf8');
    expect(cli).not.toContain('esbuild');
    const prebuilt = JSON.parse(readFileSync(join(dir, 'out/player/lesson-player.json'), 'utf8')) as {
      script: string;
      style: string;
    };
    expect(prebuilt.script.length).toBeGreaterThan(50_000);
    const out = join(dir, 'lesson.html');
    const run = runBuilt(dir, [
      'player',
      sampleFile('home-to-web'),
      '--from',
      'pc',
      '--url',
      'http://www.example.com/',
      '--out',
      out,
      '--lang',
      'ko',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote a lesson player \(all \d+ steps at level 7, [\d.]+ MB\) to /);
    const html = readFileSync(out, 'utf8');
    // The file carries exactly the prebuilt script, and the prebuilt style after its @font-face rules.
    expect(html).toContain(`<script>${prebuilt.script}</script>`);
    expect(html).toMatch(/<style>@font-face\{font-family:Pretendard;/);
    expect(html).toContain(`${prebuilt.style}</style>`);
  }, 120_000);

  it('says in one sentence that the player is not built when the prebuilt file is missing', () => {
    const dir = builtLayout();
    rmSync(join(dir, 'out/player'), { recursive: true });
    const run = runBuilt(dir, [
      'player',
      sampleFile('home-to-web'),
      '--from',
      'pc',
      '--url',
      'http://www.example.com/',
      '--out',
      join(dir, 'lesson.html'),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^packet-journey player: The lesson player is not built \(player\/lesson-player\.json was not found in .*\); run "npm run build:cli"\.$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
