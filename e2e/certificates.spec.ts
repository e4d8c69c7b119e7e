// Certificates in the inspector on the built renderer: the network's authorities, a web server's TLS and
// certificate, a site's redirect and HSTS, a host's trusted authorities — each edit one undo step, the checks in
// the problems panel following, English and Korean.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';

const shots = resolve(__dirname, '../test-results/screenshots');
const inspector = (page: Page) => page.getByTestId('inspector-panel');

async function openSample(page: Page, name = 'home-to-web') {
  await page.goto('/?fs=download');
  await page.getByTestId(`sample-${name}`).click();
  await expect(page.getByTestId('device-fw')).toBeVisible();
}

async function clearSelection(page: Page) {
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
}

test('authorities: the network shows its CA; a new one is made from the network name; undo removes it', async ({
  page,
}) => {
  await openSample(page);
  await clearSelection(page);
  const panel = inspector(page);
  const cas = panel.locator('[data-pj-path^="authorities."]');
  await expect(cas).toHaveCount(1);
  await expect(cas.first()).toContainText('home-to-web CA');
  await expect(cas.first()).toContainText('2026-01-01 to 2036-01-01');
  await panel.getByRole('button', { name: 'New certificate authority' }).click();
  await expect(cas).toHaveCount(2);
  await expect(cas.nth(1)).toContainText('Home to web CA');
  await expect(cas.nth(1)).toContainText('ca');
  await page.keyboard.press('Control+z');
  await expect(cas).toHaveCount(1);
});

test('web server: TLS facts; a new site name is a problem until a certificate is issued for it; off and on', async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('device-web').click();
  const panel = inspector(page);
  const tls = panel.locator('[data-pj-path="roles.web.tls"]');
  await expect(tls.getByLabel('Web server: TLS on', { exact: true })).toBeChecked();
  await expect(tls.getByLabel('Web server TLS port', { exact: true })).toHaveValue('443');
  await expect(tls).toContainText('www.example.com');
  await expect(tls).toContainText('home-to-web CA');
  await expect(tls).toContainText('2026-11-01 to 2027-11-01');
  // nginx's session tickets: on by default; off and back is one undo step each
  const tickets = tls.getByLabel('Web server session tickets', { exact: true });
  await expect(tickets).toBeChecked();
  await tickets.uncheck();
  await expect(tickets).not.toBeChecked();
  await page.keyboard.press('Control+z');
  await expect(tickets).toBeChecked();

  // Rename the site: the certificate no longer names it, and the checks say so.
  const hostname = panel.getByLabel('site www.example.com hostname', { exact: true });
  await hostname.fill('shop.example.com');
  await hostname.press('Enter');
  const problem = page.getByTestId('problem').filter({ hasText: 'shop.example.com' });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('ERR_CERT_COMMON_NAME_INVALID');
  await page.screenshot({ path: `${shots}/certificates-web-problem.png` });

  // The problem opens the certificate; issuing one for the site's names clears it.
  await clearSelection(page);
  await problem.click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveValue('web');
  await tls.getByRole('button', { name: 'Issue a certificate from home-to-web CA' }).click();
  await expect(tls).toContainText('shop.example.com');
  await expect(page.getByTestId('problem').filter({ hasText: 'shop.example.com' })).toHaveCount(0);

  // One undo step brings back the old certificate (and its problem).
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('problem').filter({ hasText: 'shop.example.com' })).toHaveCount(1);

  // Off removes the listener; on issues again.
  await tls.getByLabel('Web server: TLS on', { exact: true }).uncheck();
  await expect(tls.getByLabel('Web server TLS port', { exact: true })).toHaveCount(0);
  await tls.getByLabel('Web server: TLS on', { exact: true }).check();
  await expect(tls).toContainText('shop.example.com');
  await expect(page.getByTestId('problem').filter({ hasText: 'shop.example.com' })).toHaveCount(0);
  await tls.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/certificates-web.png` });
});

test('site: redirect http → https and HSTS max-age edit the file, a bad max-age is refused', async ({ page }) => {
  await openSample(page, 'home-to-web-https');
  await page.getByTestId('device-web').click();
  const panel = inspector(page);
  const redirect = panel.getByLabel('www.example.com redirect http to https', { exact: true });
  const hsts = panel.getByLabel('www.example.com HSTS max-age', { exact: true });
  await expect(redirect).toBeChecked();
  await expect(hsts).toHaveValue('31536000');
  await redirect.uncheck();
  await hsts.fill('-1');
  await expect(hsts).toHaveAttribute('aria-invalid', 'true');
  await hsts.fill('');
  await hsts.press('Enter');
  await expect(hsts).toHaveValue('');
  // Leave and come back: the model holds it.
  await page.getByTestId('device-fw').click();
  await page.getByTestId('device-web').click();
  await expect(redirect).not.toBeChecked();
  await expect(hsts).toHaveValue('');
  await page.keyboard.press('Control+z');
  await expect(hsts).toHaveValue('31536000');
  await page.keyboard.press('Control+z');
  await expect(redirect).toBeChecked();
});

test('host: trusts every authority by default; a list of its own, ticked one by one', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('device-pc').click();
  const panel = inspector(page);
  const all = panel.getByLabel('Trust every authority of the network', { exact: true });
  const one = panel.getByLabel('Trust home-to-web CA', { exact: true });
  await expect(all).toBeChecked();
  await expect(one).toBeChecked();
  await expect(one).toBeDisabled();
  await all.uncheck();
  await expect(one).toBeEnabled();
  await one.uncheck();
  await expect(panel.getByText('The browser refuses certificates from an authority not ticked')).toBeVisible();
  await page.getByTestId('device-web').click();
  await page.getByTestId('device-pc').click();
  await expect(one).not.toBeChecked();
  await page.keyboard.press('Control+z');
  await expect(one).toBeChecked();
  await page.keyboard.press('Control+z');
  await expect(all).toBeChecked();
});

test('Korean: the sections read in Korean', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'light', language: 'ko' })),
  );
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await page.getByTestId('device-web').click();
  const panel = inspector(page);
  await expect(panel.getByText('TLS (https)')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'home-to-web CA에서 인증서 발급' })).toBeVisible();
  await expect(panel.getByLabel('www.example.com http를 https로 리디렉션', { exact: true })).toBeVisible();
  await page.getByTestId('device-pc').click();
  await expect(panel.getByLabel('네트워크의 모든 인증 기관 신뢰', { exact: true })).toBeChecked();
  await page.getByTestId('device-web').click();
  await panel.locator('[data-pj-path="roles.web.tls"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/certificates-web-ko.png` });
});
