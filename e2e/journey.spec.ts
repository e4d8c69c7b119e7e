// The whole point of the app, from an empty canvas: draw a host, a switch and a web server, wire and address them,
// type the server's address into the host's browser, and watch the page arrive, frame by frame.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { deviceNames, dragConnect, dropFromPalette, links, newNetwork } from './support/canvas';

const shots = resolve(__dirname, '../test-results/screenshots');

async function setStaticAddress(page: Page, device: string, address: string) {
  await page.getByTestId(`device-${device}`).click();
  const inspector = page.getByTestId('inspector-panel');
  const mode = inspector.getByLabel('eth0 mode');
  if ((await mode.inputValue()) !== 'static') await mode.selectOption('static');
  const field = inspector.getByLabel('eth0 address');
  await field.fill(address);
  await field.press('Enter');
  await expect(page.getByTestId(`device-${device}`)).toContainText(address);
}

test('a network drawn from nothing fetches a page: host, switch and web server, wired, addressed, Go', async ({ page }) => {
  await newNetwork(page);
  await dropFromPalette(page, 'host', 220, 260);
  await dropFromPalette(page, 'switch', 480, 260);
  await dropFromPalette(page, 'server-web', 740, 260);
  const [pc, sw, web] = await deviceNames(page);
  await dragConnect(page, pc, sw);
  await dragConnect(page, web, sw);
  await expect(links(page)).toHaveCount(2);
  await setStaticAddress(page, pc, '10.0.0.1/24');
  await setStaticAddress(page, web, '10.0.0.80/24');

  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption({ label: pc });
  await bar.getByLabel('Address').fill('http://10.0.0.80/');
  await bar.getByRole('button', { name: 'Go' }).click();
  const result = page.getByTestId('browser-result');
  await expect(result).toContainText('HTTP 200 OK');
  await expect(result).toContainText('Welcome');

  // first ARP for the server, then the request and the page, then the close
  const list = page.getByTestId('event-list');
  await expect(list).toContainText('Who has 10.0.0.80? Tell 10.0.0.1');
  await page.getByTestId('filter-http').click();
  await expect(list).toContainText('GET / HTTP/1.1');
  await expect(list).toContainText('HTTP/1.1 200 OK');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('replay-position')).toHaveText(/^1 \/ \d+$/);
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('End');
  await expect(list).toContainText('[FIN, ACK]');
  await expect(page.getByTestId('replay-narration')).toContainText(`${sw} passes a TCP segment [ACK] on to ${web}`);
  await page.screenshot({ path: `${shots}/journey-from-scratch.png` });
});
