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
 * delayed the frame.) In a burst of steps (a held key) they follow at most every BURST_STEP_MS: each time they cost
 * several frames of work, which otherwise ran between every two steps of the burst and slowed the next step's frame.
 */
export function useStepAfterPaint(source: StepSource): number {
  const [painted, setPainted] = useState(source.get);
  const shown = useRef(painted);
  shown.current = painted;
  useEffect(() => {
    let changedAt = -Infinity;
    let caughtUpAt = -Infinity;
    let pending = false;
    let delay = 0;
    let frame = 0;
    let timer = 0;
    const catchUp = () => {
      pending = false;
      caughtUpAt = performance.now();
      setPainted(source.get());
    };
    // Always in the task right after a painted frame, even after waiting out part of a burst: rendered at any other
    // moment, the views' work could land between a key press and the frame that shows it.
    const afterNextPaint = () => {
      frame = requestAnimationFrame(() => {
        timer = window.setTimeout(catchUp, 0);
      });
    };
    const onChange = () => {
      const now = performance.now();
      const burst = now - changedAt < BURST_STEP_MS;
      changedAt = now;
      // One catch-up at a time; it reads the step as it is when it runs.
      if (pending) return;
      pending = true;
      const wait = burst ? Math.max(0, caughtUpAt + BURST_STEP_MS - now) : 0;
      if (wait > 0) delay = window.setTimeout(afterNextPaint, wait);
      else afterNextPaint();
    };
    const unsubscribe = source.subscribe(onChange);
    // A step taken between this hook's render and its subscription.
    if (source.get() !== shown.current) onChange();
    return () => {
      unsubscribe();
      clearTimeout(delay);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [source]);
  return painted;
}
