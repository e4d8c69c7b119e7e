// Older file versions, upgraded step by step to the current one. Each step takes the parsed JSON of version N and
// returns version N+1; it works on untyped data and never throws — whatever it cannot make sense of it leaves in
// place, so that schema validation afterwards points at the exact field.
//
// Version 1 (pre-release, 2026): identical to version 2 except for interfaces, which had
//   { "name": "eth0", "mac": "…", "ip": "192.168.0.10", "prefix": 24 }
// i.e. the address and its prefix length in two fields, and no "mode": an interface with "ip" was static, one
// without was unaddressed ("none"; version 1 had no DHCP clients).
// Version 2: { "name", "mac", "mode": "static" | "dhcp" | "none", "address"?: "192.168.0.10/24" }.
import { CURRENT_VERSION } from './schema';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function migrateInterfaceV1(value: unknown): unknown {
  if (!isObject(value)) return value;
  const { ip, prefix, ...rest } = value;
  const out: Json = { ...rest };
  if (typeof ip === 'string' && typeof prefix === 'number') {
    out.mode ??= 'static';
    out.address = `${ip}/${prefix}`;
  } else if (ip === undefined && prefix === undefined) {
    out.mode ??= 'none';
  } else {
    // Half an address: keep the old fields so the schema error names them.
    if (ip !== undefined) out.ip = ip;
    if (prefix !== undefined) out.prefix = prefix;
    out.mode ??= 'static';
  }
  return out;
}

function v1ToV2(file: Json): Json {
  const devices = Array.isArray(file.devices)
    ? file.devices.map((device) =>
        isObject(device) && Array.isArray(device.interfaces)
          ? { ...device, interfaces: device.interfaces.map(migrateInterfaceV1) }
          : device,
      )
    : file.devices;
  return { ...file, version: 2, devices };
}

/** MIGRATIONS[n] turns version n into version n+1. */
const MIGRATIONS: Record<number, (file: Json) => Json> = { 1: v1ToV2 };

export const OLDEST_READABLE_VERSION = 1;

/** Upgrades a parsed file of version `from` to the current version. The caller checks the version range first. */
export function migrate(file: Json, from: number): Json {
  let current = file;
  for (let version = from; version < CURRENT_VERSION; version++) current = MIGRATIONS[version](current);
  return current;
}
