// Schema validation with messages a person can act on: each problem is "<JSON path>: <what is wrong>".
import type { z } from 'zod';
import { Topology } from './schema';

/** `['devices', 3, 'interfaces', 0, 'mac']` → `devices[3].interfaces[0].mac`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
      out += plain ? (out === '' ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .slice(0, 5)
        .map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k))
        .join(', ')}${issue.keys.length > 5 ? ', …' : ''}`;
    case 'invalid_union':
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return 'must be one of "host", "switch", "router", "firewall", "server"';
      }
      return issue.message;
    default:
      return issue.message;
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = formatJsonPath(issue.path);
    return `${where === '' ? '(top level)' : where}: ${describeIssue(issue)}`;
  });
}

/** At most `max` lines, then "and N more". */
export function summarize(lines: readonly string[], max = 5): string {
  const shown = lines.slice(0, max).join('; ');
  return lines.length > max ? `${shown}; and ${lines.length - max} more` : shown;
}

export type Validation = { ok: true; topology: Topology } | { ok: false; problems: string[] };

export function validateTopology(value: unknown): Validation {
  const result = Topology.safeParse(value);
  if (result.success) return { ok: true, topology: result.data };
  return { ok: false, problems: describeIssues(result.error.issues) };
}
