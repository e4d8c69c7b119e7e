// The atomic save on real files: it writes through a symlink to its target, refuses what is not a regular file
// (a named pipe, a device), and a save killed halfway leaves a temporary file that the next save or start removes.
import { describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import {
  lstatSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanStaleSaves, describeFileError, writeFileAtomic } from './files';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic and what is at the path', () => {
  it('saves through a symlink: the target gets the new text and the link stays a link', async () => {
    const dir = tempDir();
    const target = join(dir, 'real.packetjourney');
    const link = join(dir, 'link.packetjourney');
    writeFileSync(target, 'old');
    symlinkSync('real.packetjourney', link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.packetjourney');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(temps(dir)).toEqual([]);
  });

  it('saves through a chain of symlinks into another folder', async () => {
    const dir = tempDir();
    const other = tempDir();
    writeFileSync(join(other, 'doc.packetjourney'), 'old');
    symlinkSync(join(other, 'doc.packetjourney'), join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await writeFileAtomic(join(dir, 'b'), 'new');
    expect(readFileSync(join(other, 'doc.packetjourney'), 'utf8')).toBe('new');
    expect(lstatSync(join(dir, 'b')).isSymbolicLink()).toBe(true);
  });

  it('refuses a named pipe and leaves it a pipe', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.packetjourney');
    execFileSync('mkfifo', [fifo]);
    const error = await writeFileAtomic(fifo, 'x').catch((e: unknown) => e);
    expect(describeFileError(fifo, error, 'save')).toBe(
      `Cannot save "pipe.packetjourney": it is not a regular file (a device, a pipe or a socket); Packet Journey saves only to regular files (${fifo}).`,
    );
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('never replaces a device, even through a symlink', async () => {
    const dir = tempDir();
    symlinkSync('/dev/null', join(dir, 'null.packetjourney'));
    await expect(writeFileAtomic(join(dir, 'null.packetjourney'), 'x')).rejects.toMatchObject({ code: 'ENOTREGULAR' });
    // (Not /dev/null itself: were this broken, a test run as root would replace the machine's /dev/null.)
    expect(lstatSync(join(dir, 'null.packetjourney')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
});

describe('temporary files of a save that was killed', () => {
  /** A real process saving `path` over and over, killed with SIGKILL while a temporary file exists. */
  async function killMidSave(path: string): Promise<void> {
    // The kill can land just after a rename: then try again (the test checks that a temporary file was left).
    for (let attempt = 0; attempt < 10 && temps(resolve(path, '..')).length === 0; attempt++) await killOnce(path);
  }
  async function killOnce(path: string): Promise<void> {
    const dir = resolve(path, '..');
    const script = `const files = await import(${JSON.stringify(resolve(__dirname, 'files.ts'))});
      const { writeFileAtomic } = files.default ?? files;
      const big = 'x'.repeat(64 * 1024 * 1024);
      for (;;) await writeFileAtomic(${JSON.stringify(path)}, big);`;
    // One process (tsx as a loader, not its CLI, which would leave the writer running as a grandchild).
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      stdio: 'ignore',
      cwd: resolve(__dirname, '../..'),
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      while (!exited && temps(dir).length === 0) await new Promise((r) => setTimeout(r, 1));
    } finally {
      if (!exited) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    }
  }

  it('the next save of the file removes them', async () => {
    const dir = tempDir();
    const path = join(dir, 'doc.packetjourney');
    await killMidSave(path);
    expect(temps(dir).length).toBeGreaterThan(0);
    writeFileSync(join(dir, 'unrelated.tmp'), 'not ours');
    await writeFileAtomic(path, 'saved');
    expect(temps(dir), JSON.stringify(readdirSync(dir))).toEqual(['unrelated.tmp']);
    expect(readFileSync(path, 'utf8')).toBe('saved');
  });

  it('at start, cleanStaleSaves removes them for a recent file, and keeps those of a save still running', async () => {
    const dir = tempDir();
    const path = join(dir, 'doc.packetjourney');
    await killMidSave(path);
    const running = join(dir, `.doc.packetjourney.${process.pid}.0123abcd.tmp`);
    writeFileSync(running, 'in flight');
    expect(temps(dir).length).toBeGreaterThan(1);
    await cleanStaleSaves(path);
    expect(temps(dir)).toEqual([`.doc.packetjourney.${process.pid}.0123abcd.tmp`]);
    expect(existsSync(path) ? readFileSync(path, 'utf8').length % (64 * 1024 * 1024) : 0).toBe(0);
  });
});
