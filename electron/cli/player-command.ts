// `packet-journey player FILE --from DEVICE --url URL --out lesson.html [--level N] [--steps A-B] [--lang en|ko]
//   [--seed N] [--warm]`: one HTML file that replays the recorded journey offline (see shared/player/lesson.ts).
import { resolve } from 'node:path';
import { DeckRangeError } from '../../shared/slides';
import type { DetailLevel } from '../../shared/replay/levels';
import { playerBundle } from '../player/bundle';
import { lessonFontSources } from '../player/lesson-fonts';
import { makeLesson, planLesson } from '../player/make-lesson';
import { parseCommandArgs, requireOne, usageError } from './args';
import { DECK_OPTIONS, parseLang, parseLevel, parseStepRange } from './deck-options';
import { JOURNEY_OPTIONS, journeyOptions, runJourney } from './journey';
import { asSaveError, refuseOverlaps, writeOutputFile } from './outputs';
import { CliError, EXIT } from './usage';

const usage = (message: string): CliError => usageError('player', message);

export async function runPlayerCommand(argv: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs('player', argv, {
    ...JOURNEY_OPTIONS,
    ...DECK_OPTIONS,
    out: { type: 'string' },
  });
  const file = requireOne('player', positionals, 'the topology FILE');
  if (!values.out) throw usage('missing --out lesson.html');
  if (!/\.html?$/i.test(values.out)) throw usage(`--out ${values.out}: the player is one .html file`);
  const journey = journeyOptions('player', values);
  const lang = parseLang('player', values.lang);
  const level = parseLevel('player', values.level) ?? 7;
  const steps = parseStepRange('player', values.steps);
  const out = resolve(values.out);
  await refuseOverlaps('player', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
  const { topology, trace } = await runJourney(file, journey);
  const options = { level: level as DetailLevel, steps, lang };
  try {
    planLesson(topology, trace, options);
  } catch (error) {
    if (error instanceof DeckRangeError) throw usage(error.message.replace(/\.$/, ''));
    throw error;
  }
  let lesson;
  try {
    lesson = await makeLesson(topology, trace, options, { bundle: playerBundle, fonts: lessonFontSources });
  } catch (error) {
    // A CLI without its prebuilt player (or a damaged one): one sentence, not a stack.
    throw new CliError(
      `packet-journey player: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.failure,
    );
  }
  const { bytes, range, total } = lesson;
  try {
    await writeOutputFile(out, bytes);
  } catch (error) {
    throw asSaveError(error, out);
  }
  const what = range ? `steps ${range[0]}–${range[1]} of ${total}` : `all ${total} steps`;
  log(`Wrote a lesson player (${what} at level ${level}, ${(bytes.length / 1e6).toFixed(2)} MB) to ${values.out}.`);
  return EXIT.ok;
}
