// The rows the event list and the ladder show: the current level's items (a group row per item that covers several
// steps, expandable to them), or, with "all frames" on, every trace step on its own. Pure, so both views and the tests
// agree on what a row is.
import type { ReplayItem } from '../../../shared/replay/levels';

export type ViewRow =
  /** One item of the level; `step` is its key step (what choosing the row shows). */
  | { kind: 'item'; item: number; step: number; expandable: boolean; expanded: boolean }
  /** One trace step: a frame hop, a decision or a drop; `depth` 1 under an expanded item. */
  | { kind: 'step'; item: number; step: number; depth: 0 | 1 };

export interface RowOptions {
  /** Every trace step as a row, as at the finest level, instead of the level's items. */
  allFrames: boolean;
  /** Items (by index) whose steps are shown under their row. */
  expanded: ReadonlySet<number>;
  /** Which steps pass the list's filter; absent: all. An item is shown when any of its steps passes. */
  matches?: (step: number) => boolean;
  /** Which steps can be a row at all (the ladder draws frames and drops, not decisions); absent: all. */
  drawable?: (step: number) => boolean;
}

export function viewRows(items: readonly ReplayItem[], options: RowOptions): ViewRow[] {
  const passes = (s: number) => options.matches?.(s) ?? true;
  const shows = (s: number) => (options.drawable?.(s) ?? true) && passes(s);
  const rows: ViewRow[] = [];
  items.forEach((item, i) => {
    if (options.allFrames) {
      for (let s = item.first; s <= item.last; s++)
        if (shows(s)) rows.push({ kind: 'step', item: i, step: s, depth: 0 });
      return;
    }
    // An item is shown when one of its steps passes the filter (an empty trace's only item always is).
    if (options.matches && item.last >= item.first) {
      let any = false;
      for (let s = item.first; s <= item.last && !any; s++) any = passes(s);
      if (!any) return;
    }
    const expandable = item.last > item.first;
    const expanded = expandable && options.expanded.has(i);
    rows.push({ kind: 'item', item: i, step: item.keyStep, expandable, expanded });
    if (expanded)
      for (let s = item.first; s <= item.last; s++)
        if (shows(s)) rows.push({ kind: 'step', item: i, step: s, depth: 1 });
  });
  return rows;
}

/** The first row of item `item` (rows are in item order), or the row after where it would be. */
function lowerBound(rows: readonly ViewRow[], item: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].item < item) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows of one item, as one span (the list and the ladder tint the current item with a band behind them). */
export function itemRows(rows: readonly ViewRow[], item: number): { from: number; to: number } | undefined {
  const from = lowerBound(rows, item);
  const to = lowerBound(rows, item + 1) - 1;
  return to >= from ? { from, to } : undefined;
}

/**
 * The row that shows `step` of item `item`: the item's row when the step is its key step (opening an item keeps its
 * row the current one), else the step's own row when it is shown, else the item's row; else the nearest row before
 * (a step the filter hides). −1 when there are no rows.
 */
export function rowOfStep(rows: readonly ViewRow[], item: number, step: number): number {
  const span = itemRows(rows, item);
  if (span) {
    const head = rows[span.from];
    if (head.kind === 'item' && head.step === step) return span.from;
    for (let r = span.from; r <= span.to; r++) if (rows[r].kind === 'step' && rows[r].step === step) return r;
    for (let r = span.from; r <= span.to; r++) if (rows[r].kind === 'item') return r;
    // all frames: the nearest shown step of the item at or before it
    let best = -1;
    for (let r = span.from; r <= span.to; r++) if (rows[r].step <= step) best = r;
    return best >= 0 ? best : span.from;
  }
  if (rows.length === 0) return -1;
  return Math.max(0, lowerBound(rows, item) - 1);
}

/** The items to show expanded: those the user opened, and the current one when its shown step is not its key step. */
export function expandedWith(
  open: ReadonlySet<number>,
  items: readonly ReplayItem[],
  item: number,
  step: number,
): ReadonlySet<number> {
  const it = items[item];
  if (!it || step === it.keyStep || open.has(item) || it.last <= it.first) return open;
  return new Set([...open, item]);
}

/**
 * Each row's place among its siblings, for a screen reader ("3 of 40"): the list renders only the rows in view, so
 * the tree's size cannot be counted from its elements. Top-level rows count among the top-level rows; a step under
 * an expanded item among that item's steps.
 */
export function treePositions(rows: readonly ViewRow[]): { posinset: number; setsize: number }[] {
  const out: { posinset: number; setsize: number }[] = new Array(rows.length);
  const top = rows.reduce((n, r) => n + (r.kind === 'item' || r.depth === 0 ? 1 : 0), 0);
  let topAt = 0;
  let r = 0;
  while (r < rows.length) {
    out[r] = { posinset: ++topAt, setsize: top };
    let end = r + 1;
    while (end < rows.length && rows[end].kind === 'step' && (rows[end] as { depth: number }).depth === 1) end++;
    for (let c = r + 1; c < end; c++) out[c] = { posinset: c - r, setsize: end - r - 1 };
    r = end;
  }
  return out;
}
