// Dead exports and product helpers only tests use (issue 20): every export of every tracked TypeScript/JavaScript
// file is looked up in every import of every other file (static imports, re-exports, `import()` and
// `typeof import()`), by the module each import resolves to, not by name. Part of `npm run lint`.
//
//   node scripts/check-exports.mjs           the findings, one a line; exit 1 if any
//   node scripts/check-exports.mjs --all     also the exports only their own file uses (notes, not findings)
//   node scripts/check-exports.mjs --json    { unused, testOnly, localOnly } as JSON on stdout
//                                            (scripts/check-exports.test.ts)
//   --root DIR                               scan the files git tracks (and the untracked ones it does not ignore)
//                                            in DIR instead of this repository
//
// Two findings:
// - unused: nothing imports it and its own file does not use it either (dead code), or nothing imports a barrel
//   (`export * from`) — drop it;
// - test-only: only tests import it (test files, e2e/, testing/, test-support/ and fixtures/ folders, *testing.ts)
//   and its own file does not use it — the product should use it, or it belongs next to its tests (a testing
//   module), or it goes with its tests.
// Not findings: an export only its own file uses (a module's vocabulary, a component's props type: `--all` lists
// them), a tested function the product calls within its module, config files' default exports (a tool reads them).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;
/** Not scanned: declarations for other tools, generated or vendored code. */
const SKIPPED = [/^types\//, /\.d\.m?ts$/, /^bench\/bare\//, /^resources\//, /(^|\/)node_modules\//];
/** Code that only tests run: what it imports counts as used by tests, what it exports is not a product export. */
const TEST_CODE = [
  /\.test\.(ts|tsx|mts|mjs)$/,
  /^e2e\//,
  /(^|\/)testing\//,
  /(^|[/-])testing\.ts$/,
  /(^|\/)test-support\//,
  /(^|\/)fixtures\//,
];
/** Files a tool loads by name and reads the default export of (vite, vitest, playwright, eslint, electron-vite). */
const TOOL_ENTRY = /(^|\/)[^/]*\.config\.(ts|mts|mjs|cjs|js)$/;
const RESOLVE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '.cjs', '/index.ts', '/index.tsx'];

export const isTestCode = (file) => TEST_CODE.some((pattern) => pattern.test(file));

/** The files to scan, relative to root with '/' separators. */
function trackedFiles(root) {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split('\0')
    .filter((file) => SOURCE.test(file) && !SKIPPED.some((pattern) => pattern.test(file)))
    .filter((file) => existsSync(join(root, file)));
}

/** The tracked file a relative specifier names (`./x`, `./x.js` for x.ts, `./dir` for dir/index.ts), or null. */
function resolveSpecifier(root, fromFile, specifier, known) {
  if (!specifier.startsWith('.')) return null;
  const base = relative(root, resolve(root, dirname(fromFile), specifier))
    .split(sep)
    .join('/');
  const candidates = RESOLVE_EXTENSIONS.map((ext) => base + ext);
  if (/\.(js|mjs|cjs)$/.test(base)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}

const hasModifier = (node, kind) =>
  (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((m) => m.kind === kind);

/** Names bound by a declaration (`export const { a, b } = …` binds two). */
function boundNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/**
 * One file's exports and imports:
 * - exports: Map name → line of its declaration;
 * - uses: [{ target specifier, names (null = every export) }];
 * - forwards: `export * from` specifiers (a use of this file's name is a use of theirs);
 * - reexports: [{ specifier, local, exported }] (`export { a as b } from`);
 * - localText: the file's text with its export declarations' names, to tell "used in its own file".
 */
function analyse(text, fileName) {
  const kind = /\.tsx$/.test(fileName)
    ? ts.ScriptKind.TSX
    : /\.(m|c)?js$/.test(fileName)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const exports = new Map();
  const uses = [];
  const forwards = [];
  const reexports = [];
  const localIdentifiers = new Map();
  const line = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  /** name → { line, reexport (forwarded from another module), local (the binding it exports, if any), mentions
   * (how often that binding's name stands in its declaration and export statement: more means its file uses it) }. */
  const declare = (name, node, { reexport = false, local = name, mentions = 1 } = {}) =>
    exports.set(name, { line: line(node), reexport, local, mentions });

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const names = [];
      let all = false;
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) all = true;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
      // A bare `import './x'` runs the module for its effects: no export is read.
      uses.push({ specifier: statement.moduleSpecifier.text, names: all ? null : names });
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : null;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier) forwards.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        declare(clause.name.text, clause, { reexport: Boolean(specifier) });
        if (specifier) uses.push({ specifier, names: null });
      } else {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          // `export { a }` and `export { a as b }` name the declaration of a a second time.
          declare(element.name.text, element, {
            reexport: Boolean(specifier),
            local: specifier ? null : local,
            mentions: 2,
          });
          if (specifier) reexports.push({ specifier, local, exported: element.name.text });
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      const local = ts.isIdentifier(statement.expression) ? statement.expression.text : null;
      declare('default', statement, { local, mentions: 2 });
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      declare('default', statement, { local: statement.name?.text ?? null });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        for (const name of boundNames(declaration.name)) declare(name, declaration);
    } else if (statement.name && ts.isIdentifier(statement.name)) {
      declare(statement.name.text, statement);
    }
  }

  // import('x') and typeof import('x').Name anywhere in the file; identifiers, to tell what the file uses itself.
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      localIdentifiers.set(node.text, (localIdentifiers.get(node.text) ?? 0) + 1);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) {
        const first = node.qualifier && (ts.isIdentifier(node.qualifier) ? node.qualifier : leftmost(node.qualifier));
        uses.push({ specifier: argument.literal.text, names: first ? [first.text] : null });
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      uses.push({ specifier: node.arguments[0].text, names: dynamicImportNames(node) });
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      uses.push({ specifier: node.arguments[0].text, names: null });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return { exports, uses, forwards, reexports, localIdentifiers };
}

function leftmost(qualifier) {
  let node = qualifier;
  while (ts.isQualifiedName(node)) node = node.left;
  return node;
}

/**
 * Which exports an `import('x')` reads: `const { a, b } = await import('x')`, `import('x').then((m) => m.a)`,
 * `(await import('x')).a`; anything else counts as reading all of them.
 */
function dynamicImportNames(call) {
  let node = call;
  if (ts.isAwaitExpression(node.parent)) node = node.parent;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name))
    return parent.name.elements.map((element) => (element.propertyName ?? element.name).getText());
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    if (parent.name.text !== 'then') return [parent.name.text];
    const callback = ts.isCallExpression(parent.parent) ? parent.parent.arguments[0] : undefined;
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
      const param = callback.parameters[0]?.name;
      if (param && ts.isObjectBindingPattern(param))
        return param.elements.map((element) => (element.propertyName ?? element.name).getText());
      if (param && ts.isIdentifier(param)) {
        const names = [];
        const find = (n) => {
          if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === param.text)
            names.push(n.name.text);
          else if (ts.isIdentifier(n) && n.text === param.text && !ts.isPropertyAccessExpression(n.parent))
            names.push(null);
          ts.forEachChild(n, find);
        };
        find(callback.body);
        return names.includes(null) ? null : names;
      }
    }
  }
  return null;
}

/** { unused: [{ file, name, line }], testOnly: [{ file, name, line, importers }] } for the tree at root. */
export function findExportProblems(root) {
  const files = trackedFiles(root);
  const known = new Set(files);
  const modules = new Map();
  for (const file of files) {
    const path = join(root, file);
    if (!statSync(path).isFile()) continue;
    modules.set(file, analyse(readFileSync(path, 'utf8'), file));
  }
  /** file → name → set of importing files ('*' for "every export"). */
  const importers = new Map();
  const everything = new Map();
  const mark = (target, name, from, seen = new Set()) => {
    const key = `${target}\0${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const info = modules.get(target);
    if (!info) return;
    if (name === null) {
      if (!everything.has(target)) everything.set(target, new Set());
      everything.get(target).add(from);
      for (const { specifier, local } of info.reexports) {
        const next = resolveSpecifier(root, target, specifier, known);
        if (next) mark(next, local, from, seen);
      }
      for (const specifier of info.forwards) {
        const next = resolveSpecifier(root, target, specifier, known);
        if (next) mark(next, null, from, seen);
      }
      return;
    }
    if (!importers.has(target)) importers.set(target, new Map());
    const byName = importers.get(target);
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name).add(from);
    for (const { specifier, local, exported } of info.reexports) {
      if (exported !== name) continue;
      const next = resolveSpecifier(root, target, specifier, known);
      if (next) mark(next, local, from, seen);
    }
    if (!info.exports.has(name))
      for (const specifier of info.forwards) {
        const next = resolveSpecifier(root, target, specifier, known);
        if (next) mark(next, name, from, seen);
      }
  };
  const imported = new Set();
  for (const [file, info] of modules) {
    for (const { specifier, names } of info.uses) {
      const target = resolveSpecifier(root, file, specifier, known);
      if (!target || target === file) continue;
      imported.add(target);
      if (names === null) mark(target, null, file);
      else for (const name of names) mark(target, name, file);
    }
  }

  const unused = [];
  const testOnly = [];
  const localOnly = [];
  for (const [file, info] of modules) {
    if (isTestCode(file)) continue;
    // `export * from` forwards names it does not list: a barrel nobody imports is one finding.
    if (info.forwards.length > 0 && !imported.has(file)) unused.push({ file, name: '*', line: 1 });
    for (const [name, { line, reexport, local, mentions }] of info.exports) {
      if (name === 'default' && TOOL_ENTRY.test(file)) continue;
      const from = new Set([...(importers.get(file)?.get(name) ?? []), ...(everything.get(file) ?? [])]);
      const usedInFile = local !== null && (info.localIdentifiers.get(local) ?? 0) > mentions;
      if (from.size === 0) (usedInFile ? localOnly : unused).push({ file, name, line });
      // A test that imports a function its own module uses tests the product; one that imports what only tests
      // use keeps product code alive for nothing. (A barrel's re-export is judged where it is declared.)
      else if (!usedInFile && !reexport && [...from].every(isTestCode))
        testOnly.push({ file, name, line, importers: [...from].sort() });
    }
  }
  const order = (a, b) => a.file.localeCompare(b.file) || a.line - b.line;
  return { unused: unused.sort(order), testOnly: testOnly.sort(order), localOnly: localOnly.sort(order) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? resolve(args[rootAt + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
  const { unused, testOnly, localOnly } = findExportProblems(root);
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ unused, testOnly, localOnly }, null, 2) + '\n');
  } else {
    if (args.includes('--all'))
      for (const { file, name, line } of localOnly)
        console.log(`${file}:${line}: note: '${name}' is exported, but only its own file uses it`);
    for (const { file, name, line } of unused)
      console.log(
        name === '*'
          ? `${file}:${line}: nothing imports this module`
          : `${file}:${line}: '${name}' is exported but nothing imports it`,
      );
    for (const { file, name, line, importers } of testOnly)
      console.log(`${file}:${line}: '${name}' is imported only by tests (${importers.join(', ')})`);
    if (unused.length + testOnly.length > 0)
      console.log(`${unused.length} unused export(s), ${testOnly.length} export(s) only tests import.`);
  }
  process.exitCode = unused.length + testOnly.length > 0 ? 1 : 0;
}
