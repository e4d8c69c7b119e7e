// A link to a moment of a journey, for teachers to share:
//   #/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=12[&warm=1][&seed=1]
// Web mode reads it from the address's hash; the desktop app accepts the same text as a command-line argument.
// `step` is an index into the trace's steps (every hop, decision and drop), not a position in a level's list: level 7
// once had one item per trace step and now has one per exchange, and an old link still opens the item containing
// that step (with its key frame shown), at any level.
import type { DetailLevel } from './levels';

export interface DeepLink {
  /** A bundled sample's name, e.g. "home-to-web". */
  sample: string;
  from?: string;
  url?: string;
  level?: DetailLevel;
  step?: number;
  warm?: boolean;
  seed?: number;
}

const SAMPLE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PREFIXES = ['#/open/', '/open/', 'packet-journey://open/'];

function intIn(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** Parse a deep link; undefined if the text is not one (parameters out of range are left out, not guessed). */
export function parseDeepLink(text: string): DeepLink | undefined {
  const prefix = PREFIXES.find((p) => text.startsWith(p));
  if (!prefix) return undefined;
  const rest = text.slice(prefix.length);
  const q = rest.indexOf('?');
  let sample: string;
  try {
    sample = decodeURIComponent(q < 0 ? rest : rest.slice(0, q)).replace(/\.packetjourney$/, '');
  } catch {
    return undefined;
  }
  if (!SAMPLE_NAME.test(sample)) return undefined;
  const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
  const link: DeepLink = { sample };
  const from = params.get('from');
  if (from && from.length <= 64) link.from = from;
  const url = params.get('url');
  if (url && url.length <= 2048) link.url = url;
  const level = intIn(params.get('level'), 1, 7);
  if (level !== undefined) link.level = level as DetailLevel;
  const step = intIn(params.get('step'), 0, 10_000_000);
  if (step !== undefined) link.step = step;
  const warm = params.get('warm');
  if (warm !== null) link.warm = warm === '1' || warm === 'true';
  const seed = intIn(params.get('seed'), 0, 4294967295);
  if (seed !== undefined) link.seed = seed;
  return link;
}

/** The hash form of a link (what "Copy link to this step" produces). */
export function formatDeepLink(link: DeepLink): string {
  const params = new URLSearchParams();
  if (link.from !== undefined) params.set('from', link.from);
  if (link.url !== undefined) params.set('url', link.url);
  if (link.level !== undefined) params.set('level', String(link.level));
  if (link.step !== undefined) params.set('step', String(link.step));
  if (link.warm) params.set('warm', '1');
  if (link.seed !== undefined && link.seed !== 1) params.set('seed', String(link.seed));
  const query = params.toString().replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return `#/open/${encodeURIComponent(link.sample)}${query ? `?${query}` : ''}`;
}
