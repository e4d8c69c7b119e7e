// Where the last export went, kept in the user-data directory: the next export's dialog (slides, diagram, lesson
// player) opens there, also after a restart, instead of in Documents every time.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './files';

const Stored = z.object({ version: z.literal(1), folder: z.string() });

function isFolder(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export class ExportFolder {
  private folder: string | undefined | null = null;

  constructor(private readonly storePath: string) {}

  /** The remembered folder while it still exists; otherwise undefined (the caller falls back to Documents). */
  async get(): Promise<string | undefined> {
    if (this.folder === null) {
      const parsed = Stored.safeParse(await readJsonFile(this.storePath));
      this.folder = parsed.success && isAbsolute(parsed.data.folder) ? parsed.data.folder : undefined;
    }
    return this.folder && isFolder(this.folder) ? this.folder : undefined;
  }

  /** Best effort: a folder that cannot be remembered is no reason to fail the export that went there. */
  async remember(folder: string): Promise<void> {
    if (!isAbsolute(folder)) return;
    this.folder = folder;
    await writeJsonFile(this.storePath, { version: 1, folder }).catch(() => undefined);
  }
}
