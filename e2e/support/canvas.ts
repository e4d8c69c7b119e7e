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

/**
 * A new network with `presets` dropped at their places and `wires` dragged between them (indexes into `presets`,
 * from → to); returns the devices' names in the order given.
 */
export async function drawNetwork(
  page: Page,
  presets: [preset: string, x: number, y: number][],
  wires: [from: number, to: number][],
): Promise<string[]> {
  await newNetwork(page);
  for (const [preset, x, y] of presets) await dropFromPalette(page, preset, x, y);
  const names = await deviceNames(page);
  for (const [from, to] of wires) await dragConnect(page, names[from], names[to]);
  await expect(links(page)).toHaveCount(wires.length);
  return names;
}

export async function deviceNames(page: Page): Promise<string[]> {
  const ids = await devices(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  return ids.map((id) => id.replace(/^device-/, ''));
}

/** The canvas's zoom, read from the transform React Flow sets on its viewport. */
export function viewportZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((e) => new DOMMatrixReadOnly(getComputedStyle(e).transform).a);
}
