import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecoveryStore } from './recovery';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const fixedClock = () => new Date('2025-01-02T03:04:05.000Z');

describe('RecoveryStore', () => {
  it('has nothing to offer at first', async () => {
    expect(await new RecoveryStore(join(tempDir(), 'recovery.json')).read()).toBeUndefined();
  });

  it('gives back exactly what was autosaved, in a new process-like instance', async () => {
    const file = join(tempDir(), 'recovery.json');
    const text = '{\n  "format": "packet-journey-topology"\n}\n';
    await new RecoveryStore(file, fixedClock).write({
      name: 'home-to-web.packetjourney',
      path: '/nets/home-to-web.packetjourney',
      text,
    });
    expect(await new RecoveryStore(file).read()).toEqual({
      format: 'packet-journey-recovery',
      version: 1,
      name: 'home-to-web.packetjourney',
      path: '/nets/home-to-web.packetjourney',
      savedAt: '2025-01-02T03:04:05.000Z',
      text,
    });
  });

  it('keeps only the latest autosave of an untitled document', async () => {
    const file = join(tempDir(), 'recovery.json');
    const store = new RecoveryStore(file, fixedClock);
    await store.write({ name: 'Untitled', text: 'first' });
    await store.write({ name: 'Untitled', text: 'second' });
    const entry = await store.read();
    expect(entry?.text).toBe('second');
    expect(entry && 'path' in entry).toBe(false);
  });

  it('clears the file, and clearing twice is fine', async () => {
    const file = join(tempDir(), 'recovery.json');
    const store = new RecoveryStore(file, fixedClock);
    await store.write({ name: 'Untitled', text: 'x' });
    await store.clear();
    expect(existsSync(file)).toBe(false);
    await store.clear();
    expect(await store.read()).toBeUndefined();
  });

  it('ignores a damaged recovery file instead of offering garbage', async () => {
    const file = join(tempDir(), 'recovery.json');
    writeFileSync(file, JSON.stringify({ format: 'something-else', text: 'x' }));
    expect(await new RecoveryStore(file).read()).toBeUndefined();
  });
});
