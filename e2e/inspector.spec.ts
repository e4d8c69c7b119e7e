// The inspector on the built renderer in chromium, on the home-to-web sample: fields found by their accessible names,
// validation as you type, one undo step per committed change, and a problem opening the exact field.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { saveDownload } from './support/save-download';

const shots = resolve(__dirname, '../test-results/screenshots');

async function openSample(page: Page) {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-fw')).toBeVisible();
}

const inspector = (page: Page) => page.getByTestId('inspector-panel');

test('firewall: rules show, a next hop edit commits on Enter, a bad address is refused with a message, undo restores', async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('device-fw').click();
  const panel = inspector(page);

  await expect(panel.getByLabel('rule r1 action', { exact: true })).toHaveValue('allow');
  await expect(panel.getByLabel('rule r1 destination', { exact: true })).toHaveValue('203.0.113.80/32');
  await expect(panel.getByLabel('rule r1 port', { exact: true })).toHaveValue('80');
  await expect(panel.getByLabel('rule r2 direction', { exact: true })).toHaveValue('out');

  const nextHop = panel.getByLabel('route 1 next hop', { exact: true });
  await expect(nextHop).toHaveValue('203.0.113.5');
  await expect(panel.getByText('default route')).toBeVisible();

  // A valid value: written on Enter.
  await nextHop.fill('203.0.113.4');
  await expect(panel.getByText('Must be an IPv4 address like 192.168.0.10')).toHaveCount(0);
  await nextHop.press('Enter');

  // An invalid one: the message shows while typing; Enter and blur keep it out of the model.
  await nextHop.fill('203.0.113.400');
  await expect(nextHop).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText('Must be an IPv4 address like 192.168.0.10')).toBeVisible();
  await nextHop.press('Enter');
  await nextHop.blur();
  await expect(nextHop).toHaveValue('203.0.113.400');

  // Leave and come back: the model holds the last valid value.
  await page.getByTestId('device-web').click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveValue('web');
  await page.getByTestId('device-fw').click();
  await expect(panel.getByLabel('route 1 next hop', { exact: true })).toHaveValue('203.0.113.4');

  // One undo step restores the original next hop.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await page.getByTestId('device-fw').click();
  await expect(panel.getByLabel('route 1 next hop', { exact: true })).toHaveValue('203.0.113.5');
});

test('duplicate device names are refused with a clear message', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('device-web').click();
  const name = inspector(page).getByLabel('Name', { exact: true });
  await name.fill('fw');
  await expect(inspector(page).getByText('Another device is already called “fw”')).toBeVisible();
  await name.press('Enter');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('device-fw')).toHaveCount(1);
  await expect(page.getByTestId('device-web')).toBeVisible();
  await name.fill('www');
  await name.press('Enter');
  // The canvas names devices by their (human) name.
  await expect(page.getByTestId('device-www')).toBeVisible();
  await expect(page.getByTestId('device-web')).toHaveCount(0);
});

test('firewall rules can be added, moved and removed', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('device-fw').click();
  const panel = inspector(page);
  const ids = () =>
    panel
      .locator('[data-pj-path^="rules."] [data-pj-field="id"] input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  // home-to-web's fw has r1 (web in), r2 (LAN out) and r3 (https in): the added rule is r4, a deny, last.
  await expect.poll(ids).toEqual(['r1', 'r2', 'r3']);
  await panel.getByRole('button', { name: 'Add rule' }).click();
  await expect(panel.getByLabel('rule r4 action', { exact: true })).toHaveValue('deny');
  await expect.poll(ids).toEqual(['r1', 'r2', 'r3', 'r4']);
  await panel.getByRole('button', { name: 'Move rule r4 up' }).click();
  await expect.poll(ids).toEqual(['r1', 'r2', 'r4', 'r3']);
  await panel.getByRole('button', { name: 'Remove rule r4' }).click();
  await expect.poll(ids).toEqual(['r1', 'r2', 'r3']);
});

test('a problem opens the inspector at the offending field', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('device-home').click();
  const panel = inspector(page);
  // A next hop on no connected network is a problem the checks point at: routes[0].nextHop.
  const nextHop = panel.getByLabel('route 1 next hop', { exact: true });
  await nextHop.fill('10.9.9.9');
  await nextHop.press('Enter');
  // Collapse the routes section: the focus request has to open it again.
  await panel.getByRole('button', { name: /^Routes/ }).click();
  await expect(panel.getByLabel('route 1 next hop', { exact: true })).toHaveCount(0);
  await page.getByTestId('device-web').click();

  const problem = page.getByTestId('problem').filter({ hasText: '10.9.9.9' }).first();
  await expect(problem).toBeVisible();
  await problem.click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveValue('home');
  await expect(panel.getByLabel('route 1 next hop', { exact: true })).toBeFocused();
});

test('removing an interface that a link uses asks first and removes the link too', async ({ page }) => {
  await openSample(page);
  const links = page.locator('[data-testid^="link-"]');
  const before = await links.count();
  await page.getByTestId('device-web').click();
  const panel = inspector(page);
  await panel.getByRole('button', { name: 'Remove interface eth0' }).click();
  await expect(
    panel.getByText('eth0 is connected to fw eth1. Removing the interface removes that link too.'),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'Remove interface and link' }).click();
  await expect(links).toHaveCount(before - 1);
  await expect(panel.getByLabel('eth0 address', { exact: true })).toHaveCount(0);
});

test('a link offers only free interfaces and moves its end to the chosen one', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('link-pc-sw').click({ force: true });
  const panel = inspector(page);
  const swEnd = panel.getByLabel('End B interface', { exact: true });
  await expect(swEnd).toHaveValue('p1');
  // p2 carries the link to home, so it is not offered; p1 (this link's own) and the free ports are.
  const offered = await swEnd.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  expect(offered).toEqual(['p1', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
  await swEnd.selectOption('p5');
  await expect(swEnd).toHaveValue('p5');
  await page.getByTestId('device-sw').click();
  await expect(panel.locator('[data-pj-path="interfaces.4"]')).toContainText('Connected to pc eth0'); // p5
  await expect(panel.locator('[data-pj-path="interfaces.0"]')).not.toContainText('Connected to'); // p1 is free now
});

test('DNS record values are checked by type, and a role can be switched on with working defaults', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('device-auth').click();
  const panel = inspector(page);
  const value = panel.getByLabel('example.com. record 4 value', { exact: true });
  await expect(value).toHaveValue('203.0.113.80');
  await value.fill('www.example.net.');
  await expect(panel.getByText('An A record needs an IPv4 address like 203.0.113.80')).toBeVisible();
  // As a CNAME the same text is fine: the type decides what the value must be.
  await value.press('Escape');
  await panel.getByLabel('example.com. record 4 type', { exact: true }).selectOption('CNAME');
  await value.fill('www.example.net.');
  await expect(value).not.toHaveAttribute('aria-invalid', 'true');
  await value.press('Enter');
  const soa = panel.getByLabel('example.com. record 1 value', { exact: true });
  await soa.fill('ns1.example.com. hostmaster.example.com. 1 2');
  await expect(
    panel.getByText('SOA needs 7 fields: mname rname serial refresh retry expire minimum (found 4)'),
  ).toBeVisible();

  await page.getByTestId('device-web').click();
  await panel.getByLabel('HTTP cache enabled', { exact: true }).check();
  await expect(panel.getByLabel('Cache origin address', { exact: true })).toHaveValue('203.0.113.80');
  await expect(panel.getByLabel('Cache port', { exact: true })).toHaveValue('80');
});

test('screenshots of the inspector for a router, the firewall and a DNS server, in light and dark', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 2000 }); // tall enough for the whole form
  await openSample(page);
  const panel = inspector(page);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    for (const [id, visible] of [
      ['home', 'NAT (masquerade)'],
      ['fw', 'Checked top to bottom; the first matching rule wins.'],
      ['auth', 'Add record'],
    ]) {
      await page.getByTestId(`device-${id}`).click();
      await expect(panel.getByText(visible, { exact: true })).toBeVisible();
      await panel.screenshot({ path: `${shots}/inspector-${id}-${theme}.png` });
    }
  }
});

test("the browser's and nginx's connection settings: Chromium's and nginx's defaults shown, edits checked, saved, undone", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('device-pc').click();
  const panel = inspector(page);
  const keepAlive = panel.getByRole('checkbox', { name: 'Keep-alive', exact: true });
  const timeout = panel.getByLabel('Connect timeout (s)', { exact: true });
  await expect(keepAlive).toBeChecked();
  await expect(timeout).toHaveValue('240');
  // Chromium's host cache: 60 s; 0 is the textbook (no cache), above an hour is refused.
  const hostCache = panel.getByLabel('Host cache (s)', { exact: true });
  await expect(hostCache).toHaveValue('60');
  await hostCache.fill('3601');
  await expect(panel.getByText('Must be between 0 and 3600')).toBeVisible();
  await hostCache.fill('60');
  await hostCache.press('Enter');

  await timeout.fill('0');
  await expect(panel.getByText('Must be between 1 and 300')).toBeVisible();
  await timeout.fill('30');
  await timeout.press('Enter');
  await keepAlive.uncheck();

  await page.getByTestId('device-web').click();
  const idle = panel.getByLabel('Web server keep-alive timeout', { exact: true });
  await expect(idle).toHaveValue('');
  await expect(idle).toHaveAttribute('placeholder', '75');
  await idle.fill('5');
  await idle.press('Enter');

  const saved = JSON.parse(await saveDownload(page)) as {
    devices: { id: string; browser?: unknown; roles?: { web?: { keepaliveTimeoutSeconds?: number } } }[];
  };
  const byId = (id: string) => saved.devices.find((d) => d.id === id)!;
  // The section writes the browser's settings whole: Chromium's 60 s host cache too.
  expect(byId('pc').browser).toEqual({
    keepAlive: false,
    maxConnectionsPerHost: 6,
    connectTimeoutSeconds: 30,
    hostCacheSeconds: 60,
  });
  expect(byId('web').roles!.web!.keepaliveTimeoutSeconds).toBe(5);

  // One undo step per change: three back, and the file reads as Chromium and nginx again (no keys at all).
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await page.getByTestId('device-pc').click();
  await expect(panel.getByLabel('Connect timeout (s)', { exact: true })).toHaveValue('240');
  await expect(panel.getByRole('checkbox', { name: 'Keep-alive', exact: true })).toBeChecked();
  const undone = JSON.parse(await saveDownload(page)) as typeof saved;
  expect(undone.devices.find((d) => d.id === 'pc')!.browser).toBeUndefined();
  expect(undone.devices.find((d) => d.id === 'web')!.roles!.web!.keepaliveTimeoutSeconds).toBeUndefined();
  await page.getByTestId('device-pc').click();
  await panel.getByRole('button', { name: /^Browser/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(shots, 'inspector-browser.png') });
});

test("the browser's connections per host: Chromium's 6 shown, 0 and 33 refused, 2 saved, undone to no key", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('device-pc').click();
  const panel = inspector(page);
  const perHost = panel.getByLabel('Max connections', { exact: true });
  await expect(perHost).toHaveValue('6');
  for (const bad of ['0', '33']) {
    await perHost.fill(bad);
    await expect(panel.getByText('Must be between 1 and 32')).toBeVisible();
  }
  await perHost.fill('2');
  await perHost.press('Enter');
  const saved = JSON.parse(await saveDownload(page)) as { devices: { id: string; browser?: unknown }[] };
  expect(saved.devices.find((d) => d.id === 'pc')!.browser).toEqual({
    keepAlive: true,
    maxConnectionsPerHost: 2,
    connectTimeoutSeconds: 240,
    hostCacheSeconds: 60,
  });
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  await page.getByTestId('device-pc').click();
  await expect(panel.getByLabel('Max connections', { exact: true })).toHaveValue('6');
  const undone = JSON.parse(await saveDownload(page)) as typeof saved;
  expect(undone.devices.find((d) => d.id === 'pc')!.browser).toBeUndefined();
});

test("a web page's redirect: a path or a URL checked, its hint shown with a 3xx status, saved, emptied to no key", async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('device-web').click();
  const panel = inspector(page);
  const field = (name: string) => panel.getByLabel(`www.example.com page / ${name}`, { exact: true });
  const location = field('redirect location');
  await expect(location).toHaveValue('');
  await expect(panel.getByText("nginx's own short page", { exact: false })).toHaveCount(0);
  await location.fill('new');
  await expect(panel.getByText('A path (/new) or an http:// or https:// address, with no spaces')).toBeVisible();
  await location.fill('/new');
  await location.press('Enter');
  await field('status').fill('301');
  await field('status').press('Enter');
  await expect(panel.getByText("nginx's own short page", { exact: false })).toBeVisible();
  const saved = JSON.parse(await saveDownload(page)) as {
    devices: { id: string; roles?: { web?: { sites: { pages: { status: number; location?: string }[] }[] } } }[];
  };
  const pageOf = (s: typeof saved) => s.devices.find((d) => d.id === 'web')!.roles!.web!.sites[0].pages[0];
  expect(pageOf(saved)).toMatchObject({ status: 301, location: '/new' });
  await location.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${shots}/inspector-web-redirect.png` });
  await location.fill('');
  await location.press('Enter');
  const emptied = JSON.parse(await saveDownload(page)) as typeof saved;
  expect(pageOf(emptied)).not.toHaveProperty('location');
});
