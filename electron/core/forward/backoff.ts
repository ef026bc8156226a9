/**
 * DT retries a failed delivery until the event is 12 h old; its schedule is not documented.
 * Ours doubles from 1 s up to a minute: a tester who fixes their receiver sees the backlog
 * arrive within a minute, and a dead target gets one try a minute per event, not a storm.
 */
export interface Backoff { initialMs: number; capMs: number }

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, capMs: 60_000 };

/** Wait before retry number `retry` (1 = the first retry), with ±20 % jitter so retries spread. */
export function retryDelay(retry: number, b: Backoff, random: () => number): number {
  const base = Math.min(b.capMs, b.initialMs * 2 ** Math.min(30, retry - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
