#!/usr/bin/env node
// `packet-journey` / `npx packet-journey`: runs the bundled command line, building it first when it is missing or
// older than its sources (right after `npm ci`, or after editing electron/ or shared/ in a checkout).
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const bundle = join(root, 'out', 'cli', 'packet-journey.cjs');

function newestSourceTime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return ['electron', 'shared'].some((dir) => newestSourceTime(join(root, dir)) > built);
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
