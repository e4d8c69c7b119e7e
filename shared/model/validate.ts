// Schema validation with messages a person can act on: each problem is "<JSON path>: <what is wrong>".
import type { z } from 'zod';
import { Device, Link, Topology } from './schema';

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

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  undefined: 'missing',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

/** Plain English for zod's built-in messages; our own messages (from the schema) pass through unchanged. */
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
    case 'invalid_type': {
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === 'undefined') return `is missing (it must be ${typeName(issue.expected)})`;
      if (issue.expected === 'int' && received === 'number') return 'must be a whole number';
      return received ? `must be ${typeName(issue.expected)}, not ${typeName(received)}` : issue.message;
    }
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])}`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const atLeast = issue.code === 'too_small' ? 'at least' : 'at most';
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') return `must be ${atLeast} ${bound} character${bound === 1 ? '' : 's'} long`;
      if (issue.origin === 'array') return `must have ${atLeast} ${bound} item${bound === 1 ? '' : 's'}`;
      if (inclusive) return `must be ${atLeast} ${bound}`;
      return `must be ${issue.code === 'too_small' ? 'more' : 'less'} than ${bound}`;
    }
    default:
      return issue.message;
  }
}

/** One line per problem; only the first problem of each JSON path (an empty name is not also a bad pattern). */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  seen = new Set<string>(),
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = formatJsonPath([...prefix, ...issue.path]);
    if (seen.has(where)) continue;
    seen.add(where);
    lines.push(`${where === '' ? '(top level)' : where}: ${describeIssue(issue)}`);
  }
  return lines;
}

/** Ends a sentence with a full stop unless it already has one. */
export const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

/** At most `max` lines, then "and N more". */
export function summarize(lines: readonly string[], max = 5): string {
  const shown = lines.slice(0, max).join('; ');
  return lines.length > max ? `${shown}; and ${lines.length - max} more` : shown;
}

/** Problems described before validation stops: a file of 100,000 bad items needs a few lines, not 100,000. */
export const MAX_PROBLEMS = 100;

/** `cutShort`: validation stopped at MAX_PROBLEMS, there are more. */
export type Validation = { ok: true; topology: Topology } | { ok: false; problems: string[]; cutShort: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The devices and links are checked one at a time and checking stops after MAX_PROBLEMS, so the memory a bad
 * file costs is bounded by the problems shown (zod collects every issue of a parse: millions for a long list).
 */
export function validateTopology(value: unknown): Validation {
  if (!isObject(value) || !Array.isArray(value.devices) || !Array.isArray(value.links)) {
    const result = Topology.safeParse(value);
    if (result.success) return { ok: true, topology: result.data };
    return { ok: false, problems: describeIssues(result.error.issues), cutShort: false };
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  const top = Topology.safeParse({ ...value, devices: [], links: [] });
  if (!top.success) problems.push(...describeIssues(top.error.issues, [], seen));
  const checkAll = <T>(field: 'devices' | 'links', items: unknown[], schema: z.ZodType<T>): T[] => {
    const out: T[] = [];
    for (let i = 0; i < items.length && problems.length < MAX_PROBLEMS; i++) {
      const result = schema.safeParse(items[i]);
      if (result.success) out.push(result.data);
      else for (const line of describeIssues(result.error.issues, [field, i], seen)) problems.push(line);
    }
    return out;
  };
  const devices = checkAll('devices', value.devices, Device);
  const links = checkAll('links', value.links, Link);
  if (problems.length > 0 || !top.success) {
    const cutShort = problems.length >= MAX_PROBLEMS;
    return { ok: false, problems: cutShort ? problems.slice(0, MAX_PROBLEMS) : problems, cutShort };
  }
  return { ok: true, topology: { ...top.data, devices, links } };
}
