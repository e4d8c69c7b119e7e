// `npm test`: typecheck, unit tests (vitest), build, e2e tests (Playwright in chromium).
// Ends with one plain line "N passed, N failed" summed over every suite.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { ensureNodeModules, ensureTestTools } from './setup.mjs';

ensureNodeModules();
ensureTestTools();

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let ok = true;

function run(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(npx, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

// Typecheck counts as one test: it either passes or fails as a whole. The whole project, then each layer alone
// (shared/ without DOM or Node types, renderer/ without Node, electron/ without DOM).
const layers = ['tsconfig.json', 'tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.electron.json'];
if (layers.every((config) => run(`typecheck (${config})`, ['tsc', '--noEmit', '-p', config]))) passed++;
else {
  failed++;
  ok = false;
}

// Lint (eslint.config.mjs: the layers' import boundaries and type-aware rules; scripts/check-exports.mjs: no dead
// exports, no product helpers only tests use) counts as one test too.
if (run('lint', ['eslint', '.', '--max-warnings=0']) && run('lint (exports)', ['node', 'scripts/check-exports.mjs']))
  passed++;
else {
  failed++;
  ok = false;
}

// Format (.prettierrc.json, .prettierignore): one style everywhere; `npm run format` fixes what it finds.
if (run('format', ['prettier', '--check', '.'])) passed++;
else {
  failed++;
  ok = false;
}

const vitestJson = '.vitest-results.json';
rmSync(vitestJson, { force: true });
if (
  !run('unit tests (vitest)', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ])
)
  ok = false;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
} else {
  failed++;
}

if (!run('build', ['electron-vite', 'build'])) {
  ok = false;
  failed++;
}
if (!run('build (web mode)', ['vite', 'build', '--config', 'vite.renderer.config.mts'])) {
  ok = false;
  failed++;
}

const pwJson = '.playwright-results.json';
rmSync(pwJson, { force: true });
if (!run('e2e tests (playwright, chromium)', ['playwright', 'test'], { PW_JSON_OUTPUT: pwJson })) ok = false;
if (existsSync(pwJson)) {
  const r = JSON.parse(readFileSync(pwJson, 'utf8'));
  passed += r.stats?.expected ?? 0;
  failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
  if ((r.errors ?? []).length > 0 && !r.stats?.unexpected) failed += r.errors.length;
} else {
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
