// Makes a fresh checkout ready: npm dependencies, and (for the tests) Debian's chromium and tshark.
// Used by `npm start` and `npm test` so that each is one command on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing npm dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: see the messages above.');
    process.exit(1);
  }
}

/** chromium (for the e2e tests) and tshark (to check our captures) from apt, when missing and we may install. */
export function ensureTestTools() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  if (!onPath('tshark')) missing.push('tshark');
  // A real presentation program and PDF text reader check the editable PPTX (electron/slides/pptx-editable.test.ts).
  if (!onPath('soffice')) missing.push('libreoffice-impress');
  if (!onPath('pdftotext')) missing.push('poppler-utils');
  // FreeType reads the lesson player's font subsets back (shared/player/fonts.test.ts).
  if (!onPath('fc-query')) missing.push('fontconfig');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : onPath('sudo') ? ['sudo'] : null;
  if (!sudo) {
    console.error(
      `The tests need ${missing.join(' and ')} (Debian packages); install them: apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' and ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { stdio: 'inherit', env }).status === 0;
  if (!apt(['update', '-q']) || !apt(['install', '-y', '-q', ...missing])) {
    console.error(`Could not install ${missing.join(' and ')}.`);
    process.exit(1);
  }
}
