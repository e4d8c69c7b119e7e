// `packet-journey simulate FILE --from DEVICE --url URL [--json OUT.json] [--pcap OUT.pcapng [--pcap-every-hop]]
//    [--seed N] [--warm] [--before URL]... [--pause SECONDS] [--then-set DEVICE.PATH=VALUE]...`
import { traceToPcapng } from '../../../shared/engine/pcap';
import { parseCommandArgs, requireOne } from '../args';
import { JOURNEY_OPTIONS, journeyOptions, runJourney } from '../journey';
import { formatTraceSummary } from '../summary';
import { traceToJson } from '../../../shared/engine/trace-json';
import { refuseOverlaps, writeOutputFile } from '../outputs';
import { EXIT } from '../usage';

async function writeOutput(
  path: string,
  content: string | Uint8Array,
  what: string,
  log: (line: string) => void,
): Promise<void> {
  await writeOutputFile(path, content);
  log(`Wrote the ${what} to ${path}.`);
}

export async function simulateCommand(args: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs('simulate', args, {
    ...JOURNEY_OPTIONS,
    json: { type: 'string' },
    pcap: { type: 'string' },
    'pcap-every-hop': { type: 'boolean' },
    before: { type: 'string', multiple: true },
    pause: { type: 'string' },
    'then-set': { type: 'string', multiple: true },
  });
  const file = requireOne('simulate', positionals, 'the topology FILE');
  const journey = journeyOptions('simulate', values);
  await refuseOverlaps(
    'simulate',
    [{ what: 'topology file', path: file }],
    [
      { flag: '--json', path: values.json },
      { flag: '--pcap', path: values.pcap },
    ],
  );
  const { topology, name, trace } = await runJourney(file, {
    ...journey,
    before: values.before,
    pause: values.pause,
    thenSet: values['then-set'],
  });
  log(formatTraceSummary(trace, topology, name));
  if (values.json) await writeOutput(values.json, traceToJson(trace), 'trace', log);
  if (values.pcap)
    await writeOutput(values.pcap, traceToPcapng(trace, { everyHop: values['pcap-every-hop'] }), 'capture', log);
  return trace.outcome.ok ? EXIT.ok : EXIT.fetchFailed;
}
