// Time from a step key press to the next painted frame, on the preview (served on 127.0.0.1:4391).
import { chromium } from '@playwright/test';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
for (const level of [7, 5, 1]) {
  await page.goto(`http://127.0.0.1:4391/?level=${level}&step=0`);
  await page.waitForSelector('[data-testid="replay-narration"]');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const times = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 120; i++) {
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: i % 40 === 39 ? 'Home' : 'ArrowRight', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t0);
    }
    return out.sort((a, b) => a - b);
  });
  console.log(`level ${level}: step → painted frame median ${times[60].toFixed(1)} ms, p95 ${times[114].toFixed(1)} ms, max ${times[119].toFixed(1)} ms`);
}
await browser.close();
