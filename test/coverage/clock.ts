/** Wall-clock times for the coverage tests: a settable clock and "day d, hh:mm" in UTC. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
const DAY0 = Date.UTC(2026, 2, 2);

/** day `d` (0 = the first day), hh:mm, in ms since epoch */
export const at = (d: number, h: number, m = 0): number => DAY0 + d * 24 * HOUR + h * HOUR + m * MIN;

export interface Clock { t: number; now: () => number }
export function clock(start: number): Clock {
  const c: Clock = { t: start, now: () => c.t };
  return c;
}
