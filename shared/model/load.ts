// Opening a file: bytes in, a valid Topology or ONE clear sentence out. Never throws — a bad file must not crash
// the app or disturb the document that is already open. Every message names the file and says what is wrong.
import { findJsonSyntaxError } from './json-error';
import { migrate, OLDEST_READABLE_VERSION } from './migrations';
import { CURRENT_VERSION, FILE_FORMAT, type Topology } from './schema';
import { sentence, summarize, validateTopology } from './validate';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type LoadResult = { ok: true; topology: Topology; migratedFrom?: number } | { ok: false; error: string };

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decode(bytes: Uint8Array, fileName: string): { text: string } | { error: string } {
  // Some Windows editors save "Unicode" text as UTF-16: say so, rather than calling it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { error: `${fileName} is saved as UTF-16 text; Packet Journey files are UTF-8. Save it again as UTF-8.` };
  }
  if (bytes.indexOf(0) >= 0) return { error: `${fileName} is a binary file, not a Packet Journey file (it contains NUL bytes).` };
  try {
    // fatal: invalid UTF-8 is an error rather than silently replaced; the decoder also drops a leading BOM.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { error: `${fileName} is not a text file: it is not valid UTF-8, so it cannot be a Packet Journey file.` };
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
      else out.push(`devices[${i}].interfaces[${j}].name: "${itf.name}" is already the name of interfaces[${firstItf}]`);
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
  if (text.trim() === '') return { ok: false, error: `${fileName} is empty.` };

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = findJsonSyntaxError(text);
    const detail = where ? ` at line ${where.line}, column ${where.column}: ${where.message}` : '';
    return { ok: false, error: `${fileName} is not valid JSON${detail}.` };
  }

  if (!isObject(value) || !('format' in value)) {
    return { ok: false, error: `${fileName} is not a Packet Journey file (it has no "format": "${FILE_FORMAT}" field).` };
  }
  if (value.format !== FILE_FORMAT) {
    const shown = typeof value.format === 'string' ? `"${value.format.slice(0, 80)}"` : JSON.stringify(value.format)?.slice(0, 80);
    return { ok: false, error: `${fileName} is not a Packet Journey file (its format is ${shown}, expected "${FILE_FORMAT}").` };
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: `${fileName} has no valid format version ("version" must be a whole number such as ${CURRENT_VERSION}).` };
  }
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      error: `${fileName} was saved by a newer Packet Journey (format version ${version}); this app reads up to version ${CURRENT_VERSION}. Update Packet Journey to open it.`,
    };
  }
  if (version < OLDEST_READABLE_VERSION) {
    return { ok: false, error: `${fileName} uses format version ${version}, which this app cannot read (oldest readable: ${OLDEST_READABLE_VERSION}).` };
  }

  const upgraded = version < CURRENT_VERSION ? migrate(value, version) : value;
  const checked = validateTopology(upgraded);
  if (!checked.ok) {
    const count = checked.problems.length;
    const what = count === 1 ? 'a problem' : `${count} problems`;
    return { ok: false, error: sentence(`${fileName} does not match the Packet Journey format (${what}): ${summarize(checked.problems)}`) };
  }
  const duplicates = findDuplicateKeys(checked.topology);
  if (duplicates.length > 0) {
    return { ok: false, error: sentence(`${fileName} has duplicate ids: ${summarize(duplicates)}`) };
  }
  return version < CURRENT_VERSION ? { ok: true, topology: checked.topology, migratedFrom: version } : { ok: true, topology: checked.topology };
}

export function loadTopology(bytes: Uint8Array, fileName: string): LoadResult {
  try {
    if (bytes.length > MAX_FILE_BYTES) {
      return {
        ok: false,
        error: `${fileName} is too large (${formatSize(bytes.length)}); Packet Journey opens files up to ${formatSize(MAX_FILE_BYTES)}.`,
      };
    }
    if (bytes.length === 0) return { ok: false, error: `${fileName} is empty.` };
    const decoded = decode(bytes, fileName);
    if ('error' in decoded) return { ok: false, error: decoded.error };
    return loadText(decoded.text, fileName);
  } catch (err) {
    // A last resort: nothing above should throw, but a crash here would take the open document with it.
    return { ok: false, error: `${fileName} could not be read: ${err instanceof Error ? err.message : String(err)}.` };
  }
}

/** For callers that already hold text (e.g. a paste or a test). */
export function loadTopologyText(text: string, fileName: string): LoadResult {
  return loadTopology(new TextEncoder().encode(text), fileName);
}

