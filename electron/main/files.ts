// File I/O of the main process, in plain Node so it is tested against real files without Electron.
import { existsSync } from 'node:fs';
import { open, rename, stat, unlink, chmod, mkdir, readFile, readdir, readlink, lstat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { OpenResult } from '../../shared/platform';
import { MAX_FILE_BYTES } from '../../shared/model/load';

/** Larger files are refused before reading (the shared loader's limit): a huge read would stall the app. */
export const MAX_TOPOLOGY_BYTES = MAX_FILE_BYTES;

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** A sentence a person can act on, naming the file. */
export function describeFileError(path: string, error: unknown, action: 'open' | 'save'): string {
  const name = basename(path);
  const verb = action === 'open' ? 'open' : 'save';
  switch (errorCode(error)) {
    case 'ENOENT':
      return action === 'open'
        ? `Cannot open "${name}": the file does not exist (${path}).`
        : existsSync(dirname(path))
          ? `Cannot save "${name}": the folder ${dirname(path)} does not take new files.`
          : `Cannot save "${name}": the folder ${dirname(path)} does not exist.`;
    case 'EISDIR':
      return `Cannot ${verb} "${name}": it is a folder, not a file (${path}).`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot ${verb} "${name}": permission denied (${path}).`;
    case 'EROFS':
      return `Cannot ${verb} "${name}": the disk is read-only (${path}).`;
    case 'ENOSPC':
      return `Cannot ${verb} "${name}": the disk is full (${path}).`;
    case 'ENOTREGULAR':
      return `Cannot ${verb} "${name}": it is not a regular file (a device, a pipe or a socket); Packet Journey saves only to regular files (${path}).`;
    case 'ENOTDIR':
      return `Cannot ${verb} "${name}": part of the path is not a folder (${path}).`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `Cannot ${verb} "${name}": ${detail}`;
    }
  }
}

/** Reads a topology file's bytes; whether they are a valid topology is the shared loader's business. */
export async function readTopologyFile(path: string, maxBytes = MAX_TOPOLOGY_BYTES): Promise<OpenResult> {
  const name = basename(path);
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return { ok: false, canceled: false, error: `Cannot open "${name}": it is a folder, not a file (${path}).` };
    if (!info.isFile())
      return { ok: false, canceled: false, error: `Cannot open "${name}": it is not a regular file (${path}).` };
    if (info.size > maxBytes) {
      return {
        ok: false,
        canceled: false,
        error: `Cannot open "${name}": it is ${describeSize(info.size)}, larger than the ${describeSize(maxBytes)} a topology file may be.`,
      };
    }
    // Read through one handle with a bound, so a file that grows after the stat cannot blow past the limit.
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length >= buffer.length) break;
      }
      if (length > maxBytes) {
        return {
          ok: false,
          canceled: false,
          error: `Cannot open "${name}": it is larger than the ${describeSize(maxBytes)} a topology file may be.`,
        };
      }
      return {
        ok: true,
        file: { name, path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length).slice() },
      };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, canceled: false, error: describeFileError(path, error, 'open') };
  }
}

/** The name a save really replaces: a symlink's target (through a chain of them), else the path itself. */
async function saveTarget(path: string): Promise<string> {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(target).catch(() => undefined);
    if (!info?.isSymbolicLink()) return target;
    target = resolve(dirname(target), await readlink(target));
  }
  throw Object.assign(new Error(`too many levels of symbolic links (${path})`), { code: 'ELOOP' });
}

const tempName = (path: string) => `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes the temporary files that saves of `path` killed halfway left beside it (`.<name>.<pid>.<hex>.tmp`, the
 * pid no longer running); a save still in progress, in this process or another, keeps its own. Best effort.
 */
export async function cleanStaleSaves(path: string): Promise<void> {
  const target = await saveTarget(path).catch(() => resolve(path));
  const dir = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(pattern.exec(name)?.[1]);
      if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) return;
      const info = await lstat(join(dir, name)).catch(() => undefined);
      if (info?.isFile()) await unlink(join(dir, name)).catch(() => undefined);
    }),
  );
}

/**
 * Replaces `path` with `text` so that a crash or full disk never leaves a half-written file: the text goes to a
 * temporary file in the same directory (same filesystem, so rename is atomic), is flushed to disk, then renamed over.
 * A symlink is saved through (its target is replaced, the link stays); anything but a regular file is refused
 * (code ENOTREGULAR) — renaming over a pipe or a device would replace it.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const target = await saveTarget(path);
  const dir = dirname(target);
  let existingMode: number | undefined;
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory())
    throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR', path: target });
  if (existing && !existing.isFile()) {
    throw Object.assign(new Error(`${target} is not a regular file`), { code: 'ENOTREGULAR', path: target });
  }
  existingMode = existing ? existing.mode & 0o7777 : undefined;
  await cleanStaleSaves(target);
  const temp = join(dir, tempName(target));
  let handle;
  try {
    handle = await open(temp, 'wx', existingMode ?? 0o644);
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existingMode !== undefined) await chmod(temp, existingMode);
    await rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Persist the rename itself; not every platform can open a directory, and the data is already safe by now.
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    /* best effort */
  }
}

/** Reads a small JSON file of our own; anything missing or unreadable counts as absent. */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
