// Files made to hurt, opened in web mode (issue 20, defect 1): millions of tiny list items once overflowed the
// browser's stack ("Maximum call stack size exceeded") and a million "[" ran the page out of memory; the page says
// what is wrong and where, and stays usable.
import { test, expect, type Page } from '@playwright/test';

const head = '{"format":"packet-journey-topology","version":2,"name":"x",';

async function open(page: Page, name: string, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('start-open').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a 10 MB file of empty devices and a million "[" are refused with what and where, and the page goes on', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?fs=download');

  await open(page, 'tiny.packetjourney', `${head}\n"devices":[${Array(3_000_000).fill('{}').join(',')}],"links":[]}`);
  const toast = page.getByTestId('toast').last();
  await expect(toast).toContainText('tiny.packetjourney, line 2, column 11: a list has more than 100,000 items');
  await expect(toast).not.toContainText('call stack');

  await open(page, 'deep.packetjourney', '['.repeat(1_000_000));
  await expect(page.getByTestId('toast').last()).toContainText(/deep\.packetjourney is not valid JSON at line 1/);

  // Still the start screen, and it still opens a real file.
  await expect(page.getByTestId('start-open')).toBeVisible();
  await page.getByTestId('sample-small-lan').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  expect(errors).toEqual([]);
});
