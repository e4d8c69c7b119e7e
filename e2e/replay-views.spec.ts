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
  const step = trace.steps.find((s) => s.type === 'frame' && s.linkId === 'l4' && s.protocol === 'dns' && s.from.deviceId === 'isp')!.index;
  await page.goto(`/?fs=download#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=${step}`);
  await expect(position(page)).toHaveText(journey().position(journey().level(7), step));
  await expect(page.getByTestId('packet-inspector')).toContainText('Destination port: 53');
  return step;
}

test('a field and its bytes light each other up under the pointer; a click pins them, a second click or Esc lets go', async ({ page }) => {
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

test('Tab reaches every scrolling region of the replay (event list, ladder, detail, bytes), each with a visible focus ring', async ({ page }) => {
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
      return { id: el.dataset.testid ?? '', outline: style.outlineStyle, width: parseFloat(style.outlineWidth), scrolls: el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth };
    });
    if (focused && wanted.includes(focused.id)) reached.set(focused.id, { outline: focused.outline, width: focused.width });
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

test('each step\'s caption is announced by one polite live region, as the step changes', async ({ page }) => {
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
