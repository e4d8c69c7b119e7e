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
