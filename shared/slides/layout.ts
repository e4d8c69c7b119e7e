// Where each device, its label and each link go inside a box. The drawing keeps the arrangement the user made in
// the editor (x and y are scaled separately to use a 16:9 box well), shrinks devices when they crowd, and puts
// every label where it covers no device, no other label and as few links as possible.
import type { Device, Link, Topology } from '../model/schema';
import { textWidth, type FontWeight } from './metrics';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelLine {
  text: string;
  size: number;
  weight: FontWeight;
  muted: boolean;
}

export type LabelSide = 'below' | 'above' | 'right' | 'left';

export interface NodePlacement {
  device: Device;
  cx: number;
  cy: number;
  /** Side of the square device tile. */
  size: number;
  lines: LabelLine[];
  label: Box;
  side: LabelSide;
}

export interface LinkPlacement {
  link: Link;
  a: NodePlacement;
  b: NodePlacement;
}

export interface DiagramLayout {
  nodes: Map<string, NodePlacement>;
  links: LinkPlacement[];
  /** 1 = full size devices; smaller when the network is crowded. */
  nodeScale: number;
}

export const BASE_TILE = 76;
const NAME_SIZE = 23;
const ADDRESS_SIZE = 17;
const LINE_GAP = 1.25;
const LABEL_GAP = 8;
/** Distance between neighbouring device centres at which devices are drawn at full size. */
const COMFORTABLE_SPACING = 190;
const MAX_STRETCH = 2.6;

/** The lines under a device: its name, then one per addressed interface. */
export type AddressLines = (device: Device) => string[];

export function interfaceAddressLines(device: Device): string[] {
  const out: string[] = [];
  for (const i of device.interfaces) {
    if (i.mode === 'static' && i.address) out.push(i.address);
    else if (i.mode === 'dhcp') out.push(`${i.name}: DHCP`);
  }
  return out;
}

function labelLines(device: Device, addresses: string[], scale: number): LabelLine[] {
  const nameSize = Math.max(12, NAME_SIZE * scale);
  const lines: LabelLine[] = [{ text: device.name, size: nameSize, weight: 600, muted: false }];
  if (scale >= 0.55)
    for (const a of addresses)
      lines.push({ text: a, size: Math.max(10, ADDRESS_SIZE * scale), weight: 400, muted: true });
  return lines;
}

function measureLines(lines: LabelLine[]): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (const l of lines) {
    w = Math.max(w, textWidth(l.text, l.size, l.weight));
    h += l.size * LINE_GAP;
  }
  return { w, h };
}

function minNeighbourDistance(points: { x: number; y: number }[], sx: number, sy: number): number {
  if (points.length < 2) return Infinity;
  // Exact for the sizes a slide can show; a sample of pairs beyond that (a slide of thousands of devices shows dots).
  const limit = Math.min(points.length, 1500);
  let best = Infinity;
  for (let i = 0; i < limit; i++) {
    for (let j = i + 1; j < limit; j++) {
      const d = Math.hypot((points[i].x - points[j].x) * sx, (points[i].y - points[j].y) * sy);
      if (d > 0 && d < best) best = d;
    }
  }
  return best;
}

function overlaps(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

/** Length of the part of segment p→q inside the box (Liang–Barsky clipping); 0 when it misses. */
function segmentInBox(px: number, py: number, qx: number, qy: number, b: Box): number {
  let t0 = 0;
  let t1 = 1;
  const dx = qx - px;
  const dy = qy - py;
  const edges: [number, number][] = [
    [-dx, px - b.x],
    [dx, b.x + b.w - px],
    [-dy, py - b.y],
    [dy, b.y + b.h - py],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return 0;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return 0;
    }
  }
  return (t1 - t0) * Math.hypot(dx, dy);
}

function labelBox(side: LabelSide, cx: number, cy: number, tile: number, w: number, h: number): Box {
  const half = tile / 2;
  switch (side) {
    case 'below':
      return { x: cx - w / 2, y: cy + half + LABEL_GAP, w, h };
    case 'above':
      return { x: cx - w / 2, y: cy - half - LABEL_GAP - h, w, h };
    case 'right':
      return { x: cx + half + LABEL_GAP + 4, y: cy - h / 2, w, h };
    case 'left':
      return { x: cx - half - LABEL_GAP - 4 - w, y: cy - h / 2, w, h };
  }
}

const SIDES: LabelSide[] = ['below', 'above', 'right', 'left'];

export function layoutDiagram(
  topology: Topology,
  box: Box,
  addresses: AddressLines = interfaceAddressLines,
): DiagramLayout {
  const devices = topology.devices;
  const nodes = new Map<string, NodePlacement>();
  if (devices.length === 0) return { nodes, links: [], nodeScale: 1 };

  const xs = devices.map((d) => d.position.x);
  const ys = devices.map((d) => d.position.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;

  const fit = (nodeScale: number) => {
    const tile = BASE_TILE * nodeScale;
    const labelW = Math.min(220 * nodeScale, box.w / 4);
    const labelH = (NAME_SIZE + ADDRESS_SIZE * 2) * LINE_GAP * nodeScale;
    const mx = Math.max(tile / 2, labelW / 2) + 8;
    const top = tile / 2 + 12;
    const bottom = tile / 2 + LABEL_GAP + labelH;
    let sx = spanX > 0 ? Math.max(0, box.w - 2 * mx) / spanX : Infinity;
    let sy = spanY > 0 ? Math.max(0, box.h - top - bottom) / spanY : Infinity;
    if (sx === Infinity && sy === Infinity) sx = sy = 1;
    else if (sx === Infinity) sx = sy;
    else if (sy === Infinity) sy = sx;
    // Keep the drawing recognisable: neither axis stretched far more than the other.
    sx = Math.min(sx, sy * MAX_STRETCH);
    sy = Math.min(sy, sx * MAX_STRETCH);
    const usedW = spanX * sx;
    const usedH = spanY * sy;
    const ox = box.x + mx + (box.w - 2 * mx - usedW) / 2;
    const oy = box.y + top + (box.h - top - bottom - usedH) / 2;
    return { sx, sy, ox, oy, tile };
  };

  const points = devices.map((d) => d.position);
  let geometry = fit(1);
  const spacing = minNeighbourDistance(points, geometry.sx, geometry.sy);
  const nodeScale = Math.max(0.22, Math.min(1, spacing / COMFORTABLE_SPACING));
  if (nodeScale < 1) geometry = fit(nodeScale);
  const { sx, sy, ox, oy, tile } = geometry;

  const tiles: Box[] = [];
  for (const d of devices) {
    const cx = ox + (d.position.x - minX) * sx;
    const cy = oy + (d.position.y - minY) * sy;
    tiles.push({ x: cx - tile / 2, y: cy - tile / 2, w: tile, h: tile });
    nodes.set(d.id, { device: d, cx, cy, size: tile, lines: [], label: { x: cx, y: cy, w: 0, h: 0 }, side: 'below' });
  }

  const links: LinkPlacement[] = [];
  for (const link of topology.links) {
    const a = nodes.get(link.a.device);
    const b = nodes.get(link.b.device);
    if (a && b) links.push({ link, a, b });
  }

  const placed: Box[] = [];
  const labelsShown = nodeScale >= 0.24;
  for (const [i, d] of devices.entries()) {
    const node = nodes.get(d.id)!;
    if (!labelsShown) continue;
    node.lines = labelLines(d, addresses(d), nodeScale);
    const { w, h } = measureLines(node.lines);
    let best: { cost: number; side: LabelSide; box: Box } | undefined;
    for (const [rank, side] of SIDES.entries()) {
      const candidate = labelBox(side, node.cx, node.cy, tile, w, h);
      let cost = rank;
      for (const [j, t] of tiles.entries()) if (j !== i && overlaps(candidate, t, 4)) cost += 1000;
      for (const p of placed) if (overlaps(candidate, p, 4)) cost += 1000;
      // Padded by the label's halo and the width of a highlighted link.
      const padded = { x: candidate.x - 10, y: candidate.y - 10, w: candidate.w + 20, h: candidate.h + 20 };
      for (const l of links) {
        const hidden = segmentInBox(l.a.cx, l.a.cy, l.b.cx, l.b.cy, padded);
        if (hidden > 0) cost += 12 + hidden * 0.2;
      }
      if (
        candidate.x < box.x ||
        candidate.y < box.y ||
        candidate.x + w > box.x + box.w ||
        candidate.y + h > box.y + box.h
      )
        cost += 400;
      if (!best || cost < best.cost) best = { cost, side, box: candidate };
    }
    // On a crowded network a label that would cover a device or another label is left out rather than overlap.
    if (best!.cost >= 1000) {
      node.lines = [];
      continue;
    }
    node.label = best!.box;
    node.side = best!.side;
    placed.push(best!.box);
  }
  return { nodes, links, nodeScale };
}

/** Positions for a label's lines: baseline y of each, x at the anchor. */
export function labelLineBaselines(node: NodePlacement): {
  x: number;
  anchor: 'start' | 'middle' | 'end';
  ys: number[];
} {
  const { label, side } = node;
  const anchor = side === 'right' ? 'start' : side === 'left' ? 'end' : 'middle';
  const x = side === 'right' ? label.x : side === 'left' ? label.x + label.w : label.x + label.w / 2;
  const ys: number[] = [];
  let y = label.y;
  for (const l of node.lines) {
    y += l.size * LINE_GAP;
    ys.push(y - l.size * (LINE_GAP - 1) - l.size * 0.12);
  }
  return { x, anchor, ys };
}
