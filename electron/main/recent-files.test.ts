import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecentFiles } from './recent-files';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

describe('RecentFiles', () => {
  it('starts empty, puts the latest first without duplicates, and persists across instances', async () => {
    const dir = tempDir();
    const store = join(dir, 'recent.json');
    const recent = new RecentFiles(store, 3);
    expect(await recent.list()).toEqual([]);
    await recent.add('/nets/a.packetjourney');
    await recent.add('/nets/b.packetjourney');
    await recent.add('/nets/a.packetjourney');
    expect(await recent.list()).toEqual([
      { name: 'a.packetjourney', path: '/nets/a.packetjourney' },
      { name: 'b.packetjourney', path: '/nets/b.packetjourney' },
    ]);
    await recent.add('/nets/c.packetjourney');
    await recent.add('/nets/d.packetjourney');
    const reopened = new RecentFiles(store, 3);
    expect((await reopened.list()).map((f) => f.name)).toEqual([
      'd.packetjourney',
      'c.packetjourney',
      'a.packetjourney',
    ]);
    expect(JSON.parse(readFileSync(store, 'utf8')).version).toBe(1);
  });

  it('removes an entry', async () => {
    const recent = new RecentFiles(join(tempDir(), 'recent.json'));
    await recent.add('/nets/a.packetjourney');
    await recent.add('/nets/b.packetjourney');
    expect((await recent.remove('/nets/a.packetjourney')).map((f) => f.path)).toEqual(['/nets/b.packetjourney']);
  });

  it('treats a damaged store as empty and overwrites it on the next add', async () => {
    const store = join(tempDir(), 'recent.json');
    writeFileSync(store, '{ not json');
    const recent = new RecentFiles(store);
    expect(await recent.list()).toEqual([]);
    await recent.add('/nets/a.packetjourney');
    expect(JSON.parse(readFileSync(store, 'utf8')).files).toEqual([
      { name: 'a.packetjourney', path: '/nets/a.packetjourney' },
    ]);
  });
});
