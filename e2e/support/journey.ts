// The journey a sample's replay shows, computed in the test by the same engine and level code the app runs (the
// app runs them in its worker and renderer): the tests then check that the app shows this journey — its counts,
// captions and key frames — without pinning numbers that change whenever the engine learns a real behaviour.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from '../../shared/model/load';
import { simulate } from '../../shared/engine';
import type { FrameStep, Trace } from '../../shared/engine/trace';
import type { Topology } from '../../shared/model/schema';
import { captionText } from '../../shared/replay/captions';
import { replayContext } from '../../shared/replay/context';
import {
  allFrameItems,
  itemIndexAtStep,
  viewAtLevel,
  type Caption,
  type DetailLevel,
  type ReplayItem,
} from '../../shared/replay/levels';

const en = JSON.parse(readFileSync(resolve(__dirname, '../../shared/i18n/en/replay.json'), 'utf8')) as Record<
  string,
  unknown
>;

export interface Journey {
  trace: Trace;
  level(level: DetailLevel): ReplayItem[];
  /** "All frames": every step as an item of its own. */
  all: ReplayItem[];
  /** The position counter's text ("n / total") for `step` among `items`. */
  position(items: ReplayItem[], step: number): string;
  /** A caption in English, as the narration shows it. */
  caption(caption: Caption): string;
  frame(step: number): FrameStep;
}

const cache = new Map<string, Journey>();

export interface JourneyOptions {
  from?: string;
  url?: string;
  /** A change made to the sample first (as the test then makes it in the app), named for the cache. */
  variant?: { name: string; edit(topology: Topology): void };
}

export function journey(
  sample = 'home-to-web',
  { from = 'pc', url = 'http://www.example.com/', variant }: JourneyOptions = {},
): Journey {
  const id = `${sample}|${from}|${url}|${variant?.name ?? ''}`;
  const known = cache.get(id);
  if (known) return known;
  const loaded = loadTopologyText(
    readFileSync(resolve(__dirname, `../../resources/samples/${sample}.packetjourney`), 'utf8'),
    sample,
  );
  if (!loaded.ok) throw new Error(loaded.error);
  variant?.edit(loaded.topology);
  const trace = simulate(loaded.topology, { from, url, seed: 1, warm: false });
  const ctx = replayContext(trace, loaded.topology);
  const levels = new Map<DetailLevel, ReplayItem[]>();
  const made: Journey = {
    trace,
    level(level) {
      if (!levels.has(level)) levels.set(level, viewAtLevel(trace, level, ctx));
      return levels.get(level)!;
    },
    all: allFrameItems(trace, ctx),
    position: (items, step) => `${itemIndexAtStep(items, step) + 1} / ${items.length}`,
    caption: (caption) => captionText(translateEn, caption),
    frame(step) {
      const s = trace.steps[step];
      if (s?.type !== 'frame') throw new Error(`step ${step} is not a frame`);
      return s;
    },
  };
  cache.set(id, made);
  return made;
}

/** i18next's interpolation, enough for the English replay texts (they have no plurals or particles). */
function translateEn(key: string, params: Record<string, string | number> = {}): string {
  let text: unknown = en;
  for (const part of key.split('.')) text = (text as Record<string, unknown> | undefined)?.[part];
  if (typeof text !== 'string') throw new Error(`no English text for ${key}`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
