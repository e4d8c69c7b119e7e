#!/usr/bin/env node
// `packet-journey` / `npx packet-journey`: runs the bundled command line, building it first when it is missing or
// older than its sources (right after `npm ci`, or after editing electron/, shared/ or player/ in a checkout); the
// build also writes the prebuilt lesson player (out/player/lesson-player.json) the CLI reads.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const bundle = join(root, 'out', 'cli', 'packet-journey.cjs');
const player = join(root, 'out', 'player', 'lesson-player.json');

function newestSourceTime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (/\.(ts|json|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(bundle) || !existsSync(player)) return true;
  const built = Math.min(statSync(bundle).mtimeMs, statSync(player).mtimeMs);
  return ['electron', 'shared', 'player'].some((dir) => newestSourceTime(join(root, dir)) > built);
}

async function main() {
  if (isStale()) {
    const script = join(root, 'scripts', 'build-cli.mjs');
    if (!existsSync(script)) {
      console.error(`packet-journey: the command line is not built (${bundle} is missing) and cannot be built here.`);
      process.exit(1);
    }
    const { buildCli } = await import(pathToFileURL(script).href);
    await buildCli({ quiet: true });
  }
  require(bundle);
}

main().catch((error) => {
  console.error(`packet-journey: could not build the command line: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
