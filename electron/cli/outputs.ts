// Where a subcommand writes its outputs: each file lands whole (temporary file, then rename), a failure is one
// sentence (CliError, exit 1) rather than a stack trace, and an output may not name an input or another output.
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { describeFileError, writeFileAtomic } from '../main/files';
import { CliError, EXIT } from './usage';

export async function writeOutputFile(path: string, content: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFileAtomic(resolve(path), content);
  } catch (error) {
    throw new CliError(describeFileError(path, error, 'save'));
  }
}

/** Makes the folder `path` (and its parents); something else already there is refused, not replaced. */
export async function prepareOutputFolder(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    const what = existing.isFile() ? 'is a file, not a folder' : 'is not a folder';
    throw new CliError(`Cannot save "${basename(path)}": ${path} ${what}.`);
  }
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new CliError(describeFileError(path, error, 'save'));
  }
}

/**
 * A file system error (it has a `code`) as one sentence about `path` — or about the file inside the folder `path`
 * that failed (not the temporary file a save went through); anything else is thrown on.
 */
export function asSaveError(error: unknown, path: string): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error)) return error;
  const inside = 'path' in error && typeof error.path === 'string' && error.path.startsWith(`${path}${sep}`);
  const where = inside ? (error as { path: string }).path : path;
  return new CliError(describeFileError(where, error, 'save'));
}

/** The file a path ends at, through symlinks; for a file not yet made, its real folder and its name. */
async function canonical(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const dir = await realpath(dirname(absolute)).catch(() => dirname(absolute));
    return join(dir, basename(absolute));
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if ((await canonical(a)) === (await canonical(b))) return true;
  // Hard links: two names, one file.
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** Refuses (as wrong usage) an output that would replace an input, or two outputs on one file. */
export async function refuseOverlaps(
  command: string,
  inputs: readonly { what: string; path: string }[],
  outputs: readonly { flag: string; path: string | undefined }[],
): Promise<void> {
  const named = outputs.filter((o): o is { flag: string; path: string } => o.path !== undefined);
  for (const output of named) {
    for (const input of inputs) {
      if (await sameFile(output.path, input.path)) {
        throw new CliError(
          `packet-journey ${command}: ${output.flag} would write over the ${input.what} ${input.path}; name another file.`,
          EXIT.usage,
        );
      }
    }
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (await sameFile(named[i].path, named[j].path)) {
        throw new CliError(
          `packet-journey ${command}: ${named[i].flag} and ${named[j].flag} name the same file ${named[i].path}; give each its own.`,
          EXIT.usage,
        );
      }
    }
  }
}
