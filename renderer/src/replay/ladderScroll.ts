// Where the ladder scrolls sideways to show the current arrow or mark.

/** Horizontal distance between lanes, and the margin left and right of the outer lanes, in px. */
export const LANE = 80;
export const PAD = 48;

/** A lane's x in the ladder. */
export const laneX = (lane: number): number => PAD + lane * LANE;

/**
 * The scrollLeft that shows the current row: unchanged while its lanes are in view; else the row centred, when it
 * fits; an arrow wider than the view is shown at its head, where the frame arrives (centred, a wide arrow showed
 * neither end). Always on a lane boundary, so the leftmost lane shown keeps its whole name.
 */
export function ladderScrollLeft(lanes: { from: number; to: number }, scrollLeft: number, viewWidth: number, width: number): number {
  const left = Math.min(laneX(lanes.from), laneX(lanes.to)) - PAD;
  const right = Math.max(laneX(lanes.from), laneX(lanes.to)) + PAD;
  if (viewWidth <= 0 || (left >= scrollLeft && right <= scrollLeft + viewWidth)) return scrollLeft;
  const wide = right - left > viewWidth;
  const rightward = lanes.from <= lanes.to;
  const target = !wide ? (left + right) / 2 - viewWidth / 2 : rightward ? right - viewWidth : left;
  // A wide arrow's head stays in view whichever way the boundary is reached.
  const snap = !wide ? Math.round : rightward ? Math.ceil : Math.floor;
  const snapped = snap(target / LANE) * LANE;
  return Math.max(0, Math.min(snapped, width - viewWidth));
}
