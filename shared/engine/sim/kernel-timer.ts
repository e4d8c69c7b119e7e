// When a Linux kernel timer really fires. The kernel keeps its timers (the neighbour table's, TCP's retransmission
// timer) in a timer wheel counted in jiffies; Debian's kernels tick at 250 Hz (4 ms). A timer far away sits in an
// outer level of the wheel, whose slots are coarser (8× per level), and the wheel rounds its expiry up to the end of
// its slot so it never fires early (kernel/time/timer.c: calc_wheel_index, calc_index). A 1 s timer (250 jiffies,
// level 1, 8-jiffy slots) fires 1.000–1.032 s later; the reference network measured 1.014–1.030 s between the
// kernel's ARP requests, and a 1 s timer re-armed from its own expiry fires exactly 1.024 s later. Virtual time 0
// is a tick.

/** Debian's CONFIG_HZ=250. */
export const JIFFY_US = 4000;
/** LVL_CLK_SHIFT: each level's slots are 8× those of the level below. */
const LEVEL_SHIFT = 3;
/** LVL_START(n) = (LVL_SIZE − 1) << ((n − 1) · LVL_CLK_SHIFT), LVL_SIZE = 64: where each level begins, in jiffies. */
const levelStart = (n: number): number => 63 * 2 ** ((n - 1) * LEVEL_SHIFT);

/**
 * The delay after which a kernel timer armed at `nowUs` for `delayUs` (as mod_timer(jiffies + delay)) runs: the
 * expiry in whole jiffies, rounded up to its wheel slot.
 */
export function kernelTimerDelay(nowUs: number, delayUs: number): number {
  const clk = Math.floor(nowUs / JIFFY_US);
  const expires = clk + Math.ceil(delayUs / JIFFY_US);
  const delta = expires - clk;
  let level = 0;
  while (level < 8 && delta >= levelStart(level + 1)) level++;
  const gran = 2 ** (level * LEVEL_SHIFT);
  // calc_index: expires = (expires + LVL_GRAN(lvl)) >> LVL_SHIFT(lvl), the bucket's expiry that << LVL_SHIFT(lvl).
  const fires = Math.floor((expires + gran) / gran) * gran;
  return fires * JIFFY_US - nowUs;
}
