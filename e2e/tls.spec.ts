// HTTPS in the real app (web mode, built renderer, engine in its Web Worker): pc fetches https://www.example.com/
// on the home-to-web sample; at the ClientHello the layer tree shows the TLS records and the SNI, "What this link
// can see" tells the SNI in clear and the encrypted records as sizes, and "Show decrypted" opens the HTTP request
// with the trace's session keys. Screenshots in English and Korean.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { journey } from './support/journey';
import { classifySteps } from '../shared/replay/classify';
import { replayContext } from '../shared/replay/context';
import { stepFilter } from '../shared/replay/filters';
import { decryptedRecords } from '../shared/replay/tls';

// The engine does not fetch https:// yet (issue 18, the https helper's part): until it does, these wait as fixme.
// Their selectors were checked against the app showing a real connection's frames (shared/wire/tls-testing.ts).
test.fixme(!journeyHasTls(), 'the engine does not fetch https:// yet');

function journeyHasTls(): boolean {
  try {
    return journey('home-to-web', { url: 'https://www.example.com/' }).trace.steps.some(
      (s) => s.type === 'frame' && s.protocol === 'tls',
    );
  } catch {
    return false;
  }
}

const shots = process.env.PJ_SHOTS ?? resolve(__dirname, '../test-results/screenshots');
const URL_ = 'https://www.example.com/';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** The trace index of a frame on pc's own link, from the same engine the app runs. */
function firstFrame(match: (summary: string) => boolean, fromPc = true): number {
  const { trace } = journey('home-to-web', { url: URL_ });
  const step = trace.steps.find(
    (s) => s.type === 'frame' && s.protocol === 'tls' && (s.from.deviceId === 'pc') === fromPc && match(s.summary),
  );
  if (!step) throw new Error('no such TLS frame in the https journey');
  return step.index;
}

async function openAt(page: Page, step: number) {
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=${URL_}&level=7&step=${step}`);
  await expect(page.getByTestId('packet-inspector')).toBeVisible();
}

test('the ClientHello shows its TLS layer with the SNI, and what the link sees of it', async ({ page }) => {
  const errors = watchErrors(page);
  await openAt(
    page,
    firstFrame((s) => s.startsWith('Client Hello')),
  );
  const inspector = page.getByTestId('packet-inspector');
  await expect(inspector.getByText('Client Hello (SNI=www.example.com)').first()).toBeVisible();
  await expect(inspector.getByText('TLSv1.3 Record Layer:', { exact: false }).first()).toBeVisible();
  const sni = inspector.locator('[data-field="tls.handshake.extensions_server_name"]');
  await expect(sni).toContainText('www.example.com');
  // selecting the SNI lights exactly its 15 bytes in the hex pane
  await sni.click();
  await expect(page.getByTestId('hex-pane').locator('.pj-byte.pj-hl')).toHaveCount('www.example.com'.length);
  const panel = page.getByTestId('tls-panel');
  await expect(panel.getByTestId('tls-clear')).toContainText('www.example.com');
  await expect(panel.getByTestId('tls-clear')).toContainText('h2, http/1.1');
  await page.screenshot({ path: `${shots}/tls-client-hello.png` });
  expect(errors).toEqual([]);
});

test("the server's flight: the certificate is encrypted; Show decrypted names it, and the request shows its HTTP", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openAt(
    page,
    firstFrame((s) => s.startsWith('Server Hello'), false),
  );
  const panel = page.getByTestId('tls-panel');
  await expect(panel.getByTestId('tls-hidden')).toBeVisible();
  await expect(panel).not.toContainText('Certificate —');
  await expect(panel.locator('.pj-tls-note')).toBeVisible();
  await panel.getByTestId('tls-decrypt').check();
  await expect(panel.getByTestId('tls-hidden')).toContainText("the server's Certificate");
  await expect(panel.getByTestId('tls-decrypted')).toContainText('Certificate');
  await expect(panel.getByTestId('tls-decrypted')).toContainText('www.example.com');
  // the toggle stays on while stepping: the request, decrypted
  await openAt(
    page,
    firstFrame((s) => s === 'Application Data'),
  );
  const request = page.getByTestId('tls-panel');
  await request.getByTestId('tls-decrypt').check();
  await expect(request.getByTestId('tls-decrypted')).toContainText('GET / HTTP/1.1');
  await expect(request.getByTestId('tls-decrypted')).toContainText('Host: www.example.com');
  await request.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/tls-decrypted.png` });
  expect(errors).toEqual([]);
});

test("nginx's two session tickets after the handshake: encrypted on the link, New Session Ticket inside", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const { trace } = journey('home-to-web', { url: URL_ });
  const tickets = trace.steps.filter(
    (s) =>
      s.type === 'frame' &&
      s.linkId === 'l1' &&
      s.to.deviceId === 'pc' &&
      decryptedRecords(trace, s).some((r) => r.layer.summary === 'New Session Ticket'),
  );
  expect(tickets).toHaveLength(2);
  await openAt(page, tickets[0].index);
  const panel = page.getByTestId('tls-panel');
  await expect(panel.getByTestId('tls-hidden')).toContainText('Encrypted record: 282 bytes');
  await panel.getByTestId('tls-decrypt').check();
  await expect(panel.getByTestId('tls-hidden')).toContainText('inside: New Session Ticket');
  await expect(panel.getByTestId('tls-decrypted')).toContainText('New Session Ticket');
  await expect(panel.getByTestId('tls-decrypted')).toContainText('application traffic');
  await expect(page.getByTestId('replay-narration')).toContainText('NewSessionTicket');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/tls-session-ticket.png` });
  // All frames, back to web's decision: it links the setting, and the link opens the checkbox in the inspector
  const decisionAt = trace.steps.findIndex(
    (s) => s.type === 'decision' && s.summaryMessage?.key === 'tls.summary.sessionTickets',
  );
  await page.getByTestId('all-frames').click();
  const position = page.getByTestId('replay-position');
  await expect(position).toHaveText(`${tickets[0].index + 1} / ${trace.steps.length}`);
  await page.getByTestId('replay-panel').locator('h2').click();
  for (let i = tickets[0].index; i > decisionAt; i--) await page.keyboard.press('ArrowLeft');
  await expect(position).toHaveText(`${decisionAt + 1} / ${trace.steps.length}`);
  const decision = page.getByTestId('decision-panel');
  await expect(decision).toContainText('2 session tickets, valid 300 s');
  await decision.getByTestId('open-config').click();
  await expect(
    page.getByTestId('inspector-panel').getByLabel('Web server session tickets', { exact: true }),
  ).toBeChecked();
  await expect(page.getByTestId('inspector-panel').getByLabel('Name', { exact: true })).toHaveValue('web');
  expect(errors).toEqual([]);
});

test('the TLS chip filters the event list to the TLS records: the hellos, the encrypted request and response, close_notify', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const { trace } = journey('home-to-web', { url: URL_ });
  const ctx = replayContext(trace);
  const classes = classifySteps(trace, ctx);
  const steps = trace.steps.map((s) => s.index);
  const tls = steps.filter(stepFilter(trace, classes, { protocols: ['tls'] }));
  const tlsFrames = trace.steps.filter((s) => s.type === 'frame' && s.protocol === 'tls');
  // every TLS frame is under the chip, and nothing of DNS or HTTP in clear
  expect(tlsFrames.every((f) => tls.includes(f.index))).toBe(true);
  expect(tls.some((i) => classes[i].protocol !== 'tls')).toBe(false);
  await openAt(
    page,
    firstFrame((s) => s.startsWith('Client Hello')),
  );
  await page.getByTestId('all-frames').click();
  const list = page.getByTestId('event-list');
  const chip = page.getByTestId('filter-tls');
  await expect(chip).toHaveText('TLS');
  await chip.click();
  await expect(page.getByTestId('event-count')).toHaveText(`${tls.length} of ${trace.steps.length} steps`);
  await expect(list).toContainText('Client Hello (SNI=www.example.com)');
  await expect(list).not.toContainText('Standard query');
  await page.screenshot({ path: `${shots}/tls-filter-chip.png` });
  // the TLS frames are no longer filed as "other"
  expect(
    steps
      .filter(stepFilter(trace, classes, { protocols: ['other'] }))
      .filter((i) => tlsFrames.includes(trace.steps[i])),
  ).toEqual([]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('event-count')).toHaveText(`${trace.steps.length} of ${trace.steps.length} steps`);
  expect(errors).toEqual([]);
});

test('in Korean', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'light', language: 'ko' })),
  );
  await openAt(
    page,
    firstFrame((s) => s.startsWith('Client Hello')),
  );
  const panel = page.getByTestId('tls-panel');
  await expect(panel).toContainText('이 링크에서 보이는 것');
  await expect(panel.getByTestId('tls-clear')).toContainText('요청한 이름(SNI): www.example.com');
  await page.screenshot({ path: `${shots}/tls-client-hello-ko.png` });
});

test.describe('redirect and HSTS on home-to-web-https', () => {
  const HTTP = 'http://www.example.com/';
  const bar = (page: Page) => page.getByTestId('simulation-bar');
  const narration = (page: Page) => page.getByTestId('replay-narration');

  /** Every step's narration at the level on screen, from the first to the last, by the forward button. */
  async function story(page: Page): Promise<string[]> {
    await page.getByTestId('replay-panel').locator('h2').click();
    await page.keyboard.press('Home');
    await expect(narration(page)).toContainText('Step 1 of');
    const total = Number(/of (\d+):/.exec((await narration(page).textContent()) ?? '')![1]);
    const told: string[] = [];
    for (let n = 1; n <= total; n++) {
      await expect(narration(page)).toContainText(`Step ${n} of ${total}:`);
      told.push((await narration(page).textContent()) ?? '');
      if (n < total) await page.getByTestId('replay-forward').click();
    }
    return told;
  }

  test('cold: the 301 on port 80, the browser sent on, then the handshake and the encrypted request on 443', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`/?fs=download#/open/home-to-web-https?from=pc&url=${HTTP}&level=4`);
    await expect(page.getByTestId('browser-result')).toContainText('200 OK');
    const told = (await story(page)).join('\n');
    const order = [
      'The browser sends an HTTP request to port 80: “GET /”',
      'The server answers “301 Moved Permanently”',
      'The server sends the browser elsewhere (“301 Moved Permanently”): it asks again, at https://www.example.com/.',
      'pc and web set up an encrypted connection (TLS 1.3)',
      'The browser sends its HTTP request to port 443 inside TLS',
      'The server answers “200 OK”, encrypted',
    ];
    const at = order.map((text) => told.indexOf(text));
    expect(
      at.every((i) => i >= 0),
      told,
    ).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    await page.screenshot({ path: `${shots}/tls-redirect-level4.png` });
    expect(errors).toEqual([]);
  });

  test('warm: HSTS sends the browser to https:// by itself — no step on port 80 — and pc keeps the entry', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`/?fs=download#/open/home-to-web-https?from=pc&url=${HTTP}&level=4`);
    await expect(page.getByTestId('browser-result')).toContainText('200 OK');
    await bar(page).getByTestId('browser-caches').selectOption('warm');
    await bar(page).getByRole('button', { name: 'Go' }).click();
    await expect(narration(page)).toContainText('HSTS');
    const told = (await story(page)).join('\n');
    expect(told).toContain(
      'The browser remembers that www.example.com wants HTTPS only (HSTS), so it changes the address to https://www.example.com/ itself before sending anything (Chrome calls it a 307 Internal Redirect).',
    );
    expect(told).not.toContain('301');
    expect(told).not.toContain('port 80:');
    expect(told).toContain('inside TLS');
    await page.getByTestId('device-pc').click();
    const hsts = page.locator('[data-testid="device-state"] [data-table="hsts"]');
    await expect(hsts).toContainText('HSTS (https only)');
    await expect(hsts).toContainText('www.example.com');
    await expect(hsts).toContainText('31536000');
    await page.screenshot({ path: `${shots}/tls-hsts-warm.png` });
    expect(errors).toEqual([]);
  });
});
