// `packet-journey simulate FILE --from DEVICE --url URL [--json OUT.json] [--pcap OUT.pcapng] [--seed N] [--warm]`
import { resolve } from 'node:path';
import { simulate } from '../../../shared/engine';
import { traceToPcapng } from '../../../shared/engine/pcap';
import type { Topology } from '../../../shared/model/schema';
import type { Scenario } from '../../../shared/engine/trace';
import { describeFileError, writeFileAtomic } from '../../main/files';
import { parseCommandArgs, requireOne } from '../args';
import { loadTopologyFile } from '../load-file';
import { formatTraceSummary, traceToJson } from '../summary';
import { CliError, EXIT } from '../usage';

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

function parseSeed(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
    throw new CliError(`--seed must be a whole number from 0 to 4294967295, not "${value}".`, EXIT.usage);
  }
  return Number(value);
}

async function writeOutput(path: string, content: string | Uint8Array, what: string, log: (line: string) => void): Promise<void> {
  try {
    await writeFileAtomic(resolve(path), content);
  } catch (error) {
    throw new CliError(describeFileError(path, error, 'save'));
  }
  log(`Wrote the ${what} to ${path}.`);
}

export async function simulateCommand(args: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs('simulate', args, {
    from: { type: 'string' },
    url: { type: 'string' },
    json: { type: 'string' },
    pcap: { type: 'string' },
    seed: { type: 'string' },
    warm: { type: 'boolean' },
  });
  const file = requireOne('simulate', positionals, 'the topology FILE');
  if (!values.from) throw new CliError('packet-journey simulate: missing --from DEVICE (the host whose browser fetches).', EXIT.usage);
  if (!values.url) throw new CliError('packet-journey simulate: missing --url URL (what the browser fetches).', EXIT.usage);
  const seed = parseSeed(values.seed);
  const url = normalizeUrl(values.url);

  const { topology, name } = await loadTopologyFile(file);
  const scenario: Scenario = { from: findSourceDevice(topology, values.from, name), url, seed, warm: values.warm ?? false };
  let trace;
  try {
    trace = simulate(topology, scenario);
  } catch (error) {
    throw new CliError(`The simulation of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  log(formatTraceSummary(trace, topology, name));
  if (values.json) await writeOutput(values.json, traceToJson(trace), 'trace', log);
  if (values.pcap) await writeOutput(values.pcap, traceToPcapng(trace), 'capture', log);
  return trace.outcome.ok ? EXIT.ok : EXIT.fetchFailed;
}
