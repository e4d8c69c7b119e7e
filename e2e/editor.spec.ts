// The editor on the built renderer in chromium: palette drag, connecting by dragging, an inspector edit, undo/redo,
// clipboard, commands, language, and a screenshot of a sample that a person has looked at.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodePng } from '../electron/test-support/png-decode';
import { GRID } from '../renderer/src/canvas/geometry';
import { dropFileOnWindow } from './support/drop-file';
import {
  centre,
  deviceNames,
  devices,
  dragConnect,
  dropFromPalette,
  links,
  newNetwork,
  viewportZoom,
} from './support/canvas';

const shots = resolve(__dirname, '../test-results/screenshots');

test('drag devices from the palette, connect them by dragging, then undo and redo both', async ({ page }) => {
  await newNetwork(page);
  await dropFromPalette(page, 'host', 250, 250);
  await expect(devices(page)).toHaveCount(1);
  await dropFromPalette(page, 'switch', 600, 300);
  await expect(devices(page)).toHaveCount(2);
  const [host, sw] = await deviceNames(page);

  await dragConnect(page, host, sw);
  await expect(links(page)).toHaveCount(1);
  await expect(links(page).first()).toHaveAttribute('data-testid', `link-${host}-${sw}`);

  await page.keyboard.press('Control+z');
  await expect(links(page)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(devices(page)).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(devices(page)).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(links(page)).toHaveCount(1);
});

test('a device address edited in the inspector shows on the canvas and undoes as one step', async ({ page }) => {
  await newNetwork(page);
  await dropFromPalette(page, 'host', 300, 250);
  const [host] = await deviceNames(page);
  await page.getByTestId(`device-${host}`).click();

  await page.getByLabel('eth0 mode').selectOption('static');
  const address = page.getByLabel('eth0 address');
  await address.fill('192.168.7.10/24');
  await address.press('Enter');
  await expect(page.getByTestId(`device-${host}`)).toContainText('192.168.7.10/24');

  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId(`device-${host}`)).not.toContainText('192.168.7.10/24');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId(`device-${host}`)).toContainText('192.168.7.10/24');
});

test('moving a device is one undo step; rubber-band selection, copy/paste and delete work', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-small-lan').click();
  const alice = page.getByTestId('device-alice').locator('.pj-device-icon');
  const start = await centre(alice);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + i * 12, start.y + i * 4);
  await page.mouse.up();
  const moved = await centre(alice);
  expect(moved.x).toBeGreaterThan(start.x + 60);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await centre(alice)).x)).toBe(Math.round(start.x));

  // Rubber band over the whole canvas selects every device.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + 5, pane.y + 5);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width - 5, pane.y + pane.height - 5, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('.pj-device.is-selected')).toHaveCount(4);

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(devices(page)).toHaveCount(8);
  // Pasted devices get fresh names.
  const names = await deviceNames(page);
  expect(new Set(names).size).toBe(8);

  await page.keyboard.press('Delete');
  await expect(devices(page)).toHaveCount(4);
});

test('the command palette filters commands and runs one with Enter', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-small-lan').click();
  // The sample opens asynchronously; Select All is disabled (Enter does nothing) until it has devices.
  await expect(devices(page)).toHaveCount(4);
  await page.keyboard.press('Control+Shift+p');
  // the palette's own combobox and list: the browser bar over the canvas has selects too
  const input = page.getByRole('dialog').getByRole('combobox');
  await expect(input).toBeFocused();
  await input.fill('select all');
  await expect(page.getByRole('dialog').getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('.pj-device.is-selected')).toHaveCount(4);

  await page.keyboard.press('Control+k');
  await page.getByRole('dialog').getByRole('combobox').fill('dupl');
  await page.keyboard.press('Enter');
  await expect(devices(page)).toHaveCount(8);
});

test('the menu bar runs commands, and the language switches to Korean and back', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Sample: Home to Web', exact: true }).click();
  await expect(page.getByTestId('device-resolver')).toBeVisible();

  await page.getByTestId('toggle-language').click();
  await expect(page.getByRole('menuitem', { name: '파일' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '문제' })).toBeVisible();
  await page.reload();
  // The choice persists; the document does not (nothing was changed, so nothing is lost).
  await expect(page.getByRole('heading', { name: 'Packet Journey' })).toBeVisible();
  await expect(page.getByText('예제', { exact: true })).toBeVisible();
  await page.getByTestId('toggle-language').click();
  await expect(page.getByText('Samples', { exact: true })).toBeVisible();
});

test('screenshot of the home-to-web sample', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.screenshot({ path: `${shots}/start-screen.png` });
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-web')).toBeVisible();
  await page.waitForTimeout(400); // let fit-view settle before the picture; not an assertion
  await page.screenshot({ path: `${shots}/home-to-web.png` });
  await page.getByTestId('device-fw').click();
  await page.screenshot({ path: `${shots}/home-to-web-selected.png` });
});

test('each device is drawn inside the box the canvas sets for it, zoomed in and zoomed out', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-core')).toBeVisible();
  // Boxes are set, not measured (so panning a big network never re-measures): what is drawn must fit them.
  const misfits = () =>
    page.locator('.react-flow__node').evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const box = node.getBoundingClientRect();
        const parts = [...node.querySelectorAll('.pj-device-icon, .pj-device-name, .pj-device-addresses')].map((e) =>
          e.getBoundingClientRect(),
        );
        const bottom = Math.max(...parts.map((r) => r.bottom));
        // Half a pixel either way for rounding; a box much taller than its content would overlap its neighbours.
        return Math.abs(bottom - box.bottom) > 1.5 * (box.height / (node as HTMLElement).offsetHeight)
          ? [`${node.getAttribute('data-id')}: box ends at ${box.bottom.toFixed(1)}, content at ${bottom.toFixed(1)}`]
          : [];
      }),
    );
  expect(await misfits()).toEqual([]);
  // Zoomed out below the detail level, devices drop their addresses and the boxes shrink to icon and name.
  const zoomOut = page.getByRole('toolbar').getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 6 && (await page.locator('.pj-device.is-simple').count()) === 0; i++) {
    await zoomOut.click();
    await page.waitForTimeout(200); // the zoom animates for 150 ms; not an assertion
  }
  await expect(page.locator('.pj-device.is-simple').first()).toBeVisible();
  expect(await misfits()).toEqual([]);
});

/** How many pixels of a PNG lie within a small distance of `rgb`. */
function pixelsNear(png: Buffer, rgb: number[], within = 10): number {
  const { data } = decodePng(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (contrast([data[i], data[i + 1], data[i + 2]], rgb) <= within) n++;
  return n;
}

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

test("device icons are drawn in their kind's colour, and redrawn for the other theme and for a closer zoom", async ({
  page,
}) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-home')).toBeVisible();
  const zoomIn = page.getByRole('toolbar').getByRole('button', { name: 'Zoom In' });
  const zoomInTo = async (at: number) => {
    for (let i = 0; i < 20 && (await viewportZoom(page)) < at; i++) {
      await zoomIn.click();
      await page.waitForTimeout(200); // the zoom animates for 150 ms; not an assertion
    }
  };
  await zoomInTo(1);
  await page.getByTestId('device-home').scrollIntoViewIfNeeded();
  const glyph = (name: string) => page.getByTestId(`device-${name}`).locator('.pj-device-glyph');
  await expect(glyph('home')).toHaveCSS('background-image', /^url\("data:image\/png/);
  // One image per kind.
  const images = await page
    .getByTestId('canvas')
    .evaluate((e) =>
      ['host', 'switch', 'router', 'firewall', 'server'].map((kind) =>
        getComputedStyle(e).getPropertyValue(`--pj-glyph-${kind}`),
      ),
    );
  expect(images.every((i) => i.startsWith('url("data:image/png'))).toBe(true);
  expect(new Set(images).size).toBe(5);
  // The router's strokes in the light theme's router colour (#7c3aed); then in the dark theme's (#b69cff). (Edges
  // blend into the tile, so a few pixels of either colour show in both.)
  const strokes = async () => {
    const png = await glyph('home').screenshot();
    return { light: pixelsNear(png, hex('#7c3aed')), dark: pixelsNear(png, hex('#b69cff')) };
  };
  const light = await strokes();
  expect(light.light).toBeGreaterThan(3 * light.dark + 15);
  await page.getByRole('toolbar').getByRole('button', { name: 'Dark Theme' }).click();
  await expect
    .poll(async () => {
      const s = await strokes();
      return s.dark > 3 * s.light + 15;
    })
    .toBe(true);
  // Closer than zoom 2 the icon is drawn from a bitmap with more pixels, not an enlarged one.
  const before = await glyph('home').evaluate((e) => getComputedStyle(e).backgroundImage);
  await zoomInTo(2.01);
  await expect.poll(() => glyph('home').evaluate((e) => getComputedStyle(e).backgroundImage)).not.toBe(before);
});

/**
 * The colours of the canvas at a grid point of the world (where a dot belongs) and half a cell away (where none does),
 * from a screenshot, at the first such point in view that no device, link or panel covers.
 */
async function gridSample(page: Page, gap: number): Promise<{ dot: number[]; between: number[] }> {
  const at = await page.evaluate((g) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    const pane = document.querySelector('.react-flow__pane')!;
    const r = pane.getBoundingClientRect();
    const screen = (wx: number, wy: number) => ({ x: r.x + m.e + wx * m.a, y: r.y + m.f + wy * m.d });
    const bare = (p: { x: number; y: number }) => document.elementFromPoint(p.x, p.y) === pane;
    for (let wy = Math.ceil(-m.f / m.d / g) * g; screen(0, wy).y < r.bottom - 20; wy += g) {
      for (let wx = Math.ceil(-m.e / m.a / g) * g; screen(wx, 0).x < r.right - 20; wx += g) {
        const dot = screen(wx, wy);
        const between = screen(wx + g / 2, wy + g / 2);
        if (dot.x > r.x + 10 && dot.y > r.y + 10 && bare(dot) && bare(between)) return { dot, between };
      }
    }
    throw new Error('no bare grid point in view');
  }, gap);
  const pixel = async (p: { x: number; y: number }) => {
    const { data } = decodePng(
      await page.screenshot({ clip: { x: Math.round(p.x), y: Math.round(p.y), width: 1, height: 1 } }),
    );
    return [data[0], data[1], data[2]];
  };
  return { dot: await pixel(at.dot), between: await pixel(at.between) };
}

const contrast = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

test('the dot grid sits on world grid points, pans with the network, and can be hidden', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-small-lan').click();
  await expect(page.getByTestId('device-web')).toBeVisible();
  // In the viewport React Flow transforms: it moves with the network by construction, nothing redraws it per frame.
  const grid = page.locator('.react-flow__viewport').getByTestId('canvas-grid');
  await expect(grid).toHaveCSS('background-image', /^url\("data:image\/png/);
  const before = await gridSample(page, GRID);
  expect(contrast(before.dot, before.between)).toBeGreaterThan(12);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(pane.x + pane.width / 2 + 37, pane.y + pane.height / 2 + 21, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  // The pan is over and the canvas is no longer a composited layer of its own.
  await expect(page.getByTestId('canvas')).not.toHaveClass(/is-moving/);
  const after = await gridSample(page, GRID);
  expect(contrast(after.dot, after.between)).toBeGreaterThan(12);
  await page.keyboard.press('Control+g');
  await expect(grid).toHaveCSS('background-image', 'none');
  const hidden = await gridSample(page, GRID);
  expect(contrast(hidden.dot, hidden.between)).toBeLessThan(3);
  await page.keyboard.press('Control+g');
  await expect(grid).toHaveCSS('background-image', /^url\("data:image\/png/);
});

test('the minimap follows panning and a drag on it moves the canvas', async ({ page }) => {
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(page.getByTestId('device-web')).toBeVisible();
  const view = page.getByTestId('minimap-view');
  const viewport = page.locator('.react-flow__viewport');
  const at = () =>
    view.evaluate((e) => {
      const rect = e.getBoundingClientRect();
      const map = e.parentElement!.getBoundingClientRect();
      return { left: rect.left - map.left, top: rect.top - map.top };
    });
  const translation = () =>
    viewport.evaluate((e) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(e).transform);
      return { x: m.e, y: m.f };
    });
  const before = await at();
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + 300, pane.y + 200);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(pane.x + 200, pane.y + 150, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  // The network moved left and up, so the view rectangle on the map moved right and down.
  await expect.poll(async () => (await at()).left).toBeGreaterThan(before.left);
  expect((await at()).top).toBeGreaterThan(before.top);
  // Dragging the rectangle on the map pans the canvas the other way round.
  const start = await translation();
  const box = (await view.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 20, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await translation()).x).toBeGreaterThan(start.x);
});

test('a device panned out of view and back can still be connected', async ({ page }) => {
  // Devices far out of view are not drawn (beyond half a view from its edges); one that comes back is not re-measured
  // (its box and knobs are known up front), and connecting to it must still find its knob and its drop target.
  await newNetwork(page);
  await dropFromPalette(page, 'host', 250, 250);
  await dropFromPalette(page, 'switch', 600, 300);
  await expect(devices(page)).toHaveCount(2);
  const [host, sw] = await deviceNames(page);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  // A middle-button drag across the pane, from one side to the other (left: the network moves left).
  const pan = async (direction: 'left' | 'right') => {
    const [from, to] =
      direction === 'left' ? [pane.x + pane.width - 20, pane.x + 20] : [pane.x + 20, pane.x + pane.width - 20];
    await page.mouse.move(from, pane.y + 40);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(to, pane.y + 40, { steps: 6 });
    await page.mouse.up({ button: 'middle' });
  };
  for (let i = 0; i < 3; i++) await pan('left');
  await expect(page.getByTestId(`device-${sw}`)).toHaveCount(0);
  for (let i = 0; i < 3; i++) await pan('right');
  await expect(page.getByTestId(`device-${sw}`)).toBeVisible();
  await dragConnect(page, host, sw);
  await expect(links(page)).toHaveCount(1);
  await expect(links(page).first()).toHaveAttribute('data-testid', `link-${host}-${sw}`);
  // And the other way round: from the device that came back.
  await dropFromPalette(page, 'host', 350, 420);
  await expect(devices(page)).toHaveCount(3);
  const third = (await deviceNames(page)).find((n) => n !== host && n !== sw)!;
  await dragConnect(page, sw, third);
  await expect(links(page)).toHaveCount(2);
});

test('an opened network is shown whole: the first one, and the next one opened over it', async ({ page }) => {
  // The view is fitted before any device is drawn (drawing first, at the old view, then fitting drew it all twice).
  const outsideCanvas = () =>
    page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      return [...document.querySelectorAll('.react-flow__node')].flatMap((node) => {
        const r = node.getBoundingClientRect();
        const inside = r.left >= pane.left && r.top >= pane.top && r.right <= pane.right && r.bottom <= pane.bottom;
        return inside ? [] : [node.getAttribute('data-id')];
      });
    });
  await page.goto('/?fs=download');
  await page.getByTestId('sample-home-to-web').click();
  await expect(devices(page)).toHaveCount(11);
  expect(await outsideCanvas()).toEqual([]);
  // A smaller network dropped on the window, over the first: fitted again, zoomed in on its four devices.
  const before = await viewportZoom(page);
  const text = readFileSync(resolve(__dirname, '../resources/samples/small-lan.packetjourney'), 'utf8');
  await dropFileOnWindow(page, 'small-lan.packetjourney', text);
  await expect(page.getByTestId('device-web')).toBeVisible();
  await expect(devices(page)).toHaveCount(4);
  expect(await outsideCanvas()).toEqual([]);
  expect(await viewportZoom(page)).toBeGreaterThan(before);
});
