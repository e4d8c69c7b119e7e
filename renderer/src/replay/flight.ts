// While playing, a step of the level that covers several frames first flies them, in order, along their links (the
// canvas overlay draws it), then settles on its key frame. This is how long that takes, and which hops are flown: the
// player waits for it before the next step, so a step's time on screen is its flight plus the usual pause.

/** One hop's flight at speed 1, at most and at least (a long step flies its hops faster). */
export const HOP_MS = 320;
export const MIN_HOP_MS = 70;
/** The longest flight at speed 1; a step with more hops than fit at MIN_HOP_MS flies an even sample of them. */
export const MAX_FLIGHT_MS = 5000;

export interface FlightPlan {
  /** Trace steps of the frames flown, in order (all of them, or an even sample that keeps the first and last). */
  frames: number[];
  hopMs: number;
  totalMs: number;
}

/** The flight of a step covering `frames` at `speed`; none for a step of one frame or less (it just moves). */
export function flightPlan(frames: readonly number[], speed: number): FlightPlan | undefined {
  if (frames.length < 2) return undefined;
  const fit = Math.floor(MAX_FLIGHT_MS / MIN_HOP_MS);
  let flown = [...frames];
  if (flown.length > fit) {
    flown = [];
    for (let i = 0; i < fit; i++) flown.push(frames[Math.round((i * (frames.length - 1)) / (fit - 1))]);
  }
  const hop = Math.max(MIN_HOP_MS, Math.min(HOP_MS, Math.floor(MAX_FLIGHT_MS / flown.length)));
  const hopMs = Math.round(hop / speed);
  return { frames: flown, hopMs, totalMs: hopMs * flown.length };
}

// One query, kept: creating it on every step measured half a millisecond.
let motionQuery: MediaQueryList | undefined;
/** The user asked for less motion: no flights (and no moving packet). */
export function reducedMotion(): boolean {
  if (typeof matchMedia !== 'function') return false;
  motionQuery ??= matchMedia('(prefers-reduced-motion: reduce)');
  return motionQuery.matches;
}
