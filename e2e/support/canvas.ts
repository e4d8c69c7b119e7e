// Drawing on the canvas the way a person does: a new network, devices dragged from the palette, links dragged from a
// device's knob to another device.
import { expect, type Locator, type Page } from '@playwright/test';

export const devices = (page: Page) => page.locator('[data-testid^="device-"]');
export const links = (page: Page) => page.locator('[data-testid^="link-"]');

export async function newNetwork(page: Page): Promise<void> {
  await page.goto('/?fs=download');
  await page.getByTestId('start-new').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
}

export async function dropFromPalette(page: Page, preset: string, x: number, y: number): Promise<void> {
  const canvas = page.locator('.react-flow__pane');
  await page.getByTestId(`palette-${preset}`).dragTo(canvas, { targetPosition: { x, y } });
}

export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function dragConnect(page: Page, fromName: string, toName: string): Promise<void> {
  const from = page.getByTestId(`device-${fromName}`);
  await from.hover();
  const knob = await centre(page.getByTestId(`connect-${fromName}`));
  const target = await centre(page.getByTestId(`device-${toName}`).locator('.pj-device-icon'));
  await page.mouse.move(knob.x, knob.y);
  await page.mouse.down();
  await page.mouse.move((knob.x + target.x) / 2, (knob.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
}

export async function deviceNames(page: Page): Promise<string[]> {
  const ids = await devices(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  return ids.map((id) => id.replace(/^device-/, ''));
}
