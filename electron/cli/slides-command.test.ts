// `packet-journey slides`: through the real command line (the bundled bin in a child process) and the function.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { unzipSync } from 'fflate';
import { parseStepRange } from './deck-options';
import { runSlidesCommand } from './slides-command';
import { CliError, EXIT } from './usage';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const SAMPLE = join(root, 'resources', 'samples', 'home-to-web.packetjourney');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pj-slides-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('packet-journey slides', () => {
  it('writes a PPTX deck from the command line', async () => {
    const out = join(dir, 'deck.pptx');
    const { stdout } = await run(
      process.execPath,
      [
        join(root, 'bin', 'packet-journey.cjs'),
        'slides',
        SAMPLE,
        '--from',
        'pc',
        '--url',
        'http://www.example.com/',
        '--out',
        out,
        '--steps',
        '3-6',
        '--lang',
        'ko',
        '--theme',
        'dark',
      ],
      { cwd: root },
    );
    expect(stdout).toMatch(/^Wrote 4 slides \(steps 3–6 of \d+ at level 7\) to /);
    const files = unzipSync(await readFile(out));
    expect(Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(4);
  }, 120_000);

  it('writes a PDF at a detail level, a folder of SVGs, and the diagram alone', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    expect(
      await runSlidesCommand(
        [
          SAMPLE,
          '--from',
          'pc',
          '--url',
          'www.example.com',
          '--out',
          join(dir, 'l2.pdf'),
          '--level',
          '2',
          '--theme',
          'print',
        ],
        log,
      ),
    ).toBe(EXIT.ok);
    const pdf = await PDFDocument.load(await readFile(join(dir, 'l2.pdf')));
    expect(lines[0]).toBe(
      `Wrote ${pdf.getPageCount()} slides (all ${pdf.getPageCount()} steps at level 2) to ${join(dir, 'l2.pdf')}.`,
    );

    expect(
      await runSlidesCommand(
        [
          SAMPLE,
          '--from',
          'pc',
          '--url',
          'www.example.com',
          '--out',
          join(dir, 'svg'),
          '--format',
          'svg',
          '--steps',
          '1-2',
        ],
        log,
      ),
    ).toBe(EXIT.ok);
    expect((await readdir(join(dir, 'svg'))).sort()).toEqual(['slide-01.svg', 'slide-02.svg']);

    expect(await runSlidesCommand([SAMPLE, '--diagram', '--out', join(dir, 'net.png')], log)).toBe(EXIT.ok);
    expect(Array.from((await readFile(join(dir, 'net.png'))).subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });

  it('refuses bad options with a usage error and says why', async () => {
    const attempt = (args: string[]) => runSlidesCommand([SAMPLE, ...args], () => {});
    const base = ['--from', 'pc', '--url', 'www.example.com', '--out', join(dir, 'x.pdf')];
    await expect(attempt([...base, '--level', '9'])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringMatching(/--level must be a whole number from 1 to 7/),
    });
    await expect(attempt([...base, '--lang', 'fr'])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringMatching(/--lang must be one of en, ko/),
    });
    await expect(attempt([...base, '--steps', '9-3'])).rejects.toThrow(CliError);
    await expect(attempt([...base, '--level', '1', '--steps', '2-3'])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringMatching(/1 steps at level 1/),
    });
    await expect(attempt(['--from', 'pc', '--url', 'www.example.com'])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringMatching(/missing --out/),
    });
    await expect(
      attempt(['--from', 'sw', '--url', 'www.example.com', '--out', join(dir, 'y.pdf')]),
    ).rejects.toMatchObject({ exitCode: EXIT.failure, message: expect.stringMatching(/switch, which has no browser/) });
    await expect(attempt(['--diagram', '--out', join(dir, 'net.pdf')])).rejects.toMatchObject({ exitCode: EXIT.usage });
  });

  it('reads step ranges', () => {
    expect(parseStepRange('slides', '3-18')).toEqual([3, 18]);
    expect(parseStepRange('slides', '7')).toEqual([7, 7]);
    expect(parseStepRange('slides', undefined)).toBeUndefined();
    expect(() => parseStepRange('slides', '0-3')).toThrow(CliError);
    expect(() => parseStepRange('slides', 'a-b')).toThrow(CliError);
  });
});
