// A discrete-event queue on virtual time (µs). Events at the same time run in the order they were scheduled,
// which keeps every run of the same scenario identical.

export interface Timer {
  readonly at: number;
  cancelled: boolean;
}

interface QueuedEvent extends Timer {
  seq: number;
  run: () => void;
}

export class EventQueue {
  private heap: QueuedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: () => void): Timer {
    const event: QueuedEvent = { at, seq: this.seq++, run, cancelled: false };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
    return event;
  }

  /** The next live event, removed from the queue; cancelled events are discarded on the way. */
  pop(): QueuedEvent | undefined {
    for (;;) {
      const top = this.take();
      if (top === undefined || !top.cancelled) return top;
    }
  }

  /** The time of the next live event without removing it. */
  peekTime(): number | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.take();
    return this.heap[0]?.at;
  }

  private take(): QueuedEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && before(heap[l], heap[best])) best = l;
        if (r < heap.length && before(heap[r], heap[best])) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
