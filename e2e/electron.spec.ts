// The desktop app itself, driven through Playwright's Electron support. Electron's binary is downloaded on first
// use, which needs GitHub; where it is absent these tests skip and say why (the list reporter hides skip reasons).
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const sample = join(root, 'resources/samples/home-to-web.packetjourney');

/** Never `require('electron')` here: that call tries to download the binary. */
function findElectronBinary(): string | undefined {
  if (process.env.ELECTRON_EXEC_PATH)
    return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : undefined;
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

const exe = findElectronBinary();
const skipReason =
  'Electron e2e skipped: the Electron binary is not on this machine (node_modules/electron/path.txt is missing and ELECTRON_EXEC_PATH is unset; downloading it needs internet access).';
if (!exe) console.log(skipReason);

let app: ElectronApplication | undefined;
let userData: string | undefined;

async function launch(file?: string): Promise<Page> {
  userData = mkdtempSync(join(tmpdir(), 'packet-journey-e2e-'));
  const out = join(root, 'out/main/index.js');
  if (!existsSync(out)) throw new Error(`Build the app first (npx electron-vite build): ${out} is missing.`);
  app = await electron.launch({
    executablePath: exe,
    args: [root, `--user-data-dir=${userData}`, ...(file ? [file] : [])],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return page;
}

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test.describe('desktop app (Electron)', () => {
  test.skip(!exe, skipReason);

  test('starts with a sandboxed renderer that has the bridge and no Node', async () => {
    const page = await launch();
    await expect(page).toHaveTitle(/Packet Journey/);
    expect(await page.evaluate(() => window.packetJourney?.kind)).toBe('electron');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // Remote content is blocked by the session, whatever the page's CSP says.
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
  });

  test('opens a sample given on the command line through the bridge, and refuses paths the user did not choose', async () => {
    const page = await launch(sample);
    const opened = await page.evaluate(
      (path) =>
        window.packetJourney!.openPath(path).then((r) => (r.ok ? { name: r.file.name, size: r.file.bytes.length } : r)),
      sample,
    );
    expect(opened).toEqual({ name: 'home-to-web.packetjourney', size: statSync(sample).size });
    const refused = await page.evaluate(() =>
      window.packetJourney!.openPath('/etc/passwd').then(
        () => 'opened',
        (e: Error) => e.message,
      ),
    );
    expect(refused).toContain('was not chosen by the user');
  });

  test('saves atomically to the file it opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packet-journey-e2e-save-'));
    const copy = join(dir, 'home.packetjourney');
    copyFileSync(sample, copy);
    try {
      const page = await launch(copy);
      const text = readFileSync(sample, 'utf8').replace('"home-to-web"', '"home-to-web (edited)"');
      const saved = await page.evaluate(
        ([path, body]) =>
          window.packetJourney!.saveFile({ text: body, name: 'home.packetjourney', path, saveAs: false }),
        [copy, text] as const,
      );
      expect(saved).toEqual({ ok: true, name: 'home.packetjourney', path: copy });
      expect(readFileSync(copy, 'utf8')).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('runs the engine in the main process worker', async () => {
    const page = await launch();
    const text = readFileSync(sample, 'utf8');
    const result = await page.evaluate(
      (body) =>
        window
          .packetJourney!.simulate(body, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false })
          .then((r) => (r.ok ? r.trace.steps.length > 0 : r.error)),
      text,
    );
    expect(result).toBe(true);
  });
});
