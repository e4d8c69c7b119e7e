// Saving in web mode (?fs=download): Ctrl+S hands the file to the browser as a download; its text is what was saved.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export async function saveDownload(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  return readFileSync(await (await download).path(), 'utf8');
}
