import { describe, expect, it } from 'vitest';
import { coldTrace, homeToWeb } from '../../../shared/replay/testing';
import { replayContext } from '../../../shared/replay/context';
import { classifySteps } from '../../../shared/replay/classify';
import { stepFilter } from '../../../shared/replay/filters';
import { allFrameItems, viewAtLevel } from '../../../shared/replay/levels';
import { expandedWith, itemRows, rowOfStep, treePositions, viewRows } from './rows';

const trace = coldTrace();
const ctx = replayContext(trace, homeToWeb);
const classes = classifySteps(trace, ctx);
const level4 = viewAtLevel(trace, 4, ctx);
const none = new Set<number>();

describe('the rows of the event list and the ladder', () => {
  it('at a level: one row per item, on its key step, not one per trace step', () => {
    const rows = viewRows(level4, { allFrames: false, expanded: none });
    expect(rows.length).toBe(level4.length);
    expect(rows.length).toBeLessThan(trace.steps.length);
    rows.forEach((row, i) =>
      expect(row).toMatchObject({ kind: 'item', item: i, step: level4[i].keyStep, expanded: false }),
    );
  });

  it("tells each row its place among its siblings: items among the items, an expanded item's steps among its steps", () => {
    const wide = level4.findIndex((it) => it.last - it.first > 3);
    const rows = viewRows(level4, { allFrames: false, expanded: new Set([wide]) });
    const places = treePositions(rows);
    const heads = rows.flatMap((r, i) => (r.kind === 'item' ? [places[i]] : []));
    expect(heads).toEqual(level4.map((_, i) => ({ posinset: i + 1, setsize: level4.length })));
    const size = level4[wide].last - level4[wide].first + 1;
    const children = rows.flatMap((r, i) => (r.kind === 'step' ? [places[i]] : []));
    expect(children).toEqual(Array.from({ length: size }, (_, k) => ({ posinset: k + 1, setsize: size })));
    const all = viewRows(level4, { allFrames: true, expanded: none });
    expect(treePositions(all).at(-1)).toEqual({ posinset: trace.steps.length, setsize: trace.steps.length });
  });

  it('an expanded item lists every step it covers under its row, in order', () => {
    const wide = level4.findIndex((it) => it.last - it.first > 3);
    const rows = viewRows(level4, { allFrames: false, expanded: new Set([wide]) });
    const span = itemRows(rows, wide)!;
    expect(rows[span.from]).toMatchObject({ kind: 'item', expanded: true });
    const children = rows.slice(span.from + 1, span.to + 1).map((r) => r.step);
    expect(children).toEqual(
      Array.from({ length: level4[wide].last - level4[wide].first + 1 }, (_, k) => level4[wide].first + k),
    );
    expect(rows.length).toBe(level4.length + children.length);
  });

  it('"all frames": every trace step once, in order, at any level', () => {
    for (const items of [viewAtLevel(trace, 1, ctx), level4, allFrameItems(trace, ctx)]) {
      const rows = viewRows(items, { allFrames: true, expanded: none });
      expect(rows.map((r) => r.step)).toEqual(trace.steps.map((s) => s.index));
      expect(rows.every((r) => r.kind === 'step' && r.depth === 0)).toBe(true);
    }
  });

  it('a filter keeps the items that have a matching step, and only matching steps', () => {
    const matches = stepFilter(trace, classes, { protocols: ['dns'] });
    const rows = viewRows(level4, { allFrames: false, expanded: none, matches });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const item = level4[row.item];
      let any = false;
      for (let s = item.first; s <= item.last; s++) any ||= matches(s);
      expect(any).toBe(true);
    }
    const all = viewRows(level4, { allFrames: true, expanded: none, matches });
    expect(all.every((r) => matches(r.step))).toBe(true);
  });

  it("the current row: the step's own row when shown, else its item's row", () => {
    const wide = level4.findIndex((it) => it.last - it.first > 3);
    // a step of the item other than its key step
    const inside = level4[wide].keyStep === level4[wide].first ? level4[wide].first + 1 : level4[wide].first;
    const collapsed = viewRows(level4, { allFrames: false, expanded: none });
    expect(rowOfStep(collapsed, wide, inside)).toBe(wide);
    // a frame picked inside an item opens it, and that frame's row is the current one
    const open = expandedWith(none, level4, wide, inside);
    expect(open.has(wide)).toBe(true);
    expect(expandedWith(none, level4, wide, level4[wide].keyStep).has(wide)).toBe(false);
    const rows = viewRows(level4, { allFrames: false, expanded: open });
    expect(rows[rowOfStep(rows, wide, inside)]).toMatchObject({ kind: 'step', step: inside });
    const all = viewRows(level4, { allFrames: true, expanded: none });
    expect(all[rowOfStep(all, wide, inside)].step).toBe(inside);
  });

  it('the ladder draws no decisions as hops, but keeps every item', () => {
    const drawable = (s: number) => trace.steps[s].type !== 'decision';
    const rows = viewRows(level4, { allFrames: false, expanded: new Set(level4.map((_, i) => i)), drawable });
    expect(rows.filter((r) => r.kind === 'item').length).toBe(level4.length);
    expect(rows.filter((r) => r.kind === 'step').every((r) => trace.steps[r.step].type !== 'decision')).toBe(true);
  });
});
