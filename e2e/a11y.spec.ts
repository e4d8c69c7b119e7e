// Accessibility: axe-core (the engine behind Lighthouse's checks) on the start screen, the editor, the replay and
// the export dialog, in both themes. No critical and no serious violations; each one is listed with its nodes.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectNoSeriousViolations(page: Page, where: string, exclude: string[] = []) {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
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

for (const theme of ['light', 'dark'] as const) {
  test(`axe: start screen, editor, replay and export dialog (${theme})`, async ({ page }) => {
    await page.addInitScript(
      (t) => localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: t, language: 'en' })),
      theme,
    );
    await page.goto('/?fs=download');
    await expect(page.getByTestId('sample-home-to-web')).toBeVisible();
    await expectNoSeriousViolations(page, 'start screen');

    await page.getByTestId('sample-home-to-web').click();
    await expect(page.getByTestId('device-pc')).toBeVisible();
    await expectNoSeriousViolations(page, 'editor');

    const bar = page.getByTestId('simulation-bar');
    await bar.getByLabel('Browser on').selectOption('pc');
    await bar.getByRole('button', { name: 'Go' }).click();
    await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
    await page.keyboard.press('ArrowRight');
    await expectNoSeriousViolations(page, 'replay');

    await page.getByTestId('export-slides').click();
    await expect(page.getByTestId('export-dialog')).toBeVisible();
    await expectNoSeriousViolations(page, 'export dialog');
  });
}

test('the caption of each step is announced politely', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption('pc');
  await bar.getByRole('button', { name: 'Go' }).click();
  const narration = page.getByTestId('replay-narration');
  await expect(narration).toHaveAttribute('aria-live', 'polite');
  await expect(narration).toContainText('Step 1 of');
  await expect(narration).toHaveAttribute('aria-atomic', 'true');
});

test('the ladder is reachable with the keyboard', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption('pc');
  await bar.getByRole('button', { name: 'Go' }).click();
  const ladder = page.getByTestId('ladder-scroller');
  await expect(ladder.first()).toHaveAttribute('tabindex', '0');
  await ladder.first().focus();
  await expect(ladder.first()).toBeFocused();
});
