import { describe, expect, it } from 'vitest';
import { rowSpan } from './model';

describe('rowSpan: the rows of the list that the current item covers', () => {
  it('finds the contiguous rows whose steps fall in the range', () => {
    expect(rowSpan([0, 1, 2, 3, 4, 5], { first: 2, last: 4 })).toEqual({ from: 2, to: 4 });
  });
  it('works on a filtered list, where rows skip steps', () => {
    expect(rowSpan([0, 3, 7, 9, 12], { first: 4, last: 10 })).toEqual({ from: 2, to: 3 });
  });
  it('is undefined when the filter hides every step of the item', () => {
    expect(rowSpan([0, 3, 12], { first: 4, last: 10 })).toBeUndefined();
    expect(rowSpan([], { first: 0, last: 1 })).toBeUndefined();
  });
  it('covers the ends of the list', () => {
    expect(rowSpan([5, 6, 7], { first: 0, last: 5 })).toEqual({ from: 0, to: 0 });
    expect(rowSpan([5, 6, 7], { first: 7, last: 99 })).toEqual({ from: 2, to: 2 });
  });
});
