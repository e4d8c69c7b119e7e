// `packet-journey slides FILE --from DEVICE --url URL --out deck.pptx|deck.pdf|deck.gif|deck.zip|DIR
//   [--steps 3-18] [--level 1-7] [--lang en|ko] [--theme light|dark|print] [--format png|svg] [--seed N] [--warm]`
// `packet-journey slides FILE --diagram --out network.png|network.svg [--theme …]`
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DeckRangeError, SLIDE_THEMES, type SlideTheme } from '../../shared/slides';
import { exportDiagram, exportSlides, formatFromPath, type SlideFormat } from '../slides/export';
import { parseCommandArgs, requireOne, usageError } from './args';
import { DECK_OPTIONS, parseLang, parseLevel, parseStepRange } from './deck-options';
import { JOURNEY_OPTIONS, journeyOptions, runJourney } from './journey';
import { loadTopologyFile } from './load-file';
import { asSaveError, prepareOutputFolder, refuseOverlaps, writeOutputFile } from './outputs';
import { type CliError, EXIT } from './usage';

const usage = (message: string): CliError => usageError('slides', message);

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw usage(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

async function chooseFormat(out: string, format: string | undefined): Promise<SlideFormat> {
  const byPath = formatFromPath(out);
  // A folder only where a folder is meant: a name without an extension, or a folder that is already there.
  const ext = /\.([^./\\]+)$/.exec(basename(out))?.[1];
  if (byPath === 'png-dir' && ext !== undefined && !(await stat(out).catch(() => undefined))?.isDirectory()) {
    throw usage(
      `--out ${out}: ".${ext}" is not a slide format; name a .pptx, .pdf, .gif or .zip file, or a folder without an extension`,
    );
  }
  if (format === undefined) return byPath;
  if (format !== 'png' && format !== 'svg')
    throw usage(`--format must be png or svg (for a folder of images), not "${format}"`);
  if (byPath !== 'png-dir')
    throw usage(`--format ${format} makes a folder of images, but --out ${out} names a .${byPath} file`);
  return format === 'svg' ? 'svg-dir' : 'png-dir';
}

export async function runSlidesCommand(
  argv: string[],
  log: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const { values, positionals } = parseCommandArgs('slides', argv, {
    ...JOURNEY_OPTIONS,
    ...DECK_OPTIONS,
    out: { type: 'string' },
    theme: { type: 'string' },
    format: { type: 'string' },
    diagram: { type: 'boolean' },
  });
  const file = requireOne('slides', positionals, 'the topology FILE');
  if (!values.out) throw usage('missing --out (deck.pptx, deck.pdf, deck.gif, deck.zip or a folder)');
  const theme = oneOf<SlideTheme>('theme', values.theme, SLIDE_THEMES, 'light');
  const out = resolve(values.out);

  if (values.diagram) {
    const ext = /\.(png|svg)$/i.exec(values.out)?.[1]?.toLowerCase() as 'png' | 'svg' | undefined;
    if (!ext) throw usage('--diagram writes one image: give --out a .png or .svg file');
    await refuseOverlaps('slides', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
    const { topology } = await loadTopologyFile(file);
    await writeOutputFile(out, exportDiagram(topology, { theme, format: ext }));
    log(`Wrote the network diagram to ${values.out}.`);
    return EXIT.ok;
  }

  const journey = journeyOptions('slides', values);
  const lang = parseLang('slides', values.lang);
  const steps = parseStepRange('slides', values.steps);
  const level = parseLevel('slides', values.level);
  const format = await chooseFormat(values.out, values.format);
  await refuseOverlaps('slides', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
  const { topology, trace } = await runJourney(file, journey);
  if (format === 'png-dir' || format === 'svg-dir') await prepareOutputFolder(out);
  let result;
  try {
    result = await exportSlides({ topology, trace, steps, level, lang, theme, format, out });
  } catch (error) {
    if (error instanceof DeckRangeError) throw usage(error.message.replace(/\.$/, ''));
    throw asSaveError(error, out);
  }
  const first = steps ? steps[0] : 1;
  const range =
    result.slides === result.total
      ? `all ${result.total} steps`
      : `steps ${first}–${first + result.slides - 1} of ${result.total}`;
  log(
    `Wrote ${result.slides} slide${result.slides === 1 ? '' : 's'} (${range} at level ${result.level}) to ${values.out}.`,
  );
  return EXIT.ok;
}
