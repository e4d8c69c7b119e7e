import { describe, expect, it } from 'vitest';
import { LANE, MAX_LANE, MIN_LANE, PAD, fitLane, ladderScrollLeft } from './ladderScroll';

// Nine lanes: the ladder is 2 × PAD + 8 × 80 px wide.
const WIDTH = PAD * 2 + 8 * LANE;
const laneInView = (lane: number, scrollLeft: number, view: number) =>
  PAD + lane * LANE >= scrollLeft && PAD + lane * LANE <= scrollLeft + view;

describe('ladderScrollLeft', () => {
  it('stays put while the row is in view', () => {
    expect(ladderScrollLeft({ from: 1, to: 2 }, 0, 300, WIDTH)).toBe(0);
  });

  it('centres a row that fits, on a lane boundary', () => {
    const left = ladderScrollLeft({ from: 5, to: 6 }, 0, 300, WIDTH);
    expect(left % LANE).toBe(0);
    expect(laneInView(5, left, 300) && laneInView(6, left, 300)).toBe(true);
  });

  it('shows a wider arrow at its head, both ways', () => {
    // core (lane 7) → root (lane 3) in a 226 px view: centred, the middle lanes showed neither end
    const leftward = ladderScrollLeft({ from: 7, to: 3 }, 480, 226, WIDTH);
    expect(leftward).toBe(3 * LANE);
    expect(laneInView(3, leftward, 226)).toBe(true);
    const rightward = ladderScrollLeft({ from: 3, to: 7 }, 0, 226, WIDTH);
    expect(rightward % LANE).toBe(0);
    expect(laneInView(7, rightward, 226)).toBe(true);
  });

  it('never scrolls past either end', () => {
    expect(ladderScrollLeft({ from: 8, to: 8 }, 0, 300, WIDTH)).toBe(WIDTH - 300);
    expect(ladderScrollLeft({ from: 0, to: 0 }, 400, 300, WIDTH)).toBe(0);
  });

  it('does nothing before the view is measured', () => {
    expect(ladderScrollLeft({ from: 8, to: 8 }, 0, 0, WIDTH)).toBe(0);
  });
});

describe('fitLane', () => {
  it('fits every lane into the view when they can be at least MIN_LANE apart', () => {
    // home-to-web's 11 lanes in a 560 px ladder
    const lane = fitLane(560, 11);
    expect(lane).toBeGreaterThanOrEqual(MIN_LANE);
    expect(PAD * 2 + 10 * lane).toBeLessThanOrEqual(560);
  });

  it('scrolls (at LANE) when they cannot, and never spreads lanes wider than MAX_LANE', () => {
    expect(fitLane(300, 11)).toBe(LANE);
    expect(fitLane(3000, 3)).toBe(MAX_LANE);
    expect(fitLane(0, 11)).toBe(LANE);
  });
});
