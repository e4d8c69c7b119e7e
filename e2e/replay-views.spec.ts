// The replay's views with real pointer and keys: a field and its bytes light each other up (a click pins them), the
// scrolling regions are reached by Tab and show where the focus is, and each step's caption is announced.
import { test, expect, type Page } from '@playwright/test';
import { itemIndexAtStep } from '../shared/replay/levels';
import { journey } from './support/journey';

const position = (page: Page) => page.getByTestId('replay-position');
const narration = (page: Page) => page.getByTestId('replay-narration');

/** The first DNS query on l4 (isp → resolver), opened by a link at level 7. */
async function openDnsQueryOnL4(page: Page): Promise<number> {
  const { trace } = journey();
  const step = trace.steps.find(
    (s) => s.type === 'frame' && s.linkId === 'l4' && s.protocol === 'dns' && s.from.deviceId === 'isp',
  )!.index;
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${step}`);
  await expect(position(page)).toHaveText(journey().position(journey().level(7), step));
  await expect(page.getByTestId('packet-inspector')).toContainText('Destination port: 53');
  return step;
}

test('a field and its bytes light each other up under the pointer; a click pins them, a second click or Esc lets go', async ({
  page,
}) => {
  await openDnsQueryOnL4(page);
  const inspector = page.getByTestId('packet-inspector');
  const hex = page.getByTestId('hex-pane');
  const lit = hex.locator('.pj-byte.pj-hl');
  const ttl = inspector.locator('[data-field="ipv4.ttl"]');
  const away = async () => page.mouse.move(5, 5);

  // field → bytes: pointing at the TTL lights its one byte (14 bytes of Ethernet + 8), TTL 62 after home and isp
  await ttl.hover();
  await expect(lit).toHaveCount(1);
  await expect(lit).toHaveAttribute('data-byte', '22');
  await expect(lit).toHaveText('3e');
  await expect(ttl).toHaveClass(/pj-selected/);
  await away();
  await expect(lit).toHaveCount(0);
  await expect(ttl).not.toHaveClass(/pj-selected/);

  // bytes → field: pointing at byte 31 lights the destination address (bytes 30–33) and its row
  await hex.locator('[data-byte="31"]').hover();
  const destination = inspector.locator('.pj-field-row.pj-selected');
  await expect(destination).toHaveCount(1);
  await expect(destination).toContainText('Destination address: 198.51.100.53');
  await expect(lit).toHaveCount(4);
  await expect(lit.first()).toHaveAttribute('data-byte', '30');
  await away();
  await expect(lit).toHaveCount(0);

  // a click pins the TTL: it stays lit when the pointer leaves; pointing elsewhere shows that instead, for a while
  await ttl.click();
  await expect(ttl).toHaveClass(/pj-pinned/);
  await away();
  await expect(lit).toHaveCount(1);
  await expect(lit).toHaveAttribute('data-byte', '22');
  await hex.locator('[data-byte="31"]').hover();
  await expect(lit).toHaveCount(4);
  await expect(ttl).toHaveClass(/pj-pinned/);
  await away();
  await expect(lit).toHaveCount(1);
  await expect(lit).toHaveAttribute('data-byte', '22');
  // a second click lets go
  await ttl.click();
  await expect(ttl).not.toHaveClass(/pj-pinned/);
  await away();
  await expect(lit).toHaveCount(0);

  // a click on a byte pins its field; Esc lets go
  await hex.locator('[data-byte="31"]').click();
  await away();
  await expect(lit).toHaveCount(4);
  await expect(inspector.locator('.pj-field-row.pj-pinned')).toContainText('Destination address: 198.51.100.53');
  await page.keyboard.press('Escape');
  await expect(lit).toHaveCount(0);
  await expect(inspector.locator('.pj-pinned')).toHaveCount(0);
  // (the replay stayed where it was)
  await expect(narration(page)).toContainText('resolver');
});

test('Tab reaches every scrolling region of the replay (event list, ladder, detail, bytes), each with a visible focus ring', async ({
  page,
}) => {
  await openDnsQueryOnL4(page);
  await page.getByTestId('replay-panel').locator('h2').click();
  const wanted = ['event-list', 'ladder-scroller', 'detail-panel', 'hex-pane'];
  const reached = new Map<string, { outline: string; width: number }>();
  for (let i = 0; i < 120 && reached.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return undefined;
      const style = getComputedStyle(el);
      return {
        id: el.dataset.testid ?? '',
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        scrolls: el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth,
      };
    });
    if (focused && wanted.includes(focused.id))
      reached.set(focused.id, { outline: focused.outline, width: focused.width });
  }
  expect([...reached.keys()].sort()).toEqual([...wanted].sort());
  for (const [id, ring] of reached) {
    expect(ring.outline, id).toBe('solid');
    expect(ring.width, id).toBeGreaterThanOrEqual(2);
  }
  // focused, the detail panel (a DNS query's layers and bytes are taller than the docked panel) scrolls by keyboard
  const detail = page.getByTestId('detail-panel');
  await detail.focus();
  expect(await detail.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await page.keyboard.press('PageDown');
  await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});

test("each step's caption is announced by one polite live region, as the step changes", async ({ page }) => {
  const step = await openDnsQueryOnL4(page);
  const j = journey();
  const l7 = j.level(7);
  const at = itemIndexAtStep(l7, step);
  const live = page.locator('[aria-live="polite"]', { has: page.getByText(/^Step \d+ of/) });
  await expect(live).toHaveCount(1);
  await expect(live).toHaveAttribute('aria-atomic', 'true');
  await expect(live).toHaveText(`Step ${at + 1} of ${l7.length}: ${j.caption(l7[at].caption)}`);
  // the same element speaks the next step (a region put in anew would not be announced)
  const handle = await live.elementHandle();
  await page.getByTestId('replay-panel').locator('h2').click();
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(`Step ${at + 2} of ${l7.length}: ${j.caption(l7[at + 1].caption)}`);
  expect(await handle!.evaluate((el) => el.isConnected)).toBe(true);
  expect(await handle!.textContent()).toContain(`Step ${at + 2} of`);
});

test('a step of the level opens to its frames: ▸ clicked, or → in the list; ← closes it and goes back to its key frame', async ({
  page,
}) => {
  const j = journey();
  const l5 = j.level(5);
  // level 5's "the computer sets off": the handshake's frames, its key frame the SYN arriving at web
  const at = l5.findIndex((it) => it.caption.key === 'caption.l3.travel');
  const item = l5[at];
  const size = item.last - item.first + 1;
  // (the list draws the rows in view; the step chosen is kept in view, with room for its frames below it)
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=5&step=${l5[0].keyStep}`);
  await expect(position(page)).toHaveText(`1 / ${l5.length}`);
  const list = page.getByTestId('event-list');
  await list.focus();
  // (pressed quickly, a burst: each press still moves one row, though the list shows where it ended only after it)
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await expect(position(page)).toHaveText(`${at + 1} / ${l5.length}`);
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(item.keyStep));
  const row = list.locator(`[data-item="${at}"]`);
  const children = list.locator('[aria-level="2"]');
  await expect(row).toHaveAttribute('aria-expanded', 'false');
  await expect(row).toContainText(`(${size})`);
  await expect(children).toHaveCount(0);

  // ▸ opens it without moving the replay; its frames follow under it, in order; ▾ closes it
  await row.getByTestId('event-expand').click();
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByTestId('event-expand')).toHaveText('▾');
  await expect(children.first()).toHaveAttribute('aria-setsize', String(size));
  await expect(children.first()).toHaveAttribute('data-step', String(item.first));
  await expect(children.first()).toContainText(
    j.trace.steps[item.first].type === 'frame' ? (j.trace.steps[item.first] as { summary: string }).summary : '',
  );
  await expect(position(page)).toHaveText(`${at + 1} / ${l5.length}`);
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(item.keyStep));
  await row.getByTestId('event-expand').click();
  await expect(row).toHaveAttribute('aria-expanded', 'false');
  await expect(children).toHaveCount(0);

  // → in the list opens it, ↓ walks into its frames
  await list.focus();
  await page.keyboard.press('ArrowRight');
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  await expect(list.locator('.pj-event.pj-current')).toHaveAttribute('data-item', String(at)); // still the step's row
  // ↓ goes to the first of its frames
  await page.keyboard.press('ArrowDown');
  const next = list.locator('.pj-event.pj-current');
  await expect(next).toHaveAttribute('aria-level', '2');
  const frame = Number(await next.getAttribute('data-step'));
  expect(frame).toBe(item.first);
  expect(frame).not.toBe(item.keyStep);
  // a frame inside the step: the same step of the level, that frame on the canvas and in the inspector
  await expect(position(page)).toHaveText(`${at + 1} / ${l5.length}`);
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(frame));
  // ← closes the step and goes back to its key frame
  await page.keyboard.press('ArrowLeft');
  await expect(row).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('replay-overlay')).toHaveAttribute('data-step', String(item.keyStep));
  await expect(list.locator('.pj-event.pj-current')).toHaveAttribute('data-item', String(at));
});
