// Slide and diagram export in the real app (web mode, built renderer): open home-to-web, fetch from pc, then export
// through the dialog — the slides are drawn by the shared pipeline with resvg-wasm in a Web Worker — and open every
// download with independent readers: unzip (fflate) for PPTX and ZIP, pdf-lib and pdftotext for PDF, PNG headers, a walk over the
// GIF's blocks. Also Cancel, the diagram alone, and "Copy as image" on the real clipboard.
import { test, expect, type Download, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { loadTopologyText } from '../shared/model/load';
import { simulate } from '../shared/engine';
import { planDeck, slideSpan } from '../shared/slides';
import { captionToText } from '../shared/slides/text';
import { buildDeck } from '../shared/slides/export/deck-export';
import { nodeRasterizer } from '../electron/slides/export';
import { decodePng, differingShare } from '../electron/test-support/png-decode';
import { gifFrames, pngSize } from './support/image-files';
import { runCli } from '../electron/test-support/cli';

const URL_ = 'http://www.example.com/';
// Written for a person to look at (EXPORT_SHOTS moves them out of test-results, which every run empties).
const shots = process.env.EXPORT_SHOTS ?? resolve(__dirname, '../test-results/export');

/** The journey the app shows, from the same engine and slide planner the app runs. */
function journey() {
  const loaded = loadTopologyText(
    readFileSync(resolve(__dirname, '../resources/samples/home-to-web.packetjourney'), 'utf8'),
    'home-to-web',
  );
  if (!loaded.ok) throw new Error(loaded.error);
  const trace = simulate(loaded.topology, { from: 'pc', url: URL_, seed: 1, warm: false });
  return { topology: loaded.topology, trace };
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function openAndFetch(page: Page) {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-pc')).toBeVisible();
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption('pc');
  await bar.getByLabel('Address').fill(URL_);
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-panel')).toBeVisible();
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
}

/** A menu command by its path: ('file', 'Export', 'Slides…') goes through the File ▸ Export submenu. */
async function menuCommand(page: Page, menu: string, ...path: string[]) {
  await page.locator(`.pj-menubar [data-menu="${menu}"]`).click();
  // A submenu is named exactly ("Export"); a command's name also holds its shortcut ("Slides… Ctrl+Shift+X").
  for (const [i, label] of path.entries())
    await page.getByRole('menuitem', { name: label, exact: i < path.length - 1 }).click();
}

async function openDialog(page: Page) {
  await menuCommand(page, 'file', 'Export', 'Slides…');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function choose(
  page: Page,
  options: { level?: number; from?: number; to?: number; format: string; lang?: string; theme?: string },
) {
  if (options.level !== undefined) await page.getByTestId('export-level').selectOption(String(options.level));
  if (options.from !== undefined) await page.getByTestId('export-from').fill(String(options.from));
  if (options.to !== undefined) await page.getByTestId('export-to').fill(String(options.to));
  if (options.lang) await page.getByTestId('export-lang').selectOption(options.lang);
  if (options.theme) await page.getByTestId('export-theme').selectOption(options.theme);
  await page.getByTestId(`export-format-${options.format}`).check();
}

async function exportDownload(page: Page): Promise<{ download: Download; bytes: Uint8Array }> {
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const download = await downloading;
  const bytes = new Uint8Array(readFileSync(await download.path()));
  mkdirSync(shots, { recursive: true });
  writeFileSync(resolve(shots, download.suggestedFilename()), bytes);
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  return { download, bytes };
}

const xmlText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test.describe.configure({ timeout: 180_000 });

test('the dialog defaults to every step of the replay level and previews the first slide', async ({ page }) => {
  const errors = watchErrors(page);
  await openAndFetch(page);
  const { topology, trace } = journey();
  // From the replay panel (the File menu and the command palette are used below).
  await page.getByTestId('replay-panel').getByTestId('export-slides').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  // The replay runs at level 7: every step.
  await expect(page.getByTestId('export-level')).toHaveValue('7');
  await expect(page.getByTestId('export-from')).toHaveValue('1');
  await expect(page.getByTestId('export-to')).toHaveValue(String(planDeck(topology, trace, { level: 7 }).total));
  await page.getByTestId('export-level').selectOption('4');
  await expect(page.getByTestId('export-to')).toHaveValue(String(planDeck(topology, trace, { level: 4 }).total));
  const preview = page.getByTestId('export-preview');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  // Visible is not loaded: wait for the image to be decoded before reading its size.
  await expect
    .poll(() => preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([480, 270]);
  await page.getByTestId('export-lang').selectOption('ko');
  await expect(dialog.locator('h2')).toBeVisible();
  mkdirSync(shots, { recursive: true });
  // Give the Korean preview its turn (it replaces the English one), then look at the dialog.
  await expect.poll(async () => preview.getAttribute('src'), { timeout: 30_000 }).not.toBeNull();
  await page.waitForTimeout(600);
  await dialog.screenshot({ path: resolve(shots, 'dialog-ko-preview.png') });
  // A range outside the level is refused with the level's length, and nothing is downloaded.
  await page.getByTestId('export-to').fill('99');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-error')).toContainText('Choose steps between 1 and 6');
  await page.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('SVG: a ZIP of drawings with the text as outlines', async ({ page }) => {
  await openAndFetch(page);
  await openDialog(page);
  await choose(page, { level: 5, format: 'svg' });
  const { download, bytes } = await exportDownload(page);
  expect(download.suggestedFilename()).toBe('home-to-web-slides.zip');
  const files = unzipSync(bytes);
  const names = Object.keys(files).sort();
  expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `slide-${String(i + 1).padStart(2, '0')}.svg`));
  for (const name of names) {
    const svg = strFromU8(files[name]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"')).toBe(true);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<use href="#g');
  }
});

test('PPTX: one slide per chosen step, the caption in the speaker notes', async ({ page }) => {
  const errors = watchErrors(page);
  await openAndFetch(page);
  await openDialog(page);
  await choose(page, { level: 7, from: 30, to: 35, format: 'pptx', lang: 'ko' });
  const { download, bytes } = await exportDownload(page);
  expect(download.suggestedFilename()).toBe('home-to-web-slides.pptx');
  const files = unzipSync(bytes);
  const slides = Object.keys(files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  expect(slides).toHaveLength(6);
  const { topology, trace } = journey();
  const plan = planDeck(topology, trace, { level: 7, steps: [30, 35] });
  plan.slides.forEach((slide, i) => {
    const notes = strFromU8(files[`ppt/notesSlides/notesSlide${i + 1}.xml`]);
    const caption = captionToText('ko', slideSpan(trace, slide.item, plan.context).caption);
    expect(caption).toMatch(/[가-힣]/);
    expect(notes).toContain(xmlText(caption).slice(0, 20));
  });
  const media = Object.keys(files).filter((n) => /^ppt\/media\/.+\.png$/.test(n));
  expect(media.length).toBe(6);
  expect(pngSize(files[media[0]])).toEqual({ width: 1920, height: 1080 });
  await expect(page.getByTestId('toast').filter({ hasText: 'Slides exported' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('PDF: one page per step of the level, with the captions as text and the date of now', async ({ page }) => {
  await openAndFetch(page);
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.pj-cmdk-input').fill('Export Slides');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await choose(page, { level: 5, format: 'pdf', theme: 'dark' });
  const { bytes } = await exportDownload(page);
  const pdf = await PDFDocument.load(bytes);
  const { topology, trace } = journey();
  expect(pdf.getPageCount()).toBe(planDeck(topology, trace, { level: 5 }).total);
  const { width, height } = pdf.getPage(0).getSize();
  expect(width / height).toBeCloseTo(16 / 9, 3);
  // Made in the browser's worker, the same vector PDF as the CLI's: poppler reads every caption as text.
  const file = resolve(test.info().outputDir, 'deck.pdf');
  mkdirSync(test.info().outputDir, { recursive: true });
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  const plan = planDeck(topology, trace, { level: 5 });
  for (const s of plan.slides)
    expect(text).toContain(captionToText('en', slideSpan(trace, s.item, plan.context).caption).replace(/\s+/g, ''));
  const created = pdf.getCreationDate();
  expect(created && Math.abs(created.getTime() - Date.now())).toBeLessThan(10 * 60_000);
});

test('PNG: a ZIP with one 1920×1080 image per step', async ({ page }) => {
  await openAndFetch(page);
  await openDialog(page);
  await choose(page, { level: 6, format: 'png' });
  const { download, bytes } = await exportDownload(page);
  expect(download.suggestedFilename()).toBe('home-to-web-slides.zip');
  const files = unzipSync(bytes);
  const { topology, trace } = journey();
  const total = planDeck(topology, trace, { level: 6 }).total;
  const names = Object.keys(files).sort();
  expect(names).toEqual(Array.from({ length: total }, (_, i) => `slide-${String(i + 1).padStart(2, '0')}.png`));
  for (const name of names) expect(pngSize(files[name])).toEqual({ width: 1920, height: 1080 });
  writeFileSync(resolve(shots, 'web-level6-slide-03.png'), files['slide-03.png']);

  // The same deck from the desktop/CLI path (resvg-js, Node's zlib): the PNG bytes differ (another deflate), the
  // pixels must not — both rasterise the same SVG with the same outlined glyphs.
  const node = unzipSync(
    (await buildDeck({ topology, trace, level: 6, lang: 'en', theme: 'light', format: 'zip' }, nodeRasterizer()))
      .files[0].bytes,
  );
  for (const name of names) {
    const web = decodePng(files[name]);
    const desktop = decodePng(node[name]);
    expect([web.width, web.height]).toEqual([desktop.width, desktop.height]);
    let differing = 0;
    for (let i = 0; i < web.data.length; i++) if (web.data[i] !== desktop.data[i]) differing++;
    expect(differing, name).toBe(0);
  }
});

test('GIF: one frame per chosen step', async ({ page }) => {
  await openAndFetch(page);
  await openDialog(page);
  await choose(page, { level: 7, from: 1, to: 5, format: 'gif' });
  const { bytes } = await exportDownload(page);
  expect(gifFrames(bytes)).toEqual({ width: 960, height: 540, frames: 5 });
});

test('Cancel stops a long export: no file, the dialog stays, the next export works', async ({ page }) => {
  await openAndFetch(page);
  const dialog = await openDialog(page);
  let downloads = 0;
  page.on('download', () => downloads++);
  await choose(page, { level: 7, format: 'png' });
  await page.getByTestId('export-start').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toContainText(/Slide \d+ of \d+/, { timeout: 30_000 });
  // The page stays responsive while the worker renders: the dialog's controls answer.
  await page.getByTestId('export-cancel').click();
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: 'Export canceled' })).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-start')).toBeEnabled();
  await choose(page, { level: 7, from: 2, to: 3, format: 'gif' });
  const { bytes } = await exportDownload(page);
  expect(gifFrames(bytes).frames).toBe(2);
  expect(downloads).toBe(1);
});

test('the diagram alone as PNG and SVG', async ({ page }) => {
  await openAndFetch(page);
  const png = page.waitForEvent('download');
  await menuCommand(page, 'file', 'Export', 'Diagram as PNG…');
  const pngDownload = await png;
  expect(pngDownload.suggestedFilename()).toBe('home-to-web-diagram.png');
  const pngBytes = new Uint8Array(readFileSync(await pngDownload.path()));
  expect(pngSize(pngBytes)).toEqual({ width: 1920, height: 1080 });
  mkdirSync(shots, { recursive: true });
  writeFileSync(resolve(shots, 'diagram.png'), pngBytes);

  const svg = page.waitForEvent('download');
  await menuCommand(page, 'file', 'Export', 'Diagram as SVG…');
  const svgText = readFileSync(await (await svg).path(), 'utf8');
  expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"')).toBe(true);
  // Text drawn as outlines: the file looks the same without the font.
  expect(svgText).not.toContain('<text');
});

test("File ▸ Export is a submenu of every export, by mouse and keyboard, in English and Korean; its JSON trace is the CLI's", async ({
  page,
}, info) => {
  const errors = watchErrors(page);
  await openAndFetch(page);
  const file = page.locator('.pj-menubar [data-menu="file"]');
  await file.click();
  const trigger = page.getByRole('menuitem', { name: 'Export', exact: true });
  await expect(trigger).toHaveAttribute('aria-haspopup', 'menu');
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
  // The exports are in the submenu only, not in the File menu itself.
  await expect(page.getByRole('menuitem', { name: 'Slides…' })).toHaveCount(0);
  await trigger.hover();
  const sub = page.getByRole('menu', { name: 'Export' });
  await expect(sub.getByRole('menuitem')).toHaveText([
    /^Slides….*Shift\+X$/,
    'Lesson Player…',
    /^Capture \(pcapng\)….*Shift\+E$/,
    'JSON Trace…',
    'Diagram as PNG…',
    'Diagram as SVG…',
  ]);
  await page.screenshot({ path: resolve(info.outputDir, 'export-submenu.png') });
  await page.keyboard.press('Escape');

  // Keyboard: down to Export, Right opens it on its first item, Left goes back, Enter opens it again.
  await file.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.pj-menu-popup [role^=menuitem]:focus')).toHaveText(/^New/);
  while (!(await trigger.evaluate((el) => el === document.activeElement))) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(sub.getByRole('menuitem', { name: 'Slides…' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(sub.getByRole('menuitem', { name: 'Diagram as SVG…' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(trigger).toBeFocused();
  await expect(sub).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(sub.getByRole('menuitem', { name: 'Slides…' })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(sub.getByRole('menuitem', { name: 'JSON Trace…' })).toBeFocused();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('home-to-web-trace.json');
  await expect(page.locator('.pj-menu-popup')).toHaveCount(0);
  // The same bytes as `packet-journey simulate --json` for the same journey.
  const cliOut = resolve(info.outputDir, 'cli-trace.json');
  const cli = runCli([
    'simulate',
    resolve(__dirname, '../resources/samples/home-to-web.packetjourney'),
    '--from',
    'pc',
    '--url',
    URL_,
    '--seed',
    '1',
    '--json',
    cliOut,
  ]);
  expect(cli.status).toBe(0);
  expect(readFileSync(await download.path(), 'utf8')).toBe(readFileSync(cliOut, 'utf8'));

  // In Korean.
  await page.locator('.pj-menubar [data-menu="view"]').click();
  await page.getByRole('menuitem', { name: 'Language: English / 한국어' }).click();
  await page.locator('.pj-menubar [data-menu="file"]').click();
  await page.getByRole('menuitem', { name: '내보내기', exact: true }).hover();
  await expect(page.getByRole('menu', { name: '내보내기' }).getByRole('menuitem')).toHaveText([
    /^슬라이드…/,
    '수업용 플레이어…',
    /^캡처 \(pcapng\)…/,
    'JSON 트레이스…',
    '다이어그램 (PNG)…',
    '다이어그램 (SVG)…',
  ]);
  expect(errors).toEqual([]);
});

test('Copy as image puts a PNG of the diagram on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAndFetch(page);
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.pj-cmdk-input').fill('Copy Diagram');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: 'Diagram copied as an image' })).toBeVisible({
    timeout: 30_000,
  });
  const image = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const item = items.find((i) => i.types.includes('image/png'));
    if (!item) return null;
    const blob = await item.getType('image/png');
    const bitmap = await createImageBitmap(blob);
    return { types: items.flatMap((i) => i.types), width: bitmap.width, height: bitmap.height };
  });
  expect(image).toEqual({ types: ['image/png'], width: 1920, height: 1080 });
});

test('Copy this step as a slide puts the 1920×1080 slide of the step on screen on the clipboard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchErrors(page);
  await openAndFetch(page);
  // Three steps on, at level 7 (the app's default).
  await page.getByTestId('replay-panel').locator('h2').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const { topology, trace } = journey();
  const plan = planDeck(topology, trace, { level: 7 });
  await expect(page.getByTestId('replay-position')).toHaveText(`4 / ${plan.total}`);
  await menuCommand(page, 'simulation', 'Copy This Step as a Slide');
  await expect(page.getByTestId('toast').filter({ hasText: `Step 4 of ${plan.total} copied as a slide` })).toBeVisible({
    timeout: 30_000,
  });
  const image = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const item = items.find((i) => i.types.includes('image/png'));
    if (!item) return null;
    const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { types: items.flatMap((i) => i.types), base64: btoa(binary) };
  });
  expect(image?.types).toEqual(['image/png']);
  const png = new Uint8Array(Buffer.from(image!.base64, 'base64'));
  expect(pngSize(png)).toEqual({ width: 1920, height: 1080 });
  mkdirSync(shots, { recursive: true });
  writeFileSync(resolve(shots, 'copied-slide.png'), png);
  // The slide of step 4, as the export makes it (same pipeline under Node), not of another step.
  const render = async (step: number) =>
    decodePng(
      unzipSync(
        (
          await buildDeck(
            { topology, trace, level: plan.level, steps: [step, step], lang: 'en', theme: 'light', format: 'zip' },
            nodeRasterizer(),
          )
        ).files[0].bytes,
      )[`slide-0${step}.png`],
    );
  const copied = decodePng(png);
  expect(differingShare(copied, await render(4), 48)).toBeLessThan(0.002);
  expect(differingShare(copied, await render(5), 48)).toBeGreaterThan(0.005);
  expect(errors).toEqual([]);
});
