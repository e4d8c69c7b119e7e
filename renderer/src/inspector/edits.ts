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

export function linksOfInterface(topology: Topology, deviceId: string, name: string): Link[] {
  return topology.links.filter(
    (l) => (l.a.device === deviceId && l.a.interface === name) || (l.b.device === deviceId && l.b.interface === name),
  );
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
  return device.interfaces
    .map((i) => i.name)
    .filter((name) => name === keep || !used.has(endKey(device.id, name)));
}

/**
 * Rename an interface everywhere it is referenced: link ends, NAT inside/outside, the DHCP server's interface and a
 * firewall's outside interface — otherwise a rename would silently unplug cables and break configurations.
 */
export function renameInterface(topology: Topology, deviceId: string, from: string, to: string): void {
  const device = findDevice(topology, deviceId);
  const iface = device?.interfaces.find((i) => i.name === from);
  if (!device || !iface || from === to) return;
  iface.name = to;
  for (const l of topology.links) {
    if (l.a.device === deviceId && l.a.interface === from) l.a.interface = to;
    if (l.b.device === deviceId && l.b.interface === from) l.b.interface = to;
  }
  if (device.kind === 'router') {
    if (device.nat) {
      if (device.nat.outside === from) device.nat.outside = to;
      device.nat.inside = device.nat.inside.map((n) => (n === from ? to : n));
    }
    if (device.dhcp?.interface === from) device.dhcp.interface = to;
  }
  if (device.kind === 'firewall' && device.outside === from) device.outside = to;
  if (device.kind === 'server' && device.roles.dhcp?.interface === from) device.roles.dhcp.interface = to;
}

/** Remove an interface and the links plugged into it (a cable cannot end in nothing). Returns the links removed. */
export function removeInterface(topology: Topology, deviceId: string, name: string): number {
  const device = findDevice(topology, deviceId);
  if (!device) return 0;
  const index = device.interfaces.findIndex((i) => i.name === name);
  if (index < 0) return 0;
  device.interfaces.splice(index, 1);
  const before = topology.links.length;
  topology.links = topology.links.filter(
    (l) => !((l.a.device === deviceId && l.a.interface === name) || (l.b.device === deviceId && l.b.interface === name)),
  );
  if (device.kind === 'router' && device.nat) device.nat.inside = device.nat.inside.filter((n) => n !== name);
  return before - topology.links.length;
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
