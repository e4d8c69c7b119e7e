// The view that shows a whole document, worked out from the devices' positions and the boxes the canvas gives them,
// before React Flow draws anything: fitting after a first frame drew a big network twice (at zoom 1, then fitted).
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { Device } from '../../../shared/model/schema';
import { deviceBox } from './deviceLabel';
import { DETAIL_ZOOM } from './geometry';

export const FIT = { padding: 0.15, maxZoom: 1.25 };
export const MIN_ZOOM = 0.05;

function bounds(devices: readonly Device[], detailed: boolean) {
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -Infinity,
    y2 = -Infinity;
  for (const d of devices) {
    const box = deviceBox(d, detailed);
    x1 = Math.min(x1, d.position.x);
    y1 = Math.min(y1, d.position.y);
    x2 = Math.max(x2, d.position.x + box.width);
    y2 = Math.max(y2, d.position.y + box.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * The viewport showing all `devices` in a `width` × `height` canvas, or undefined when there is nothing to fit. From
 * the document, not React Flow's nodes: React Flow holds only the devices around the view (mountRegion.ts).
 */
export function documentViewport(
  devices: readonly Device[],
  width: number,
  height: number,
  fit: { padding: number; maxZoom: number } = FIT,
): Viewport | undefined {
  if (devices.length === 0 || width <= 0 || height <= 0) return undefined;
  const detailed = getViewportForBounds(bounds(devices, true), width, height, MIN_ZOOM, fit.maxZoom, fit.padding);
  // Zoomed out past the detail level, devices are drawn smaller: fit those boxes.
  return detailed.zoom >= DETAIL_ZOOM
    ? detailed
    : getViewportForBounds(bounds(devices, false), width, height, MIN_ZOOM, fit.maxZoom, fit.padding);
}
