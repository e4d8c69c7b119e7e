// The README's keyboard table is generated from the command catalog, so it can't drift from the app.
// `npx tsx scripts/readme-shortcuts.ts` rewrites it; scripts/readme.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from '../shared/commands/catalog';
import labels from '../shared/i18n/en/commands.json';

const START = '<!-- shortcuts:start -->';
const END = '<!-- shortcuts:end -->';

function label(key: string): string {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], labels);
  return typeof value === 'string' ? value.replace(/…$/, '') : key;
}

const keyName = (shortcut: string) =>
  shortcut
    .replace('$mod', 'Ctrl/Cmd')
    .replace('ArrowLeft', '←')
    .replace('ArrowRight', '→')
    .split('+')
    .map((part) => (part.length === 1 ? part.toUpperCase() : part))
    .join('+');

export function shortcutsTable(): string {
  const rows = COMMANDS.filter((c) => c.shortcuts?.length).map(
    (c) => `| ${label(c.labelKey)} | ${c.shortcuts!.map((s) => `\`${keyName(s)}\``).join(', ')} |`,
  );
  return [START, '| Command | Keys |', '|---|---|', ...rows, END].join('\n');
}

export function readmeWithShortcuts(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md has no shortcuts markers');
  return readme.slice(0, start) + shortcutsTable() + readme.slice(end + END.length);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  const path = resolve(__dirname, '..', 'README.md');
  writeFileSync(path, readmeWithShortcuts(readFileSync(path, 'utf8')));
}
