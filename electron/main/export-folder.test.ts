// The remembered export folder on real files: kept across instances (a restart), forgotten when damaged or gone.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExportFolder } from './export-folder';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

describe('ExportFolder', () => {
  it('remembers a folder across instances while it exists', async () => {
    const dir = tempDir();
    const store = join(dir, 'state', 'export-folder.json');
    const talks = join(dir, 'talks');
    mkdirSync(talks);
    expect(await new ExportFolder(store).get()).toBeUndefined();
    await new ExportFolder(store).remember(talks);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({ version: 1, folder: talks });
    expect(await new ExportFolder(store).get()).toBe(talks);
    rmSync(talks, { recursive: true });
    expect(await new ExportFolder(store).get()).toBeUndefined();
  });

  it('ignores a damaged store and relative paths', async () => {
    const dir = tempDir();
    const store = join(dir, 'export-folder.json');
    writeFileSync(store, '{"version": 1, "folder": ');
    expect(await new ExportFolder(store).get()).toBeUndefined();
    writeFileSync(store, JSON.stringify({ version: 1, folder: 'talks' }));
    expect(await new ExportFolder(store).get()).toBeUndefined();
    const folder = new ExportFolder(store);
    await folder.remember('relative/dir');
    expect(await folder.get()).toBeUndefined();
  });
});
