// A lesson's scenario before the recorded fetch: earlier fetches, a pause, and configuration changes between
// fetches ("add a deny rule, then fetch again"). One implementation for the file's replay section, the command
// line (`--then-set DEVICE.PATH=VALUE`, parsed here into the same ConfigChange) and the app's dialog; the engine
// applies the checked changes to its running devices (shared/engine/simulate.ts).
import { interpolate } from './checks';
import { Device, type ConfigChange, type Topology } from './schema';
import { describeIssues, formatJsonPath } from './validate';
import refusals from '../i18n/en/scenario.json';

export type PathPart = string | number;

/** Why a change cannot be made: a key of shared/i18n/<lang>/scenario.json with its values. */
export interface ChangeRefusal {
  key: keyof typeof refusals;
  params: Record<string, string | number>;
}

export type ChangeCheck<T> =
  { ok: true; value: T } | { ok: false; refusal: ChangeRefusal; /** `refusal` in English */ error: string };

function refuse(
  key: ChangeRefusal['key'],
  params: ChangeRefusal['params'],
): { ok: false; refusal: ChangeRefusal; error: string } {
  return { ok: false, refusal: { key, params }, error: interpolate(refusals[key], params) };
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d{1,4}\])*)$/;

/** `rules[0].action` → `['rules', 0, 'action']`; undefined if it is not a path. */
export function parsePath(path: string): PathPart[] | undefined {
  if (path === '') return undefined;
  const parts: PathPart[] = [];
  for (const segment of path.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) return undefined;
    parts.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** What a change reads like on the command line and in the replay banner: `fw.rules[0].action=deny`. */
export function formatChange(change: ConfigChange, deviceName = change.device): string {
  const value =
    typeof change.value === 'string' && change.value !== '' && !looksLikeJson(change.value)
      ? change.value
      : JSON.stringify(change.value);
  return `${deviceName}.${change.path}=${value}`;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The value written after `=`: JSON when it is JSON (80, true, null, "80", {...}), otherwise the text itself. */
export function parseChangeValue(text: string): ConfigChange['value'] {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed) as ConfigChange['value'];
  } catch {
    return text;
  }
}

export function findChangeDevice(topology: Topology, wanted: string): Device | undefined {
  return topology.devices.find((d) => d.id === wanted) ?? topology.devices.find((d) => d.name === wanted);
}

/**
 * `DEVICE.PATH=VALUE` → a ConfigChange. Device names may contain dots (`web.lan`): the longest name or id of the
 * topology that the text starts with wins.
 */
export function parseConfigAssignment(text: string, topology: Topology): ChangeCheck<ConfigChange> {
  const eq = text.indexOf('=');
  const target = eq < 0 ? text : text.slice(0, eq);
  if (eq < 0 || !target.includes('.')) return refuse('syntax', { text });
  const names = topology.devices.flatMap((d) => [d.name, d.id]).filter((n) => target.startsWith(`${n}.`));
  const device = names.sort((a, b) => b.length - a.length)[0] ?? target.slice(0, target.indexOf('.'));
  const change: ConfigChange = {
    device,
    path: target.slice(device.length + 1),
    value: parseChangeValue(text.slice(eq + 1)),
  };
  const checked = checkConfigChanges(topology, [change]);
  return checked.ok ? { ok: true, value: change } : checked;
}

/**
 * Parts of a device the engine reads only when the device starts (its identity, its interfaces and addresses, its
 * static routes): changing them between two fetches would need the device to be restarted.
 */
const FIXED_AT_START = new Set(['id', 'kind', 'name', 'interfaces', 'routes', 'outside']);
/** Services and functions that exist only if configured when the device starts. */
const STARTED_SERVICES = new Set(['nat', 'dhcp', 'web', 'dns', 'cache']);

/**
 * Checks changes against the topology, in order: the device exists, the path leads somewhere the running device
 * can change, and the changed device is still valid. Returns the topology with every change made (the input is
 * not modified).
 */
export function checkConfigChanges(topology: Topology, changes: readonly ConfigChange[]): ChangeCheck<Topology> {
  let current = topology;
  for (const change of changes) {
    const device = findChangeDevice(current, change.device);
    if (!device)
      return refuse('unknownDevice', { device: change.device, devices: current.devices.map((d) => d.name).join(', ') });
    const where = `${device.name}.${change.path}`;
    const parts = parsePath(change.path);
    if (!parts) return refuse('badPath', { where, path: change.path });
    if (FIXED_AT_START.has(String(parts[0]))) return refuse('fixedAtStart', { where, device: device.name });
    const copy = structuredCloneJson(device) as unknown as Record<string, unknown>;
    const service = parts[0] === 'roles' ? parts[1] : parts[0];
    if (STARTED_SERVICES.has(String(service))) {
      const holder = parts[0] === 'roles' ? (copy.roles as Record<string, unknown> | undefined) : copy;
      if (
        holder?.[String(service)] === undefined ||
        (parts.length === (parts[0] === 'roles' ? 2 : 1) && change.value === null)
      ) {
        return refuse('serviceAtStart', { where, device: device.name, service: String(service) });
      }
    }
    const reached = setAtPath(copy, parts, change.value);
    if (reached !== true) {
      const at = formatJsonPath(parts.slice(0, reached.depth));
      return reached.length !== undefined
        ? refuse('noSuchIndex', { where, list: `${device.name}.${at}`, count: reached.length })
        : refuse('notContainer', { where, at: `${device.name}.${at}` });
    }
    const parsed = Device.safeParse(copy);
    if (!parsed.success) {
      const unknownKey = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
      if (unknownKey) return refuse('unknownSetting', { where, device: device.name });
      const own = `${formatJsonPath(parts)}: `;
      const reasons = describeIssues(parsed.error.issues)
        .slice(0, 2)
        .map((line) => (line.startsWith(own) ? line.slice(own.length) : line));
      return refuse('badValue', { where, value: JSON.stringify(change.value), reason: reasons.join('; ') });
    }
    current = { ...current, devices: current.devices.map((d) => (d.id === device.id ? parsed.data : d)) };
  }
  return { ok: true, value: current };
}

/** The same JSON as a new object graph (topologies are plain JSON). */
export function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/**
 * Sets `parts` in `target` to `value`, in place. An object or list that is replaced keeps its identity (its
 * contents are replaced), so whatever holds it — a running service — sees the new contents. `null` removes an
 * object's key. Missing objects on the way are created; a list index may be one past the end (appends).
 * Returns true, or where the path could not be followed.
 */
export function setAtPath(
  target: Container,
  parts: readonly PathPart[],
  value: unknown,
): true | { depth: number; length?: number } {
  let node: Container = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (Array.isArray(node) !== (typeof part === 'number')) return { depth: i };
    if (Array.isArray(node) && (part as number) > node.length) return { depth: i, length: node.length };
    const record = node as Record<string | number, unknown>;
    if (last) {
      const old = record[part];
      if (value === null && !Array.isArray(node)) delete record[part];
      else if (value === null) (node as unknown[]).splice(part as number, 1);
      else if (Array.isArray(old) && Array.isArray(value)) old.splice(0, old.length, ...structuredCloneJson(value));
      else if (isContainer(old) && !Array.isArray(old) && isContainer(value) && !Array.isArray(value)) {
        for (const key of Object.keys(old)) delete old[key];
        Object.assign(old, structuredCloneJson(value));
      } else record[part] = isContainer(value) ? structuredCloneJson(value) : value;
      return true;
    }
    let next = record[part];
    if (next === undefined) {
      next = typeof parts[i + 1] === 'number' ? [] : {};
      record[part] = next;
    }
    if (!isContainer(next)) return { depth: i + 1 };
    node = next;
  }
  return true;
}

/** The changes in English, one sentence: for the command line's summary. */
export function describeChanges(changes: readonly ConfigChange[], topology: Topology): string {
  return changes.map((c) => formatChange(c, findChangeDevice(topology, c.device)?.name)).join(', ');
}
