// A file dropped on the app's window, as the browser delivers it: a dragover, then a drop carrying the file.
import type { Page } from '@playwright/test';

export async function dropFileOnWindow(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([content, fileName]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], fileName, { type: 'application/json' }));
      return dt;
    },
    [text, name] as const,
  );
  await page.dispatchEvent('.pj-app', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.pj-app', 'drop', { dataTransfer: transfer });
}
