import { describe, expect, it } from 'vitest';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { MAX_TOPOLOGY_BYTES, readTopologyFile, writeFileAtomic } from './files';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('writes the exact text and leaves no temporary file behind', async () => {
    const dir = tempDir();
    const target = join(dir, 'net.packetjourney');
    const text = '{\n  "format": "packet-journey-topology",\n  "name": "Café 網"\n}\n';
    await writeFileAtomic(target, text);
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['net.packetjourney']);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const dir = tempDir();
    const target = join(dir, 'net.packetjourney');
    writeFileSync(target, 'old contents');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, 'new contents');
    expect(readFileSync(target, 'utf8')).toBe('new contents');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['net.packetjourney']);
  });

  it('fails with a clear error when the folder was removed, creating nothing', async () => {
    const dir = tempDir();
    const gone = join(dir, 'gone');
    mkdirSync(gone);
    rmSync(gone, { recursive: true });
    await expect(writeFileAtomic(join(gone, 'net.packetjourney'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the original intact and removes the temporary file when the disk refuses the write', () => {
    // RLIMIT_FSIZE makes the kernel refuse writes past 8 KB with EFBIG — a real failing write that also works as
    // root (where read-only permissions would not stop anything). It needs a plain node process, so bundle the module.
    const dir = tempDir();
    const target = join(dir, 'net.packetjourney');
    writeFileSync(target, 'the original document');
    const bundle = join(dir, 'files.cjs');
    buildSync({
      entryPoints: [join(__dirname, 'files.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const script = `process.on('SIGXFSZ', () => {});
      require(${JSON.stringify(bundle)}).writeFileAtomic(${JSON.stringify(target)}, 'x'.repeat(1024 * 1024))
        .then(() => { console.log('WROTE'); }, (e) => { console.log('FAILED ' + e.code); });`;
    const child = spawnSync('bash', ['-c', `ulimit -f 16 && exec node -e "$0"`, script], { encoding: 'utf8' });
    expect(child.stdout.trim()).toBe('FAILED EFBIG');
    expect(readFileSync(target, 'utf8')).toBe('the original document');
    expect(readdirSync(dir).sort()).toEqual(['files.cjs', 'net.packetjourney']);
  });
});

describe('readTopologyFile', () => {
  it('returns the exact bytes with the file name and path', async () => {
    const dir = tempDir();
    const path = join(dir, 'home.packetjourney');
    const bytes = new Uint8Array([0x7b, 0x7d, 0x0a, 0xff, 0x00]);
    writeFileSync(path, bytes);
    const result = await readTopologyFile(path);
    expect(result).toEqual({ ok: true, file: { name: 'home.packetjourney', path, bytes } });
  });

  it('names a missing file', async () => {
    const path = join(tempDir(), 'vanished.packetjourney');
    const result = await readTopologyFile(path);
    expect(result.ok).toBe(false);
    expect(!result.ok && !result.canceled && result.error).toBe(
      `Cannot open "vanished.packetjourney": the file does not exist (${path}).`,
    );
  });

  it('refuses a directory', async () => {
    const path = join(tempDir(), 'folder.packetjourney');
    mkdirSync(path);
    const result = await readTopologyFile(path);
    expect(!result.ok && !result.canceled && result.error).toBe(
      `Cannot open "folder.packetjourney": it is a folder, not a file (${path}).`,
    );
  });

  it('refuses a 50 MB file without reading it', async () => {
    const path = join(tempDir(), 'huge.packetjourney');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const result = await readTopologyFile(path);
    expect(!result.ok && !result.canceled && result.error).toBe(
      'Cannot open "huge.packetjourney": it is 50.0 MB, larger than the 20.0 MB a topology file may be.',
    );
  });

  it('accepts a file of exactly the limit', async () => {
    const path = join(tempDir(), 'limit.packetjourney');
    writeFileSync(path, Buffer.alloc(1000, 0x20));
    const result = await readTopologyFile(path, 1000);
    expect(result.ok && result.file.bytes.length).toBe(1000);
    expect(MAX_TOPOLOGY_BYTES).toBe(20 * 1024 * 1024);
  });
});
