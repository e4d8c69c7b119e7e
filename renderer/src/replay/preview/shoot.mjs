// Screenshots of the preview page: node renderer/src/replay/preview/shoot.mjs OUT_DIR 'query1' 'query2' …
// (expects `vite preview --config renderer/src/replay/preview/vite.config.mts` on 127.0.0.1:4391)
import { chromium } from '@playwright/test';

const [outDir, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
for (const [i, q] of queries.entries()) {
  await page.goto(`http://127.0.0.1:4391/?${q}`);
  await page.waitForSelector('[data-testid="replay-narration"]');
  const file = `${outDir}/shot-${i}-${q.replace(/[^a-z0-9=]+/gi, '_')}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
await browser.close();
