// Per-device state tables: the key of an entry in each table, and `stateAt` which replays the recorded changes
// on top of the initial snapshot — no re-simulation needed.
import type { DeviceState, StateTableName, Trace } from './trace';

type Entry = DeviceState[StateTableName][number];

const NONE: never[] = Object.freeze([]) as unknown as never[];

/** `shared`: every table is the same frozen empty array (cheap for snapshots of thousands of devices). */
export function emptyDeviceState(shared = false): DeviceState {
  if (shared) {
    return {
      addresses: NONE,
      settings: NONE,
      arp: NONE,
      macTable: NONE,
      routes: NONE,
      nat: NONE,
      conntrack: NONE,
      dhcpLeases: NONE,
      dnsCache: NONE,
      httpCache: NONE,
      hsts: NONE,
      hostCache: NONE,
      connections: NONE,
    };
  }
  return {
    addresses: [],
    settings: [],
    arp: [],
    macTable: [],
    routes: [],
    nat: [],
    conntrack: [],
    dhcpLeases: [],
    dnsCache: [],
    httpCache: [],
    hsts: [],
    hostCache: [],
    connections: [],
  };
}

/** The identity of an entry within its table; a change with the same key replaces the entry. */
export function entryKey(table: StateTableName, entry: Entry): string {
  const e = entry as unknown as Record<string, unknown>;
  switch (table) {
    case 'addresses':
      return `${e.interface}`;
    case 'settings':
      return `${e.setting}`;
    case 'arp':
      return `${e.interface}|${e.ip}`;
    case 'macTable':
      return `${e.mac}`;
    case 'routes':
      return `${e.destination}|${e.interface}`;
    case 'nat':
      return `${e.protocol}|${e.outsidePort}|${e.remoteIp}|${e.remotePort}`;
    case 'conntrack':
      return `${e.protocol}|${e.srcIp}|${e.srcPort}|${e.dstIp}|${e.dstPort}`;
    case 'dhcpLeases':
      return `${e.mac}`;
    case 'dnsCache':
      return `${e.name}|${e.type}|${e.value}`;
    case 'httpCache':
      return `${e.key}`;
    case 'hsts':
      return `${e.host}`;
    case 'hostCache':
      return `${e.name}`;
    case 'connections':
      return `${e.local}|${e.remote}`;
  }
}

const TABLES: StateTableName[] = Object.keys(emptyDeviceState()) as StateTableName[];

/**
 * The state of every device after step `stepIndex` has happened (stepIndex -1: before the first step).
 * Tables keep the order in which entries first appeared.
 */
export function stateAt(trace: Trace, stepIndex: number): Record<string, DeviceState> {
  const maps = new Map<string, Map<StateTableName, Map<string, Entry>>>();
  const tablesOf = (deviceId: string) => {
    let m = maps.get(deviceId);
    if (m === undefined) {
      m = new Map(TABLES.map((t) => [t, new Map<string, Entry>()]));
      maps.set(deviceId, m);
    }
    return m;
  };
  for (const [deviceId, state] of Object.entries(trace.initialState ?? {})) {
    const tables = tablesOf(deviceId);
    // A trace recorded before a table existed (a saved or frozen one) has no such key: that table starts empty.
    for (const table of TABLES)
      for (const entry of state[table] ?? []) tables.get(table)!.set(entryKey(table, entry), entry);
  }
  for (const change of trace.stateChanges ?? []) {
    if (change.step > stepIndex) break;
    const table = tablesOf(change.deviceId).get(change.table)!;
    if (change.entry === null) table.delete(change.key);
    else table.set(change.key, change.entry);
  }
  const out: Record<string, DeviceState> = {};
  for (const [deviceId, tables] of maps) {
    const state = emptyDeviceState() as unknown as Record<StateTableName, Entry[]>;
    for (const table of TABLES) state[table] = [...tables.get(table)!.values()];
    out[deviceId] = state as unknown as DeviceState;
  }
  return out;
}
