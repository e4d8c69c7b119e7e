// The replay components in real chromium, on the real engine's trace of the home-to-web sample. Until the app
// shell mounts them, this drives the replay preview page (renderer/src/replay/preview), built and served here.
import { test, expect, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const PORT = 4391;
const BASE = `http://127.0.0.1:${PORT}`;
const config = resolve(__dirname, '../renderer/src/replay/preview/vite.config.mts');
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  execFileSync('npx', ['vite', 'build', '--config', config], { stdio: 'ignore' });
  server = spawn('npx', ['vite', 'preview', '--config', config, '--port', String(PORT), '--strictPort'], { detached: true, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`replay preview server exited (${server.exitCode}): is port ${PORT} taken?`);
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('replay preview server did not start');
});

test.afterAll(() => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
});

async function open(page: Page, query: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${BASE}/?${query}`);
  await expect(page.getByTestId('replay-narration')).not.toBeEmpty();
  return errors;
}

const narration = (page: Page) => page.getByTestId('replay-narration');

test('step to the first DNS query between isp and resolver, inspect fields and bytes, step back', async ({ page }) => {
  const errors = await open(page, 'level=7');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await expect(page.getByTestId('browser-result')).toContainText('Example Domain');

  // filter the list to DNS on link l4, then pick the first row
  await page.getByTestId('filter-dns').click();
  await page.getByTestId('filter-link').selectOption('l4');
  await expect(page.getByTestId('event-count')).toContainText('of 237 steps');
  const rows = page.locator('[data-testid="event-list"] [role="option"]');
  const shown = await rows.count();
  for (let i = 0; i < shown; i++) await expect(rows.nth(i).locator('.pj-proto')).toHaveText(/DNS/);
  await rows.filter({ hasText: 'isp → resolver' }).first().click();
  await expect(narration(page)).toContainText('isp passes a DNS query for www.example.com on to resolver over link l4');

  const inspector = page.getByTestId('packet-inspector');
  await expect(inspector).toContainText('Destination port: 53');
  await expect(inspector).toContainText('Source address: 203.0.113.2');
  // field → bytes: the TTL is byte 22 of the frame (14 bytes of Ethernet + 8)
  await inspector.locator('[data-field="ipv4.ttl"]').click();
  const highlighted = page.locator('[data-testid="hex-pane"] .pj-byte.pj-hl');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toHaveAttribute('data-byte', '22');
  await expect(highlighted).toHaveText('3e'); // TTL 62 after home and isp
  // bytes → field: byte 31 is inside the destination address (bytes 30–33)
  await page.locator('[data-testid="hex-pane"] [data-byte="31"]').click();
  await expect(inspector.locator('.pj-field-row.pj-selected')).toContainText('Destination address: 198.51.100.53');
  await expect(page.locator('[data-testid="hex-pane"] .pj-byte.pj-hl')).toHaveCount(4);
  // changed since the previous hop: one column per link, TTL 64 → 64 → 63 → 62
  const hops = page.getByTestId('hop-table');
  await expect(hops.locator('thead th')).toHaveText(['Field', 'l1: pc → sw', 'l2: sw → home', 'l3: home → isp', 'l4: isp → resolver']);
  await expect(hops.locator('tr', { hasText: 'Time to live' }).locator('td')).toHaveText(['64', '64', '▲ 63', '▲ 62']);
  await page.screenshot({ path: 'test-results/replay-dns-query-l4.png', fullPage: true });

  // step back with the keyboard (focus off the list so the window handler gets it)
  const before = await page.getByTestId('replay-position').textContent();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('replay-position')).not.toHaveText(before!);
  const [n] = before!.split(' / ');
  await expect(page.getByTestId('replay-position')).toHaveText(`${Number(n) - 1} / 237`);
  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-position')).toHaveText('237 / 237');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('replay-position')).toHaveText('1 / 237');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Pause');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Play');
  expect(errors).toEqual([]);
});

test('switching the detail level 7 → 1 → 7 keeps the place and retells the journey', async ({ page }) => {
  await open(page, 'level=7&step=120');
  await expect(page.getByTestId('replay-position')).toHaveText('121 / 237');
  await page.getByTestId('replay-level').selectOption('1');
  await expect(page.getByTestId('replay-position')).toHaveText('1 / 1');
  await expect(narration(page)).toContainText('You type www.example.com into the address bar, and a moment later the page “Example Domain” appears.');
  await page.getByTestId('replay-level').selectOption('5');
  // step 121 (the SYN crossing the ISP) is inside "going to the IP", the 7th of 10 items at level 5
  await expect(page.getByTestId('replay-position')).toHaveText('7 / 10');
  await expect(narration(page)).toContainText('The computer sets off towards 203.0.113.80');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  await page.getByTestId('replay-forward').click();
  await page.getByTestId('replay-forward').click();
  await expect(narration(page)).toContainText('it asks the root server root');
  await page.getByTestId('replay-level').selectOption('7');
  await expect(page.getByTestId('replay-position')).toHaveText(/ \/ 237$/);
  await page.screenshot({ path: 'test-results/replay-level-7.png', fullPage: true });
});

test('the firewall-blocked variant shows the drop, its rule, and the browser error', async ({ page }) => {
  await open(page, 'blocked=1&level=3');
  await expect(page.getByTestId('browser-result')).toContainText('ERR_CONNECTION_TIMED_OUT');
  const drops = page.locator('[data-testid="event-list"] .pj-event-drop');
  await page.getByTestId('filter-device').selectOption('fw');
  await drops.first().click();
  await expect(narration(page)).toContainText('fw drops the packet: denied by rule block-web');
  const decision = page.getByTestId('decision-panel');
  await expect(decision).toContainText('Dropped');
  await expect(decision).toContainText('Reason: firewall');
  await decision.getByTestId('open-config').click();
  await expect(page.getByTestId('preview-opened')).toHaveText('fw rules.0');
  await page.getByTestId('replay-level').selectOption('1');
  await expect(narration(page)).toContainText('but the page does not appear: ERR_CONNECTION_TIMED_OUT');
  await page.screenshot({ path: 'test-results/replay-blocked.png', fullPage: true });
});

test('Korean captions and dark theme; device state and link frames follow the step', async ({ page }) => {
  await open(page, 'lang=ko&theme=dark&level=2&step=0');
  await expect(narration(page)).toContainText('www.example.com 주소를 입력합니다');
  await page.goto(`${BASE}/?level=7&link=l4&step=200`);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('link-frames')).toContainText('Frames on link l4');
  await expect(page.getByTestId('export-link-pcap')).toBeEnabled();
  await page.getByTestId('export-link-pcap').click();
  await expect(page.getByTestId('preview-opened')).toHaveText('pcap l4');
  await page.getByTestId('tab-state').click();
  const state = page.getByTestId('device-state');
  await state.locator('select').selectOption('home');
  await expect(state.locator('[data-table="nat"]')).toContainText('192.168.0.100');
  await page.keyboard.press('Home');
  await expect(state.locator('[data-table="nat"]')).toHaveCount(0);
});
