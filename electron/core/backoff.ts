/**
 * The one backoff of the main process: the wait before retry `n` (1 = the first retry) starts
 * at `initialMs`, doubles per retry up to `capMs`, and spreads by ±`jitter` (a share, 0..1) so
 * that many retries do not fire together. The tunnel, the connector follower, the forwarder,
 * outbound retries (send, replay) and the stream source each pick their numbers; the shape is
 * this one. (DT's own API transport waits as DT's SDK does, attempt² s, or Retry-After.)
 */
export interface Backoff {
  initialMs: number;
  capMs: number;
  /** ±share of the delay, drawn from `random` (default none) */
  jitter?: number;
}

export function backoffDelay(retry: number, b: Backoff, random: () => number = Math.random): number {
  const base = Math.min(b.capMs, b.initialMs * 2 ** Math.min(30, Math.max(0, retry - 1)));
  return b.jitter ? Math.round(base * (1 - b.jitter + 2 * b.jitter * random())) : base;
}

/** the same as a function of the retry number, for the policies that take one */
export const exponentialBackoff = (initialMs: number, capMs: number, jitter = 0) => (retry: number) => backoffDelay(retry, { initialMs, capMs, jitter });
