// What a device's label on the canvas says, and the size of the box it takes: one place for both, so the node is
// drawn at a size known before it is mounted. React Flow then never has to measure a node that comes into view,
// which (with thousands of devices) re-ran work over every node each time panning brought new ones on screen.
import type { Device } from '../../../shared/model/schema';
import { interfaceAddressLines } from '../../../shared/slides/layout';
import { ICON_SIZE, NODE_WIDTH } from './geometry';

export const MAX_ADDRESS_LINES = 3;

/** Name line: 6 px gap, 14 px text (13 px zoomed out) at line-height 1.3, 1 px padding above and below (canvas.css). */
const NAME_BLOCK = 6 + 14 * 1.3 + 2;
const SIMPLE_NAME_BLOCK = 6 + 13 * 1.3 + 2;
/** Address block: 1 px gap, then 11.5 px monospace lines at line-height 1.35. */
const ADDRESS_GAP = 1;
const ADDRESS_LINE = 11.5 * 1.35;

/** One line per addressed interface, as the slides label devices too. */
export const addressLines = interfaceAddressLines;

export function roleBadges(device: Device): string[] {
  if (device.kind === 'server') {
    const r = device.roles;
    return [r.web && 'WEB', r.dns && (r.dns.recursive ? 'DNS·R' : 'DNS'), r.dhcp && 'DHCP', r.cache && 'CACHE'].filter(
      Boolean,
    ) as string[];
  }
  if (device.kind === 'router') return [device.nat && 'NAT', device.dhcp && 'DHCP'].filter(Boolean) as string[];
  return [];
}

/** Lines under the name: up to three addresses, then "+n" for the rest. */
export function shownAddressLines(device: Device): number {
  const n = addressLines(device).length;
  return n > MAX_ADDRESS_LINES ? MAX_ADDRESS_LINES + 1 : n;
}

/**
 * The node's box on the canvas, in flow units: the icon, the name and the address lines, as the DOM lays them out.
 * Zoomed out (not `detailed`) only icon and name are drawn, and the box shrinks to them: in a dense network, boxes
 * taller than what they show overlap their neighbours, and Chrome's layerization cost grows with that overlap.
 */
export function deviceBox(device: Device, detailed = true): { width: number; height: number } {
  if (!detailed) return { width: NODE_WIDTH, height: Math.round(ICON_SIZE + SIMPLE_NAME_BLOCK) };
  const lines = shownAddressLines(device);
  const height = ICON_SIZE + NAME_BLOCK + (lines > 0 ? ADDRESS_GAP + lines * ADDRESS_LINE : 0);
  return { width: NODE_WIDTH, height: Math.round(height) };
}
