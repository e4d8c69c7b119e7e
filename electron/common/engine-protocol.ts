// Messages between the engine host (main process) and the engine worker thread.
import type { Scenario, Trace } from '../../shared/engine/trace';

export interface EngineRequest {
  id: string;
  topologyText: string;
  scenario: Scenario;
}

export type EngineResponse = { id: string; ok: true; trace: Trace } | { id: string; ok: false; error: string };
