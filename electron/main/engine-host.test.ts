// The host's own behaviour (ids, cancel, respawn, a dying worker) against real worker threads running a small
// scripted engine; the real engine bundle is exercised in electron/worker/engine.worker.test.ts.
import { describe, expect, it, afterEach } from 'vitest';
import { Worker } from 'node:worker_threads';
import { EngineHost, CANCELED_MESSAGE } from './engine-host';

// Answers "ok:<from>", hangs for from === "hang", exits for "crash", throws uncaught for "throw".
const SCRIPTED_ENGINE = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.scenario.from === 'hang') { for (;;) {} }
  if (m.scenario.from === 'crash') process.exit(3);
  if (m.scenario.from === 'throw') throw new Error('engine exploded');
  parentPort.postMessage({ id: m.id, ok: true, trace: { scenario: m.scenario, steps: [], outcome: { ok: false, error: 'thread ' + threadId, summary: '' } } });
});`;

const scenario = (from: string) => ({ from, url: 'http://www.example.com/', seed: 1, warm: false });
const hosts: EngineHost[] = [];
let spawned = 0;
function newHost(): EngineHost {
  const host = new EngineHost(() => {
    spawned++;
    return new Worker(SCRIPTED_ENGINE, { eval: true });
  });
  hosts.push(host);
  return host;
}
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
});

function threadOf(result: Awaited<ReturnType<EngineHost['run']>>): string {
  if (!result.ok) throw new Error(result.error);
  return result.trace.outcome.ok ? '' : result.trace.outcome.error;
}

describe('EngineHost', () => {
  it('answers each request by id and reuses one worker', async () => {
    const host = newHost();
    const before = spawned;
    const [a, b] = await Promise.all([host.run('a', '{}', scenario('pc-a')), host.run('b', '{}', scenario('pc-b'))]);
    expect(a.ok && a.trace.scenario.from).toBe('pc-a');
    expect(b.ok && b.trace.scenario.from).toBe('pc-b');
    expect(threadOf(a)).toBe(threadOf(b));
    expect(spawned - before).toBe(1);
  });

  it('refuses a second request with an id that is still running', async () => {
    const host = newHost();
    const first = host.run('same', '{}', scenario('hang'));
    expect(await host.run('same', '{}', scenario('pc'))).toEqual({
      ok: false,
      error: 'A simulation with id same is already running.',
    });
    host.cancel('same');
    expect(await first).toEqual({ ok: false, error: CANCELED_MESSAGE });
  });

  it('cancels a run stuck in the engine, and the next run works on a fresh worker', async () => {
    const host = newHost();
    const warmup = await host.run('warm', '{}', scenario('pc'));
    const stuck = host.run('stuck', '{}', scenario('hang'));
    const queued = host.run('queued', '{}', scenario('pc-queued'));
    expect(host.cancel('stuck')).toBe(true);
    expect(await stuck).toEqual({ ok: false, error: CANCELED_MESSAGE });
    // The request that was waiting behind the stuck one is re-sent to the new worker and completes.
    const after = await queued;
    expect(after.ok && after.trace.scenario.from).toBe('pc-queued');
    expect(threadOf(after)).not.toBe(threadOf(warmup));
    expect(host.cancel('stuck')).toBe(false);
  });

  it('reports a worker that exits mid-run with a clear error, then recovers', async () => {
    const host = newHost();
    expect(await host.run('c', '{}', scenario('crash'))).toEqual({
      ok: false,
      error:
        'The simulation engine stopped unexpectedly (exit code 3). Run the simulation again; the engine restarts by itself.',
    });
    const again = await host.run('d', '{}', scenario('pc'));
    expect(again.ok).toBe(true);
  });

  it('reports an uncaught error in the worker with its message', async () => {
    const host = newHost();
    expect(await host.run('t', '{}', scenario('throw'))).toEqual({
      ok: false,
      error:
        'The simulation engine stopped unexpectedly: engine exploded. Run the simulation again; the engine restarts by itself.',
    });
  });
});
