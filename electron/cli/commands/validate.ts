// `packet-journey validate FILE`: the same problems the Problems panel shows.
import { checkTopology } from '../../../shared/model/checks';
import { parseCommandArgs, requireOne } from '../args';
import { loadTopologyFile } from '../load-file';
import { EXIT } from '../usage';

export async function validateCommand(args: string[], log: (line: string) => void): Promise<number> {
  const { positionals } = parseCommandArgs('validate', args, {});
  const file = requireOne('validate', positionals, 'the topology FILE');
  const { topology, name } = await loadTopologyFile(file);
  const problems = checkTopology(topology);
  if (problems.length === 0) {
    log(`${name}: no problems found (${topology.devices.length} devices, ${topology.links.length} links).`);
    return EXIT.ok;
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  log(
    `${name}: ${problems.length} problem${problems.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}):`,
  );
  for (const problem of problems) log(`  ${problem.severity}: ${problem.message}`);
  return errors > 0 ? EXIT.failure : EXIT.ok;
}
