// The page's sub-resources in the app (issue 17): home-to-web-page's www page needs a stylesheet and three images, one
// from static.example.com; the replay tells them as one step below level 7, and the ladder draws each of pc's
// connections as a lane of its own, named by its port. Expected values come from the same engine (support/journey.ts).
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { journey } from './support/journey';
import { connectionLane, clientConnections } from '../shared/replay/ladder';

const shots = resolve(__dirname, '../test-results/screenshots');
const URL_ = 'http://www.example.com/';
const page1 = () => journey('home-to-web-page');

test('the ladder has a lane per connection of pc, and levels 3 and 7 tell the files honestly', async ({ page }) => {
  const j = page1();
  const ports = clientConnections(j.trace, 'pc');
  expect(ports).toHaveLength(4);
  const l3 = j.level(3);
  const files = l3.findIndex((i) => i.id === 'subresources');
  expect(files).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?fs=download#/open/home-to-web-page?from=pc&url=${URL_}&level=3&step=${l3[files].keyStep}`);
  await expect(page.getByTestId('replay-position')).toHaveText(`${files + 1} / ${l3.length}`);
  await expect(page.getByTestId('replay-narration')).toContainText(
    'The page needs 4 more files (1 stylesheet, 3 images), so the browser asks for them at once, over 4 connections',
  );
  const lanes = page.getByTestId('ladder-lanes').locator('.pj-lane-name');
  await expect(page.getByTestId('ladder')).toHaveAttribute('data-lanes', String(await lanes.count()));
  for (const port of ports) {
    const lane = page.locator(`[data-lane="${connectionLane('pc', port)}"]`);
    await expect(lane).toHaveText(`pc :${port}`);
    await expect(lane).toHaveAttribute('title', `pc's connection from port ${port}`);
  }
  // pc's own lane (DHCP, DNS, its decisions) comes first, its connections right after it
  const names = await lanes.evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
  expect(names.slice(0, 5)).toEqual(['pc', ...ports.map((p) => connectionLane('pc', p))]);
  await page.screenshot({ path: resolve(shots, 'subresources-level3.png') });

  // Level 7: every exchange its own step; the current arrow of a sub-resource's SYN starts at its connection's lane.
  const l7 = j.level(7);
  const syn = l7.findIndex((i) => j.caption(i.caption).includes(`(connection from port ${ports[2]})`));
  expect(syn).toBeGreaterThan(0);
  await page.goto(`/?fs=download#/open/home-to-web-page?from=pc&url=${URL_}&level=7&step=${l7[syn].keyStep}`);
  await expect(page.getByTestId('replay-position')).toHaveText(`${syn + 1} / ${l7.length}`);
  await expect(page.getByTestId('replay-narration')).toContainText(`(connection from port ${ports[2]})`);
  await page.getByTestId('replay-level').focus();
  const current = page.locator('.pj-ladder-row.pj-current');
  await expect(current).toHaveAttribute('data-step', String(l7[syn].keyStep));
  // clicking a connection lane selects pc on the canvas, and then all of pc's lanes are marked
  await page.locator(`[data-lane="${connectionLane('pc', ports[1])}"]`).click();
  await expect(page.locator('.pj-lane-name.is-selected')).toHaveCount(5);
  await page.screenshot({ path: resolve(shots, 'subresources-level7.png') });
});

test('in Korean the step reads in Korean', async ({ page }) => {
  const j = page1();
  const l4 = j.level(4);
  const files = l4.findIndex((i) => i.id === 'subresources');
  await page.addInitScript(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'light', language: 'ko' })),
  );
  await page.goto(`/?fs=download#/open/home-to-web-page?from=pc&url=${URL_}&level=4&step=${l4[files].keyStep}`);
  await expect(page.getByTestId('replay-narration')).toContainText('스타일시트 1개, 이미지 3개');
});
