// A fetch that ends without a page: Chrome's error name and why, as a message the app reads in its own language.
import { proseText } from './prose';
import type { Outcome, ProseMessage } from './trace';

export function fetchFailed(error: string, explanation: ProseMessage, deviceId?: string): Outcome & { ok: false } {
  return {
    ok: false,
    error,
    summary: proseText(explanation),
    explanation,
    ...(deviceId === undefined ? {} : { deviceId }),
  };
}
