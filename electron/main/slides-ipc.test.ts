// The slide export handlers as main registers them, called the way Electron would (an event with a sender frame
// and a sender to send progress to, then the payload), writing real decks to real folders with the real exporter
// and the real engine (run in-process here instead of in its worker thread), lesson players with the player built
// from player/ and the bundled fonts. Only the native dialogs and the clipboard are stand-ins: they need a display and
// a person.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { runSimulation } from '../worker/run-simulation';
import { SLIDES_IPC, type SlidesProgress } from '../common/slides-bridge';
import { registerSlidesIpc } from './slides-ipc';
import { ExportFolder } from './export-folder';
import { playerBundle } from '../player/bundle';
import { lessonFontSources } from '../player/lesson-fonts';
import { LESSON_DATA_ID, parseLessonJson } from '../../shared/player/lesson';
import { runPlayerCommand } from '../cli/player-command';
import { useTempDirs } from '../test-support/temp-dir';
import { pngSize } from '../../e2e/support/image-files';
import { loadTopologyText } from '../../shared/model/load';
import { simulate } from '../../shared/engine/simulate';
import { viewAtLevel } from '../../shared/replay/levels';

const tempDir = useTempDirs();
const sampleText = readFileSync(resolve(__dirname, '../../resources/samples/home-to-web.packetjourney'), 'utf8');
const scenario = { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false };

type Handler = (event: unknown, payload?: unknown) => Promise<unknown>;

/** `store`: where the last export folder is remembered (a fresh one per setup unless given). */
function setup(answers: { save?: string; folder?: string; store?: string } = {}) {
  const dir = tempDir();
  const handlers = new Map<string, Handler>();
  const clipboard: Uint8Array[] = [];
  const dialogs: string[] = [];
  /** Where each dialog opened (its defaultPath). */
  const opened: string[] = [];
  registerSlidesIpc({
    ipcMain: {
      handle: (channel: string, fn: never) => void handlers.set(channel, fn),
      removeHandler: () => undefined,
    } as never,
    dialog: {
      showOpenDialog: async (options: { defaultPath: string }) => (
        dialogs.push('folder'),
        opened.push(options.defaultPath),
        answers.folder ? { canceled: false, filePaths: [answers.folder] } : { canceled: true, filePaths: [] }
      ),
      showSaveDialog: async (options: { defaultPath: string }) => (
        dialogs.push('save'),
        opened.push(options.defaultPath),
        answers.save ? { canceled: false, filePath: answers.save } : { canceled: true, filePath: '' }
      ),
    } as never,
    writeClipboardImage: async (png) => void clipboard.push(png),
    window: () => undefined,
    trusted: { appOrigin: true },
    engine: { run: async (_id, text, s) => runSimulation(text, s) },
    defaultDirectory: () => dir,
    exportFolder: new ExportFolder(answers.store ?? join(dir, 'export-folder.json')),
    lesson: { bundle: playerBundle, fonts: lessonFontSources },
  });
  const progress: SlidesProgress[] = [];
  const event = (url = 'app://packet-journey/index.html') => ({
    senderFrame: { url, parent: null },
    sender: {
      isDestroyed: () => false,
      send: (channel: string, value: SlidesProgress) => channel === SLIDES_IPC.progress && progress.push(value),
    },
  });
  // Electron turns a handler that throws into a rejected invoke.
  const call = async (channel: string, payload: unknown, from?: string) => handlers.get(channel)!(event(from), payload);
  return { dir, call, progress, clipboard, dialogs, opened };
}

const deck = (patch: Record<string, unknown> = {}) => ({
  requestId: 'deck-1',
  topologyText: sampleText,
  scenario,
  level: 7,
  steps: [10, 13],
  lang: 'en',
  theme: 'light',
  format: 'pptx',
  width: 1920,
  height: 1080,
  suggestedName: 'home-to-web-slides',
  ...patch,
});

const lesson = (patch: Record<string, unknown> = {}) => ({
  topologyText: sampleText,
  scenario,
  level: 7,
  lang: 'en',
  suggestedName: 'home-to-web-lesson',
  ...patch,
});

const lessonData = (html: string) =>
  parseLessonJson(
    new RegExp(`<script type="application/json" id="${LESSON_DATA_ID}">([\\s\\S]*?)</script>`).exec(html)![1],
  );

describe('slides IPC', () => {
  it('writes a PPTX where the save dialog says, with progress for each slide', async () => {
    const target = join(tempDir(), 'talk');
    const t = setup({ save: target });
    const result = await t.call(SLIDES_IPC.exportDeck, deck());
    expect(result).toEqual({ ok: true, path: `${target}.pptx`, slides: 4 });
    const files = unzipSync(readFileSync(`${target}.pptx`));
    expect(Object.keys(files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(4);
    expect(t.progress.map((p) => [p.requestId, p.done, p.total])).toEqual([1, 2, 3, 4].map((d) => ['deck-1', d, 4]));
  });

  it('writes PNGs into the folder picked, and a PDF', async () => {
    const folder = join(tempDir(), 'slides');
    const s = setup({ folder, save: join(folder, '..', 'deck.pdf') });
    expect(
      await s.call(
        SLIDES_IPC.exportDeck,
        deck({ format: 'png-dir', level: 4, steps: [1, 6], width: 1280, height: 720 }),
      ),
    ).toEqual({ ok: true, path: folder, slides: 6 });
    const names = readdirSync(folder).sort();
    expect(names).toEqual([
      'slide-01.png',
      'slide-02.png',
      'slide-03.png',
      'slide-04.png',
      'slide-05.png',
      'slide-06.png',
    ]);
    expect(pngSize(readFileSync(join(folder, names[0])))).toEqual({ width: 1280, height: 720 });
    expect(s.dialogs).toEqual(['folder']);
    const pdf = await s.call(
      SLIDES_IPC.exportDeck,
      deck({ requestId: 'deck-2', format: 'pdf', level: 5, steps: [1, 10] }),
    );
    expect(pdf).toMatchObject({ ok: true, slides: 10 });
    expect((await PDFDocument.load(readFileSync((pdf as { path: string }).path))).getPageCount()).toBe(10);
  });

  it('cancels between slides and when the dialog is dismissed', async () => {
    const folder = join(tempDir(), 'long');
    const s = setup({ folder });
    const running = s.call(SLIDES_IPC.exportDeck, deck({ format: 'png-dir', steps: [1, 34] }));
    // the first progress report waits for the journey and the first slide: on a loaded machine that is seconds
    await expect.poll(() => s.progress.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await s.call(SLIDES_IPC.cancelDeck, { requestId: 'deck-1' })).toBe(true);
    expect(await running).toEqual({ ok: false, canceled: true });
    expect(readdirSync(folder).length).toBeLessThan(34);
    expect(await s.call(SLIDES_IPC.cancelDeck, { requestId: 'deck-1' })).toBe(false);

    const none = setup();
    expect(await none.call(SLIDES_IPC.exportDeck, deck())).toEqual({ ok: false, canceled: true });
    expect(existsSync(join(none.dir, 'home-to-web-slides.pptx'))).toBe(false);
  });

  it('reports a range outside the journey and a broken document as errors', async () => {
    const s = setup({ save: join(tempDir(), 'x.pdf') });
    expect(await s.call(SLIDES_IPC.exportDeck, deck({ level: 1, steps: [2, 3], format: 'pdf' }))).toMatchObject({
      ok: false,
      canceled: false,
      error: expect.stringMatching(/1 steps at level 1/),
    });
    expect(await s.call(SLIDES_IPC.exportDeck, deck({ topologyText: '{"version": 2' }))).toMatchObject({
      ok: false,
      canceled: false,
    });
  });

  it('rejects foreign senders and payloads of the wrong shape', async () => {
    const s = setup({ save: join(tempDir(), 'x') });
    await expect(s.call(SLIDES_IPC.exportDeck, deck(), 'https://evil.example/')).rejects.toThrow(
      /not the Packet Journey window/,
    );
    for (const bad of [
      deck({ extra: 1 }),
      deck({ level: 9 }),
      deck({ width: 100_000 }),
      deck({ format: 'exe' }),
      deck({ suggestedName: '../../etc/passwd' }),
      deck({ steps: [1] }),
      deck({ requestId: 'a b' }),
      deck({ scenario: { ...scenario, seed: -1 } }),
      undefined,
    ]) {
      await expect(s.call(SLIDES_IPC.exportDeck, bad)).rejects.toThrow(/Rejected IPC message on "slides:export-deck"/);
    }
    await expect(
      s.call(SLIDES_IPC.copyDiagram, {
        topologyText: sampleText,
        theme: 'light',
        width: 1920,
        height: 1080,
        path: '/tmp/x',
      }),
    ).rejects.toThrow(/Rejected/);
    expect(s.dialogs).toEqual([]);
  });

  it('previews the first slide of a range, small', async () => {
    const s = setup();
    const preview = {
      topologyText: sampleText,
      scenario,
      level: 7,
      step: 30,
      lang: 'ko',
      theme: 'dark',
      width: 1920,
      height: 1080,
      previewWidth: 480,
    };
    const result = (await s.call(SLIDES_IPC.previewSlide, preview)) as { ok: true; png: Uint8Array };
    expect(result.ok).toBe(true);
    expect(pngSize(result.png)).toEqual({ width: 480, height: 270 });
    const loaded = loadTopologyText(sampleText, 'home-to-web');
    if (!loaded.ok) throw new Error(loaded.error);
    const count = viewAtLevel(simulate(loaded.topology, scenario), 7).length;
    expect(await s.call(SLIDES_IPC.previewSlide, { ...preview, step: 999 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(new RegExp(`\\b${count} steps`)),
    });
    await expect(s.call(SLIDES_IPC.previewSlide, { ...preview, previewWidth: 10_000 })).rejects.toThrow(/Rejected/);
  });

  it('saves the diagram as PNG or SVG and copies it to the clipboard', async () => {
    const dir = tempDir();
    const s = setup({ save: join(dir, 'net.png') });
    const diagram = {
      topologyText: sampleText,
      theme: 'dark',
      format: 'png',
      width: 1600,
      height: 900,
      suggestedName: 'net',
    };
    expect(await s.call(SLIDES_IPC.exportDiagram, diagram)).toEqual({
      ok: true,
      path: join(dir, 'net.png'),
      slides: 0,
    });
    expect(pngSize(readFileSync(join(dir, 'net.png')))).toEqual({ width: 1600, height: 900 });
    const svg = setup({ save: join(dir, 'net') });
    expect(await svg.call(SLIDES_IPC.exportDiagram, { ...diagram, format: 'svg' })).toMatchObject({
      ok: true,
      path: join(dir, 'net.svg'),
    });
    expect(readFileSync(join(dir, 'net.svg'), 'utf8')).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1600" height="900"/,
    );

    expect(
      await s.call(SLIDES_IPC.copyDiagram, { topologyText: sampleText, theme: 'light', width: 1920, height: 1080 }),
    ).toEqual({ ok: true });
    expect(s.clipboard).toHaveLength(1);
    expect(pngSize(s.clipboard[0])).toEqual({ width: 1920, height: 1080 });
  });

  it('copies the step on screen to the clipboard as its full-size slide: the same PNG the preview makes at that size', async () => {
    const s = setup();
    const step = {
      topologyText: sampleText,
      scenario,
      level: 7,
      step: 12,
      lang: 'ko',
      theme: 'dark',
      width: 1920,
      height: 1080,
    };
    expect(await s.call(SLIDES_IPC.copySlide, step)).toEqual({ ok: true });
    expect(s.clipboard).toHaveLength(1);
    expect(pngSize(s.clipboard[0])).toEqual({ width: 1920, height: 1080 });
    const preview = (await s.call(SLIDES_IPC.previewSlide, { ...step, previewWidth: 1920 })) as { png: Uint8Array };
    expect(Buffer.from(s.clipboard[0]).equals(Buffer.from(preview.png))).toBe(true);
    // A step past the journey's end is a clear error, and the clipboard keeps what it had.
    expect(await s.call(SLIDES_IPC.copySlide, { ...step, step: 999 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/steps/),
    });
    expect(s.clipboard).toHaveLength(1);
  });

  it('every export channel refuses a foreign sender and a malformed payload, naming the channel, and writes nothing', async () => {
    const dir = tempDir();
    const s = setup({ save: join(dir, 'out'), folder: dir });
    const preview = {
      topologyText: sampleText,
      scenario,
      level: 7,
      step: 1,
      lang: 'en',
      theme: 'light',
      width: 1920,
      height: 1080,
    };
    const good: Record<string, unknown> = {
      [SLIDES_IPC.exportDeck]: deck(),
      [SLIDES_IPC.cancelDeck]: { requestId: 'deck-1' },
      [SLIDES_IPC.exportDiagram]: {
        topologyText: sampleText,
        theme: 'light',
        format: 'png',
        width: 1920,
        height: 1080,
        suggestedName: 'net',
      },
      [SLIDES_IPC.copyDiagram]: { topologyText: sampleText, theme: 'light', width: 1920, height: 1080 },
      [SLIDES_IPC.previewSlide]: { ...preview, previewWidth: 480 },
      [SLIDES_IPC.copySlide]: preview,
      [SLIDES_IPC.exportLesson]: lesson(),
    };
    const bad: Record<string, Record<string, unknown>[]> = {
      [SLIDES_IPC.exportDeck]: [{ format: 'exe' }, { steps: [1] }, { suggestedName: 'a/b' }],
      [SLIDES_IPC.cancelDeck]: [{ requestId: '' }, { requestId: 'x'.repeat(65) }],
      [SLIDES_IPC.exportDiagram]: [{ format: 'pdf' }, { suggestedName: '..\\x' }, { height: 0 }],
      [SLIDES_IPC.copyDiagram]: [{ theme: 'neon' }, { path: '/tmp/x' }],
      [SLIDES_IPC.previewSlide]: [{ previewWidth: 10_000 }, { step: 0 }],
      [SLIDES_IPC.copySlide]: [{ previewWidth: 480 }, { lang: 'fr' }, { level: 0 }, { topologyText: 42 }],
      [SLIDES_IPC.exportLesson]: [
        { steps: [3] },
        { steps: [0, 2] },
        { level: 8 },
        { theme: 'dark' },
        { suggestedName: '../lesson' },
        { scenario: { ...scenario, pauseSeconds: 'long' } },
        { html: '<script>' },
      ],
    };
    for (const channel of Object.keys(good)) {
      const escaped = channel.replace(/[-:]/g, (c) => `\\${c}`);
      await expect(s.call(channel, good[channel], 'https://evil.example/')).rejects.toThrow(
        /not the Packet Journey window/,
      );
      await expect(s.call(channel, undefined)).rejects.toThrow(new RegExp(`Rejected IPC message on "${escaped}"`));
      for (const patch of bad[channel])
        await expect(s.call(channel, { ...(good[channel] as object), ...patch })).rejects.toThrow(
          new RegExp(`Rejected IPC message on "${escaped}"`),
        );
    }
    expect(s.dialogs).toEqual([]);
    expect(s.clipboard).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes the lesson player where the save dialog says: the bytes the command line writes, locked to the range', async () => {
    const dir = tempDir();
    const target = join(dir, 'lesson');
    const s = setup({ save: target });
    expect(await s.call(SLIDES_IPC.exportLesson, lesson({ level: 6, steps: [3, 5], lang: 'ko' }))).toEqual({
      ok: true,
      path: `${target}.html`,
      slides: 3,
    });
    expect(s.dialogs).toEqual(['save']);
    expect(s.opened).toEqual([join(s.dir, 'home-to-web-lesson.html')]);
    const cli = join(dir, 'cli.html');
    const argv = [resolve(__dirname, '../../resources/samples/home-to-web.packetjourney'), '--from', 'pc'];
    argv.push('--url', scenario.url, '--out', cli, '--level', '6', '--steps', '3-5', '--lang', 'ko');
    expect(await runPlayerCommand(argv, () => undefined)).toBe(0);
    expect(readFileSync(`${target}.html`).equals(readFileSync(cli))).toBe(true);
    const html = readFileSync(`${target}.html`, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
    expect(lessonData(html)).toMatchObject({ level: 6, steps: [3, 5], lang: 'ko' });
    // Only the file itself: the temporary file of the atomic save is gone.
    expect(readdirSync(dir).sort()).toEqual(['cli.html', 'lesson.html']);
  });

  it('runs the journey with what was done before it, for the lesson player and the slides alike', async () => {
    const blocked = {
      ...scenario,
      before: ['http://www.example.com/'],
      // Past nginx's 75 s keep-alive: within it the browser's open connection would still get through the new rule.
      pauseSeconds: 90,
      thenSet: [{ device: 'fw', path: 'rules[0].action', value: 'deny' }],
    };
    const target = join(tempDir(), 'blocked.html');
    const s = setup({ save: target });
    expect(await s.call(SLIDES_IPC.exportLesson, lesson({ scenario: blocked }))).toMatchObject({ ok: true });
    const data = lessonData(readFileSync(target, 'utf8'));
    expect(data.trace.scenario).toEqual(blocked);
    expect(data.trace.outcome.ok).toBe(false);
    // The slides' plan counts the blocked journey's steps, not the cold one's.
    const loaded = loadTopologyText(sampleText, 'home-to-web');
    if (!loaded.ok) throw new Error(loaded.error);
    const count = viewAtLevel(simulate(loaded.topology, blocked), 7).length;
    expect(count).not.toBe(viewAtLevel(simulate(loaded.topology, scenario), 7).length);
    const preview = { topologyText: sampleText, scenario: blocked, level: 7, step: 999, lang: 'en', theme: 'light' };
    expect(await s.call(SLIDES_IPC.previewSlide, { ...preview, width: 1920, height: 1080, previewWidth: 480 })).toEqual(
      {
        ok: false,
        error: expect.stringMatching(new RegExp(`\\b${count} steps`)),
      },
    );
  });

  it('opens every export dialog where the last export went, also after a restart, and in Documents once that is gone', async () => {
    const store = join(tempDir(), 'export-folder.json');
    const talks = join(tempDir(), 'talks');
    mkdirSync(talks);
    const first = setup({ save: join(talks, 'week-1'), store });
    expect(await first.call(SLIDES_IPC.exportLesson, lesson())).toMatchObject({ ok: true });
    const diagram = { topologyText: sampleText, theme: 'light', format: 'svg', width: 1920, height: 1080 };
    expect(await first.call(SLIDES_IPC.exportDiagram, { ...diagram, suggestedName: 'net' })).toMatchObject({
      ok: true,
    });
    expect(first.opened).toEqual([join(first.dir, 'home-to-web-lesson.html'), join(talks, 'net.svg')]);

    const restarted = setup({ store, folder: join(talks, 'slides') });
    mkdirSync(join(talks, 'slides'));
    await restarted.call(SLIDES_IPC.exportDeck, deck({ format: 'svg-dir', steps: [1, 1] }));
    await restarted.call(SLIDES_IPC.exportLesson, lesson());
    // A folder export remembers the folder picked.
    expect(restarted.opened).toEqual([talks, join(talks, 'slides', 'home-to-web-lesson.html')]);

    rmSync(talks, { recursive: true });
    const gone = setup({ store });
    await gone.call(SLIDES_IPC.exportLesson, lesson());
    expect(gone.opened).toEqual([join(gone.dir, 'home-to-web-lesson.html')]);
  });

  it('says what is wrong with a lesson player it cannot make or write, and writes nothing', async () => {
    const dir = tempDir();
    const s = setup({ save: join(dir, 'x.html') });
    // A range past the journey: named before any dialog opens.
    expect(await s.call(SLIDES_IPC.exportLesson, lesson({ level: 1, steps: [2, 3] }))).toEqual({
      ok: false,
      canceled: false,
      error: expect.stringMatching(/1 steps at level 1/),
    });
    expect(await s.call(SLIDES_IPC.exportLesson, lesson({ topologyText: '{"version": 2' }))).toMatchObject({
      ok: false,
      canceled: false,
      error: expect.stringMatching(/topology/),
    });
    expect(s.dialogs).toEqual([]);
    const missing = setup({ save: join(dir, 'no-such-folder', 'x.html') });
    expect(await missing.call(SLIDES_IPC.exportLesson, lesson())).toEqual({
      ok: false,
      canceled: false,
      error: `Cannot save "x.html": the folder ${join(dir, 'no-such-folder')} does not exist.`,
    });
    const folder = join(dir, 'a-folder.html');
    mkdirSync(folder);
    expect(await setup({ save: folder }).call(SLIDES_IPC.exportLesson, lesson())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Cannot save "a-folder.html": it is a folder/),
    });
    const dismissed = setup();
    expect(await dismissed.call(SLIDES_IPC.exportLesson, lesson())).toEqual({ ok: false, canceled: true });
    expect(readdirSync(dir)).toEqual(['a-folder.html']);
  });
});
