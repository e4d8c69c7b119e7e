// The canonical text of a topology: what Save writes. Stable key order (the order of keys in the zod schema),
// 2-space indent, "\n" line ends and a trailing newline, so that files diff well and saving what was opened,
// unchanged, gives the same bytes.
import type { Topology } from './schema';
import { sentence, summarize, validateTopology } from './validate';

/** Throws if the topology does not satisfy the schema: an invalid model must never reach the disk. */
export function serializeTopology(t: Topology): string {
  const checked = validateTopology(t);
  if (!checked.ok) throw new Error(sentence(`Cannot save an invalid topology: ${summarize(checked.problems)}`));
  // zod builds its output in schema key order and leaves out absent optional keys: that is the canonical form.
  return `${JSON.stringify(checked.topology, null, 2)}\n`;
}
