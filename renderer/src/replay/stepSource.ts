// The replay's current step as an external store the views subscribe to, instead of a prop: a step then re-renders
// only the few components that show it at once (position, scrubber, narration), not the workspace around them.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { BURST_STEP_MS } from '../../../shared/replay/playback';

export interface StepSource {
  /** The current trace step. */
  get(): number;
  /** Calls `listener` after the step has changed (and only then); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** The current step, re-rendering the caller in the same frame as the change. */
export function useStep(source: StepSource): number {
  return useSyncExternalStore(source.subscribe, source.get);
}

/**
 * The step as it was when the last frame was painted: it follows a change only in the task after the frame that showed
 * it. The event list, the ladder and the detail views (fields, bytes, hop table, device state) read the step through
 * this, so a key press paints the controls, narration and canvas first, within the frame, and the rest one frame
 * later. (React's useDeferredValue renders them before that first frame when the main thread looks idle, which
 * delayed the frame.)
 *
 * In a burst of steps (a held key, rapid presses, a scrubber drag) they wait until the burst ends: no step for
 * BURST_STEP_MS. Their catch-up is several frames' work (a new window of rows, every field and byte of another frame),
 * and its layout and paint land in the frame after it; during a burst that is always the frame of the next step,
 * which then took two frames to show. (Catching up every BURST_STEP_MS during a burst did exactly that, five times a
 * second.)
 */
export function useStepAfterPaint(source: StepSource): number {
  const [painted, setPainted] = useState(source.get);
  const shown = useRef(painted);
  shown.current = painted;
  useEffect(() => {
    let changedAt = -Infinity;
    let quiet = 0;
    let frame = 0;
    let timer = 0;
    const cancel = () => {
      clearTimeout(quiet);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // Always in the task right after a painted frame: rendered at any other moment, the views' work could land between
    // a key press and the frame that shows it.
    const afterNextPaint = () => {
      cancel();
      frame = requestAnimationFrame(() => {
        timer = window.setTimeout(() => setPainted(source.get()), 0);
      });
    };
    const onChange = () => {
      const now = performance.now();
      const burst = now - changedAt < BURST_STEP_MS;
      changedAt = now;
      if (!burst) {
        afterNextPaint();
        return;
      }
      cancel();
      quiet = window.setTimeout(afterNextPaint, BURST_STEP_MS);
    };
    const unsubscribe = source.subscribe(onChange);
    // A step taken between this hook's render and its subscription.
    if (source.get() !== shown.current) onChange();
    return () => {
      unsubscribe();
      cancel();
    };
  }, [source]);
  return painted;
}
