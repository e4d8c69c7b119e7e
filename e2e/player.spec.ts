// The single-file lesson player, as a student gets it: the HTML file the CLI writes, opened from disk in chromium
// with the network off and every request that is not the file itself failed. It steps, changes level, follows
// #step=N, and shows the frame's layers and its exact bytes — read-only, from the recorded trace.
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPlayerCommand } from '../electron/cli/player-command';
import { loadTopologyText } from '../shared/model/load';
import { simulate } from '../shared/engine';
import { planDeck, slideContext, slideSpan } from '../shared/slides';
import { captionToText } from '../shared/slides/text';
import { compareHops } from '../shared/replay/hops';

const SAMPLE = resolve(__dirname, '../resources/samples/home-to-web.packetjourney');

function journey() {
  const loaded = loadTopologyText(readFileSync(SAMPLE, 'utf8'), 'home-to-web');
  if (!loaded.ok) throw new Error(loaded.error);
  return {
    topology: loaded.topology,
    trace: simulate(loaded.topology, { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false }),
  };
}

test('the lesson player works from file:// offline: steps, levels, #step=N, layers and bytes', async ({
  page,
  context,
}, info) => {
  mkdirSync(info.outputDir, { recursive: true });
  const out = resolve(info.outputDir, 'lesson.html');
  expect(
    await runPlayerCommand([SAMPLE, '--from', 'pc', '--url', 'http://www.example.com/', '--out', out], () => undefined),
  ).toBe(0);

  const requests: string[] = [];
  const violations: string[] = [];
  await context.setOffline(true);
  await page.route('**', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(String(e)));
  const url = pathToFileURL(out).href;
  await page.goto(url);

  const { topology, trace } = journey();
  const total = planDeck(topology, trace, { level: 7 }).total;
  await expect(page.getByTestId('player-position')).toHaveText(`Step 1 of ${total}`);
  await expect(page.getByTestId('player-slide').locator('svg')).toBeVisible();
  await expect(page.getByTestId('player-caption')).toContainText('DHCP Discover');

  // Keys step; the inspector shows the key frame's layers and its bytes, exactly.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('player-position')).toHaveText(`Step 3 of ${total}`);
  const item = planDeck(topology, trace, { level: 7 }).slides[2].item;
  const frame = trace.steps[item.keyStep];
  if (frame.type !== 'frame') throw new Error('step 3 is a frame');
  const firstRow = Array.from(frame.bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
  await expect(page.getByTestId('player-hex')).toContainText(`0000  ${firstRow}`);
  await expect(page.getByTestId('player-layers').locator('summary').first()).toContainText('ETHERNET');
  expect(new URL(page.url()).hash).toBe(`#step=${item.keyStep}`);

  // A fragment opens a moment: a DNS message past its first hop, with what the routers changed on the way.
  const slides = planDeck(topology, trace, { level: 7 }).slides;
  const dnsSlide = slides.find((sl) => {
    const k = trace.steps[sl.item.keyStep];
    return k.type === 'frame' && k.protocol === 'dns' && (compareHops(trace, k.index)?.current ?? 0) > 0;
  })!;
  const dnsFrame = trace.steps[dnsSlide.item.keyStep];
  if (dnsFrame.type !== 'frame') throw new Error('a frame');
  await page.goto(`${url}#step=${dnsSlide.item.keyStep}`);
  await expect(page.getByTestId('player-position')).toHaveText(`Step ${dnsSlide.index} of ${total}`);
  await expect(page.getByTestId('player-caption')).toContainText(
    captionToText('en', slideSpan(trace, dnsSlide.item, slideContext(topology, trace)).caption),
  );
  await expect(page.getByTestId('player-hops').locator('table')).toContainText('Time to live');
  await expect(page.getByTestId('player-hex')).toContainText(
    Array.from(dnsFrame.bytes.subarray(16, 32), (b) => b.toString(16).padStart(2, '0')).join(' '),
  );

  // Levels: level 1 tells the journey in a few steps.
  await page.getByTestId('player-level').selectOption('1');
  const l1 = planDeck(topology, trace, { level: 1 }).total;
  await expect(page.getByTestId('player-position')).toHaveText(new RegExp(`of ${l1}$`));
  await page.keyboard.press('End');
  await expect(page.getByTestId('player-position')).toHaveText(`Step ${l1} of ${l1}`);

  expect(requests.filter((r) => !r.startsWith('file:'))).toEqual([]);
  expect(violations).toEqual([]);
});

test("File ▸ Export ▸ Lesson Player… in the app writes the same kind of file, in the app's language, and it plays offline", async ({
  page,
  context,
}, info) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption('pc');
  await bar.getByLabel('Address').fill('http://www.example.com/');
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
  await page.locator('.pj-menubar [data-menu="file"]').click();
  await page.getByRole('menuitem', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Lesson Player…' }).click();
  // The export dialog, set to the player: the level on screen, every step, no theme or size, no slide preview.
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Export lesson player');
  await expect(page.getByTestId('export-format-player')).toBeChecked();
  await expect(page.getByTestId('export-theme')).toBeDisabled();
  await expect(page.getByTestId('export-size')).toBeDisabled();
  await expect(page.getByTestId('export-preview-player')).toBeVisible();
  const steps = planDeck(journey().topology, journey().trace, { level: 7 }).total;
  await expect(page.getByTestId('export-to')).toHaveValue(String(steps));
  await expect(page.getByTestId('export-estimate')).toContainText(
    new RegExp(`${steps} steps, about 1\\.\\d MB\\. Students can step through all of them\\.`),
  );
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-start').click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  expect(download.suggestedFilename()).toBe('home-to-web-lesson.html');
  const file = resolve(info.outputDir, 'app-lesson.html');
  mkdirSync(info.outputDir, { recursive: true });
  await download.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-`);
  expect(Buffer.byteLength(html)).toBeLessThan(3_000_000);
  // With the Pretendard subsets the CLI embeds (the same code cuts them, here in the slides worker).
  expect(html).toMatch(/<style>@font-face\{font-family:Pretendard;[^}]*font-weight:400;[^}]*base64,/);
  expect(html).toContain('font-src data:');

  const player = await context.newPage();
  await context.setOffline(true);
  const outside: string[] = [];
  await player.route('**', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  await player.goto(pathToFileURL(file).href);
  const { topology, trace } = journey();
  const total = planDeck(topology, trace, { level: 7 }).total;
  await expect(player.getByTestId('player-position')).toHaveText(`Step 1 of ${total}`);
  await player.keyboard.press('ArrowRight');
  await expect(player.getByTestId('player-position')).toHaveText(`Step 2 of ${total}`);
  await expect(player.getByTestId('player-hex')).toContainText('0000  ');
  expect(outside).toEqual([]);
});

test('a Korean lesson draws its text in the Pretendard it embeds (this machine has no Korean font)', async ({
  page,
  context,
}, info) => {
  mkdirSync(info.outputDir, { recursive: true });
  const out = resolve(info.outputDir, 'lesson-ko.html');
  expect(
    await runPlayerCommand(
      [SAMPLE, '--from', 'pc', '--url', 'http://www.example.com/', '--out', out, '--lang', 'ko', '--level', '5'],
      () => undefined,
    ),
  ).toBe(0);
  const html = readFileSync(out, 'utf8');
  expect(html).toMatch(/<style>@font-face\{font-family:Pretendard;[^}]*font-weight:400;/);
  expect(html).toContain('font-src data:');
  await context.setOffline(true);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  await page.goto(pathToFileURL(out).href);
  const caption = page.getByTestId('player-caption');
  await expect(caption).toContainText(/[가-힣]/);
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const text = document.querySelector('[data-testid="player-caption"]')!.textContent!;
    const faces = [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`);
    const canvas = document.createElement('canvas').getContext('2d')!;
    canvas.font = '100px Pretendard';
    const pretendard = canvas.measureText('가나다라').width;
    canvas.font = '100px sans-serif';
    const fallback = canvas.measureText('가나다라').width;
    return {
      family: getComputedStyle(document.querySelector('[data-testid="player-caption"]')!).fontFamily,
      select: getComputedStyle(document.querySelector('[data-testid="player-level"]')!).fontFamily,
      check: document.fonts.check('17px Pretendard', text),
      faces,
      pretendard,
      fallback,
    };
  });
  expect(fonts.family).toMatch(/^Pretendard,/);
  expect(fonts.select).toMatch(/^Pretendard,/);
  expect(fonts.faces).toEqual(['Pretendard 400 loaded', 'Pretendard 600 loaded']);
  expect(fonts.check).toBe(true);
  // Hangul is drawn with Pretendard's glyphs: every syllable 0.864 em wide (shared/slides/metrics.ts), which no
  // fallback on this machine matches.
  expect(fonts.pretendard).toBeCloseTo(4 * 86.4, 0);
  expect(Math.abs(fonts.fallback - fonts.pretendard)).toBeGreaterThan(5);
  await page.screenshot({ path: resolve(info.outputDir, 'lesson-ko.png') });
  expect(violations).toEqual([]);
});
