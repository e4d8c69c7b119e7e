// Reading and loading a topology file for a subcommand, with the same checks and messages as the desktop app.
import { readTopologyFile } from '../main/files';
import { loadTopology } from '../../shared/model/load';
import type { Topology } from '../../shared/model/schema';
import { CliError } from './usage';

export async function loadTopologyFile(path: string): Promise<{ topology: Topology; text: string; name: string }> {
  const read = await readTopologyFile(path);
  if (!read.ok) throw new CliError(read.canceled ? `Cannot open ${path}.` : read.error);
  const loaded = loadTopology(read.file.bytes, read.file.name);
  if (!loaded.ok) throw new CliError(loaded.error);
  return { topology: loaded.topology, text: new TextDecoder().decode(read.file.bytes), name: read.file.name };
}
