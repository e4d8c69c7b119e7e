// The engine worker's message handling, apart from the thread plumbing so it reads as one function.
import type { EngineRequest, EngineResponse } from '../common/engine-protocol';
import type { EngineRunResult } from '../../shared/platform';
import type { Scenario } from '../../shared/engine/trace';

function isRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const s = v.scenario as Record<string, unknown> | undefined;
  return (
    typeof v.id === 'string' &&
    typeof v.topologyText === 'string' &&
    typeof s === 'object' &&
    s !== null &&
    typeof s.from === 'string' &&
    typeof s.url === 'string' &&
    typeof s.seed === 'number' &&
    typeof s.warm === 'boolean'
  );
}

export function handleEngineRequest(
  message: unknown,
  run: (text: string, scenario: Scenario) => EngineRunResult,
): EngineResponse {
  const id =
    typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'string'
      ? (message as { id: string }).id
      : '';
  if (!isRequest(message)) return { id, ok: false, error: 'The engine received a malformed request.' };
  try {
    const result = run(message.topologyText, message.scenario);
    return result.ok ? { id, ok: true, trace: result.trace } : { id, ok: false, error: result.error };
  } catch (error) {
    return {
      id,
      ok: false,
      error: `The simulation engine failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
