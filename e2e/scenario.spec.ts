// "After visiting…" in the browser bar's caches menu, in the real app (web mode, built renderer, engine in its Web
// Worker): the dialog checks its input with the command line's code, the replay runs the scenario, the banner says
// what was done before, a saved file keeps it; in Korean too.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const shots = process.env.PJ_SHOTS ?? resolve(__dirname, '../test-results/screenshots');
const fwRules = (
  JSON.parse(readFileSync(resolve(__dirname, '../resources/samples/home-to-web.packetjourney'), 'utf8')) as {
    devices: { id: string; rules?: unknown[] }[];
  }
).devices.find((d) => d.id === 'fw')!.rules!.length;
const bar = (page: Page) => page.getByTestId('simulation-bar');
const dialog = (page: Page) => page.getByTestId('scenario-dialog');

async function openHomeToWeb(page: Page) {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-pc')).toBeVisible();
}

test('after visiting…: a bad change is refused in one sentence; a deny after the first visit drops the replayed fetch at fw, and the banner says so', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openHomeToWeb(page);
  await bar(page).getByTestId('browser-caches').selectOption('after');
  await expect(dialog(page)).toBeVisible();
  // The address in the bar is the first suggestion.
  await expect(page.getByTestId('scenario-before')).toHaveValue('http://www.example.com/');
  await page.getByTestId('scenario-pause').fill('30');
  await page.getByTestId('scenario-then-set').fill('fw.rules[9].action=deny');
  await page.getByTestId('scenario-use').click();
  await expect(page.getByTestId('scenario-error')).toHaveText(
    `fw.rules[9].action does not exist: fw.rules has ${fwRules} entries (index ${fwRules} adds one at the end).`,
  );
  await page.getByTestId('scenario-pause').fill('soon');
  await page.getByTestId('scenario-then-set').fill('fw.rules[0].action=deny');
  await page.getByTestId('scenario-use').click();
  await expect(page.getByTestId('scenario-error')).toContainText('number of seconds');
  // 90 s: nginx has closed the first visit's kept-alive connection (75 s), so the replayed fetch needs a new SYN —
  // within 75 s it would reuse the connection, which the stateful firewall lets through.
  await page.getByTestId('scenario-pause').fill('90');
  await page.getByTestId('scenario-use').click();
  await expect(dialog(page)).toBeHidden();
  await expect(bar(page).getByTestId('browser-caches')).toHaveValue('after');

  await bar(page).getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-before')).toHaveText(
    'Before this fetch: visited http://www.example.com/ (200 OK), waited 90 s, changed fw.rules[0].action=deny.',
  );
  await expect(page.getByTestId('browser-result')).toContainText('could not be shown');
  await page.screenshot({ path: `${shots}/scenario-after-visiting.png` });

  // Reopening the dialog shows the scenario as it is; Cancel keeps it.
  await page.getByTestId('scenario-edit').click();
  await expect(page.getByTestId('scenario-then-set')).toHaveValue('fw.rules[0].action=deny');
  await expect(page.getByTestId('scenario-pause')).toHaveValue('90');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();

  // Without the change, the page loads and the DNS answers come from the resolver's cache.
  await page.getByTestId('scenario-edit').click();
  await page.getByTestId('scenario-then-set').fill('');
  await page.getByTestId('scenario-use').click();
  await bar(page).getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-before')).toHaveText(
    'Before this fetch: visited http://www.example.com/ (200 OK), waited 90 s.',
  );
  await expect(page.getByTestId('browser-result')).toContainText('200 OK');

  // Back to cold caches: no banner after the next run.
  await bar(page).getByTestId('browser-caches').selectOption('cold');
  await expect(page.getByTestId('scenario-edit')).toHaveCount(0);
  await bar(page).getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('browser-result')).toContainText('200 OK');
  await expect(page.getByTestId('replay-before')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('after visiting… in Korean: the dialog, its refusal and the banner', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'light', language: 'ko' })),
  );
  await openHomeToWeb(page);
  const caches = bar(page).getByTestId('browser-caches');
  await expect(caches.locator('option[value="after"]')).toHaveText('먼저 방문한 뒤…');
  await caches.selectOption('after');
  await expect(dialog(page).getByRole('heading')).toHaveText('이 요청 전에');
  await page.getByTestId('scenario-then-set').fill('nobody.x=1');
  await page.getByTestId('scenario-use').click();
  await expect(page.getByTestId('scenario-error')).toContainText('바꿀 장치 nobody가 없습니다');
  await page.getByTestId('scenario-then-set').fill('');
  await page.getByTestId('scenario-use').click();
  await bar(page).locator('button[type="submit"]').click();
  await expect(page.getByTestId('replay-before')).toHaveText(
    '이 요청 전에: http://www.example.com/ 방문(200 OK), 1초 기다림',
  );
  await page.screenshot({ path: `${shots}/scenario-after-visiting-ko.png` });
});
