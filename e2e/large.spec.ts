// A campus-sized network (1,000 devices) on the built renderer. Close up, React Flow holds only the devices around the
// view (canvas/mountRegion.ts); what a person does to the whole network must still reach every device.
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { generateCampus } from '../shared/model/generate';
import { serializeTopology } from '../shared/model/canonical';
import { devices, viewportZoom } from './support/canvas';
import { saveDownload } from './support/save-download';

test('close up in a 1,000-device network: a selection of all of it moves as one, undo puts it back, fit shows it whole', async ({
  page,
}, info) => {
  const topology = generateCampus(1000);
  const text = serializeTopology(topology);
  const file = info.outputPath('campus.packetjourney');
  writeFileSync(file, text);
  await page.goto('/?fs=download');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('start-open').click();
  await (await chooser).setFiles(file);
  // Shown whole, so every device is drawn.
  await expect(devices(page)).toHaveCount(topology.devices.length);

  for (let i = 0; i < 20 && (await viewportZoom(page)) < 1; i++) {
    await page.keyboard.press('Control+=');
    await page.waitForTimeout(200); // the zoom animates for 150 ms; not an assertion
  }
  const drawn = await devices(page).count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(topology.devices.length / 2);
  const far = topology.devices.reduce((a, b) => (b.position.x > a.position.x ? b : a));
  await expect(page.getByTestId(`device-${far.name}`)).toHaveCount(0);

  // Select everything and drag one device in view: every device moves by the same offset, drawn or not.
  await page.keyboard.press('Control+a');
  await expect(page.locator('.pj-device:not(.is-selected)')).toHaveCount(0);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const grip = await page.locator('.pj-device-icon').evaluateAll((icons, p) => {
    for (const icon of icons) {
      const r = icon.getBoundingClientRect();
      if (r.left > p.x + 100 && r.right < p.x + p.width - 200 && r.top > p.y + 100 && r.bottom < p.y + p.height - 150)
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, pane);
  expect(grip).not.toBeNull();
  await page.mouse.move(grip!.x, grip!.y);
  await page.mouse.down();
  await page.mouse.move(grip!.x + 96, grip!.y + 64, { steps: 6 });
  await page.mouse.up();
  const moved = JSON.parse(await saveDownload(page)) as typeof topology;
  const at = new Map(moved.devices.map((d) => [d.id, d.position]));
  const offsets = new Set(
    topology.devices.map((d) => `${at.get(d.id)!.x - d.position.x},${at.get(d.id)!.y - d.position.y}`),
  );
  expect([...offsets]).toHaveLength(1);
  expect([...offsets][0]).not.toBe('0,0');

  // One undo step puts every device back: the file is the one opened, byte for byte.
  await page.keyboard.press('Control+z');
  expect(await saveDownload(page)).toBe(text);

  // Fit to window works from the document, not from what React Flow holds: the whole network is in view again.
  await page.keyboard.press('Shift+1');
  await expect(devices(page)).toHaveCount(topology.devices.length);
  const farBox = (await page.getByTestId(`device-${far.name}`).boundingBox())!;
  expect(farBox.x + farBox.width).toBeLessThanOrEqual(pane.x + pane.width);
  expect(farBox.x).toBeGreaterThanOrEqual(pane.x);
});
