// What the presenting window (the audience's screen) and the presenter view say to each other over a
// BroadcastChannel. Messages come from another window: each is checked before it is used.
import type { Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import type { DetailLevel } from '../../../shared/replay/levels';

export type PresentAction = 'forward' | 'back' | 'first' | 'last' | 'toggle';
const ACTIONS: readonly PresentAction[] = ['forward', 'back', 'first', 'last', 'toggle'];

/** The presentation as the audience sees it now. */
export interface PresentSnapshot {
  step: number;
  level: DetailLevel;
  blank: boolean;
  playing: boolean;
  lang: 'en' | 'ko';
  theme: 'light' | 'dark';
  startedAt: number;
}

export type ToPresenter =
  /** The journey itself: sent when the presenter view says hello and when the replay changes. */
  | { kind: 'deck'; trace: Trace; topology: Topology; name: string }
  | { kind: 'state'; state: PresentSnapshot }
  /** The presentation is over: the presenter view closes. */
  | { kind: 'end' };

export type ToAudience =
  | { kind: 'hello' }
  | { kind: 'go'; action: PresentAction }
  | { kind: 'seek'; step: number }
  | { kind: 'level'; level: DetailLevel }
  | { kind: 'blank'; on: boolean }
  /** The presenter view is closing. */
  | { kind: 'bye' }
  /** End the presentation (from the presenter view). */
  | { kind: 'end' };

export function channelName(session: string): string {
  return `packet-journey-present-${session}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isLevel = (x: unknown): x is DetailLevel => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 7;

export function parseToAudience(data: unknown): ToAudience | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.kind) {
    case 'hello':
    case 'bye':
    case 'end':
      return { kind: data.kind };
    case 'go':
      return ACTIONS.includes(data.action as PresentAction)
        ? { kind: 'go', action: data.action as PresentAction }
        : undefined;
    case 'seek':
      return Number.isInteger(data.step) && (data.step as number) >= 0
        ? { kind: 'seek', step: data.step as number }
        : undefined;
    case 'level':
      return isLevel(data.level) ? { kind: 'level', level: data.level } : undefined;
    case 'blank':
      return typeof data.on === 'boolean' ? { kind: 'blank', on: data.on } : undefined;
    default:
      return undefined;
  }
}

function parseSnapshot(x: unknown): PresentSnapshot | undefined {
  if (!isRecord(x)) return undefined;
  const { step, level, blank, playing, lang, theme, startedAt } = x;
  if (!Number.isInteger(step) || (step as number) < 0 || !isLevel(level)) return undefined;
  if (typeof blank !== 'boolean' || typeof playing !== 'boolean' || typeof startedAt !== 'number') return undefined;
  if (lang !== 'en' && lang !== 'ko') return undefined;
  if (theme !== 'light' && theme !== 'dark') return undefined;
  return { step: step as number, level, blank, playing, lang, theme, startedAt };
}

export function parseToPresenter(data: unknown): ToPresenter | undefined {
  if (!isRecord(data)) return undefined;
  if (data.kind === 'end') return { kind: 'end' };
  if (data.kind === 'state') {
    const state = parseSnapshot(data.state);
    return state && { kind: 'state', state };
  }
  if (data.kind === 'deck') {
    // Same origin, same app: the trace and topology are the app's own, checked for shape enough to draw.
    const trace = data.trace as Trace | undefined;
    const topology = data.topology as Topology | undefined;
    if (
      !isRecord(trace) ||
      !Array.isArray(trace.steps) ||
      !isRecord(topology) ||
      !Array.isArray(topology.devices) ||
      !Array.isArray(topology.links)
    )
      return undefined;
    return { kind: 'deck', trace, topology, name: typeof data.name === 'string' ? data.name : '' };
  }
  return undefined;
}
