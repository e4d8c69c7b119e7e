// The options of the commands that make something of a range of steps (slides, player): --steps, --level, --lang,
// each refused in one sentence that names the command.
import { SLIDE_LANGS, type SlideLang } from '../../shared/slides';
import { usageError } from './args';

/** For parseCommandArgs, beside JOURNEY_OPTIONS. */
export const DECK_OPTIONS = {
  steps: { type: 'string' },
  level: { type: 'string' },
  lang: { type: 'string' },
} as const;

/** `--steps 3-18` (or one step): a 1-based range FIRST ≤ LAST. */
export function parseStepRange(command: string, value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(value.trim());
  if (!m) throw usageError(command, `--steps must be a step or a range like 3-18, not "${value}"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to < from)
    throw usageError(command, `--steps ${value} is not a range FIRST-LAST with 1 ≤ FIRST ≤ LAST`);
  return [from, to];
}

/** `--level 1-7`, or undefined when not given (each command has its own default). */
export function parseLevel(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-7]$/.test(value)) throw usageError(command, `--level must be a whole number from 1 to 7, not "${value}"`);
  return Number(value);
}

/** `--lang en|ko`, English when not given. */
export function parseLang(command: string, value: string | undefined): SlideLang {
  if (value === undefined) return 'en';
  if (!(SLIDE_LANGS as readonly string[]).includes(value))
    throw usageError(command, `--lang must be one of ${SLIDE_LANGS.join(', ')}, not "${value}"`);
  return value as SlideLang;
}
