// One simulation from document text to trace, shared by the engine worker and the command line. Never throws:
// a bad topology or an engine failure becomes a result with a message.
import { loadTopologyText } from '../../shared/model/load';
import { simulate } from '../../shared/engine';
import type { Scenario } from '../../shared/engine/trace';
import type { EngineRunResult } from '../../shared/platform';

export function runSimulation(topologyText: string, scenario: Scenario, fileName = 'the topology'): EngineRunResult {
  const loaded = loadTopologyText(topologyText, fileName);
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
