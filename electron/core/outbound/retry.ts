/**
 * Retrying a delivery the way DT does: anything but a 2xx (a non-2xx, a connection error, no
 * complete answer within the timeout) is tried again after a capped, doubling wait. DT's real
 * schedule is undocumented (it retries until the event is 12 h old); the default here is the
 * bounded one a tester wants an answer from in seconds: 5 attempts, waits of 200, 400, 800,
 * 1600 ms (doubling, capped at 5 s). `maxElapsedMs` gives the DT-like "until it is too old".
 */
import type { AttemptResult, Outcome } from './post';
import { exponentialBackoff as backoffOf } from '../backoff';
import { abortableSleep } from '../abortable-sleep';

export interface RetryPolicy {
  maxAttempts: number;
  /** wait before retry number `retry` (1 = the first retry) */
  backoffMs: (retry: number) => number;
  /** give up once this much time has passed since the first attempt started (no limit when absent) */
  maxElapsedMs?: number;
}

/** send's and replay's default: 200 ms doubling to 5 s (the shape: ../backoff.ts) */
export const exponentialBackoff = (initialMs = 200, capMs = 5000): ((retry: number) => number) => backoffOf(initialMs, capMs);

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, backoffMs: exponentialBackoff() };

export const isAck = (o: Outcome) => typeof o === 'number' && o >= 200 && o < 300;

export interface RetryOptions {
  /** default: setTimeout; resolves early when `signal` aborts */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** default Date.now; only read for `maxElapsedMs` */
  now?: () => number;
  /** stops before the next attempt (the attempt in flight ends on its own signal, if given one) */
  signal?: AbortSignal;
}

/** what each attempt answered went to `onAttempt` */
export interface RetryOutcome {
  acked: boolean;
  attempts: number;
}

/** Tries until a 2xx, `maxAttempts`, `maxElapsedMs` or the signal; reports every attempt so the caller can tally it. */
export async function deliverWithRetries(
  send: (attempt: number) => Promise<AttemptResult>,
  policy: RetryPolicy,
  onAttempt: (a: AttemptResult, attempt: number) => void,
  opts: RetryOptions = {},
): Promise<RetryOutcome> {
  const sleep = opts.sleep ?? abortableSleep;
  const now = opts.now ?? Date.now;
  const started = policy.maxElapsedMs !== undefined ? now() : 0;
  for (let attempt = 1; ; attempt++) {
    const r = await send(attempt);
    onAttempt(r, attempt);
    if (isAck(r.outcome)) return { acked: true, attempts: attempt };
    if (attempt >= policy.maxAttempts || opts.signal?.aborted) return { acked: false, attempts: attempt };
    const wait = policy.backoffMs(attempt);
    if (policy.maxElapsedMs !== undefined && now() + wait - started >= policy.maxElapsedMs) return { acked: false, attempts: attempt };
    await sleep(wait, opts.signal);
    if (opts.signal?.aborted) return { acked: false, attempts: attempt };
  }
}
