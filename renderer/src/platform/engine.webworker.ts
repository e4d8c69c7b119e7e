// Web mode's engine host: runs the shared, pure engine off the UI thread, exactly as the desktop worker does.
import { loadTopologyText } from '../../../shared/model/load';
import { simulate } from '../../../shared/engine';
import type { Scenario } from '../../../shared/engine/trace';
import type { EngineRunResult } from '../../../shared/platform';

function run(topologyText: string, scenario: Scenario): EngineRunResult {
  const loaded = loadTopologyText(topologyText, 'the topology');
  if (!loaded.ok) return { ok: false, error: loaded.error };
  try {
    return { ok: true, trace: simulate(loaded.topology, scenario) };
  } catch (error) {
    return {
      ok: false,
      error: `The simulation engine failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

self.addEventListener('message', (event: MessageEvent<{ id: number; topologyText: string; scenario: Scenario }>) => {
  const { id, topologyText, scenario } = event.data;
  (self as unknown as Worker).postMessage({ id, result: run(topologyText, scenario) });
});
