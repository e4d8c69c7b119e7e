// Where replay stepping's time goes: a CPU profile (inclusive time per function) while pressing → through the
// items of a level on home-to-web. For finding the cost, not for the benchmark's numbers (build with --minify false
// for readable names).   LEVEL=5 npx tsx bench/profile-replay.ts
// WAIT_MS=600: presses that far apart, so each step's list, ladder and details catch up (presses closer than 200 ms
// are a burst, in which they wait for its end).
import { chromium } from '@playwright/test';
import { servePreview, stopServer, waitForServer } from './preview-server';
import { openReplay } from './trace';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PORT = 4186;
const STEPS = Number(process.env.STEPS ?? 80);
const server = servePreview('vite.renderer.config.mts', PORT);

async function main() {
  await waitForServer(`http://127.0.0.1:${PORT}/`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const items = await openReplay(page, `http://127.0.0.1:${PORT}`, Number(process.env.LEVEL ?? 7));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press(i % items === items - 1 ? 'Home' : 'ArrowRight');
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))),
    );
    if (process.env.WAIT_MS) await page.waitForTimeout(Number(process.env.WAIT_MS));
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (f: ProfileNode['callFrame']) =>
    `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = name(byId.get(id)!.callFrame);
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const key = name(f);
      if (!f.url || seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  // UNDER=performSyncWorkOnRoot: the time inside that function by the component (nearest capitalised function) it was in.
  const within = process.env.UNDER;
  if (within) {
    const parts = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      let component: string | undefined;
      let inside = false;
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur)!.callFrame;
        if (!component && /^[A-Z][A-Za-z]+$/.test(f.functionName)) component = name(f);
        if (f.functionName === within) {
          inside = true;
          break;
        }
      }
      if (inside) {
        parts.set(component ?? '(React itself)', (parts.get(component ?? '(React itself)') ?? 0) + dt);
        const leaf = `self: ${name(byId.get(id)!.callFrame)}`;
        parts.set(leaf, (parts.get(leaf) ?? 0) + dt);
      }
    });
    console.log(`--- under ${within}`);
    for (const [k, v] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(0).padStart(6), k);
  }
  // CALLERS=fixedT: who calls that function, by time spent under it (nearest caller with a name in the app bundle).
  const callee = process.env.CALLERS;
  if (callee) {
    const callers = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      let cur: number | undefined = id;
      while (cur !== undefined && byId.get(cur)!.callFrame.functionName !== callee) cur = parent.get(cur);
      if (cur === undefined) return;
      for (let up = parent.get(cur); up !== undefined; up = parent.get(up)) {
        const f = byId.get(up)!.callFrame;
        if (/^[A-Z]/.test(f.functionName)) {
          callers.set(name(f), (callers.get(name(f)) ?? 0) + dt);
          break;
        }
      }
    });
    console.log(`--- components calling ${callee}`);
    for (const [k, v] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(v.toFixed(0).padStart(6), k);
  }
  console.log(`ms over ${STEPS} steps at level ${process.env.LEVEL ?? 7}`);
  console.log('--- self');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(0).padStart(6), k);
  console.log('--- inclusive');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 70)))
    console.log(v.toFixed(0).padStart(6), k);
  await browser.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopServer(server));
