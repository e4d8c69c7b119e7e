// simulate(): one URL fetch on a topology, recorded as a trace. Pure and deterministic: the same topology,
// scenario and seed give the same steps and the same bytes.
import type { Topology } from '../model/schema';
import { Browser, parseFetchUrl } from './apps/browser';
import { EndSystem } from './devices/end-system';
import { buildNetwork } from './network';
import { Sim, type StopReason } from './sim/sim';
import type { DeviceState, Outcome, ProseMessage, Scenario, Trace } from './trace';
import { explain, proseText } from './prose';
import { fetchFailed } from './outcome';

export interface SimulationLimits {
  maxSteps?: number;
  maxTimeUs?: number;
}

export const DEFAULT_MAX_STEPS = 20_000;
export const DEFAULT_MAX_TIME_US = 300_000_000;
/** After the browser has its result, let the connection close, then stop. */
const SETTLE_US = 2_000_000;
/** A user clicks again a second after the warm-up fetch. */
const WARM_PAUSE_US = 1_000_000;

export function simulate(topology: Topology, scenario: Scenario, limits: SimulationLimits = {}): Trace {
  const lim = { maxSteps: limits.maxSteps ?? DEFAULT_MAX_STEPS, maxTimeUs: limits.maxTimeUs ?? DEFAULT_MAX_TIME_US };
  const sim = new Sim(lim);
  const seed = scenario.seed >>> 0;
  const net = buildNetwork(sim, topology, seed);
  const base = { scenario, links: net.links };

  const fromConfig = topology.devices.find((d) => d.id === scenario.from) ?? topology.devices.find((d) => d.name === scenario.from);
  const failEarly = (error: string, explanation: ProseMessage): Trace => ({ ...base, steps: [], outcome: fetchFailed(error, explanation), initialState: {}, stateChanges: [], stopReason: 'done' });
  if (!fromConfig) return failEarly('UNKNOWN_DEVICE', explain('outcome.unknownDevice', { from: scenario.from }));
  const host = net.devices.get(fromConfig.id);
  if (!(host instanceof EndSystem)) {
    const kind = fromConfig.kind === 'switch' ? explain('outcome.kind.switch') : fromConfig.kind === 'router' ? explain('outcome.kind.router') : explain('outcome.kind.firewall');
    return failEarly('NOT_A_HOST', explain('outcome.notAHost', { name: fromConfig.name, kind }));
  }
  const target = parseFetchUrl(scenario.url);
  if ('error' in target) return failEarly(target.error, target.explanation);

  sim.recording = !scenario.warm;
  sim.logChanges = false;
  for (const d of net.devices.values()) d.start();
  sim.logChanges = true;

  const fetch = (): Outcome => {
    let outcome: Outcome | undefined;
    let doneAt = 0;
    const deadline = Math.max(1_000_000, lim.maxTimeUs - (sim.now - sim.timeOffset) - SETTLE_US);
    sim.schedule(0, () =>
      new Browser(host, target, (o) => {
        outcome = o;
        doneAt = sim.now;
      }, Math.min(127e6, deadline)).start(),
    );
    sim.run(() => outcome !== undefined && (sim.queue.peekTime() ?? Infinity) > doneAt + SETTLE_US);
    return outcome ?? sim.stopped?.outcome ?? fetchFailed('NO_RESULT', explain('outcome.noResult'));
  };

  let initialState: Record<string, DeviceState>;
  if (scenario.warm) {
    fetch();
    if (sim.stopped) {
      return { ...base, steps: [], outcome: sim.stopped.outcome ?? fetchFailed('WARMUP_FAILED', explain('outcome.warmupFailed')), initialState: {}, stateChanges: [], stopReason: sim.stopped.reason };
    }
    // Drop whatever the first fetch left pending (e.g. timers); its state stays in the devices.
    while (sim.queue.pop()) {
      /* discard */
    }
    sim.now += WARM_PAUSE_US;
    sim.timeOffset = sim.now;
    sim.recording = true;
    for (const d of net.devices.values()) d.newFetch();
    initialState = snapshot(net.devices);
  } else {
    initialState = snapshot(net.devices);
  }

  const outcome = fetch();
  const stopReason: StopReason = sim.stopped?.reason ?? 'done';
  const finalOutcome = sim.stopped?.outcome && stopReason !== 'done' ? sim.stopped.outcome : outcome;
  if (stopReason !== 'done' && sim.steps.length > 0 && sim.stopped?.outcome && stopReason !== 'switching-loop') {
    sim.recording = true;
    // Leave a visible last step saying why everything stopped.
    const summary = stopReason === 'budget-steps' ? explain('net.summary.budgetSteps') : explain('net.summary.budgetTime');
    sim.steps.push({
      type: 'drop',
      index: sim.steps.length,
      timeUs: sim.traceTime,
      deviceId: host.id,
      reason: 'budget',
      summary: proseText(summary),
      summaryMessage: summary,
      explanation:
        stopReason === 'budget-steps'
          ? explain('net.budget.steps', { steps: lim.maxSteps })
          : explain('net.budget.time', { seconds: (lim.maxTimeUs / 1e6).toFixed(1) }),
    });
  }
  const last = sim.steps.length - 1;
  for (const c of sim.changes) if (c.step > last) c.step = last;
  return { ...base, steps: sim.steps, outcome: finalOutcome, initialState, stateChanges: sim.changes, stopReason };
}

function snapshot(devices: Map<string, { snapshot(): DeviceState }>): Record<string, DeviceState> {
  const out: Record<string, DeviceState> = {};
  for (const [id, d] of devices) out[id] = d.snapshot();
  return out;
}
