// Pure helpers between the document and the replay: who can browse, what to fetch by default, whether a run still
// matches the network, and what the file saves about the replay.
import type { Trace } from '../../../shared/engine/trace';
import type { Device, ReplayState, Topology } from '../../../shared/model/schema';
import { replayContext } from '../../../shared/replay/context';
import { allFrameItems, viewAtLevel, type DetailLevel, type ReplayItem } from '../../../shared/replay/levels';
import type { ReplayData, ReplayRequest } from '../store/replay';

/** Devices with a browser: hosts and servers. */
export function browserHosts(doc: Topology): { id: string; name: string }[] {
  return doc.devices.filter((d) => d.kind === 'host' || d.kind === 'server').map((d) => ({ id: d.id, name: d.name }));
}

export function resolveDevice(doc: Topology, idOrName: string): Device | undefined {
  return doc.devices.find((d) => d.id === idOrName) ?? doc.devices.find((d) => d.name === idOrName);
}

/** A sensible first fetch: the first host's browser, the first web site the network serves. */
export function defaultRequest(doc: Topology): ReplayRequest {
  const host = doc.devices.find((d) => d.kind === 'host') ?? doc.devices.find((d) => d.kind === 'server');
  let hostname: string | undefined;
  for (const d of doc.devices) {
    if (d.kind === 'server' && d.roles.web?.sites[0]) {
      hostname = d.roles.web.sites[0].hostname.replace(/\.$/, '');
      break;
    }
  }
  return { from: host?.id ?? '', url: `http://${hostname ?? 'www.example.com'}/`, warm: false };
}

function withoutPosition(device: Device): string {
  const { position: _position, ...rest } = device;
  return JSON.stringify(rest);
}

/**
 * Whether two documents simulate the same: moving a device or renaming the network does not change a journey,
 * anything else does. Edits share unchanged devices (immer), so this is mostly identity checks.
 */
export function sameNetwork(a: Topology, b: Topology): boolean {
  if (a === b) return true;
  if (a.devices.length !== b.devices.length || a.links.length !== b.links.length) return false;
  for (let i = 0; i < a.devices.length; i++) {
    const x = a.devices[i];
    const y = b.devices[i];
    if (x !== y && withoutPosition(x) !== withoutPosition(y)) return false;
  }
  if (a.links !== b.links) {
    for (let i = 0; i < a.links.length; i++) {
      if (a.links[i] !== b.links[i] && JSON.stringify(a.links[i]) !== JSON.stringify(b.links[i])) return false;
    }
  }
  return true;
}

export function isStale(doc: Topology | null, replay: Pick<ReplayData, 'trace' | 'runTopology'>): boolean {
  return !!doc && !!replay.trace && !!replay.runTopology && !sameNetwork(doc, replay.runTopology);
}

/** What the file keeps of the replay: the scenario and the step, so it reopens at that moment. */
export function replayToSave(doc: Topology, replay: ReplayData): ReplayState | undefined {
  const exports = {
    ...((replay.slides ?? doc.replay?.slides) ? { slides: replay.slides ?? doc.replay?.slides } : {}),
    ...((replay.lesson ?? doc.replay?.lesson) ? { lesson: replay.lesson ?? doc.replay?.lesson } : {}),
  };
  if (!replay.trace) return doc.replay ? { ...doc.replay, ...exports } : doc.replay;
  const from = resolveDevice(doc, replay.trace.scenario.from)?.id;
  if (!from) return doc.replay;
  const { url, warm, seed, before, pauseSeconds, thenSet } = replay.trace.scenario;
  const scenario =
    before?.length || thenSet?.length
      ? {
          before: before ?? [],
          ...(pauseSeconds !== undefined ? { pauseSeconds } : {}),
          ...(thenSet?.length ? { thenSet } : {}),
        }
      : undefined;
  return {
    from,
    url,
    level: replay.level,
    step: replay.step,
    warm,
    seed,
    ...(scenario ? { scenario } : {}),
    ...exports,
  };
}

const itemsCache = new WeakMap<Trace, Map<DetailLevel, ReplayItem[]>>();

/** The items of a level, computed once per trace and level (stepping commands and the panel share them). */
export function itemsFor(trace: Trace, topology: Topology | undefined, level: DetailLevel): ReplayItem[] {
  let byLevel = itemsCache.get(trace);
  if (!byLevel) itemsCache.set(trace, (byLevel = new Map()));
  let items = byLevel.get(level);
  if (!items) byLevel.set(level, (items = viewAtLevel(trace, level, replayContext(trace, topology))));
  return items;
}

const allFramesCache = new WeakMap<Trace, ReplayItem[]>();

/** Every hop of every frame, decision and drop as an item of its own ("All frames"), computed once per trace. */
export function allFramesFor(trace: Trace, topology: Topology | undefined): ReplayItem[] {
  let items = allFramesCache.get(trace);
  if (!items) allFramesCache.set(trace, (items = allFrameItems(trace, replayContext(trace, topology))));
  return items;
}

/** What stepping, the scrubber and the position move through: every frame with "All frames" on, else the level's items. */
export function steppingItemsFor(
  trace: Trace,
  topology: Topology | undefined,
  level: DetailLevel,
  allFrames: boolean,
): ReplayItem[] {
  return allFrames ? allFramesFor(trace, topology) : itemsFor(trace, topology, level);
}
