import { describe, expect, it } from 'vitest';
import { HOP_MS, MAX_FLIGHT_MS, MIN_HOP_MS, flightPlan } from './flight';

const range = (n: number, from = 10) => Array.from({ length: n }, (_, i) => from + i);

describe('flightPlan', () => {
  it('a step of one frame does not fly', () => {
    expect(flightPlan([4], 1)).toBeUndefined();
    expect(flightPlan([], 1)).toBeUndefined();
  });

  it('flies every hop of a short step, in order, at the full hop time', () => {
    expect(flightPlan([3, 4, 6], 1)).toEqual({ frames: [3, 4, 6], hopMs: HOP_MS, totalMs: 3 * HOP_MS });
  });

  it('flies a longer step faster, within the longest flight, and faster still at a higher speed', () => {
    const plan = flightPlan(range(40), 1)!;
    expect(plan.frames).toEqual(range(40));
    expect(plan.hopMs).toBeLessThan(HOP_MS);
    expect(plan.totalMs).toBeLessThanOrEqual(MAX_FLIGHT_MS);
    // (each hop rounded to a whole millisecond)
    expect(Math.abs(flightPlan(range(40), 2)!.totalMs - plan.totalMs / 2)).toBeLessThanOrEqual(40);
  });

  it('flies an even, ordered sample of a very long step, keeping its first and last frame', () => {
    const frames = range(237);
    const plan = flightPlan(frames, 1)!;
    expect(plan.frames.length).toBe(Math.floor(MAX_FLIGHT_MS / MIN_HOP_MS));
    expect(plan.frames[0]).toBe(frames[0]);
    expect(plan.frames.at(-1)).toBe(frames.at(-1));
    expect([...plan.frames].sort((a, b) => a - b)).toEqual(plan.frames);
    expect(new Set(plan.frames).size).toBe(plan.frames.length);
    expect(plan.totalMs).toBeLessThanOrEqual(MAX_FLIGHT_MS);
  });
});
