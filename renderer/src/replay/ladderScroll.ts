// How wide the ladder's lanes are, and where it scrolls sideways to show the current arrow or mark.

/** Lane spacing when the lanes do not fit the view (they scroll then), the least they are squeezed to, and the most. */
export const LANE = 68;
export const MIN_LANE = 44;
export const MAX_LANE = 140;
/** Margin left and right of the outer lanes, in px. */
export const PAD = 44;
/** Below this spacing the lane names take turns on two lines, so each has two lanes' width. */
export const STAGGER_BELOW = 84;

/**
 * The spacing that fits every lane into the view (as wide as MAX_LANE allows), down to MIN_LANE; below that the
 * ladder keeps LANE and scrolls sideways.
 */
export function fitLane(viewWidth: number, lanes: number): number {
  if (lanes <= 1 || viewWidth <= 0) return LANE;
  const fit = Math.floor((viewWidth - PAD * 2) / (lanes - 1));
  return fit >= MIN_LANE ? Math.min(fit, MAX_LANE) : LANE;
}

/** A lane's x in the ladder. */
export const laneX = (lane: number, spacing = LANE): number => PAD + lane * spacing;

/**
 * The scrollLeft that shows the current row: unchanged while its lanes are in view; else the row centred, when it
 * fits; an arrow wider than the view is shown at its head, where the frame arrives (centred, a wide arrow showed
 * neither end). Always on a lane boundary, so the leftmost lane shown keeps its whole name.
 */
export function ladderScrollLeft(
  lanes: { from: number; to: number },
  scrollLeft: number,
  viewWidth: number,
  width: number,
  spacing = LANE,
): number {
  const left = Math.min(laneX(lanes.from, spacing), laneX(lanes.to, spacing)) - PAD;
  const right = Math.max(laneX(lanes.from, spacing), laneX(lanes.to, spacing)) + PAD;
  if (viewWidth <= 0 || (left >= scrollLeft && right <= scrollLeft + viewWidth)) return scrollLeft;
  const wide = right - left > viewWidth;
  const rightward = lanes.from <= lanes.to;
  const target = !wide ? (left + right) / 2 - viewWidth / 2 : rightward ? right - viewWidth : left;
  // A wide arrow's head stays in view whichever way the boundary is reached.
  const snap = !wide ? Math.round : rightward ? Math.ceil : Math.floor;
  const snapped = snap(target / spacing) * spacing;
  return Math.max(0, Math.min(snapped, width - viewWidth));
}
