// Edits that touch more than one place in the topology. They mutate what they are given, so they run inside an
// immer recipe (one undo step) and equally on a plain object in tests.
import type { Device, Link, Topology } from '../../../shared/model/schema';

export function findDevice(topology: Topology, id: string): Device | undefined {
  return topology.devices.find((d) => d.id === id);
}

export function findLink(topology: Topology, id: string): Link | undefined {
  return topology.links.find((l) => l.id === id);
}

/** Is another device (not `exceptId`) already called `name`? Case-insensitive: "PC" and "pc" would confuse people. */
export function isDeviceNameTaken(topology: Topology, name: string, exceptId: string): boolean {
  const wanted = name.toLowerCase();
  return topology.devices.some((d) => d.id !== exceptId && d.name.toLowerCase() === wanted);
}

const endKey = (device: string, iface: string): string => `${device}\u0000${iface}`;

/** Every (device, interface) pair some link already plugs into. */
export function usedInterfaces(topology: Topology): Set<string> {
  const used = new Set<string>();
  for (const l of topology.links) {
    used.add(endKey(l.a.device, l.a.interface));
    used.add(endKey(l.b.device, l.b.interface));
  }
  return used;
}

/** Interfaces of `device` no link uses, plus `keep` (the one a link end already has) in the device's order. */
export function freeInterfaceNames(device: Device, used: Set<string>, keep?: string): string[] {
  return device.interfaces.map((i) => i.name).filter((name) => name === keep || !used.has(endKey(device.id, name)));
}

/**
 * Applies a pure edit of shared/model (e.g. renameInterface, removeInterface: the model keeps every reference to an
 * interface true) inside an immer recipe: the draft takes the result's devices and links.
 */
export function applyTopology(draft: Topology, next: Topology): void {
  if (next === draft) return;
  draft.devices = next.devices;
  draft.links = next.links;
}

/** Move `items[from]` to position `to` (rule order matters: first match wins). */
export function moveItem<T>(items: T[], from: number, to: number): void {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return;
  const [item] = items.splice(from, 1);
  items.splice(to, 0, item);
}

/** Optional settings are absent from the file when unset (never `"key": undefined`), so saves stay canonical. */
export function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
