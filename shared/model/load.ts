// Opening a file: bytes in, a valid Topology or ONE clear sentence out. Never throws — a bad file must not crash
// the app or disturb the document that is already open. Every message names the file and says what is wrong.
import { scanJson } from './json-error';
import { migrate, OLDEST_READABLE_VERSION } from './migrations';
import { CURRENT_VERSION, FILE_FORMAT, type Topology } from './schema';
import { sentence, summarize, validateTopology } from './validate';
import { interpolate } from './checks';
import texts from '../i18n/en/load.json';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Far more than any list of a network that fits in MAX_FILE_BYTES (10,000 devices hold 42,000 list items in all). */
export const MAX_LIST_ITEMS = 100_000;

/** Why a file did not open, as a key of shared/i18n/<lang>/load.json with its values (for the reader's language). */
export interface LoadFailure {
  key: keyof typeof texts;
  params: Record<string, string | number>;
}

/** `error` is `reason` in English (the command line, logs); the app shows `reason` in its own language. */
export type LoadResult =
  { ok: true; topology: Topology; migratedFrom?: number } | { ok: false; error: string; reason?: LoadFailure };

function failure(
  key: LoadFailure['key'],
  params: LoadFailure['params'],
): { ok: false; error: string; reason: LoadFailure } {
  return { ok: false, error: sentence(interpolate(texts[key], params)), reason: { key, params } };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decode(bytes: Uint8Array, fileName: string): { text: string } | (LoadResult & { ok: false }) {
  // Some Windows editors save "Unicode" text as UTF-16: say so, rather than calling it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return failure('utf16', { file: fileName });
  }
  if (bytes.indexOf(0) >= 0) return failure('binary', { file: fileName });
  try {
    // fatal: invalid UTF-8 is an error rather than silently replaced; the decoder also drops a leading BOM.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return failure('notUtf8', { file: fileName });
  }
}

/** Ids the editor uses as keys: duplicates cannot be represented, so they are load errors, not mere problems. */
function findDuplicateKeys(t: Topology): string[] {
  const out: string[] = [];
  const firstIndex = new Map<string, number>();
  t.devices.forEach((d, i) => {
    const first = firstIndex.get(d.id);
    if (first === undefined) firstIndex.set(d.id, i);
    else out.push(`devices[${i}].id: "${d.id}" is already the id of devices[${first}]`);
    const names = new Map<string, number>();
    d.interfaces.forEach((itf, j) => {
      const firstItf = names.get(itf.name);
      if (firstItf === undefined) names.set(itf.name, j);
      else
        out.push(`devices[${i}].interfaces[${j}].name: "${itf.name}" is already the name of interfaces[${firstItf}]`);
    });
  });
  const linkIndex = new Map<string, number>();
  t.links.forEach((l, i) => {
    const first = linkIndex.get(l.id);
    if (first === undefined) linkIndex.set(l.id, i);
    else out.push(`links[${i}].id: "${l.id}" is already the id of links[${first}]`);
  });
  return out;
}

function loadText(text: string, fileName: string): LoadResult {
  if (text.trim() === '') return failure('empty', { file: fileName });

  const problem = scanJson(text, { duplicateKeys: true, maxListItems: MAX_LIST_ITEMS });
  if (problem?.kind === 'syntax') {
    return failure('notJsonAt', {
      file: fileName,
      line: problem.line,
      column: problem.column,
      detail: problem.message,
    });
  }
  if (problem?.kind === 'duplicateKey') {
    const key = problem.key.length > 40 ? `${problem.key.slice(0, 40)}…` : problem.key;
    return failure('duplicateKey', {
      file: fileName,
      line: problem.line,
      column: problem.column,
      key,
      firstLine: problem.first.line,
      firstColumn: problem.first.column,
    });
  }
  if (problem?.kind === 'tooManyItems') {
    return failure('tooManyItems', {
      file: fileName,
      line: problem.line,
      column: problem.column,
      max: problem.max.toLocaleString('en-US'),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure('notJson', { file: fileName });
  }

  if (!isObject(value) || !('format' in value)) {
    return failure('noFormat', { file: fileName, format: FILE_FORMAT });
  }
  if (value.format !== FILE_FORMAT) {
    const shown =
      typeof value.format === 'string' ? `"${value.format.slice(0, 80)}"` : JSON.stringify(value.format)?.slice(0, 80);
    return failure('otherFormat', { file: fileName, shown: shown ?? String(value.format), format: FILE_FORMAT });
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return failure('noVersion', { file: fileName, current: CURRENT_VERSION });
  }
  if (version > CURRENT_VERSION) {
    return failure('newerVersion', { file: fileName, version, current: CURRENT_VERSION });
  }
  if (version < OLDEST_READABLE_VERSION) {
    return failure('olderVersion', { file: fileName, version, oldest: OLDEST_READABLE_VERSION });
  }

  const upgraded = version < CURRENT_VERSION ? migrate(value, version) : value;
  const checked = validateTopology(upgraded);
  if (!checked.ok) {
    const count = checked.problems.length;
    if (checked.cutShort)
      return failure('schemaTooMany', { file: fileName, count, problems: summarize(checked.problems) });
    return failure(count === 1 ? 'schemaOne' : 'schemaMany', {
      file: fileName,
      count,
      problems: summarize(checked.problems),
    });
  }
  const duplicates = findDuplicateKeys(checked.topology);
  if (duplicates.length > 0) {
    return failure('duplicates', { file: fileName, problems: summarize(duplicates) });
  }
  return version < CURRENT_VERSION
    ? { ok: true, topology: checked.topology, migratedFrom: version }
    : { ok: true, topology: checked.topology };
}

export function loadTopology(bytes: Uint8Array, fileName: string): LoadResult {
  try {
    if (bytes.length > MAX_FILE_BYTES) {
      return failure('tooLarge', { file: fileName, size: formatSize(bytes.length), max: formatSize(MAX_FILE_BYTES) });
    }
    if (bytes.length === 0) return failure('empty', { file: fileName });
    const decoded = decode(bytes, fileName);
    if ('error' in decoded) return decoded;
    return loadText(decoded.text, fileName);
  } catch (err) {
    // A last resort: nothing above should throw, but a crash here would take the open document with it.
    return failure('unreadable', { file: fileName, detail: err instanceof Error ? err.message : String(err) });
  }
}

/** For callers that already hold text (e.g. a paste or a test). */
export function loadTopologyText(text: string, fileName: string): LoadResult {
  return loadTopology(new TextEncoder().encode(text), fileName);
}
