// Presenter mode in the real app (web mode, built renderer, engine in its Web Worker) with real keys and clicks: enter
// it from the keyboard and the View menu, step as a clicker and a keyboard do, blank the screen, leave with Esc and
// find the editor as it was; the presenter view in a second window follows the audience's screen and drives it;
// axe-core on both; screenshots at 1920×1080 and 1280×720, light and dark, English and Korean.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

const shots = process.env.PJ_SHOTS ?? resolve(__dirname, '../test-results/screenshots');

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function prefs(page: Page, theme: 'light' | 'dark' = 'light', language: 'en' | 'ko' = 'en') {
  await page.addInitScript(
    ([t, l]) => localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: t, language: l })),
    [theme, language],
  );
}

/** home-to-web, pc fetching www.example.com, at level 7 (one step per exchange). */
async function runJourney(page: Page, go = 'Go') {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-pc')).toBeVisible();
  const bar = page.getByTestId('simulation-bar');
  await bar.locator('select').first().selectOption('pc');
  await bar.getByRole('button', { name: go }).click();
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help}\n  ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join('\n  ')}`,
    );
  expect(bad, bad.join('\n')).toEqual([]);
}

const present = (page: Page) => page.getByTestId('present');
const caption = (page: Page) => page.getByTestId('present-caption');
const position = (page: Page) => page.getByTestId('present-position');
/** "Step n of N" (and "· Level l" on the audience's screen), whatever N the engine makes today. */
const at = (n: number, level?: number) => new RegExp(`^Step ${n} of \\d+${level ? ` · Level ${level}` : ''}$`);

test('without a replay, Present says what to do first', async ({ page }) => {
  await prefs(page);
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-pc')).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByText('Presenter mode shows a replay')).toBeVisible();
  await expect(present(page)).toHaveCount(0);
});

test('present with P: full screen, step with a clicker and the keyboard, blank with B, Esc restores the editor', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await prefs(page);
  await runJourney(page);
  await expect(page.getByTestId('replay-position')).toHaveText(/^1 \/ \d+$/);
  // The editor before: a device selected, the replay panel open.
  await page.getByTestId('device-web').click();
  await expect(page.getByTestId('inspector-panel')).toBeVisible();
  await page
    .getByTestId('canvas')
    .click({ position: { x: 5, y: 5 } })
    .catch(() => undefined);
  await page.getByTestId('device-web').click();
  const viewBefore = await page.locator('.react-flow__viewport').getAttribute('style');

  await page.keyboard.press('p');
  await expect(present(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
  // The editor's panels are out of sight, the canvas fills the screen above the caption band.
  await expect(page.getByTestId('inspector-panel')).toBeHidden();
  await expect(page.getByTestId('replay-panel')).toBeHidden();
  await expect(page.getByTestId('simulation-bar')).toBeHidden();
  const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(canvasBox.width).toBe(viewport.width);
  expect(canvasBox.y).toBe(0);
  await expect(position(page)).toHaveText(at(1, 7));
  const first = await caption(page).textContent();
  expect(first).toBeTruthy();
  // The caption is large: at least 28 px at 1920×1080, scaled with the screen (1440×900 is 0.75 of it).
  const size = await caption(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(28 * Math.min(viewport.width / 1920, viewport.height / 1080));
  await expect(page.getByTestId('present-fields')).toContainText('On the wire at this hop');
  await expect(page.getByTestId('present-hint')).toContainText('B: blank');

  // A clicker: PageDown and PageUp; a keyboard: Space, Shift+Space, the arrows.
  await page.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(2, 7));
  await expect(caption(page)).not.toHaveText(first!);
  await expect(page.getByTestId('present-hint')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(position(page)).toHaveText(at(3, 7));
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(at(4, 7));
  await page.keyboard.press('ArrowDown');
  await expect(position(page)).toHaveText(at(5, 7));
  await page.keyboard.press('Shift+Space');
  await expect(position(page)).toHaveText(at(4, 7));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('PageUp');
  await expect(position(page)).toHaveText(at(2, 7));
  // The canvas shows that step's key frame: its packet is on the screen.
  await expect(page.getByTestId('overlay-packet')).toBeVisible();
  // The replay behind follows (it is the same replay): its position moved too.
  await expect(page.getByTestId('replay-position')).toHaveText(/^2 \/ \d+$/);

  // F5 from a clicker (its start button) neither reruns the journey (back to step 1) nor reloads the page.
  await page.keyboard.press('F5');
  await expect(position(page)).toHaveText(at(2, 7));

  // B blanks to black and back; "." too (some clickers send it); a step key on a black screen only brings it back.
  await page.keyboard.press('b');
  await expect(page.getByTestId('present-blank')).toBeVisible();
  const black = await page.screenshot();
  expect(black.length).toBeGreaterThan(0);
  await page.keyboard.press('b');
  await expect(page.getByTestId('present-blank')).toHaveCount(0);
  await page.keyboard.press('.');
  await expect(page.getByTestId('present-blank')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('present-blank')).toHaveCount(0);
  await expect(position(page)).toHaveText(at(2, 7));

  // The level keys still work.
  await page.keyboard.press('Control+[');
  await expect(position(page)).toContainText('Level 6');
  await page.keyboard.press('Control+]');
  await expect(position(page)).toContainText('Level 7');

  // Esc leaves: the editor as it was, at the step the presentation reached.
  await page.keyboard.press('Escape');
  await expect(present(page)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBe(null);
  await expect(page.getByTestId('replay-panel')).toBeVisible();
  await expect(page.getByTestId('inspector-panel')).toBeVisible();
  await expect(page.getByTestId('device-web')).toBeVisible();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'web');
  await expect.poll(() => page.locator('.react-flow__viewport').getAttribute('style')).toBe(viewBefore);
  await expect(page.getByTestId('replay-position')).toHaveText(/^2 \/ \d+$/);
  expect(errors).toEqual([]);
});

test('View ▸ Present and its shortcut; the presenter view follows and drives the audience screen', async ({ page }) => {
  const errors = watchErrors(page);
  await prefs(page);
  await runJourney(page);
  await page.locator('.pj-menubar [data-menu="view"]').click();
  await page.getByRole('menuitem', { name: /^Present Ctrl/ }).click();
  await expect(present(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(present(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+F5');
  await expect(present(page)).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(2, 7));

  // Alt+F5 opens the presenter view in a second window.
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Alt+F5')]);
  const presenterErrors = watchErrors(presenter);
  await presenter.waitForLoadState();
  await expect(presenter.getByTestId('presenter-view')).toBeVisible();
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(2));
  await expect(presenter.getByTestId('presenter-current')).toBeVisible();
  await expect(presenter.getByTestId('presenter-next')).toBeVisible();
  await expect(presenter.getByTestId('presenter-notes')).not.toBeEmpty();
  await expect(presenter.getByTestId('presenter-elapsed')).toHaveText(/^\d+:\d\d$/);

  // The audience's screen steps: the presenter view follows.
  await page.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(3, 7));
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(3));
  // The presenter's buttons step the audience's screen.
  await presenter.getByTestId('presenter-forward').click();
  await expect(position(page)).toHaveText(at(4, 7));
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(4));
  await presenter.getByTestId('presenter-back').click();
  await expect(position(page)).toHaveText(at(3, 7));
  // Keys in the presenter view step too.
  await presenter.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(4, 7));
  // A click in the step list jumps there.
  await presenter.getByTestId('presenter-steps').getByRole('button').nth(9).click();
  await expect(position(page)).toHaveText(at(10, 7));
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(10));
  // Blank from the presenter view, and back.
  await presenter.getByTestId('presenter-blank').click();
  await expect(page.getByTestId('present-blank')).toBeVisible();
  await expect(presenter.getByTestId('presenter-blank')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('b');
  await expect(page.getByTestId('present-blank')).toHaveCount(0);
  await expect(presenter.getByTestId('presenter-blank')).toHaveAttribute('aria-pressed', 'false');
  // Play from the presenter view: the audience's screen plays, grouped steps flying their frames as in the replay.
  await presenter.getByTestId('presenter-steps').getByRole('button').first().click();
  await expect(position(page)).toHaveText(at(1, 7));
  await presenter.getByTestId('presenter-play').click();
  await expect(presenter.getByTestId('presenter-play')).toHaveAttribute('aria-label', 'Pause');
  await expect(page.getByTestId('overlay-flight')).toBeVisible();
  await expect(position(page)).toHaveText(at(3, 7), { timeout: 15_000 });
  await presenter.getByTestId('presenter-play').click();
  await expect(presenter.getByTestId('presenter-play')).toHaveAttribute('aria-label', 'Play');
  // The level from the presenter view: the audience's screen tells the same moment at level 5.
  await presenter.getByTestId('presenter-level').selectOption('5');
  await expect(position(page)).toHaveText(/^Step \d+ of \d+ · Level 5$/);
  await expect(presenter.getByTestId('presenter-level')).toHaveValue('5');
  await presenter.getByTestId('presenter-level').selectOption('7');
  await expect(position(page)).toContainText('Level 7');
  // The clock resets.
  await presenter.getByTestId('presenter-reset').click();
  await expect(presenter.getByTestId('presenter-elapsed')).toHaveText('0:00');
  await expectNoSeriousViolations(presenter, 'presenter view');

  // Esc on the audience's screen ends the presentation: the presenter window closes itself.
  const closed = presenter.waitForEvent('close');
  await page.keyboard.press('Escape');
  await closed;
  await expect(present(page)).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(presenterErrors).toEqual([]);
});

test('closing the presenter view leaves the audience presenting; ending it there ends both', async ({ page }) => {
  await prefs(page);
  await runJourney(page);
  await page.keyboard.press('p');
  await expect(present(page)).toBeVisible();
  let [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Alt+F5')]);
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(1));
  await presenter.close();
  await page.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(2, 7));
  [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Alt+F5')]);
  await expect(presenter.getByTestId('presenter-position')).toHaveText(at(2));
  const closed = presenter.waitForEvent('close');
  await presenter.getByTestId('presenter-end').click();
  await closed;
  await expect(present(page)).toHaveCount(0);
  await expect(page.getByTestId('replay-panel')).toBeVisible();
});

test("with All frames on, the class still sees the level's steps; leaving turns All frames back on", async ({
  page,
}) => {
  await prefs(page);
  await runJourney(page);
  await page.getByTestId('all-frames').click();
  await expect(page.getByTestId('all-frames')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(position(page)).toHaveText(at(1, 7));
  await page.keyboard.press('PageDown');
  await expect(position(page)).toHaveText(at(2, 7));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('all-frames')).toHaveAttribute('aria-pressed', 'true');
  // Stepping is by frame again, from the frame the presentation reached.
  await expect(page.getByTestId('replay-position')).not.toHaveText(/^2 \//);
});

test('axe: presenter mode (light and dark) and the presenter view in dark', async ({ page }) => {
  await prefs(page);
  await runJourney(page);
  await page.keyboard.press('p');
  await expect(present(page)).toBeVisible();
  await page.keyboard.press('PageDown');
  await expectNoSeriousViolations(page, 'presenter mode, light');
  await page.keyboard.press('Escape');
  await page.evaluate(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'dark', language: 'en' })),
  );
  await page.reload();
  await runJourney(page);
  await page.keyboard.press('p');
  await expect(present(page)).toBeVisible();
  await expectNoSeriousViolations(page, 'presenter mode, dark');
  const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Alt+F5')]);
  await expect(presenter.getByTestId('presenter-end')).toBeVisible();
  await expectNoSeriousViolations(presenter, 'presenter view, dark');
});

for (const [w, h] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ko'] as const) {
      test(`screenshot: presenter mode ${w}×${h} ${theme} ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await prefs(page, theme, lang);
        await runJourney(page, lang === 'ko' ? '이동' : 'Go');
        await page.keyboard.press('p');
        await expect(present(page)).toBeVisible();
        // The first DNS question: a step with a rich header box.
        for (let i = 0; i < 11; i++) await page.keyboard.press('PageDown');
        await page.waitForTimeout(700); // the zoom to the step's devices (an animation) has ended
        const band = (await page.locator('.pj-present-band').boundingBox())!;
        const text = (await caption(page).boundingBox())!;
        // The caption is whole inside its band.
        expect(text.y + text.height).toBeLessThanOrEqual(band.y + band.height);
        await page.screenshot({ path: `${shots}/present-${w}x${h}-${theme}-${lang}.png` });
        const [presenter] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Alt+F5')]);
        await presenter.setViewportSize({ width: w, height: h });
        await expect(presenter.getByTestId('presenter-position')).toHaveText(/\d/);
        await presenter.waitForTimeout(300);
        await presenter.screenshot({ path: `${shots}/presenter-${w}x${h}-${theme}-${lang}.png` });
      });
    }
  }
}
