// Which slides a deck has: the items of one detail level (every step at level 7), optionally a range of them.
import type { Topology } from '../model/schema';
import type { Trace } from '../engine/trace';
import { viewAtLevel, type DetailLevel, type ReplayItem } from '../replay/levels';
import { slideContext, type SlideContext } from './slide';

export interface DeckSlide {
  item: ReplayItem;
  /** 1-based number of the item in the whole journey at this level (a range keeps the journey's numbering). */
  index: number;
}

export interface DeckPlan {
  level: DetailLevel;
  /** Items in the whole journey at this level. */
  total: number;
  slides: DeckSlide[];
  context: SlideContext;
}

export class DeckRangeError extends Error {}

/** `steps` is 1-based and inclusive, counted in items of the level; it is checked against the journey's length. */
export function planDeck(
  topology: Topology,
  trace: Trace,
  options: { level?: number; steps?: [number, number] } = {},
): DeckPlan {
  const level = (options.level ?? 7) as DetailLevel;
  if (!Number.isInteger(level) || level < 1 || level > 7)
    throw new DeckRangeError(`The detail level must be 1 to 7, not ${options.level}.`);
  const context = slideContext(topology, trace);
  const items = viewAtLevel(trace, level, context.replay);
  const total = items.length;
  let [from, to] = options.steps ?? [1, total];
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) {
    throw new DeckRangeError(`The step range ${from}-${to} is not valid: use FIRST-LAST with 1 ≤ FIRST ≤ LAST.`);
  }
  if (from > total)
    throw new DeckRangeError(`The journey has ${total} steps at level ${level}; the range starts at ${from}.`);
  to = Math.min(to, total);
  const slides = items.slice(from - 1, to).map((item, i) => ({ item, index: from + i }));
  return { level, total, slides, context };
}
