// Where the command line writes: an output it cannot write is one sentence and exit 1 (never a stack trace), a
// folder is made only where a folder is meant, and no output is written over an input or over another output.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sampleFile } from '../test-support/cli';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const sample = sampleFile('small-lan');
const journey = ['--from', 'alice', '--url', 'http://web.lan/'];

beforeAll(() => {
  expect(runCli(['--version']).status).toBe(0);
});

/** One line on stderr, no stack frames. */
function expectOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(lines[0]).toMatch(/\.$/);
}

describe('slides --out that cannot be written', () => {
  it.each([
    ['a file under /proc', ['--out', '/proc/x.pdf'], /^Cannot save "x\.pdf": /],
    ['a device where a folder is meant', ['--out', '/dev/full'], /^Cannot save "full": .*not a folder/],
    ['the diagram under /proc', ['--diagram', '--out', '/proc/n.svg'], /^Cannot save "n\.svg": /],
  ])('%s: one sentence, exit 1', (_what, out, message) => {
    const run = runCli(['slides', sample, ...journey, ...out]);
    expect(run.status, run.stderr).toBe(1);
    expectOneSentence(run.stderr);
    expect(run.stderr).toMatch(message);
  });

  it('an existing file where a folder is meant: one sentence, exit 1, the file untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'slides');
    writeFileSync(file, 'keep me');
    const run = runCli(['slides', sample, ...journey, '--out', file]);
    expect(run.status, run.stderr).toBe(1);
    expectOneSentence(run.stderr);
    expect(run.stderr).toContain('is a file, not a folder');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('--out d.txt is not a format: it says so and makes no folder', () => {
    const dir = tempDir();
    const run = runCli(['slides', sample, ...journey, '--out', join(dir, 'd.txt')]);
    expect(run.status).toBe(2);
    expectOneSentence(run.stderr);
    expect(run.stderr).toContain('".txt" is not a slide format');
    expect(existsSync(join(dir, 'd.txt'))).toBe(false);
  });

  it('a name without an extension is a folder of PNGs', () => {
    const dir = tempDir();
    const run = runCli(['slides', sample, ...journey, '--out', join(dir, 'deck'), '--steps', '1-2']);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'deck'))).toBe(true);
  });
});

describe('simulate outputs never overwrite an input or each other', () => {
  it.each([['--json'], ['--pcap']])('%s over the topology file is refused and the file is unchanged', (flag) => {
    const dir = tempDir();
    const file = join(dir, 'net.packetjourney');
    const original = readFileSync(sample);
    writeFileSync(file, original);
    const run = runCli(['simulate', file, ...journey, flag, join(dir, '.', 'net.packetjourney')]);
    expect(run.status).toBe(2);
    expectOneSentence(run.stderr);
    expect(run.stderr).toContain(`${flag} would write over the topology file`);
    expect(readFileSync(file)).toEqual(original);
    expect(run.stdout).toBe('');
  });

  it('--json and --pcap on one path is refused', () => {
    const dir = tempDir();
    const run = runCli(['simulate', sample, ...journey, '--json', join(dir, 'out'), '--pcap', join(dir, 'out')]);
    expect(run.status).toBe(2);
    expectOneSentence(run.stderr);
    expect(run.stderr).toContain('--json and --pcap name the same file');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('an output that is the input through a symlink is refused too', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = tempDir();
    const file = join(dir, 'net.packetjourney');
    writeFileSync(file, readFileSync(sample));
    symlinkSync(file, join(dir, 'alias.json'));
    const run = runCli(['simulate', file, ...journey, '--json', join(dir, 'alias.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--json would write over the topology file');
  });
});
