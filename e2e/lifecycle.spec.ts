// A document's life around the replay, as a user meets it: New and Open start clean (no replay, filter, All frames or
// link highlight of the network before), a file that fails to open never enters Recent, and notices close by
// themselves (errors stay until closed) and follow a change of language while they are shown.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';

const fixtures = resolve(__dirname, 'fixtures');
const samples = resolve(__dirname, '../resources/samples');

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: /^Open/ }).click();
  await (await chooser).setFiles(path);
}

async function fetchFrom(page: Page, host: string, url: string) {
  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption({ label: host });
  await bar.getByLabel('Address').fill(url);
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-panel')).toBeVisible();
}

/** A replay on home-to-web with a filter, All frames on and link l4 chosen on the canvas. */
async function busyReplay(page: Page) {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await fetchFrom(page, 'pc', 'http://www.example.com/');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await page.getByTestId('all-frames').click();
  await page.getByTestId('filter-dns').click();
  await expect(page.getByTestId('event-count')).not.toContainText(/^(\d+) of \1 /);
  const box = (await page.getByTestId('link-isp-resolver').locator('.react-flow__edge-interaction').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.8);
  await expect(page.getByTestId('link-frames')).toContainText('Frames on link l4');
  await expect(page.getByTestId('replay-overlay')).toHaveCount(1);
}

async function expectNoReplay(page: Page) {
  await expect(page.getByTestId('replay-panel')).toHaveCount(0);
  await expect(page.getByTestId('replay-overlay')).toHaveCount(0);
  await expect(page.getByTestId('browser-result')).toHaveCount(0);
  await expect(page.locator('.pj-ov-used, .pj-ov-current-link')).toHaveCount(0);
}

/** The next replay starts clean: the level's steps (not All frames), no filter, the packet tab. */
async function expectCleanReplay(page: Page) {
  await expect(page.getByTestId('all-frames')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('event-list')).toHaveAttribute('data-all-frames', 'false');
  const count = (await page.getByTestId('event-count').textContent())!;
  const [, shown, total] = count.match(/(\d+) of (\d+)/)!;
  expect(shown).toBe(total);
  await expect(page.getByTestId('filter-dns')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('tab-packet')).toHaveAttribute('aria-selected', 'true');
}

test('Open and New clear the replay, its filter, All frames and the canvas overlay of the network before', async ({
  page,
}) => {
  await busyReplay(page);
  // Open another file: nothing of the old journey is left, and its replay starts clean
  await chooseFile(page, resolve(samples, 'small-lan.packetjourney'));
  await expect(page).toHaveTitle('small-lan.packetjourney — Packet Journey');
  await expectNoReplay(page);
  await fetchFrom(page, 'alice', 'http://web.lan/');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await expectCleanReplay(page);
  await expect(page.getByTestId('replay-narration')).toContainText('alice');

  // New: an empty network with no replay at all
  await busyReplay(page);
  await page.getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: /^New/ }).click();
  await expect(page.locator('[data-testid^="device-"]')).toHaveCount(0);
  await expectNoReplay(page);
});

test('a file that fails to open never enters Recent; one that opens does', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.evaluate(() => localStorage.removeItem('packet-journey.recent'));
  await page.reload();
  await expect(page.getByTestId('start-screen')).toContainText('No recent files');
  for (const name of ['broken.packetjourney', 'future-version.packetjourney']) {
    await chooseFile(page, resolve(fixtures, name));
    await expect(page.getByTestId('toast').last()).toContainText(name);
  }
  await chooseFile(page, resolve(samples, 'home-to-web-with-cache.packetjourney'));
  await expect(page).toHaveTitle('home-to-web-with-cache.packetjourney — Packet Journey');
  // back on the start screen (a reload starts there): only the file that opened is offered again
  await page.reload();
  const start = page.getByTestId('start-screen');
  await expect(start.locator('.pj-start-recent li')).toHaveCount(1);
  await expect(start.locator('.pj-start-recent')).toContainText('home-to-web-with-cache.packetjourney');
  await expect(start).not.toContainText('broken.packetjourney');
  await expect(start).not.toContainText('future-version.packetjourney');
});

test('notices close by themselves, errors stay until closed, and both follow a change of language', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  // an error: a file that is not JSON
  await chooseFile(page, resolve(fixtures, 'broken.packetjourney'));
  const error = page.locator('[data-testid="toast"][data-kind="error"]');
  await expect(error).toContainText('Could not open broken.packetjourney');
  await expect(error).toHaveAttribute('role', 'alert');
  // a notice: the journey's capture saved
  await fetchFrom(page, 'pc', 'http://www.example.com/');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-pcap').click();
  await download;
  const info = page.locator('[data-testid="toast"][data-kind="info"]');
  await expect(info).toContainText('Saved home-to-web.pcapng');
  await expect(info).toHaveAttribute('role', 'status');
  // the notices stack under the toolbar, clear of the replay panel
  const panel = (await page.getByTestId('replay-panel').boundingBox())!;
  for (const toast of [error, info])
    expect((await toast.boundingBox())!.y + (await toast.boundingBox())!.height).toBeLessThanOrEqual(panel.y);

  // both are redrawn in Korean when the language changes while they are shown
  await page.getByTestId('toggle-language').click();
  await expect(error).toContainText(/broken\.packetjourney[을를] 열 수 없습니다/);
  await expect(error).toContainText(/JSON이 아닙니다/);
  await expect(info).toContainText('home-to-web.pcapng 저장됨');

  // a notice the pointer rests on stays; let go, and it closes by itself; the error stays until closed
  await info.hover();
  await page.clock.runFor(10_000);
  await expect(info).toHaveCount(1);
  await page.mouse.move(5, 300);
  await page.clock.runFor(10_000);
  await expect(info).toHaveCount(0);
  await page.clock.runFor(60_000);
  await expect(error).toHaveCount(1);
  await error.getByRole('button', { name: '닫기' }).click();
  await expect(error).toHaveCount(0);
});
