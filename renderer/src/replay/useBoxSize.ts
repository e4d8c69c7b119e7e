// The size a scroller really has on screen, for drawing only the rows in view: a height worked out from the panel's
// size and its neighbours' was wrong whenever they changed (e.g. the filter chips wrapping onto a second line), and
// the current row was then scrolled to just below the visible part.
import { useEffect, useState, type RefObject } from 'react';

export interface BoxSize {
  width: number;
  height: number;
}

/** The element's content box in whole pixels, `initial` until it is first measured. */
export function useBoxSize(ref: RefObject<HTMLElement | null>, initial: BoxSize): BoxSize {
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      const height = Math.round(entry.contentRect.height);
      setSize((was) => (was.width === width && was.height === height ? was : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
