// `packet-journey slides FILE --from DEVICE --url URL --out deck.pptx|deck.pdf|deck.gif|deck.zip|DIR
//   [--steps 3-18] [--level 1-7] [--lang en|ko] [--theme light|dark|print] [--format png|svg] [--seed N] [--warm]`
// `packet-journey slides FILE --diagram --out network.png|network.svg [--theme …]`
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DeckRangeError, SLIDE_LANGS, SLIDE_THEMES, type SlideLang, type SlideTheme } from '../../shared/slides';
import { exportDiagram, exportSlides, formatFromPath, type SlideFormat } from '../slides/export';
import { parseCommandArgs, requireOne } from './args';
import { runJourney } from './journey';
import { loadTopologyFile } from './load-file';
import { asSaveError, prepareOutputFolder, refuseOverlaps, writeOutputFile } from './outputs';
import { CliError, EXIT } from './usage';

export const SLIDES_USAGE = `  packet-journey slides FILE --from DEVICE --url URL --out deck.pptx|deck.pdf|deck.gif|deck.zip|DIR
                       [--steps 3-18] [--level 1-7] [--lang en|ko] [--theme light|dark|print] [--format png|svg]
                       [--seed N] [--warm]
  packet-journey slides FILE --diagram --out network.png|network.svg [--theme light|dark|print]`;

function usageError(message: string): CliError {
  return new CliError(`packet-journey slides: ${message}. See "packet-journey --help".`, EXIT.usage);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw usageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

export function parseStepRange(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(value.trim());
  if (!m) throw usageError(`--steps must be a step or a range like 3-18, not "${value}"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to < from) throw usageError(`--steps ${value} is not a range FIRST-LAST with 1 ≤ FIRST ≤ LAST`);
  return [from, to];
}

function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-7]$/.test(value)) throw usageError(`--level must be a whole number from 1 to 7, not "${value}"`);
  return Number(value);
}

async function chooseFormat(out: string, format: string | undefined): Promise<SlideFormat> {
  const byPath = formatFromPath(out);
  // A folder only where a folder is meant: a name without an extension, or a folder that is already there.
  const ext = /\.([^./\\]+)$/.exec(basename(out))?.[1];
  if (byPath === 'png-dir' && ext !== undefined && !(await stat(out).catch(() => undefined))?.isDirectory()) {
    throw usageError(
      `--out ${out}: ".${ext}" is not a slide format; name a .pptx, .pdf, .gif or .zip file, or a folder without an extension`,
    );
  }
  if (format === undefined) return byPath;
  if (format !== 'png' && format !== 'svg')
    throw usageError(`--format must be png or svg (for a folder of images), not "${format}"`);
  if (byPath !== 'png-dir')
    throw usageError(`--format ${format} makes a folder of images, but --out ${out} names a .${byPath} file`);
  return format === 'svg' ? 'svg-dir' : 'png-dir';
}

export async function runSlidesCommand(
  argv: string[],
  log: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const { values, positionals } = parseCommandArgs('slides', argv, {
    from: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    steps: { type: 'string' },
    level: { type: 'string' },
    lang: { type: 'string' },
    theme: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string' },
    warm: { type: 'boolean' },
    diagram: { type: 'boolean' },
  });
  const file = requireOne('slides', positionals, 'the topology FILE');
  if (!values.out) throw usageError('missing --out (deck.pptx, deck.pdf, deck.gif, deck.zip or a folder)');
  const theme = oneOf<SlideTheme>('theme', values.theme, SLIDE_THEMES, 'light');
  const out = resolve(values.out);

  if (values.diagram) {
    const ext = /\.(png|svg)$/i.exec(values.out)?.[1]?.toLowerCase() as 'png' | 'svg' | undefined;
    if (!ext) throw usageError('--diagram writes one image: give --out a .png or .svg file');
    await refuseOverlaps('slides', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
    const { topology } = await loadTopologyFile(file);
    await writeOutputFile(out, exportDiagram(topology, { theme, format: ext }));
    log(`Wrote the network diagram to ${values.out}.`);
    return EXIT.ok;
  }

  if (!values.from) throw usageError('missing --from DEVICE (the host whose browser fetches)');
  if (!values.url) throw usageError('missing --url URL (what the browser fetches)');
  const lang = oneOf<SlideLang>('lang', values.lang, SLIDE_LANGS, 'en');
  const steps = parseStepRange(values.steps);
  const level = parseLevel(values.level);
  const format = await chooseFormat(values.out, values.format);
  await refuseOverlaps('slides', [{ what: 'topology file', path: file }], [{ flag: '--out', path: out }]);
  const { topology, trace } = await runJourney(file, {
    from: values.from,
    url: values.url,
    seed: values.seed,
    warm: values.warm,
  });
  if (format === 'png-dir' || format === 'svg-dir') await prepareOutputFolder(out);
  let result;
  try {
    result = await exportSlides({ topology, trace, steps, level, lang, theme, format, out });
  } catch (error) {
    if (error instanceof DeckRangeError) throw usageError(error.message.replace(/\.$/, ''));
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
