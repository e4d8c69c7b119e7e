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

describe('what the command line prints', () => {
  it('escapes control characters from the network (a page title that would retitle and clear the terminal)', () => {
    const dir = tempDir();
    const file = join(dir, 'hostile.packetjourney');
    const t = JSON.parse(readFileSync(sample, 'utf8'));
    const web = t.devices.find((d: { id: string }) => d.id === 'web');
    web.roles.web.sites[0].pages[0].body =
      '<html><head><title>\u001b]0;pwned\u0007\u001b[2J\rHi\u009b1m</title></head><body>x</body></html>';
    writeFileSync(file, JSON.stringify(t, null, 2));
    const run = runCli(['simulate', file, ...journey]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"\\x1B]0;pwned\\x07\\x1B[2J\\rHi\\x9B1m"');
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('escapes them in an error naming a file, too', () => {
    const dir = tempDir();
    const file = join(dir, 'bad\u001b[2J.packetjourney');
    writeFileSync(file, '{');
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad\\x1B[2J.packetjourney');
    expect(run.stderr).not.toContain('\u001b');
  });
});
