// Autosave of unsaved work. The renderer pushes the document text while it is dirty; a clean save or a deliberate
// discard clears it. If the app is killed, the next start finds the file and offers the work back.
import { unlink } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './files';

export const RECOVERY_FORMAT = 'packet-journey-recovery';

const RecoveryFile = z.object({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(1),
  /** Document name as shown in the title. */
  name: z.string(),
  /** Where the document was last opened from or saved to, if anywhere. */
  path: z.string().optional(),
  /** ISO time of the autosave, shown when offering the work back. */
  savedAt: z.string(),
  /** Canonical document text. */
  text: z.string(),
});

export type RecoveredDocument = z.infer<typeof RecoveryFile>;

export class RecoveryStore {
  constructor(
    private readonly filePath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async write(document: { name: string; path?: string; text: string }): Promise<void> {
    const entry: RecoveredDocument = {
      format: RECOVERY_FORMAT,
      version: 1,
      name: document.name,
      ...(document.path ? { path: document.path } : {}),
      savedAt: this.now().toISOString(),
      text: document.text,
    };
    await writeJsonFile(this.filePath, entry);
  }

  /** The autosaved document, or undefined when there is none or it is unreadable. */
  async read(): Promise<RecoveredDocument | undefined> {
    const parsed = RecoveryFile.safeParse(await readJsonFile(this.filePath));
    return parsed.success ? parsed.data : undefined;
  }

  async clear(): Promise<void> {
    await unlink(this.filePath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
