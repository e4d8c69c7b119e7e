// Which file a launch asks us to open: `packet-journey net.packetjourney`, a double-click (the OS passes the path)
// or a second launch handing its arguments to the running instance.
import { extname, resolve } from 'node:path';

export const TOPOLOGY_EXTENSION = '.packetjourney';

/** The last argument naming a .packetjourney file, resolved against the launching shell's directory. */
export function fileFromArgv(argv: readonly string[], workingDirectory: string): string | undefined {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === TOPOLOGY_EXTENSION);
  const last = candidates[candidates.length - 1];
  return last ? resolve(workingDirectory, last) : undefined;
}
