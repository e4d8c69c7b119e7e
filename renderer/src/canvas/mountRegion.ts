// Which devices and links the canvas hands React Flow to draw: those in a region around the view, kept while the view
// moves inside it. React Flow's own culling (onlyRenderVisibleElements) follows the view exactly, so every pan frame
// mounted the devices and links coming in at one edge and unmounted those leaving at the other, and panning back and
// forth did it again; each mount is a React render, style, layout and paint of a device or a link inside the layer the
// compositor is moving. With a margin of half a view on every side, a pan mounts a batch only when the view leaves the
// region, and a pan within it mounts nothing. (Measured, interleaved, panning in circles: at 1,000 devices 18.9 → 15.7 ms
// of CPU per step and 31.8 → 22.0 ms per frame; at 5,000 20.2 → 14.9 and 26.5 → 23.1. A long pan in one direction costs
// about a tenth more than culling to the view: the region's margins across the pan are drawn too.)
import type { DeviceFlowNode } from './DeviceNode';
import type { LinkFlowEdge } from './LinkEdge';
import { DETAIL_ZOOM, iconCenter } from './geometry';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Margin on each side, as a share of the view's width and height. Zoomed out past the detail level a view holds
 * thousands of simple tiles, and a wide margin would draw thousands more that opening a big network has to wait for.
 * (A quarter, against a tenth, at 5,000 devices zoomed out: panning 365 → 312 ms of CPU per step, opening no slower.)
 */
export function regionMargin(zoom: number): number {
  return zoom >= DETAIL_ZOOM ? 0.5 : 0.25;
}

/** The part of the world a `width` × `height` canvas shows at `transform` ([x, y, zoom], React Flow's). */
export function viewRect(
  transform: readonly [number, number, number],
  width: number,
  height: number,
): Rect | undefined {
  const [tx, ty, zoom] = transform;
  if (!(width > 0 && height > 0 && zoom > 0)) return undefined;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const overlaps = (a: Rect, b: Rect) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/**
 * The region to draw for `view`: `current` while the view stays inside it (and zooming in has not left it much
 * larger than the view needs), else the view grown by `margin` (a share of its size) on every side.
 */
export function nextRegion(current: Rect | null, view: Rect, margin: number): Rect {
  if (current && inside(view, current) && current.width <= view.width * (1 + 2 * margin) * 1.5) return current;
  return {
    x: view.x - view.width * margin,
    y: view.y - view.height * margin,
    width: view.width * (1 + 2 * margin),
    height: view.height * (1 + 2 * margin),
  };
}

/**
 * The devices and links to draw for `region`: every device whose box meets it, every link whose line may cross it
 * (with both its devices, so React Flow can draw it). Arrays are the inputs themselves when nothing is left out.
 */
export function cullToRegion(
  nodes: DeviceFlowNode[],
  edges: LinkFlowEdge[],
  region: Rect,
): { nodes: DeviceFlowNode[]; edges: LinkFlowEdge[] } {
  const shown = new Set<string>();
  for (const n of nodes) {
    if (overlaps({ x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 }, region))
      shown.add(n.id);
  }
  for (const e of edges) {
    if (!e.data || (shown.has(e.source) && shown.has(e.target))) continue;
    const a = iconCenter(e.data.from);
    const b = iconCenter(e.data.to);
    const box = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
    if (overlaps(box, region)) {
      shown.add(e.source);
      shown.add(e.target);
    }
  }
  if (shown.size === nodes.length) return { nodes, edges };
  return {
    nodes: nodes.filter((n) => shown.has(n.id)),
    edges: edges.filter((e) => shown.has(e.source) && shown.has(e.target)),
  };
}

/**
 * React Flow moves the selected devices it holds when one of them is dragged (or nudged with the keyboard), all by one
 * offset. Selected devices outside the region are not among them, nor are those the region took in during the drag;
 * and one the region let go of during the drag is still reported, where it was when it went. Sets all of those in
 * `moves` (device id → new position), shifted by the offset of a device React Flow does hold (`drawn`).
 */
export function moveRestOfSelection(
  moves: Map<string, { x: number; y: number }>,
  selected: readonly string[],
  devices: readonly { id: string; position: { x: number; y: number } }[],
  drawn: { has(id: string): boolean },
): void {
  const chosen = new Set(selected);
  const movedId = [...moves.keys()].find((id) => chosen.has(id) && drawn.has(id));
  const rest = selected.filter((id) => !moves.has(id) || !drawn.has(id));
  if (rest.length === 0 || movedId === undefined) return;
  const byId = new Map(devices.map((d) => [d.id, d.position]));
  const from = byId.get(movedId);
  const to = moves.get(movedId)!;
  if (!from) return;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  for (const id of rest) {
    const at = byId.get(id);
    if (at) moves.set(id, { x: at.x + dx, y: at.y + dy });
  }
}
