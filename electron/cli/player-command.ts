// `packet-journey player FILE --from DEVICE --url URL --out lesson.html [--level N] [--steps A-B] [--lang en|ko]
//   [--seed N] [--warm]`: one HTML file that replays the recorded journey offline (see shared/player/lesson.ts).
import { resolve } from 'node:path';
import { planDeck, DeckRangeError, SLIDE_LANGS, type SlideLang } from '../../shared/slides';
import { deckTitle } from '../../shared/slides/export/deck-export';
import { lessonFile } from '../../shared/player/lesson';
import type { DetailLevel } from '../../shared/replay/levels';
import { lessonFontSources, playerBundle } from '../player/bundle';
import { parseCommandArgs, requireOne } from './args';
import { runJourney } from './journey';
import { asSaveError, refuseOverlaps, writeOutputFile } from './outputs';
import { parseStepRange } from './slides-command';
import { CliError, EXIT } from './usage';

export const PLAYER_USAGE = `  packet-journey player FILE --from DEVICE --url URL --out lesson.html [--level 1-7] [--steps 3-18]
                       [--lang en|ko] [--seed N] [--warm]`;

function usageError(message: string): CliError {
  return new CliError(`packet-journey player: ${message}. See "packet-journey --help".`, EXIT.usage);
}

export async function runPlayerCommand(argv: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs('player', argv, {
    from: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    steps: { type: 'string' },
    level: { type: 'string' },
    lang: { type: 'string' },
    seed: { type: 'string' },
    warm: { type: 'boolean' },
  });
  const file = requireOne('player', positionals, 'the topology FILE');
  if (!values.out) throw usageError('missing --out lesson.html');
  if (!/\.html?$/i.test(values.out)) throw usageError(`--out ${values.out}: the player is one .html file`);
  if (!values.from) throw usageError('missing --from DEVICE (the host whose browser fetches)');
  if (!values.url) throw usageError('missing --url URL (what the browser fetches)');
  const lang = (values.lang ?? 'en') as SlideLang;
  if (!SLIDE_LANGS.includes(lang))
    throw usageError(`--lang must be one of ${SLIDE_LANGS.join(', ')}, not "${values.lang}"`);
  const level = values.level === undefined ? 7 : Number(values.level);
  if (!Number.isInteger(level) || level < 1 || level > 7)
    throw usageError(`--level must be 1 to 7, not "${values.level}"`);
  const steps = parseStepRange(values.steps);
  const out = resolve(values.out);
  await refuseOverlaps('player', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
  const { topology, trace } = await runJourney(file, {
    from: values.from,
    url: values.url,
    seed: values.seed,
    warm: values.warm,
  });
  let plan;
  try {
    plan = planDeck(topology, trace, { level, steps });
  } catch (error) {
    if (error instanceof DeckRangeError) throw usageError(error.message.replace(/\.$/, ''));
    throw error;
  }
  const range: [number, number] | undefined = steps
    ? [plan.slides[0].index, plan.slides[plan.slides.length - 1].index]
    : undefined;
  let bundle;
  try {
    bundle = await playerBundle();
  } catch (error) {
    // A CLI without its prebuilt player (or a damaged one): one sentence, not a stack.
    throw new CliError(
      `packet-journey player: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.failure,
    );
  }
  const html = await lessonFile(
    bundle,
    {
      format: 'packet-journey-lesson',
      title: deckTitle(topology, trace),
      lang,
      level: level as DetailLevel,
      steps: range,
      topology,
      trace,
    },
    await lessonFontSources(),
  );
  const bytes = new TextEncoder().encode(html);
  try {
    await writeOutputFile(out, bytes);
  } catch (error) {
    throw asSaveError(error, out);
  }
  const what = range ? `steps ${range[0]}–${range[1]} of ${plan.total}` : `all ${plan.total} steps`;
  log(`Wrote a lesson player (${what} at level ${level}, ${(bytes.length / 1e6).toFixed(2)} MB) to ${values.out}.`);
  return EXIT.ok;
}
