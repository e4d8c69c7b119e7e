// Electron security lint: runs @doyensec/electronegativity over the desktop app's sources (electron/ and renderer/,
// with package.json for the Electron version) and fails on any finding not justified next to the code with an
// `eng-disable CHECK_ID` comment (electronegativity drops those itself).
//
//   node scripts/security-lint.mjs          table of findings; exit 1 if any, or if a file could not be parsed
//   node scripts/security-lint.mjs --json   the same as JSON on stdout (electron/security.test.ts reads it)
//   --root DIR                              scan DIR/electron and DIR/renderer instead of this repository's
//
// Offline by design: electronegativity fetches translations and Electron's release list from the internet. The
// translations are the English texts it ships (loaded from its own folder below), and the one check that needs the
// release list (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: "is there a newer Electron with security fixes") is left to
// `npm outdated` / Dependabot-style updates of the electron package, not to this lint.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What is scanned: the code that runs in the desktop app (main, preload, workers, renderer). The Electron version
 * comes from node_modules/electron (package.json would only add ELECTRON_VERSION_JSON_CHECK, an informational
 * finding whose one consumer is the network check excluded below). */
export const SCANNED = ['electron', 'renderer'];
/** Not part of the app: tests and their helpers (they hold deliberately insecure stand-ins), build output. */
const SKIPPED = [/\.test\.tsx?$/, /(^|\/)test-support\//, /(^|\/)node_modules\//, /(^|\/)dist\//];
/** Needs the network (see above). */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

function useLocalTranslations() {
  const i18nModule = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = require(require.resolve('i18n', { paths: [dirname(i18nModule)] }));
  const configure = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: global,
    });
    i18n.setLocale('en-US');
  };
  require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: configure };
}

/** Copies the scanned files to a temporary folder with the same relative paths, so findings name repo paths. */
function stage(root) {
  const dir = mkdtempSync(join(tmpdir(), 'packet-journey-security-'));
  for (const entry of SCANNED) {
    if (!existsSync(join(root, entry))) continue;
    cpSync(join(root, entry), join(dir, entry), {
      recursive: true,
      filter: (source) => {
        const path = relative(root, source).split(sep).join('/');
        return (
          !SKIPPED.some((pattern) => pattern.test(path)) && (statSync(source).isDirectory() || !source.endsWith('.map'))
        );
      },
    });
  }
  return dir;
}

function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

/**
 * Runs electronegativity and returns the findings still standing after eng-disable annotations, and the files it
 * could not parse (a file it cannot parse is a file it did not check).
 */
export async function securityLint(root = REPO_ROOT) {
  useLocalTranslations();
  const run = require('@doyensec/electronegativity');
  const dir = stage(root);
  try {
    const result = await run({
      input: dir,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: require(join(REPO_ROOT, 'node_modules/electron/package.json')).version,
    });
    const findings = result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: issue.manualReview === true,
      description: issue.description,
      sample: issue.sample,
    }));
    const unparsed = result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ file: relative(dir, e.file), message: e.message }));
    return { checks: result.globalChecks + result.atomicChecks, files: countFiles(dir), findings, unparsed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // electronegativity logs progress with console.log; keep stdout for the report.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  const rootFlag = process.argv.indexOf('--root');
  const report = await securityLint(rootFlag > 0 ? process.argv[rootFlag + 1] : REPO_ROOT);
  console.log = log;
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`electronegativity: ${report.checks} checks over ${report.files} files`);
    for (const f of report.findings) {
      console.log(
        `${f.file}:${f.line}:${f.column}  ${f.id}  ${f.severity}/${f.confidence}${f.manualReview ? ' (review)' : ''}\n    ${f.description}`,
      );
    }
    for (const u of report.unparsed) console.log(`${u.file}: not parsed: ${u.message}`);
    console.log(
      report.findings.length === 0 && report.unparsed.length === 0
        ? 'no unjustified findings'
        : `${report.findings.length} unjustified finding(s), ${report.unparsed.length} unparsed file(s)`,
    );
  }
  process.exit(report.findings.length === 0 && report.unparsed.length === 0 ? 0 : 1);
}
