// The engine worker entry, bundled the way a build does and run in real worker threads.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { EngineHost } from '../main/engine-host';
import { runSimulation } from './run-simulation';
import { sampleFile } from '../test-support/cli';

let bundle: string;
let bundleDir: string;
beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'packet-journey-worker-'));
  bundle = join(bundleDir, 'engine.worker.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'engine.worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
  return () => rmSync(bundleDir, { recursive: true, force: true });
});

const hosts: EngineHost[] = [];
function host(options?: ConstructorParameters<typeof Worker>[1]): EngineHost {
  const h = new EngineHost(() => new Worker(bundle, options));
  hosts.push(h);
  return h;
}
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.dispose();
});

const scenario = { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false };
const homeToWeb = () => readFileSync(sampleFile('home-to-web'), 'utf8');

describe('engine worker', () => {
  it("answers a broken topology with the loader's message instead of dying", async () => {
    const result = await host().run('broken', '{ "format": "packet-journey-topology"', scenario);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/JSON/);
  });

  it('answers a malformed request with a clear error', async () => {
    const worker = new Worker(bundle);
    try {
      const reply = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage({ id: 'x', topologyText: 42 });
      expect(await reply).toEqual({ id: 'x', ok: false, error: 'The engine received a malformed request.' });
    } finally {
      await worker.terminate();
    }
  });

  it('replays the home-to-web fetch, identical to an in-process run, bytes intact across the thread boundary', async () => {
    const text = homeToWeb();
    const result = await host().run('sample', text, scenario);
    if (!result.ok) throw new Error(result.error);
    expect(result.trace.outcome).toMatchObject({ ok: true, status: 200 });
    const frame = result.trace.steps.find((s) => s.type === 'frame');
    expect(frame?.type === 'frame' && frame.bytes).toBeInstanceOf(Uint8Array);
    expect(result.trace).toEqual((runSimulation(text, scenario) as { trace: unknown }).trace);
  });

  it('reports a worker that dies mid-run (out of memory) clearly, and the next run works', async () => {
    // A worker whose heap is far too small for the engine dies for real while loading or simulating.
    const starved = host({ resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } });
    const big = homeToWeb();
    const result = await starved.run('starved', big, scenario);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^The simulation engine stopped unexpectedly: .*memory.*\. Run the simulation again; the engine restarts by itself\.$/,
      ),
    });
    expect((await host().run('again', big, scenario)).ok).toBe(true);
  });

  it('cancels a run in progress', async () => {
    const h = host();
    const running = h.run('cancel-me', homeToWeb(), scenario);
    expect(h.cancel('cancel-me')).toBe(true);
    expect(await running).toEqual({ ok: false, error: 'The simulation was canceled.' });
  });
});
