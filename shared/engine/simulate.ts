// simulate(): one URL fetch on a topology, recorded as a trace. Pure and deterministic: the same topology,
// scenario and seed give the same steps and the same bytes.
import { SYN_GIVE_UP_US } from './net/tcp';
import type { Topology } from '../model/schema';
import { Browser, parseFetchUrl, type FetchTarget } from './apps/browser';
import { checkConfigChanges, findChangeDevice, parsePath, setAtPath, structuredCloneJson } from '../model/scenario';
import { EndSystem } from './devices/end-system';
import { buildNetwork } from './network';
import { Sim, type StopReason } from './sim/sim';
import type { DeviceState, EarlierFetch, Outcome, ProseMessage, Scenario, Trace } from './trace';
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
/** A user clicks again a second after the previous fetch (unless the scenario says how long). */
const DEFAULT_PAUSE_US = 1_000_000;

/** The fetches made before the recorded one: `before`, then the warm-up of `warm` (the same URL). */
export function earlierUrls(scenario: Scenario): string[] {
  return [...(scenario.before ?? []), ...(scenario.warm ? [scenario.url] : [])];
}

export function simulate(topology: Topology, scenario: Scenario, limits: SimulationLimits = {}): Trace {
  const lim = { maxSteps: limits.maxSteps ?? DEFAULT_MAX_STEPS, maxTimeUs: limits.maxTimeUs ?? DEFAULT_MAX_TIME_US };
  const changes = scenario.thenSet ?? [];
  const earlier = earlierUrls(scenario);
  const failEarly = (error: string, explanation: ProseMessage): Trace => ({
    scenario,
    links: [],
    steps: [],
    outcome: fetchFailed(error, explanation),
    initialState: {},
    stateChanges: [],
    stopReason: 'done',
  });
  if (changes.length > 0) {
    const checked = checkConfigChanges(topology, changes);
    if (!checked.ok) return failEarly('BAD_CHANGE', explain('outcome.badChange', { reason: checked.error }));
    // Without fetches before, the change is simply the network the fetch runs on; otherwise the running devices are
    // changed in place between the fetches, so they get a copy of their configuration of their own.
    topology = earlier.length === 0 ? checked.value : structuredCloneJson(topology);
  }
  const sim = new Sim(lim);
  const seed = scenario.seed >>> 0;
  const net = buildNetwork(sim, topology, seed);
  const base = { scenario, links: net.links };

  const fromConfig =
    topology.devices.find((d) => d.id === scenario.from) ?? topology.devices.find((d) => d.name === scenario.from);
  if (!fromConfig)
    return { ...failEarly('UNKNOWN_DEVICE', explain('outcome.unknownDevice', { from: scenario.from })), ...base };
  const host = net.devices.get(fromConfig.id);
  if (!(host instanceof EndSystem)) {
    const kind =
      fromConfig.kind === 'switch'
        ? explain('outcome.kind.switch')
        : fromConfig.kind === 'router'
          ? explain('outcome.kind.router')
          : explain('outcome.kind.firewall');
    return { ...failEarly('NOT_A_HOST', explain('outcome.notAHost', { name: fromConfig.name, kind })), ...base };
  }
  const target = parseFetchUrl(scenario.url);
  if ('error' in target) return { ...failEarly(target.error, target.explanation), ...base };
  const earlierTargets: { url: string; target: FetchTarget }[] = [];
  for (const url of earlier) {
    const t = parseFetchUrl(url);
    if ('error' in t) return { ...failEarly(t.error, t.explanation), ...base };
    earlierTargets.push({ url, target: t });
  }

  sim.recording = earlier.length === 0;
  sim.logChanges = false;
  for (const d of net.devices.values()) d.start();
  sim.logChanges = true;

  /**
   * `untilClosed`: the recorded fetch goes on until its connection is closed (keep-alive: by the idle side); an
   * earlier one stops at its result, its connection open into the pause as a browser leaves it.
   */
  const fetch = (target: FetchTarget, untilClosed: boolean): Outcome => {
    let outcome: Outcome | undefined;
    let doneAt = 0;
    sim.budgetStart = sim.now;
    const deadline = Math.max(1_000_000, lim.maxTimeUs - SETTLE_US);
    const budgetLeft = () => Math.max(0, lim.maxTimeUs - (sim.now - sim.budgetStart) - SETTLE_US);
    const browser = new Browser(
      host,
      target,
      (o) => {
        outcome = o;
        doneAt = sim.now;
      },
      Math.min(SYN_GIVE_UP_US, deadline),
      budgetLeft,
    );
    sim.schedule(0, () => browser.start());
    let quietSince: number | undefined;
    const quiet = () => {
      if (outcome === undefined || (untilClosed && browser.busy)) return false;
      doneAt = Math.max(doneAt, (quietSince ??= sim.now));
      return true;
    };
    sim.run(() => quiet() && (sim.queue.peekTime() ?? Infinity) > doneAt + SETTLE_US);
    return outcome ?? sim.stopped?.outcome ?? fetchFailed('NO_RESULT', explain('outcome.noResult'));
  };

  const earlierFetches: EarlierFetch[] = [];
  if (earlier.length > 0) {
    const pauseUs = scenario.pauseSeconds !== undefined ? Math.round(scenario.pauseSeconds * 1e6) : DEFAULT_PAUSE_US;
    for (const { url, target: t } of earlierTargets) {
      const o = fetch(t, false);
      if (!sim.stopped) sim.idle(sim.now + pauseUs);
      if (sim.stopped) {
        return {
          ...base,
          steps: [],
          outcome: sim.stopped.outcome ?? fetchFailed('WARMUP_FAILED', explain('outcome.warmupFailed')),
          initialState: {},
          stateChanges: [],
          stopReason: sim.stopped.reason,
          earlier: earlierFetches,
        };
      }
      earlierFetches.push({ url, ok: o.ok, result: o.ok ? `${o.status} ${o.statusText}` : o.error });
    }
    // What the earlier fetches left pending runs on into the recorded one, as on a real network: nginx closes the
    // earlier keep-alive connection 75 s after its response (inside a short pause's recorded fetch), neighbour
    // entries in DELAY are probed when their time comes.
    for (const change of changes) {
      const device = net.devices.get(findChangeDevice(topology, change.device)!.id)!;
      setAtPath(device.config as unknown as Record<string, unknown>, parsePath(change.path)!, change.value);
      device.reconfigure();
    }
    sim.timeOffset = sim.now;
    sim.recording = true;
    // In the recorded fetch's trace time: devices restart the timers they keep (neighbour states) and forget what
    // they only said.
    for (const d of net.devices.values()) d.newFetch();
  }
  const initialState = snapshot(net.devices, sim.timeOffset);

  const outcome = fetch(target, true);
  const stopReason: StopReason = sim.stopped?.reason ?? 'done';
  const finalOutcome = sim.stopped?.outcome && stopReason !== 'done' ? sim.stopped.outcome : outcome;
  if (stopReason !== 'done' && sim.steps.length > 0 && sim.stopped?.outcome && stopReason !== 'switching-loop') {
    sim.recording = true;
    // Leave a visible last step saying why everything stopped.
    const summary =
      stopReason === 'budget-steps' ? explain('net.summary.budgetSteps') : explain('net.summary.budgetTime');
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
  return {
    ...base,
    ...(earlier.length > 0 ? { earlier: earlierFetches } : {}),
    steps: sim.steps,
    outcome: finalOutcome,
    initialState,
    stateChanges: sim.changes,
    stopReason,
    ...(sim.tlsKeyLog.length > 0 ? { tlsKeyLog: sim.tlsKeyLog.join('') } : {}),
  };
}

/** Every device's tables when recording begins; times stored before then become negative trace times. */
function snapshot(devices: Map<string, { snapshot(): DeviceState }>, timeOffset: number): Record<string, DeviceState> {
  const out: Record<string, DeviceState> = {};
  for (const [id, d] of devices) {
    const state = d.snapshot();
    if (timeOffset !== 0) {
      state.dnsCache = state.dnsCache.map((e) => ({ ...e, storedAtUs: e.storedAtUs - timeOffset }));
      state.httpCache = state.httpCache.map((e) => ({ ...e, storedAtUs: e.storedAtUs - timeOffset }));
      state.hsts = state.hsts.map((e) => ({ ...e, storedAtUs: e.storedAtUs - timeOffset }));
      state.hostCache = state.hostCache.map((e) => ({ ...e, storedAtUs: e.storedAtUs - timeOffset }));
    }
    out[id] = state;
  }
  return out;
}
