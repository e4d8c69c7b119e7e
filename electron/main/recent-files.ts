// The Recent list, kept as JSON in the user-data directory so it survives restarts.
import { basename, isAbsolute } from 'node:path';
import { z } from 'zod';
import type { RecentFile } from '../../shared/platform';
import { readJsonFile, writeJsonFile } from './files';

export const MAX_RECENT_FILES = 10;

const StoredRecent = z.object({
  version: z.literal(1),
  files: z.array(z.object({ name: z.string(), path: z.string() })),
});

export class RecentFiles {
  private files: RecentFile[] | undefined;

  constructor(
    private readonly storePath: string,
    private readonly limit = MAX_RECENT_FILES,
  ) {}

  async list(): Promise<RecentFile[]> {
    if (!this.files) {
      const parsed = StoredRecent.safeParse(await readJsonFile(this.storePath));
      // A damaged list is not worth an error dialog: start a fresh one.
      this.files = parsed.success ? parsed.data.files.filter((f) => isAbsolute(f.path)).slice(0, this.limit) : [];
    }
    return this.files.map((f) => ({ ...f }));
  }

  /** Moves `path` to the top of the list. */
  async add(path: string): Promise<RecentFile[]> {
    const current = await this.list();
    this.files = [{ name: basename(path), path }, ...current.filter((f) => f.path !== path)].slice(0, this.limit);
    await this.persist();
    return this.list();
  }

  async remove(path: string): Promise<RecentFile[]> {
    const current = await this.list();
    this.files = current.filter((f) => f.path !== path);
    await this.persist();
    return this.list();
  }

  async clear(): Promise<void> {
    this.files = [];
    await this.persist();
  }

  private async persist(): Promise<void> {
    await writeJsonFile(this.storePath, { version: 1, files: this.files ?? [] });
  }
}
