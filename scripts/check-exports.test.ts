// scripts/check-exports.mjs on a small tree written for it (a real git checkout in a temporary folder): each kind of
// import keeps its export alive, and each kind of finding is found. That this repository has none is checked by
// `npm run lint`, which runs the script.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'check-exports.mjs');

interface Finding {
  file: string;
  name: string;
  line: number;
  importers?: string[];
}
interface Report {
  unused: Finding[];
  testOnly: Finding[];
  localOnly: Finding[];
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function check(files: Record<string, string>): { status: number | null; report: Report; text: string } {
  const root = mkdtempSync(join(tmpdir(), 'packet-journey-exports-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  expect(spawnSync('git', ['init', '-q'], { cwd: root }).status).toBe(0);
  writeFileSync(join(root, '.gitignore'), 'ignored/\n');
  const json = spawnSync(process.execPath, [script, '--json', '--root', root], { encoding: 'utf8' });
  const text = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  expect(json.stderr).toBe('');
  return { status: text.status, report: JSON.parse(json.stdout) as Report, text: text.stdout };
}

const names = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.name}`).sort();

describe('check-exports', () => {
  it('passes a tree whose every export is imported, whatever the kind of import', () => {
    const { status, report, text } = check({
      'src/util.ts': [
        'export const A = 1;',
        'export function b() {}',
        'export type C = number;',
        'export interface D { x: 1 }',
        'export default function main() {}',
      ].join('\n'),
      'src/lazy.ts': 'export const lazyA = 1;\nexport const lazyB = 2;\nexport const lazyC = 3;\n',
      'src/types.ts': 'export interface Shape { side: number }\n',
      'src/ns.ts': 'export const n1 = 1;\nexport const n2 = 2;\n',
      'src/barrel.ts': "export * from './deep';\nexport { renamed as alias } from './other';\n",
      'src/deep.ts': 'export const deep = 1;\n',
      'src/other.ts': 'export const renamed = 1;\n',
      'src/app.ts': [
        "import main, { A, b, type C } from './util';",
        "import type { D } from './util.js';",
        "import * as ns from './ns';",
        "import { deep, alias } from './barrel';",
        "type S = typeof import('./types').Shape;",
        'export async function run(): Promise<S | C | D | number> {',
        "  const { lazyA } = await import('./lazy');",
        "  const lazyB = await import('./lazy').then((m) => m.lazyB);",
        "  const c = (await import('./lazy')).lazyC;",
        '  main(); b();',
        '  return A + ns.n1 + deep + alias + lazyA + lazyB + c;',
        '}',
      ].join('\n'),
      'src/main.ts': "import { run } from './app';\nvoid run();\n",
      'vite.config.ts': 'export default {};\n',
      'ignored/dead.ts': 'export const ignoredDead = 1;\n',
    });
    expect(report).toEqual({ unused: [], testOnly: [], localOnly: [] });
    expect(text).toBe('');
    expect(status).toBe(0);
  });

  it('finds dead exports, a barrel nobody imports and helpers only tests import', () => {
    const { status, report, text } = check({
      'src/lib.ts': [
        'export const VOCABULARY = 7;',
        'export function testedAndUsed() { return VOCABULARY; }',
        'export const used = testedAndUsed();',
        'export const dead = 2;',
        'export function helperForTests() {}',
        'const hidden = 3;',
        'export { hidden };',
      ].join('\n'),
      'src/app.ts': "import { used } from './lib';\nexport default used;\n",
      'src/main.ts': "import app from './app';\nconsole.log(app);\n",
      'src/lib.test.ts': "import { helperForTests, testedAndUsed } from './lib';\nhelperForTests(); testedAndUsed();\n",
      'src/barrel.ts': "export * from './lib';\n",
      'e2e/support/tool.ts': 'export const onlyInE2e = 1;\n',
    });
    expect(names(report.unused)).toEqual(['src/barrel.ts:*', 'src/lib.ts:dead', 'src/lib.ts:hidden']);
    expect(report.testOnly).toEqual([
      { file: 'src/lib.ts', name: 'helperForTests', line: 5, importers: ['src/lib.test.ts'] },
    ]);
    // Its own file uses it: a note for --all, not a finding. Test code's own exports are not judged.
    expect(names(report.localOnly)).toEqual(['src/lib.ts:VOCABULARY']);
    expect(text).toContain("src/lib.ts:4: 'dead' is exported but nothing imports it");
    expect(text).toContain('src/barrel.ts:1: nothing imports this module');
    expect(text).toContain("src/lib.ts:5: 'helperForTests' is imported only by tests (src/lib.test.ts)");
    expect(status).toBe(1);
  });
});
