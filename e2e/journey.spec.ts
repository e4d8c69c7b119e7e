// The whole point of the app, from an empty canvas: draw devices, wire and configure them in the inspector, type an
// address into a host's browser, and watch the page arrive, frame by frame: on one switch, across a router that
// hands out addresses, and by name through a DNS server the user filled in.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { drawNetwork, links } from './support/canvas';

const shots = resolve(__dirname, '../test-results/screenshots');

async function setStaticAddress(page: Page, device: string, address: string, iface = 'eth0') {
  await page.getByTestId(`device-${device}`).click();
  const inspector = page.getByTestId('inspector-panel');
  const mode = inspector.getByLabel(`${iface} mode`);
  if ((await mode.inputValue()) !== 'static') await mode.selectOption('static');
  const field = inspector.getByLabel(`${iface} address`);
  await field.fill(address);
  await field.press('Enter');
  await expect(page.getByTestId(`device-${device}`)).toContainText(address);
}

test('a network drawn from nothing fetches a page: host, switch and web server, wired, addressed, Go', async ({
  page,
}) => {
  const [pc, sw, web] = await drawNetwork(
    page,
    [
      ['host', 220, 260],
      ['switch', 480, 260],
      ['server-web', 740, 260],
    ],
    [
      [0, 1],
      [2, 1],
    ],
  );
  await setStaticAddress(page, pc, '10.0.0.1/24');
  await setStaticAddress(page, web, '10.0.0.80/24');

  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption({ label: pc });
  await bar.getByLabel('Address').fill('http://10.0.0.80/');
  await bar.getByRole('button', { name: 'Go' }).click();
  const result = page.getByTestId('browser-result');
  await expect(result).toContainText('HTTP 200 OK');
  await expect(result).toContainText('Welcome');

  // level 7, one step per exchange: ARP for the server, the handshake, the request, the page and the close
  const list = page.getByTestId('event-list');
  const position = page.getByTestId('replay-position');
  const narration = page.getByTestId('replay-narration');
  await expect(list).toContainText(`${pc} asks by ARP who has 10.0.0.80`);
  await expect(list).toContainText(`TCP three-way handshake, 1 of 3: ${pc} sends SYN to ${web}`);
  // (the list draws the rows in view: filtered to HTTP, the request and the response are both in view)
  await page.getByTestId('filter-http').click();
  await expect(list).toContainText(`${pc} sends the HTTP request`);
  await expect(list).toContainText(`${web} sends HTTP response data`);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  const steps = Number((await position.textContent())!.split('/')[1]);
  expect(steps).toBeGreaterThanOrEqual(8);
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('End');
  await expect(position).toHaveText(`${steps} / ${steps}`);
  // nginx closes the idle keep-alive connection first, so the server sends the last ACK
  await expect(narration).toContainText(`${web} acknowledges (ACK). The connection is fully closed`);
  await page.getByTestId('tab-packet').click(); // the last device set up is selected: its state was shown
  await expect(page.getByTestId('packet-inspector')).toContainText('[ACK]');

  // every frame, as Wireshark names it; stepping then goes hop by hop
  await page.getByTestId('all-frames').click();
  const count = (await page.getByTestId('event-count').textContent())!.match(/of (\d+) steps/);
  const frames = Number(count![1]);
  expect(frames).toBeGreaterThan(steps);
  await expect(position).toHaveText(`${frames} / ${frames}`);
  await expect(list).toContainText('[FIN, ACK]');
  await expect(narration).toContainText(`${sw} passes a TCP segment [ACK] on to ${pc}`); // the server closed first: its last ACK goes to the client
  await page.keyboard.press('Home');
  await expect(position).toHaveText(`1 / ${frames}`);
  await expect(list).toContainText('Who has 10.0.0.80? Tell 10.0.0.1');
  await page.getByTestId('filter-http').click();
  await expect(list).toContainText('GET / HTTP/1.1');
  await expect(list).toContainText('HTTP/1.1 200 OK');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('End');
  await expect(position).toHaveText(`${frames} / ${frames}`);
  await page.screenshot({ path: `${shots}/journey-from-scratch.png` });

  // the switch deleted: the replay is stale; run again, and the browser says the cable is out, not "no gateway"
  await page.getByTestId(`device-${sw}`).click();
  await page.keyboard.press('Delete');
  await expect(links(page)).toHaveCount(0);
  await bar.getByRole('button', { name: 'Run again' }).click();
  await expect(result).toContainText('ERR_ADDRESS_UNREACHABLE');
  await expect(result).toContainText(`${pc} cannot reach 10.0.0.80: nothing is plugged into eth0`);
  await page.keyboard.press('Control+z');
  await expect(links(page)).toHaveCount(2);
});

test('a routed network drawn from nothing: the router hands out addresses by DHCP and forwards the fetch to another subnet', async ({
  page,
}) => {
  const [pc, , router, web] = await drawNetwork(
    page,
    [
      ['host', 160, 260],
      ['switch', 360, 260],
      ['router', 560, 260],
      ['server-web', 760, 260],
    ],
    [
      [0, 1],
      [2, 1],
      [3, 2],
    ],
  );

  await setStaticAddress(page, router, '192.168.1.1/24', 'eth0');
  await setStaticAddress(page, router, '10.0.0.1/24', 'eth1');
  const inspector = page.getByTestId('inspector-panel');
  await inspector.getByLabel('DHCP server enabled').check();
  // the pool is picked from the LAN the router is on, and the router offers itself as the gateway
  await expect(inspector.getByLabel('DHCP pool start')).toHaveValue(/^192\.168\.1\./);
  await setStaticAddress(page, web, '10.0.0.80/24');
  const gateway = inspector.getByLabel('Gateway', { exact: true });
  await gateway.fill('10.0.0.1');
  await gateway.press('Enter');
  await expect(page.getByRole('contentinfo')).toContainText('0 problems');

  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption({ label: pc });
  await bar.getByLabel('Address').fill('http://10.0.0.80/');
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');

  // level 7: each DHCP message is a step of its own
  const list = page.getByTestId('event-list');
  await page.getByTestId('filter-dhcp').click();
  await expect(list).toContainText(`${pc} sends a DHCP Discover; here it reaches ${router}.`);
  await expect(list).toContainText(`${router} sends a DHCP Offer; here it reaches ${pc}.`);
  await expect(list).toContainText(`${router} sends a DHCP ACK; here it reaches ${pc}.`);
  // every frame and decision: the server's offer, and the router forwarding the connection onto the server's subnet
  await page.getByTestId('all-frames').click();
  await expect(list).toContainText('DHCP Discover - Transaction ID');
  await expect(list).toContainText(`offer 192.168.1.`);
  await page.getByTestId('filter-dhcp').click();
  await page.getByTestId('filter-tcp').click();
  await page.getByTestId('filter-device').selectOption({ label: router });
  await expect(list).toContainText('10.0.0.80: route 10.0.0.0/24 connected (eth1)');
  // at the end, pc1 holds the address it leased
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('End');
  await page.getByTestId(`device-${pc}`).click();
  await expect(page.getByTestId('replay-panel')).toContainText(/192\.168\.1\.\d+\/24\s*dhcp/);
  await page.screenshot({ path: `${shots}/journey-routed-from-scratch.png` });
});

test('a name on a LAN drawn from nothing: an A record added to an authoritative DNS server, and the host finds the site by name', async ({
  page,
}) => {
  const [pc, , auth, web] = await drawNetwork(
    page,
    [
      ['host', 200, 200],
      ['switch', 450, 260],
      ['server-dns-auth', 700, 160],
      ['server-web', 700, 360],
    ],
    [
      [0, 1],
      [2, 1],
      [3, 1],
    ],
  );
  await setStaticAddress(page, auth, '10.0.0.53/24');
  await setStaticAddress(page, web, '10.0.0.80/24');

  // the server's zone example.com. gets www → 10.0.0.80 (the record a new row starts from is www.<zone>)
  await page.getByTestId(`device-${auth}`).click();
  const inspector = page.getByTestId('inspector-panel');
  await inspector.getByRole('button', { name: 'Add record' }).click();
  await expect(inspector.getByLabel('example.com. record 3 name', { exact: true })).toHaveValue('www.example.com.');
  const value = inspector.getByLabel('example.com. record 3 value', { exact: true });
  await value.fill('10.0.0.80');
  await value.press('Enter');

  await setStaticAddress(page, pc, '10.0.0.1/24');
  const dns = inspector.getByLabel('DNS server', { exact: true });
  await dns.fill('10.0.0.53');
  await dns.press('Enter');

  const bar = page.getByTestId('simulation-bar');
  await bar.getByLabel('Browser on').selectOption({ label: pc });
  await bar.getByLabel('Address').fill('http://www.example.com/');
  await bar.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await page.getByTestId('filter-dns').click();
  await page.getByTestId('all-frames').click();
  const list = page.getByTestId('event-list');
  await expect(list).toContainText('Standard query');
  await expect(list).toContainText('A www.example.com');
  await expect(list).toContainText('authoritative answer: www.example.com. A 10.0.0.80');
});
