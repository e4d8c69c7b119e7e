import { describe, expect, it } from 'vitest';
import { JIFFY_US, kernelTimerDelay } from './kernel-timer';

describe("Linux's timer wheel at HZ=250", () => {
  it('fires a 1 s timer at the end of its 8-jiffy slot: 1.024 s after a tick, exactly 1.024 s when re-armed from its expiry', () => {
    expect(kernelTimerDelay(0, 1_000_000)).toBe(1_024_000);
    // re-armed as it fires (the kernel's ARP retransmissions): the same 1.024 s every time
    expect(kernelTimerDelay(1_024_000, 1_000_000)).toBe(1_024_000);
    expect(kernelTimerDelay(2_048_000, 1_000_000)).toBe(1_024_000);
    // armed between ticks: counted from the tick it is in, never early
    const d = kernelTimerDelay(109, 1_000_000);
    expect(d).toBeGreaterThanOrEqual(1_000_000);
    expect(109 + d).toBe(1_024_000);
  });

  it('keeps a timer under 63 jiffies in level 0: whole jiffies, plus one (calc_index never lets it fire early)', () => {
    expect(kernelTimerDelay(0, 200_000)).toBe(204_000);
    expect(kernelTimerDelay(0, 201_000)).toBe(208_000);
    expect(kernelTimerDelay(1_000, 200_000)).toBe(203_000);
    expect(JIFFY_US).toBe(4_000);
  });

  it('puts a 5 s timer (1250 jiffies) in level 2, 64-jiffy slots: 5.000–5.256 s later, at a slot boundary', () => {
    for (const now of [0, 109, 1_000_000, 3_000_431, 12_345_678]) {
      const d = kernelTimerDelay(now, 5_000_000);
      expect(d).toBeGreaterThanOrEqual(5_000_000);
      expect(d).toBeLessThan(5_256_000 + JIFFY_US);
      expect((now + d) % 256_000).toBe(0);
    }
  });
});
