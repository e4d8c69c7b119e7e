// One lesson player file from a journey, for the command line's `player` and the desktop app's File ▸ Export ▸
// Lesson Player…: the same plan of the level's steps as the slides (a range is checked the same way, DeckRangeError),
// the same title, the same bytes.
import type { Topology } from '../../shared/model/schema';
import type { Trace } from '../../shared/engine/trace';
import type { DetailLevel } from '../../shared/replay/levels';
import type { SlideLang } from '../../shared/slides/text';
import type { LessonFontSources } from '../../shared/player/fonts';
import { lessonFile, type PlayerBundle } from '../../shared/player/lesson';
import { planDeck } from '../../shared/slides';
import { deckTitle } from '../../shared/slides/export/deck-export';

export interface LessonOptions {
  level: DetailLevel;
  /** 1-based inclusive range of the level's steps the player is locked to. */
  steps?: [number, number];
  lang: SlideLang;
}

/** Where the player's script and fonts come from (built from player/ or prebuilt; the bundled Pretendard). */
export interface LessonSources {
  bundle: () => Promise<PlayerBundle>;
  fonts: () => Promise<LessonFontSources>;
}

export interface Lesson {
  bytes: Uint8Array;
  /** Steps at the level, and the locked range when one was asked for. */
  total: number;
  range?: [number, number];
}

/** Checks the range before anything is built; throws DeckRangeError with a sentence naming it. */
export function planLesson(topology: Topology, trace: Trace, options: LessonOptions): Omit<Lesson, 'bytes'> {
  const plan = planDeck(topology, trace, { level: options.level, steps: options.steps });
  const range: [number, number] | undefined = options.steps
    ? [plan.slides[0].index, plan.slides[plan.slides.length - 1].index]
    : undefined;
  return { total: plan.total, range };
}

export async function makeLesson(
  topology: Topology,
  trace: Trace,
  options: LessonOptions,
  sources: LessonSources,
): Promise<Lesson> {
  const { total, range } = planLesson(topology, trace, options);
  const [bundle, fonts] = await Promise.all([sources.bundle(), sources.fonts()]);
  const html = await lessonFile(
    bundle,
    {
      format: 'packet-journey-lesson',
      title: deckTitle(topology, trace),
      lang: options.lang,
      level: options.level,
      steps: range,
      topology,
      trace,
    },
    fonts,
  );
  return { bytes: new TextEncoder().encode(html), total, range };
}
