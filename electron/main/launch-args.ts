// Which file a launch asks us to open: `packet-journey net.packetjourney`, a double-click (the OS passes the path)
// or a second launch handing its arguments to the running instance.
import { extname, resolve } from 'node:path';
import { parseDeepLink } from '../../shared/replay/deep-link';

export const TOPOLOGY_EXTENSION = '.packetjourney';

/** The last argument naming a .packetjourney file, resolved against the launching shell's directory. */
export function fileFromArgv(argv: readonly string[], workingDirectory: string): string | undefined {
  const candidates = argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === TOPOLOGY_EXTENSION);
  const last = candidates[candidates.length - 1];
  return last ? resolve(workingDirectory, last) : undefined;
}

/** The last argument that is a link to a moment of a journey (`#/open/home-to-web?from=pc&…&step=12`, the same
 *  text web mode takes in its address; also `packet-journey://open/…`). Only well-formed links are passed on. */
export function journeyLinkFromArgv(argv: readonly string[]): string | undefined {
  const links = argv.slice(1).filter((arg) => parseDeepLink(arg) !== undefined);
  return links[links.length - 1];
}
