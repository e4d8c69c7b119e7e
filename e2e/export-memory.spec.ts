// The export dialog remembers, per document: its first defaults follow the replay on screen; an export keeps the
// format, range, level, theme, language and size with the document, in the file's replay section, so a saved and
// reopened file opens the dialog where the teacher left it. It says how many slides and roughly how large before
// exporting, and asks above 60 slides. The lesson player is one of its formats, remembered apart (replay.lesson).
import { test, expect, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from '../shared/model/load';
import { simulate } from '../shared/engine';
import { planDeck } from '../shared/slides';
import { saveDownload } from './support/save-download';
import { dropFileOnWindow } from './support/drop-file';

const URL_ = 'http://www.example.com/';

function totals(sample = 'home-to-web') {
  const loaded = loadTopologyText(
    readFileSync(resolve(__dirname, `../resources/samples/${sample}.packetjourney`), 'utf8'),
    sample,
  );
  if (!loaded.ok) throw new Error(loaded.error);
  const trace = simulate(loaded.topology, { from: 'pc', url: URL_, seed: 1, warm: false });
  return (level: number) => planDeck(loaded.topology, trace, { level }).total;
}

async function openAndFetch(page: Page) {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption('pc');
  await bar.getByLabel('Address').fill(URL_);
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
}

test.describe.configure({ timeout: 180_000 });

test('the dialog starts at the level on screen, remembers the last export with the file', async ({ page }) => {
  const total = totals();
  expect(total(7)).toBeLessThanOrEqual(60);
  await openAndFetch(page);
  await page.getByTestId('replay-level').selectOption('6');
  await page.keyboard.press('Control+Shift+X');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-level')).toHaveValue('6');
  await expect(page.getByTestId('export-to')).toHaveValue(String(total(6)));
  await expect(page.getByTestId('export-estimate')).toContainText(`${total(6)} slides, about `);
  await expect(page.getByTestId('export-estimate')).toContainText(/about \d+(\.\d)? (KB|MB)\./);

  // Level 7 per exchange is under 60 slides on home-to-web: no question, the button just exports.
  await page.getByTestId('export-level').selectOption('7');
  await page.getByTestId('export-format-pdf').check();
  await expect(page.getByTestId('export-confirm')).toBeHidden();
  await page.getByTestId('export-from').fill('3');
  await page.getByTestId('export-to').fill('5');
  await expect(page.getByTestId('export-confirm')).toBeHidden();
  await expect(page.getByTestId('export-estimate')).toContainText('3 slides, about ');
  await page.getByTestId('export-lang').selectOption('ko');
  await page.getByTestId('export-theme').selectOption('print');
  await page.getByTestId('export-size').selectOption('1280x720');
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  await downloading;
  await expect(dialog).toBeHidden();

  // The screen's level changes; the dialog still opens at the last export's choices.
  await page.getByTestId('replay-level').selectOption('2');
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('export-level')).toHaveValue('7');
  await expect(page.getByTestId('export-from')).toHaveValue('3');
  await expect(page.getByTestId('export-to')).toHaveValue('5');
  await expect(page.getByTestId('export-lang')).toHaveValue('ko');
  await expect(page.getByTestId('export-theme')).toHaveValue('print');
  await expect(page.getByTestId('export-size')).toHaveValue('1280x720');
  await expect(page.getByTestId('export-format-pdf')).toBeChecked();
  await page.getByTestId('export-close').click();

  // Saved with the file's replay section…
  const text = await saveDownload(page);
  expect(JSON.parse(text).replay.slides).toEqual({
    format: 'pdf',
    level: 7,
    from: 3,
    to: 5,
    theme: 'print',
    lang: 'ko',
    size: '1280x720',
  });

  // …and back after reopening it in a fresh window.
  await page.goto('/?fs=download');
  await dropFileOnWindow(page, 'lesson.packetjourney', text);
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('export-level')).toHaveValue('7');
  await expect(page.getByTestId('export-to')).toHaveValue('5');
  await expect(page.getByTestId('export-lang')).toHaveValue('ko');
  await expect(page.getByTestId('export-format-pdf')).toBeChecked();
});

test('the lesson player is a format of the dialog with a memory of its own, saved with the file', async ({ page }) => {
  const total = totals();
  await openAndFetch(page);
  // A slide export first: the player's choices must not overwrite it, nor it the player's.
  await page.keyboard.press('Control+Shift+X');
  await page.getByTestId('export-format-pdf').check();
  await page.getByTestId('export-from').fill('2');
  await page.getByTestId('export-to').fill('3');
  let downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  await downloading;

  await page.getByTestId('replay-level').selectOption('5');
  await page.locator('.pj-menubar [data-menu="file"]').click();
  await page.getByRole('menuitem', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Lesson Player…' }).click();
  await expect(page.getByTestId('export-format-player')).toBeChecked();
  await expect(page.getByTestId('export-level')).toHaveValue('5');
  await expect(page.getByTestId('export-to')).toHaveValue(String(total(5)));
  await page.getByTestId('export-from').fill('2');
  await page.getByTestId('export-to').fill('4');
  await expect(page.getByTestId('export-estimate')).toContainText('3 steps, about ');
  await expect(page.getByTestId('export-estimate')).toContainText('Students see only these steps.');
  await page.getByTestId('export-lang').selectOption('ko');
  downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const lesson = await downloading;
  expect(lesson.suggestedFilename()).toBe('home-to-web-lesson.html');
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  const text = await saveDownload(page);
  const replay = JSON.parse(text).replay;
  expect(replay.lesson).toEqual({ level: 5, from: 2, to: 4, lang: 'ko' });
  expect(replay.slides).toMatchObject({ format: 'pdf', level: 7, from: 2, to: 3, lang: 'en' });

  // Reopened in a fresh window: each menu item opens the dialog at its own last choices.
  await page.goto('/?fs=download');
  await dropFileOnWindow(page, 'lesson.packetjourney', text);
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
  await page.locator('.pj-menubar [data-menu="file"]').click();
  await page.getByRole('menuitem', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Lesson Player…' }).click();
  await expect(page.getByTestId('export-format-player')).toBeChecked();
  await expect(page.getByTestId('export-level')).toHaveValue('5');
  await expect(page.getByTestId('export-from')).toHaveValue('2');
  await expect(page.getByTestId('export-to')).toHaveValue('4');
  await expect(page.getByTestId('export-lang')).toHaveValue('ko');
  await page.getByTestId('export-close').click();
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('export-format-pdf')).toBeChecked();
  await expect(page.getByTestId('export-level')).toHaveValue('7');
  await expect(page.getByTestId('export-to')).toHaveValue('3');
  await expect(page.getByTestId('export-lang')).toHaveValue('en');
});

test('above 60 slides the dialog asks: no exports nothing, yes exports them all', async ({ page }) => {
  const slides = totals('home-to-web-page')(7);
  expect(slides).toBeGreaterThan(60);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto(`/?fs=download#/open/home-to-web-page?from=pc&url=${URL_}&level=7`);
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('export-to')).toHaveValue(String(slides));
  await page.getByTestId('export-format-pdf').check();
  await page.getByTestId('export-start').click();
  const confirm = page.getByTestId('export-confirm');
  await expect(confirm).toContainText(`That is ${slides} slides (about `);
  await expect(confirm).toContainText('more than 60');
  await expect(page.getByTestId('export-start')).toHaveText(`Export ${slides} slides`);

  // No: closing the dialog exports nothing and remembers nothing (the question came before any export).
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  expect(JSON.parse(await saveDownload(page)).replay.slides).toBeUndefined();

  // Narrowing the range takes the question back; 60 slides export without one.
  await page.keyboard.press('Control+Shift+X');
  await page.getByTestId('export-format-pdf').check();
  await page.getByTestId('export-start').click();
  await expect(confirm).toBeVisible();
  await page.getByTestId('export-to').fill(String(slides - 1));
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('export-start')).toHaveText('Export');

  // Yes: all of them, one PDF page each.
  await page.getByTestId('export-to').fill(String(slides));
  await page.getByTestId('export-start').click();
  await expect(confirm).toBeVisible();
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-start').click();
  const pdf = await downloading;
  const path = await pdf.path();
  const doc = await PDFDocument.load(readFileSync(path));
  expect(doc.getPageCount()).toBe(slides);
  // The save of the file before and this PDF: nothing was downloaded when the answer was no.
  expect(downloads).toEqual(['home-to-web-page.packetjourney', 'home-to-web-page-slides.pdf']);
});
