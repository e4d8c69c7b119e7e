// The scenario as it crosses to main: exactly the fields main's check accepts (ScenarioPayload), whatever else the
// page's object carries, and the optional ones only when set — so a journey with a fetch before it, a pause or a
// configuration change is run again in main as the page ran it.
import type { Scenario } from '../../shared/engine/trace';

export function scenarioPayload({ from, url, seed, warm, before, pauseSeconds, thenSet }: Scenario): Scenario {
  return {
    from,
    url,
    seed,
    warm,
    ...(before ? { before } : {}),
    ...(pauseSeconds !== undefined ? { pauseSeconds } : {}),
    ...(thenSet ? { thenSet } : {}),
  };
}
