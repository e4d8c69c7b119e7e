// The journey a subcommand replays: the file loaded and checked, the scenario from the command line, the engine run.
import { simulate } from '../../shared/engine';
import type { Scenario, Trace } from '../../shared/engine/trace';
import type { ConfigChange, Topology } from '../../shared/model/schema';
import { checkConfigChanges, parseConfigAssignment } from '../../shared/model/scenario';
import { usageError } from './args';
import { loadTopologyFile } from './load-file';
import { CliError, EXIT } from './usage';

const END_SYSTEMS = new Set(['host', 'server']);

export function findSourceDevice(topology: Topology, wanted: string, fileName: string): string {
  const device = topology.devices.find((d) => d.id === wanted) ?? topology.devices.find((d) => d.name === wanted);
  const hosts = topology.devices.filter((d) => END_SYSTEMS.has(d.kind)).map((d) => d.name);
  const choices = hosts.length ? `; hosts you can fetch from: ${hosts.join(', ')}` : '';
  if (!device) throw new CliError(`There is no device "${wanted}" in ${fileName}${choices}.`);
  if (!END_SYSTEMS.has(device.kind))
    throw new CliError(`"${wanted}" in ${fileName} is a ${device.kind}, which has no browser${choices}.`);
  return device.id;
}

/** Accepts what a browser's address bar would: "www.example.com/x" means http://www.example.com/x. */
export function normalizeUrl(input: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError(`"${input}" is not a valid URL; use a web address like http://www.example.com/.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(
      `"${input}" is a ${url.protocol.slice(0, -1)} URL; the browser fetches http:// and https:// addresses.`,
    );
  }
  if (!url.hostname) throw new CliError(`"${input}" has no host name; use a web address like http://www.example.com/.`);
  return url.href;
}

export function parseSeed(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
    throw new CliError(`--seed must be a whole number from 0 to 4294967295, not "${value}".`, EXIT.usage);
  }
  return Number(value);
}

/** `--pause SECONDS`: a number of seconds, fractions allowed, up to a week. */
export function parsePause(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds <= 604800)) {
    throw new CliError(`--pause must be a number of seconds from 0 to 604800 (a week), not "${value}".`, EXIT.usage);
  }
  return seconds;
}

/** The options of every command that records a journey (simulate, slides, player), for parseCommandArgs. */
export const JOURNEY_OPTIONS = {
  from: { type: 'string' },
  url: { type: 'string' },
  seed: { type: 'string' },
  warm: { type: 'boolean' },
} as const;

/** The journey a command line asks for: --from and --url are required, named in `command`'s usage error. */
export function journeyOptions(
  command: string,
  values: { from?: string; url?: string; seed?: string; warm?: boolean },
): JourneyOptions {
  if (!values.from) throw usageError(command, 'missing --from DEVICE (the host whose browser fetches)');
  if (!values.url) throw usageError(command, 'missing --url URL (what the browser fetches)');
  return { from: values.from, url: values.url, seed: values.seed, warm: values.warm };
}

export interface JourneyOptions {
  from: string;
  url: string;
  seed?: string;
  warm?: boolean;
  /** --before URL, repeatable. */
  before?: string[];
  pause?: string;
  /** --then-set DEVICE.PATH=VALUE, repeatable. */
  thenSet?: string[];
}

/**
 * What happens before the recorded fetch: the command line's --before/--pause/--then-set, or, when it gives none,
 * the scenario saved in the file's replay section.
 */
function scenarioSteps(
  topology: Topology,
  options: JourneyOptions,
): Pick<Scenario, 'before' | 'pauseSeconds' | 'thenSet'> {
  const given = (options.before?.length ?? 0) > 0 || options.pause !== undefined || (options.thenSet?.length ?? 0) > 0;
  if (!given) {
    const saved = topology.replay?.scenario;
    if (!saved) return {};
    const checked = checkConfigChanges(topology, saved.thenSet ?? []);
    if (!checked.ok) throw new CliError(`The scenario saved in the file cannot run: ${checked.error}`);
    return { before: saved.before.map(normalizeUrl), pauseSeconds: saved.pauseSeconds, thenSet: saved.thenSet };
  }
  const thenSet: ConfigChange[] = [];
  let changed = topology;
  for (const text of options.thenSet ?? []) {
    const parsed = parseConfigAssignment(text, changed);
    if (!parsed.ok) throw new CliError(`--then-set ${text}: ${parsed.error}`);
    thenSet.push(parsed.value);
    const applied = checkConfigChanges(changed, [parsed.value]);
    if (applied.ok) changed = applied.value;
  }
  const before = (options.before ?? []).map(normalizeUrl);
  return {
    ...(before.length ? { before } : {}),
    ...(options.pause !== undefined ? { pauseSeconds: parsePause(options.pause) } : {}),
    ...(thenSet.length ? { thenSet } : {}),
  };
}

export async function runJourney(
  file: string,
  options: JourneyOptions,
): Promise<{ topology: Topology; name: string; scenario: Scenario; trace: Trace }> {
  const seed = parseSeed(options.seed);
  const url = normalizeUrl(options.url);
  parsePause(options.pause);
  for (const before of options.before ?? []) normalizeUrl(before);
  const { topology, name } = await loadTopologyFile(file);
  const scenario: Scenario = {
    from: findSourceDevice(topology, options.from, name),
    url,
    seed,
    warm: options.warm ?? false,
    ...scenarioSteps(topology, options),
  };
  try {
    return { topology, name, scenario, trace: simulate(topology, scenario) };
  } catch (error) {
    throw new CliError(`The simulation of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
