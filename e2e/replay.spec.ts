// The replay in the real app (web mode, built renderer, engine in its Web Worker), on the home-to-web sample:
// fetch from pc's browser, inspect the first DNS query between isp and resolver, step with keys, filter, switch
// levels, the firewall-blocked variant with its rule, stale after an edit, deep links, save/reopen at a step, and
// screenshots of the replay in light and dark, English and Korean.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { itemIndexAtStep } from '../shared/replay/levels';
import { journey } from './support/journey';

// (PJ_SHOTS: somewhere else, when other runs may clear test-results meanwhile)
const shots = process.env.PJ_SHOTS ?? resolve(__dirname, '../test-results/screenshots');
const URL_ = 'http://www.example.com/';

const itemIndex = itemIndexAtStep;

/** The trace index of the first DNS query on l4 (isp → resolver), from the same engine the app runs. */
function firstDnsQueryOnL4(): number {
  const { trace } = journey();
  const step = trace.steps.find(
    (s) => s.type === 'frame' && s.linkId === 'l4' && s.protocol === 'dns' && s.from.deviceId === 'isp',
  );
  if (!step) throw new Error('no DNS query on l4');
  return step.index;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function openSample(page: Page, id = 'home-to-web') {
  await page.goto('/?fs=download');
  await page.getByTestId(`sample-${id}`).click();
  await expect(page.getByTestId('device-pc')).toBeVisible();
}

const bar = (page: Page) => page.getByTestId('simulation-bar');
const narration = (page: Page) => page.getByTestId('replay-narration');
const position = (page: Page) => page.getByTestId('replay-position');

async function fetchFrom(page: Page, host: string, url = URL_) {
  await bar(page).getByLabel('Browser on').selectOption(host);
  await bar(page).getByLabel('Address').fill(url);
  await bar(page).getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('replay-panel')).toBeVisible();
  await expect(narration(page)).not.toBeEmpty();
}

/** Focus somewhere neutral (the panel's heading) so the window's replay keys apply. */
async function focusNeutral(page: Page) {
  await page.getByTestId('replay-panel').locator('h2').click();
}

const homeToWeb = () => journey();
const L7 = () => homeToWeb().level(7);

test('fetch from pc, step to the first DNS query on l4 in All frames, inspect fields and bytes, step back, filter, link and device', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const j = homeToWeb();
  const total = j.trace.steps.length;
  await openSample(page);
  await fetchFrom(page, 'pc');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await expect(page.getByTestId('browser-result')).toContainText('Example Domain');
  // level 7: one step per exchange, the first one's key frame shown
  await expect(position(page)).toHaveText(`1 / ${L7().length}`);
  await expect(narration(page)).toHaveText(`Step 1 of ${L7().length}: ${j.caption(L7()[0].caption)}`);

  // every frame (not the level's steps), filtered to DNS on link l4: every row shown is DNS; pick the first query
  // isp → resolver
  await page.getByTestId('all-frames').click();
  await expect(page.getByTestId('all-frames')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('filter-dns').click();
  await page.getByTestId('filter-link').selectOption('l4');
  await expect(page.getByTestId('event-count')).toContainText(`of ${total} steps`);
  const rows = page.locator('[data-testid="event-list"] [role="treeitem"]');
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(2);
  for (let i = 0; i < shown; i++) await expect(rows.nth(i).locator('.pj-proto')).toHaveText(/DNS/);
  await rows.filter({ hasText: 'isp → resolver' }).first().click();
  const dnsStep = firstDnsQueryOnL4();
  // All frames steps by frame: the position counts every hop
  await expect(position(page)).toHaveText(`${dnsStep + 1} / ${total}`);
  await expect(narration(page)).toHaveText(
    `Step ${dnsStep + 1} of ${total}: isp passes a DNS query for www.example.com on to resolver over link l4.`,
  );

  // the canvas shows that packet on l4, labelled DNS, and the links used so far stay marked
  const packet = page.getByTestId('overlay-packet');
  await expect(packet).toHaveAttribute('data-link', 'l4');
  await expect(packet).toContainText('DNS');
  await expect(page.locator('.pj-ov-used[data-link="l1"]')).toHaveCount(1);
  await expect(page.locator('.pj-ov-used[data-link="l10"]')).toHaveCount(0);

  const inspector = page.getByTestId('packet-inspector');
  await expect(inspector).toContainText('Destination port: 53');
  await expect(inspector).toContainText('Source address: 203.0.113.2');
  // field → bytes: the TTL is byte 22 of the frame (14 bytes of Ethernet + 8)
  await inspector.locator('[data-field="ipv4.ttl"]').click();
  const highlighted = page.locator('[data-testid="hex-pane"] .pj-byte.pj-hl');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toHaveAttribute('data-byte', '22');
  await expect(highlighted).toHaveText('3e'); // TTL 62 after home and isp
  // bytes → field: byte 31 is inside the destination address (bytes 30–33)
  await page.locator('[data-testid="hex-pane"] [data-byte="31"]').click();
  await expect(inspector.locator('.pj-field-row.pj-selected')).toContainText('Destination address: 198.51.100.53');
  await expect(page.locator('[data-testid="hex-pane"] .pj-byte.pj-hl')).toHaveCount(4);
  // changed since the previous hop: one column per link, TTL 64 → 64 → 63 → 62
  const hops = page.getByTestId('hop-table');
  await expect(hops.locator('thead th')).toHaveText([
    'Field',
    'l1: pc → sw',
    'l2: sw → home',
    'l3: home → isp',
    'l4: isp → resolver',
  ]);
  await expect(hops.locator('tr', { hasText: 'Time to live' }).locator('td')).toHaveText(['64', '64', '▲ 63', '▲ 62']);

  // keys: ← steps back one frame in All frames, End/Home go to the ends, a tap on Space plays and pauses
  await focusNeutral(page);
  await page.keyboard.press('ArrowLeft');
  await expect(position(page)).toHaveText(`${dnsStep} / ${total}`);
  await expect(page.getByTestId('replay-narration')).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${dnsStep + 1} / ${total}`);
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Home');
  await expect(position(page)).toHaveText(`1 / ${total}`);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Pause');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Play');

  // clear the filter; click link l4 on the canvas: its frames, and its capture as a pcapng download
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('event-count')).toContainText(`${total} of ${total} steps`);
  // (a vertical line has no width for Playwright's click, and isp's addresses cover its upper half: click low on it)
  const box = (await page.getByTestId('link-isp-resolver').locator('.react-flow__edge-interaction').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.8);
  await expect(page.getByTestId('link-frames')).toContainText('Frames on link l4');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-link-pcap').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('home-to-web-l4.pcapng');
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a]));

  // click the home router: its state at the current step (NAT entries appear as the journey goes on)
  await page.getByTestId('device-home').click();
  const state = page.getByTestId('device-state');
  await expect(state).toBeVisible();
  await focusNeutral(page);
  await page.keyboard.press('End');
  await expect(state.locator('[data-table="nat"]')).toContainText('192.168.0.100');
  await page.keyboard.press('Home');
  await expect(state.locator('[data-table="nat"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('All frames steps through every hop; turned off, the replay returns to the level step that contains the frame', async ({
  page,
}) => {
  const j = homeToWeb();
  const total = j.trace.steps.length;
  const l5 = j.level(5);
  // level 5's step "pc asks its resolver", shown by its key frame, the query on the link to the resolver
  const ask = l5.findIndex((it) => it.caption.key === 'caption.l5.askResolver');
  expect(ask).toBeGreaterThan(0);
  const item = l5[ask];
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=5&step=${item.keyStep}`);
  await expect(position(page)).toHaveText(`${ask + 1} / ${l5.length}`);
  const list = page.getByTestId('event-list');
  const allFrames = page.getByTestId('all-frames');
  await expect(allFrames).toHaveAttribute('aria-pressed', 'false');
  // (only the rows in view are drawn: each row says how many there are)
  await expect(list.locator('[role="treeitem"]').first()).toHaveAttribute('aria-setsize', String(l5.length));

  // on: the same frame, now counted among all frames; the list is a row per hop, and the level's step stays tinted
  await allFrames.click();
  await expect(allFrames).toHaveAttribute('aria-pressed', 'true');
  await expect(position(page)).toHaveText(`${item.keyStep + 1} / ${total}`);
  await expect(page.getByRole('slider', { name: 'Position in the journey' })).toHaveAttribute('max', String(total - 1));
  await expect(list).toHaveAttribute('data-all-frames', 'true');
  await expect(list.locator('[role="treeitem"]').first()).toHaveAttribute('aria-setsize', String(total));
  await expect(list.locator('.pj-event.pj-current')).toHaveAttribute('data-step', String(item.keyStep));
  const band = (await page.locator('.pj-events-body .pj-item-band').boundingBox())!;
  expect(Math.round(band.height / 26)).toBe(item.last - item.first + 1);
  // → twice and ← once: one hop at a time, through the frames after the key frame; the narration tells each hop
  await focusNeutral(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(250); // apart, not a burst
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(250);
  await page.keyboard.press('ArrowLeft');
  const at = item.keyStep + 1;
  await expect(position(page)).toHaveText(`${at + 1} / ${total}`);
  await expect(narration(page)).toHaveText(`Step ${at + 1} of ${total}: ${j.caption(j.all[at].caption)}`);
  await expect(list.locator('.pj-event.pj-current')).toHaveAttribute('data-step', String(at));
  // the scrubber moves by frames too
  const scrubber = page.getByRole('slider', { name: 'Position in the journey' });
  await scrubber.focus();
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${at + 2} / ${total}`);
  // a change of level keeps the frame while All frames is on
  await page.getByTestId('replay-level').selectOption('3');
  await expect(position(page)).toHaveText(`${at + 2} / ${total}`);
  await page.getByTestId('replay-level').selectOption('5');

  // off: back to the level's step that contains the frame, at its key frame
  const back = l5[itemIndex(l5, at + 1)];
  await allFrames.click();
  await expect(allFrames).toHaveAttribute('aria-pressed', 'false');
  await expect(position(page)).toHaveText(j.position(l5, at + 1));
  await expect(narration(page)).toHaveText(
    `Step ${itemIndex(l5, at + 1) + 1} of ${l5.length}: ${j.caption(back.caption)}`,
  );
  await expect(list.locator('.pj-event.pj-current')).toHaveAttribute('data-step', String(back.keyStep));
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(back.keyStep));
  await expect(list.locator('[role="treeitem"]').first()).toHaveAttribute('aria-setsize', String(l5.length));
});

test('detail level 7 ↔ 1 keeps the place and retells the journey; the menu commands step too', async ({ page }) => {
  const j = homeToWeb();
  const l7 = L7();
  const l5 = j.level(5);
  // the handshake's SYN, one step of level 7; at level 5 it is part of "the computer sets off towards…"
  const syn = l7.findIndex((it) => it.caption.key === 'caption.l6.syn');
  expect(syn).toBeGreaterThan(10);
  const travel = itemIndex(l5, l7[syn].keyStep);
  expect(l5[travel].caption.key).toBe('caption.l3.travel');
  await openSample(page);
  await fetchFrom(page, 'pc');
  await focusNeutral(page);
  for (let i = 0; i < syn; i++) await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${syn + 1} / ${l7.length}`);
  await expect(narration(page)).toContainText('TCP three-way handshake, 1 of 3: pc sends SYN to web');
  await expect(page.getByTestId('overlay-packet')).toContainText('TCP');
  const level = page.getByTestId('replay-level');
  await level.selectOption('1');
  await expect(position(page)).toHaveText('1 / 1');
  await expect(narration(page)).toContainText(
    'You type www.example.com into the address bar, and a moment later the page “Example Domain” appears.',
  );
  await level.selectOption('5');
  await expect(position(page)).toHaveText(`${travel + 1} / ${l5.length}`);
  await expect(narration(page)).toContainText('The computer sets off towards 203.0.113.80');
  // the key frame of "sets off" is the SYN arriving at web; the inspector shows it
  await expect(page.getByTestId('packet-inspector')).toContainText('[SYN]');
  // The list shows the level's steps; the current one opened to its frames (→ in the list) tints them all, in the list
  // and in the ladder: one band behind the current row and its frames.
  const list = page.getByTestId('event-list');
  await expect(list.locator('[aria-level="2"]')).toHaveCount(0);
  await expect(list.locator('.pj-event-item.pj-current')).toContainText(
    `${travel + 1}. The computer sets off towards 203.0.113.80`,
  );
  await list.focus();
  await page.keyboard.press('ArrowRight');
  await expect(list.locator('.pj-event-item.pj-current')).toHaveAttribute('aria-expanded', 'true');
  await expect(list.locator('[aria-level="2"]').first()).toHaveAttribute(
    'aria-setsize',
    String(l5[travel].last - l5[travel].first + 1),
  );
  await expect(list.locator('[aria-level="2"]').first()).toHaveAttribute('data-step', String(l5[travel].first));
  const band = await page.locator('.pj-events-body .pj-item-band').boundingBox();
  const currentRow = await page.locator('.pj-event.pj-current').boundingBox();
  expect(band && currentRow).toBeTruthy();
  expect(band!.height).toBeGreaterThan(currentRow!.height * 2);
  expect(currentRow!.y).toBeGreaterThanOrEqual(band!.y - 0.5);
  expect(currentRow!.y + currentRow!.height).toBeLessThanOrEqual(band!.y + band!.height + 0.5);
  await expect(page.locator('[data-testid="ladder"] .pj-item-band')).toHaveCount(1);
  await level.selectOption('7');
  await expect(position(page)).toHaveText(`${syn + 1} / ${l7.length}`);
  // Simulation menu: Less Detail (Ctrl+[) and First Step
  await focusNeutral(page);
  await page.keyboard.press('Control+[');
  await expect(level).toHaveValue('6');
  await page.getByRole('menuitem', { name: 'Simulation', exact: true }).click();
  await page.getByRole('menuitem', { name: /First Step/ }).click();
  await expect(position(page)).toHaveText(`1 / ${j.level(6).length}`);
});

test('the scrubber: clicked or dragged to a place in the journey, and keys that move it by one', async ({ page }) => {
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=0');
  const scrubber = page.getByRole('slider', { name: 'Position in the journey' });
  const total = L7().length;
  expect(total).toBeGreaterThanOrEqual(20);
  await expect(position(page)).toHaveText(`1 / ${total}`);
  const at = async () => Number((await position(page).textContent())!.split('/')[0]);
  // A click in the middle of the slider goes to about the middle of the journey, and the canvas follows to that
  // step's key frame.
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(at).toBeGreaterThan(total * 0.4);
  expect(await at()).toBeLessThan(total * 0.6);
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(L7()[(await at()) - 1].keyStep));
  // Dragging past the far end reaches the last item.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(position(page)).toHaveText(`${total} / ${total}`);
  // Focused, Home and End go to the ends and an arrow moves by one (once: the replay's own ← → do not step again).
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(position(page)).toHaveText(`1 / ${total}`);
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`2 / ${total}`);
  await expect(scrubber).toHaveAttribute('aria-valuetext', `2 / ${total}`);
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(L7()[1].keyStep));
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText(`${total} / ${total}`);
});

test('one step at a time the packet moves along its link; a held key makes it jump from link to link', async ({
  page,
}) => {
  // a run of level-7 steps whose key steps are frames (a decision shows no packet): start, +1, +4 and +5
  const l7 = L7();
  const isFrame = (i: number) => homeToWeb().trace.steps[l7[i]?.keyStep]?.type === 'frame';
  const start = l7.findIndex((_, i) => [1, 4, 5].every((d) => isFrame(i + d)));
  expect(start).toBeGreaterThanOrEqual(0);
  await page.goto(
    `/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${l7[start].keyStep}`,
  );
  await expect(position(page)).toHaveText(`${start + 1} / ${l7.length}`);
  await page.getByTestId('replay-panel').locator('h2').click();
  const packet = page.getByTestId('overlay-packet');
  const moves = () => packet.evaluate((el) => el.getAnimations().filter((a) => a.playState === 'running').length);
  await page.waitForTimeout(300); // apart from the step the page opened at, as a person's next press would be
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${start + 2} / ${l7.length}`);
  expect(await moves()).toBe(1);
  await expect(packet).toHaveAttribute('data-link', homeToWeb().frame(l7[start + 1].keyStep).linkId);
  // Presses in quick succession (a held key): the packet is drawn where it is on each link, not restarted each time.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${start + 6} / ${l7.length}`);
  await expect(packet).toHaveCount(1);
  expect(await moves()).toBe(0);
  await expect(packet).toHaveAttribute('data-link', homeToWeb().frame(l7[start + 5].keyStep).linkId);
  // Let go, and the next single step (back, to a step with a packet) moves again.
  await page.keyboard.press('ArrowLeft');
  await expect(position(page)).toHaveText(`${start + 5} / ${l7.length}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${start + 6} / ${l7.length}`);
  expect(await moves()).toBe(1);
});

test('play moves through the items one by one and stops at the last; a step by hand while playing pauses', async ({
  page,
}) => {
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=4&step=0');
  await expect(position(page)).toHaveText('1 / 6');
  await page.getByTestId('replay-panel').getByLabel('Speed').selectOption('4');
  await focusNeutral(page);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Pause');
  await expect(position(page)).toHaveText('3 / 6');
  await expect(position(page)).toHaveText('6 / 6');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Play');
  // The list and the details end on the last item too.
  await expect(page.getByTestId('replay-narration')).toContainText('Step 6 of 6');

  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await expect(position(page)).toHaveText('2 / 6');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-label', 'Play');
  await expect(position(page)).toHaveText('1 / 6');
  await page.waitForTimeout(600);
  await expect(position(page)).toHaveText('1 / 6');
});

test('in a burst of steps the list and the details wait for it to end, then show its last step', async ({ page }) => {
  const l7 = L7();
  const presses = Math.min(30, l7.length - 1);
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=0');
  await expect(position(page)).toHaveText(`1 / ${l7.length}`);
  await focusNeutral(page);
  // Every change of the list's current row and every key press, with their times.
  await page.evaluate(() => {
    const w = window as unknown as { followed: number[]; pressed: number[] };
    w.followed = [];
    w.pressed = [];
    new MutationObserver(() => w.followed.push(performance.now())).observe(
      document.querySelector('[data-testid="event-list"]')!,
      { attributes: true, attributeFilter: ['aria-activedescendant'] },
    );
    window.addEventListener('keydown', () => w.pressed.push(performance.now()), true);
  });
  for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${presses + 1} / ${l7.length}`);
  // the list ends on that step's row, its key frame, and the inspector shows that frame
  await expect(page.locator('.pj-event.pj-current')).toHaveAttribute('data-step', String(l7[presses].keyStep));
  await expect(page.locator('.pj-event.pj-current')).toHaveAttribute('data-item', String(presses));
  const key = homeToWeb().trace.steps[l7[presses].keyStep];
  if (key.type === 'frame')
    await expect(page.getByTestId('packet-inspector')).toContainText(key.summary.split(' ').slice(0, 3).join(' '));
  const { followed, pressed } = await page.evaluate(() => {
    const w = window as unknown as { followed: number[]; pressed: number[] };
    return { followed: w.followed, pressed: w.pressed };
  });
  expect(pressed).toHaveLength(presses);
  // A press less than 200 ms after the one before is part of a burst: the list may follow it only once no press has
  // come for 200 ms. (A press on its own, such as the first, is followed right away.)
  for (const at of followed) {
    const last = pressed.filter((p) => p <= at).length - 1;
    const inBurst = last > 0 && pressed[last] - pressed[last - 1] < 200;
    if (inBurst) expect(at - pressed[last]).toBeGreaterThanOrEqual(190);
  }
  const bursts = pressed.filter((p, i) => i > 0 && p - pressed[i - 1] < 200).length;
  expect(bursts).toBeGreaterThan((presses * 2) / 3);
  expect(followed.length).toBeLessThanOrEqual(presses - bursts + 1);
});

test('the replay page composites no scroller but the document: each such layer made every step dearer to show', async ({
  page,
}) => {
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=4&step=0');
  await expect(narration(page)).not.toBeEmpty();
  // The palette and the inspector (with the description field) are in view beside the replay, and both overflow.
  await expect(page.getByLabel('Description')).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  let layers: { layerId: string; backendNodeId?: number }[] = [];
  cdp.on('LayerTree.layerTreeDidChange', (e) => {
    if (e.layers) layers = e.layers;
  });
  await cdp.send('DOM.getDocument');
  await cdp.send('LayerTree.enable');
  await focusNeutral(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => layers.length).toBeGreaterThan(0);
  // The composited scrollers other than the document, from the latest layer tree (asked again if a frame replaced it
  // while it was being read, as the packet's animation does).
  const compositedScrollers = async (): Promise<string[] | undefined> => {
    const found: string[] = [];
    for (const layer of layers) {
      try {
        const { compositingReasonIds } = await cdp.send('LayerTree.compositingReasons', { layerId: layer.layerId });
        if (!compositingReasonIds.includes('OverflowScrolling') || !layer.backendNodeId) continue;
        const { node } = await cdp.send('DOM.describeNode', { backendNodeId: layer.backendNodeId });
        if (node.nodeName !== '#document')
          found.push(`${node.nodeName} ${node.attributes?.join(' ') ?? ''}`.slice(0, 80));
      } catch {
        return undefined;
      }
    }
    return found;
  };
  let scrollers: string[] | undefined;
  for (let i = 0; i < 10 && !scrollers; i++) {
    await page.waitForTimeout(200); // lets the packet's animation (450 ms) end; not an assertion
    scrollers = await compositedScrollers();
  }
  expect(scrollers).toEqual([]);
});

test('firewall rule r1 set to deny in the inspector: stale, re-run, the drop at fw with its rule, which opens in the inspector', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const blocked = journey('home-to-web', {
    variant: {
      name: 'r1 deny',
      edit: (t) => {
        const fw = t.devices.find((d) => d.id === 'fw');
        if (fw?.kind !== 'firewall') throw new Error('no firewall fw');
        fw.rules[0].action = 'deny';
      },
    },
  });
  const l7 = blocked.level(7);
  // the SYNs pc sends again and again are one step: fw dropped every one
  const dropped = l7.findIndex((it) => it.claim?.subject === 'drop' && it.claim.device === 'fw');
  expect(dropped).toBeGreaterThan(0);
  expect(l7[dropped].caption.key).toBe('caption.problem.dropRepeated');
  await openSample(page);
  await fetchFrom(page, 'pc');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');

  await page.getByTestId('device-fw').click();
  await page.getByTestId('inspector-panel').getByLabel('rule r1 action', { exact: true }).selectOption('deny');
  // the replay no longer matches the network: one click runs it again
  const rerun = bar(page).getByRole('button', { name: 'Run again' });
  await expect(rerun).toBeVisible();
  await rerun.click();
  await expect(rerun).toHaveCount(0);
  await expect(page.getByTestId('browser-result')).toContainText('ERR_CONNECTION_TIMED_OUT');
  await expect(position(page)).toHaveText(`1 / ${l7.length}`);

  await page.getByTestId('filter-device').selectOption('fw');
  await page.locator('[data-testid="event-list"] .pj-event-drop').first().locator('.pj-where').click(); // (the row, not its ▸)
  await expect(position(page)).toHaveText(`${dropped + 1} / ${l7.length}`);
  await expect(narration(page)).toHaveText(
    `Step ${dropped + 1} of ${l7.length}: ${blocked.caption(l7[dropped].caption)}`,
  );
  await expect(narration(page)).toContainText(
    /pc sent a TCP segment \[SYN\] \d+ times over \d+ s, waiting longer each time; fw dropped every one: denied by rule r1/,
  );
  await page.getByTestId('tab-packet').click(); // fw was clicked on the canvas, which showed its state
  await expect(page.getByTestId('overlay-drop')).toHaveAttribute('data-device', 'fw');
  await expect(page.getByTestId('overlay-drop')).toContainText('denied by rule r1');
  const decision = page.getByTestId('decision-panel');
  await expect(decision).toContainText('Dropped');
  await expect(decision).toContainText('Reason: firewall');
  // unfolded in All frames: each SYN's drop is a step of its own
  await page.getByTestId('all-frames').click();
  await expect(position(page)).toHaveText(`${l7[dropped].keyStep + 1} / ${blocked.trace.steps.length}`);
  await expect(narration(page)).toContainText('fw drops the packet: denied by rule r1.');
  await expect(page.locator('[data-testid="event-list"] .pj-event.pj-current')).toHaveClass(/pj-event-drop/);
  await page.getByTestId('all-frames').click();
  await expect(position(page)).toHaveText(`${dropped + 1} / ${l7.length}`);
  await page.screenshot({ path: `${shots}/replay-blocked-light-en.png` });
  await decision.getByTestId('open-config').click();
  // the inspector shows fw with rule r1's field focused; the replay stays on the packet
  await expect(page.getByTestId('inspector-panel').getByLabel('rule r1 id', { exact: true })).toBeFocused();
  await expect(page.getByTestId('inspector-panel').getByLabel('rule r1 action', { exact: true })).toHaveValue('deny');
  await expect(page.getByTestId('decision-panel')).toBeVisible();
  await page.getByTestId('replay-level').selectOption('1');
  await expect(narration(page)).toContainText('but the page does not appear: ERR_CONNECTION_TIMED_OUT');
  expect(errors).toEqual([]);
});

test('a deep link opens the sample with the replay run and the step selected', async ({ page }) => {
  const errors = watchErrors(page);
  const j = homeToWeb();
  // a trace step inside a level-7 step other than its key frame: the link opens that very frame
  const item = L7().find((it) => it.last - it.first >= 3 && j.trace.steps[it.first + 1].type === 'frame')!;
  const step = item.first + 1;
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${step}`);
  await expect(position(page)).toHaveText(j.position(L7(), step));
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(step));
  await expect(page.getByTestId('overlay-packet')).toHaveAttribute('data-link', j.frame(step).linkId);
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await expect(page).toHaveTitle('home-to-web.packetjourney — Packet Journey');
  await expect(page.getByTestId('replay-level')).toHaveValue('7');
  // the panel resizes from the keyboard and collapses; collapsed, the arrows are the canvas's again
  const panel = page.getByTestId('replay-panel');
  const resizer = panel.getByRole('separator', { name: 'Resize the replay panel' });
  const before = Number(await resizer.getAttribute('aria-valuenow'));
  await resizer.focus();
  await page.keyboard.press('ArrowUp');
  await expect(resizer).toHaveAttribute('aria-valuenow', String(before + 24));
  await page.getByTestId('replay-panel-toggle').click();
  await expect(narration(page)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('replay-panel-toggle').click();
  await expect(position(page)).toHaveText(j.position(L7(), step));
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(step));
  // another link in the same window: level 1
  await page.evaluate(() => {
    location.hash = '#/open/home-to-web?from=pc&url=http://www.example.com/&level=1&step=0';
  });
  await expect(position(page)).toHaveText('1 / 1');
  expect(errors).toEqual([]);
});

test('a link opened in a window that had scrolled far down the journey: the list and the ladder follow the next step', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=2&step=0');
  await expect(position(page)).toHaveText('1 / 4');
  await focusNeutral(page);
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText('4 / 4');
  await expect(page.locator('.pj-event.pj-current')).toBeInViewport();
  // The list scrolls back to the top for the new journey; the echo of that scroll once undid the next step's follow.
  await page.evaluate(() => {
    location.hash = '#/open/home-to-web?from=pc&url=http://www.example.com/&level=4&step=0';
  });
  await expect(position(page)).toHaveText('1 / 6');
  await expect(page.locator('.pj-event.pj-current')).toHaveAttribute('data-step', '0');
  await focusNeutral(page);
  await page.keyboard.press('ArrowRight');
  const current = page.locator('.pj-event.pj-current');
  await expect(current).toBeInViewport();
  const step = await current.getAttribute('data-step');
  expect(Number(step)).toBeGreaterThan(10);
  await expect(page.locator(`.pj-ladder-row.pj-current`)).toBeInViewport();
  expect(errors).toEqual([]);
});

test('on a projector-sized window (1280 × 720) the network keeps room during the replay; a long arrow shows its head', async ({
  page,
}) => {
  // level 7's step "resolver asks the root server": a long arrow from resolver to root on the ladder
  const j = homeToWeb();
  const l7 = L7();
  const ask = l7.findIndex((it) => {
    const c = it.claim;
    return c?.subject === 'frame' && c.kind === 'dns-query' && c.from === 'resolver' && c.to === 'root';
  });
  expect(ask).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(
    `/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${l7[ask].keyStep}`,
  );
  await expect(position(page)).toHaveText(`${ask + 1} / ${l7.length}`);
  await expect(narration(page)).toHaveText(`Step ${ask + 1} of ${l7.length}: ${j.caption(l7[ask].caption)}`);
  // the browser bar in two lines (fields and result flow together), the replay panel no more than 44% of the window
  const barBox = (await bar(page).boundingBox())!;
  expect(barBox.height).toBeLessThan(80);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  expect(canvas.height).toBeGreaterThan(200);
  // the current arrow runs from resolver to root, wider than the ladder: root, where it arrives, is in view
  await expect(page.locator('.pj-ladder-row.pj-current')).toHaveAttribute('data-step', String(l7[ask].keyStep));
  await expect(page.locator('.pj-lane-name', { hasText: /^root$/ })).toBeInViewport();
});

test('save keeps the step; reopening the file runs the replay again at that step', async ({ page }) => {
  const j = homeToWeb();
  const l7 = L7();
  const l6 = j.level(6);
  const at7 = 20;
  const at6 = itemIndex(l6, l7[at7].keyStep);
  await openSample(page);
  await fetchFrom(page, 'pc');
  await focusNeutral(page);
  for (let i = 0; i < at7; i++) await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`${at7 + 1} / ${l7.length}`);
  await page.getByTestId('replay-level').selectOption('6');
  // level 6 shows the key frame of its step that contains that frame, and the file keeps that frame
  await expect(position(page)).toHaveText(`${at6 + 1} / ${l6.length}`);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const path = await (await download).path();
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.replay).toMatchObject({ from: 'pc', url: URL_, level: 6, step: l6[at6].keyStep, warm: false, seed: 1 });

  await page.goto('/?fs=download');
  await page.getByTestId('sample-small-lan').click();
  await expect(page).toHaveTitle(/small-lan/);
  // Through the File menu: a key press here could land in the browser bar's address field, where Ctrl+O is text.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: /^Open/ }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('replay-level')).toHaveValue('6');
  await expect(page.getByTestId('browser-result')).toContainText('HTTP 200 OK');
  await expect(position(page)).toHaveText(`${at6 + 1} / ${l6.length}`);
  await expect(narration(page)).toHaveText(`Step ${at6 + 1} of ${l6.length}: ${j.caption(l6[at6].caption)}`);
  await page.getByTestId('replay-level').selectOption('7');
  await expect(position(page)).toHaveText(j.position(l7, saved.replay.step));
});

test("in Korean, a fetch that fails says why in Korean: the browser's result and the step that ends the fetch", async ({
  page,
}) => {
  await page.addInitScript(() =>
    localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: 'light', language: 'ko' })),
  );
  await page.goto('/?fs=download#/open/home-to-web?from=pc&url=http://nope.example.com/&level=7&step=0');
  const result = page.getByTestId('browser-result');
  await expect(result).toContainText('ERR_NAME_NOT_RESOLVED');
  await expect(result).toContainText('nope.example.com의 주소를 찾지 못했습니다. DNS가 NXDOMAIN으로 답했습니다');
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('decision-panel').locator('details p')).toContainText(
    'nope.example.com은 존재하지 않습니다',
  );
  // what each device did, in the list's one-line summaries (every frame), is Korean too (frames keep Wireshark's notation)
  await page.getByTestId('all-frames').click();
  await expect(page.getByTestId('event-list')).toContainText('NAT 역변환: 203.0.113.2:');
  await page.screenshot({ path: `${shots}/replay-failed-ko.png` });
});

for (const [theme, language] of [
  ['light', 'en'],
  ['dark', 'en'],
  ['light', 'ko'],
  ['dark', 'ko'],
] as const) {
  test(`screenshot of the replay at the DNS query on l4: ${theme}, ${language}`, async ({ page }) => {
    await page.addInitScript(
      ([t, l]) => localStorage.setItem('packet-journey.prefs', JSON.stringify({ theme: t, language: l })),
      [theme, language],
    );
    const step = firstDnsQueryOnL4();
    const j = homeToWeb();
    await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${step}`);
    await expect(position(page)).toHaveText(j.position(L7(), step));
    await expect(page.getByTestId('overlay-packet')).toHaveAttribute('data-link', 'l4');
    if (language === 'en') await expect(narration(page)).toContainText(j.caption(L7()[itemIndex(L7(), step)].caption));
    if (language === 'ko') {
      await expect(narration(page)).toContainText('resolver');
      // the engine's explanation of the step, in Korean too
      await expect(page.getByTestId('decision-panel').locator('details p')).toContainText(/[가-힣]/);
    }
    await page.getByTestId('packet-inspector').locator('[data-field="ipv4.ttl"]').click();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(600); // the packet's short move along its link
    await page.screenshot({ path: `${shots}/replay-dns-l4-${theme}-${language}.png` });
  });
}
