// Shared measurements of a device node, so edges can attach to the icon rather than the whole label block.
export const NODE_WIDTH = 136;
export const ICON_SIZE = 52;
/** Distance from the icon centre where a link line starts: just outside the icon tile. */
export const LINK_CLEARANCE = 32;
/** Where interface labels sit along a link, from the icon centre. */
export const LABEL_DISTANCE = 54;
export const GRID = 16;
/** Below this zoom, devices draw as bare icons and links without labels (level of detail). */
export const DETAIL_ZOOM = 0.5;

export function iconCenter(position: { x: number; y: number }, width = NODE_WIDTH) {
  return { x: position.x + width / 2, y: position.y + ICON_SIZE / 2 };
}

/** The point `distance` from `from` towards `to`, and the length of that segment. */
export function along(from: { x: number; y: number }, to: { x: number; y: number }, distance: number) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance, length };
}
