// The journey a subcommand replays: the file loaded and checked, the scenario from the command line, the engine run.
import { simulate } from '../../shared/engine';
import type { Scenario, Trace } from '../../shared/engine/trace';
import type { Topology } from '../../shared/model/schema';
import { loadTopologyFile } from './load-file';
import { CliError, EXIT } from './usage';

const END_SYSTEMS = new Set(['host', 'server']);

export function findSourceDevice(topology: Topology, wanted: string, fileName: string): string {
  const device = topology.devices.find((d) => d.id === wanted) ?? topology.devices.find((d) => d.name === wanted);
  const hosts = topology.devices.filter((d) => END_SYSTEMS.has(d.kind)).map((d) => d.name);
  const choices = hosts.length ? `; hosts you can fetch from: ${hosts.join(', ')}` : '';
  if (!device) throw new CliError(`There is no device "${wanted}" in ${fileName}${choices}.`);
  if (!END_SYSTEMS.has(device.kind)) throw new CliError(`"${wanted}" in ${fileName} is a ${device.kind}, which has no browser${choices}.`);
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
    throw new CliError(`"${input}" is a ${url.protocol.slice(0, -1)} URL; the browser fetches http:// and https:// addresses.`);
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

export interface JourneyOptions {
  from: string;
  url: string;
  seed?: string;
  warm?: boolean;
}

export async function runJourney(file: string, options: JourneyOptions): Promise<{ topology: Topology; name: string; scenario: Scenario; trace: Trace }> {
  const seed = parseSeed(options.seed);
  const url = normalizeUrl(options.url);
  const { topology, name } = await loadTopologyFile(file);
  const scenario: Scenario = { from: findSourceDevice(topology, options.from, name), url, seed, warm: options.warm ?? false };
  try {
    return { topology, name, scenario, trace: simulate(topology, scenario) };
  } catch (error) {
    throw new CliError(`The simulation of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
