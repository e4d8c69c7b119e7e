// Web mode's engine host: runs the shared, pure engine off the UI thread. The engine module is found by glob so the
// renderer builds before the engine lands; until then a run answers "engine not available yet".
import type { EngineRunResult } from '../../../shared/platform';
import type { Scenario } from '../../../shared/engine/trace';

type Simulate = (topologyText: string, scenario: Scenario) => EngineRunResult | Promise<EngineRunResult>;

const engineModules = import.meta.glob<{ simulate?: Simulate }>(['../../../shared/engine/index.ts', '../../../shared/engine/simulate.ts']);

async function findSimulate(): Promise<Simulate | null> {
  for (const load of Object.values(engineModules)) {
    const mod = await load();
    if (typeof mod.simulate === 'function') return mod.simulate;
  }
  return null;
}

self.addEventListener('message', async (event: MessageEvent<{ id: number; topologyText: string; scenario: Scenario }>) => {
  const { id, topologyText, scenario } = event.data;
  let result: EngineRunResult;
  try {
    const simulate = await findSimulate();
    result = simulate ? await simulate(topologyText, scenario) : { ok: false, error: 'engine not available yet' };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as Worker).postMessage({ id, result });
});
