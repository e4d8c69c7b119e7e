// Play/pause/step/first/last/speed/scrub as a pure reducer. The position is a trace step index (what a file saves);
// stepping moves by the items of the current detail level, landing on an item's key step (the frame its caption is
// about), which every view then shows. A seek may land on any step of an item (a frame picked in the list or ladder).
import type { ReplayItem } from './levels';
import { itemIndexAtStep } from './levels';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];
/** Time between two items at speed 1. */
export const BASE_INTERVAL_MS = 1000;
/**
 * Steps closer together than this come in a burst (a held key, rapid presses, a scrubber drag): faster than the
 * fastest playback (4×, 250 ms apart). The packet then jumps from link to link, and the list, the ladder and the details
 * wait for the burst to end instead of showing every step of it.
 */
export const BURST_STEP_MS = 200;

export interface PlaybackState {
  step: number;
  playing: boolean;
  speed: Speed;
}

export type PlaybackAction =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  | { type: 'forward' }
  | { type: 'back' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'tick' }
  | { type: 'speed'; speed: Speed }
  | { type: 'faster' }
  | { type: 'slower' }
  /** Jump to an item by its position at the current level (the scrubber). */
  | { type: 'scrub'; item: number }
  /** Jump to a trace step (event list, ladder, shared link). */
  | { type: 'seek'; step: number };

export function initialPlayback(step = 0): PlaybackState {
  return { step, playing: false, speed: 1 };
}

function clampStep(items: ReplayItem[], step: number): number {
  if (items.length === 0) return 0;
  return Math.max(Math.min(step, items[items.length - 1].last), 0);
}

export function currentItem(items: ReplayItem[], step: number): number {
  return items.length ? itemIndexAtStep(items, step) : -1;
}

export function isAtEnd(items: ReplayItem[], step: number): boolean {
  return items.length === 0 || currentItem(items, step) >= items.length - 1;
}

/** The key step of the item that contains `step` (where a change of level lands). */
export function keyStepAt(items: ReplayItem[], step: number): number {
  return items.length ? items[currentItem(items, step)].keyStep : 0;
}

function forward(items: ReplayItem[], step: number): number {
  if (items.length === 0) return 0;
  const at = currentItem(items, step);
  return at < items.length - 1 ? items[at + 1].keyStep : clampStep(items, step);
}

function back(items: ReplayItem[], step: number): number {
  if (items.length === 0) return 0;
  const at = currentItem(items, step);
  return items[Math.max(at - 1, 0)].keyStep;
}

export function playbackReducer(state: PlaybackState, action: PlaybackAction, items: ReplayItem[]): PlaybackState {
  switch (action.type) {
    case 'play': {
      // Play at the end starts again from the beginning, like a media player.
      const step = isAtEnd(items, state.step) ? (items[0]?.keyStep ?? 0) : state.step;
      return { ...state, playing: items.length > 0, step };
    }
    case 'pause':
      return { ...state, playing: false };
    case 'toggle':
      return playbackReducer(state, { type: state.playing ? 'pause' : 'play' }, items);
    case 'forward':
      return { ...state, playing: false, step: forward(items, state.step) };
    case 'back':
      return { ...state, playing: false, step: back(items, state.step) };
    case 'first':
      return { ...state, playing: false, step: items[0]?.keyStep ?? 0 };
    case 'last':
      return { ...state, playing: false, step: items.at(-1)?.keyStep ?? 0 };
    case 'tick': {
      if (!state.playing) return state;
      const step = forward(items, state.step);
      return { ...state, step, playing: !isAtEnd(items, step) };
    }
    case 'speed':
      return { ...state, speed: action.speed };
    case 'faster':
      return { ...state, speed: SPEEDS[Math.min(SPEEDS.indexOf(state.speed) + 1, SPEEDS.length - 1)] };
    case 'slower':
      return { ...state, speed: SPEEDS[Math.max(SPEEDS.indexOf(state.speed) - 1, 0)] };
    case 'scrub': {
      const item = items[Math.max(0, Math.min(action.item, items.length - 1))];
      return { ...state, step: item ? item.keyStep : 0 };
    }
    case 'seek':
      return { ...state, step: clampStep(items, action.step) };
  }
}

export function tickIntervalMs(state: PlaybackState): number {
  return BASE_INTERVAL_MS / state.speed;
}
