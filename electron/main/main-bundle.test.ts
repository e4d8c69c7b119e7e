// The built main process (electron-vite build → out/main/index.js) loaded under plain Node with a recording
// stand-in for the `electron` module (the real binary cannot be downloaded here): it must start, register its IPC
// handlers, and create its window with the secure settings. Its engine worker chunk must run the sample.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { IPC } from '../common/channels';
import { SLIDES_IPC } from '../common/slides-bridge';
import { repoRoot, sampleFile } from '../test-support/cli';

const ELECTRON_STAND_IN = String.raw`
const Module = require('node:module');
const path = require('node:path');
const record = { handled: [], listened: [], appEvents: [], windows: [], loaded: [], menus: 0, session: [], schemes: [], served: {} };
const noop = () => {};
const webContents = { on: (e) => record.session.push('wc:' + e), setWindowOpenHandler: (h) => record.session.push('windowOpen:' + h({ url: 'https://evil.example/' }).action), send: noop };
class BrowserWindow {
  constructor(options) { record.windows.push(options); this.webContents = webContents; }
  once(event, fn) { if (event === 'ready-to-show') record.readyToShow = true; }
  on() {}
  maximize() {}
  loadFile(file) { record.loaded.push(file); return Promise.resolve(); }
  loadURL(url) { record.loaded.push(url); return Promise.resolve(); }
  isDestroyed() { return false; }
}
const electron = {
  app: {
    isPackaged: true,
    getPath: (name) => path.join(process.env.STAND_IN_USER_DATA, name),
    requestSingleInstanceLock: () => true,
    on: (event, fn) => { record.appEvents.push(event); if (event === 'web-contents-created') fn({}, webContents); },
    whenReady: () => Promise.resolve(),
    quit: noop,
  },
  ipcMain: { handle: (c, fn) => { record.handled.push(c); if (c === 'slides:export-lesson') setImmediate(exportLesson, fn); }, on: (c) => record.listened.push(c), removeHandler: noop, removeAllListeners: noop },
  BrowserWindow,
  // Only the lesson export below asks: it saves into the stand-in's user-data folder.
  dialog: { showSaveDialog: async () => ({ canceled: false, filePath: path.join(process.env.STAND_IN_USER_DATA, 'lesson') }) },
  Menu: { buildFromTemplate: (t) => { record.menus = t.length; return {}; }, setApplicationMenu: noop },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record.schemes.push(...schemes),
    // Asks the handler for the page, an asset it does not have and a file outside the renderer folder.
    handle: (scheme, fn) => {
      for (const url of [scheme + '://packet-journey/index.html', scheme + '://packet-journey/nope.js', scheme + '://packet-journey/%2e%2e/main/index.js']) {
        Promise.resolve(fn({ url })).then(async (r) => (record.served[url] = r.status + ' ' + (await r.text()).slice(0, 15)));
      }
    },
  },
  session: { defaultSession: {
    setPermissionRequestHandler: () => record.session.push('permissionRequest'),
    setPermissionCheckHandler: () => record.session.push('permissionCheck'),
    webRequest: { onBeforeRequest: (fn) => fn({ url: 'https://example.com/' }, (r) => record.session.push('remote:' + (r.cancel ? 'cancel' : 'allow'))) },
  } },
};
// Once main has registered it: File ▸ Export ▸ Lesson Player… as the page would ask for it, run by the built code
// (its engine worker, the player built into the bundle, the fonts found from out/main), then exit.
async function exportLesson(handler) {
  const event = { senderFrame: { url: 'app://packet-journey/index.html', parent: null }, sender: { isDestroyed: () => false, send: noop } };
  const payload = {
    topologyText: require('node:fs').readFileSync(process.env.STAND_IN_SAMPLE, 'utf8'),
    scenario: { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false },
    level: 5, steps: [2, 4], lang: 'ko', suggestedName: 'home-to-web-lesson',
  };
  try { record.lesson = await handler(event, payload); }
  catch (error) { record.lesson = { error: String(error) }; }
  process.exit(0);
}
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
process.on('exit', () => { process.stdout.write('RECORD ' + JSON.stringify(record) + '\n'); });
`;

let record: {
  handled: string[];
  listened: string[];
  appEvents: string[];
  windows: { webPreferences: Record<string, unknown>; width: number; height: number }[];
  loaded: string[];
  menus: number;
  session: string[];
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  served: Record<string, string>;
  lesson: unknown;
};
let dir: string;

beforeAll(() => {
  const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'error'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'packet-journey-main-'));
  const standIn = join(dir, 'electron-stand-in.cjs');
  writeFileSync(standIn, ELECTRON_STAND_IN);
  const run = spawnSync(process.execPath, ['-r', standIn, join(repoRoot, 'out/main/index.js')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, STAND_IN_USER_DATA: dir, STAND_IN_SAMPLE: sampleFile('home-to-web') },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  record = JSON.parse(/^RECORD (.*)$/m.exec(run.stdout)![1]);
  return () => rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('built main process', () => {
  it('registers a handler for every bridge channel and the title listener', () => {
    const invokeChannels = [
      IPC.openFile,
      IPC.openPath,
      IPC.saveFile,
      IPC.recentFiles,
      IPC.simulate,
      IPC.cancelSimulation,
      IPC.recoveryWrite,
      IPC.recoveryClear,
      SLIDES_IPC.exportDeck,
      SLIDES_IPC.cancelDeck,
      SLIDES_IPC.exportDiagram,
      SLIDES_IPC.copyDiagram,
      SLIDES_IPC.previewSlide,
      SLIDES_IPC.copySlide,
      SLIDES_IPC.exportLesson,
    ];
    expect(record.handled.sort()).toEqual([...invokeChannels].sort());
    expect(record.listened).toEqual([IPC.setTitle]);
    expect(record.appEvents).toEqual(
      expect.arrayContaining(['second-instance', 'open-file', 'web-contents-created', 'window-all-closed']),
    );
  });

  it('writes a lesson player with the player and fonts built into the app (no esbuild, no prebuilt file)', () => {
    const file = join(dir, 'lesson.html');
    expect(record.lesson).toEqual({ ok: true, path: file, slides: 3 });
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
    // Korean text with the Pretendard subsets embedded, the journey's data inside.
    expect(html).toMatch(/@font-face\{font-family:"?Pretendard/);
    expect(html).toContain('"steps":[2,4]');
    const main = readFileSync(join(repoRoot, 'out/main/index.js'), 'utf8');
    expect(main).not.toMatch(/require\(["']esbuild["']\)/);
  });

  it('creates one window with context isolation, sandbox and no Node, loading the built renderer', () => {
    expect(record.windows).toHaveLength(1);
    const prefs = record.windows[0].webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(record.loaded).toEqual(['app://packet-journey/index.html']);
    expect(record.menus).toBeGreaterThanOrEqual(4);
  });

  it('serves the renderer from the privileged app:// scheme, and nothing outside its folder', () => {
    expect(record.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(record.served).toEqual({
      'app://packet-journey/index.html': '200 <!doctype html>',
      'app://packet-journey/nope.js': '404 Not found',
      'app://packet-journey/%2e%2e/main/index.js': '404 Not found',
    });
  });

  it('denies navigation, new windows, webviews, permissions and remote requests', () => {
    expect(record.session).toEqual(
      expect.arrayContaining([
        'wc:will-navigate',
        'wc:will-redirect',
        'wc:will-attach-webview',
        'windowOpen:deny',
        'permissionRequest',
        'permissionCheck',
        'remote:cancel',
      ]),
    );
  });

  it('builds a sandbox-compatible preload that needs nothing but electron', () => {
    const preload = readFileSync(join(repoRoot, 'out/preload/index.js'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('emits an engine worker chunk that runs the home-to-web sample', async () => {
    const chunks = readdirSync(join(repoRoot, 'out/main/chunks')).filter((f) => f.startsWith('engine.worker'));
    expect(chunks).toHaveLength(1);
    const worker = new Worker(join(repoRoot, 'out/main/chunks', chunks[0]));
    try {
      const reply = new Promise<{ ok: boolean; trace?: { outcome: { ok: boolean } } }>((resolve) =>
        worker.once('message', resolve),
      );
      worker.postMessage({
        id: 'smoke',
        topologyText: readFileSync(sampleFile('home-to-web'), 'utf8'),
        scenario: { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false },
      });
      const result = await reply;
      expect(result.ok).toBe(true);
      expect(result.trace?.outcome.ok).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
