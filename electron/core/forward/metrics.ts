/**
 * The figures DT's connector metrics show (successes, errors, p99 latency over the last 3 h),
 * for the tester's receiver: kept per minute so the window slides without keeping every attempt.
 */
import type { ForwardAttempt } from './types';

const WINDOW_MS = 3 * 60 * 60_000;
const BUCKET_MS = 60_000;
const LAST_ERRORS = 20;
/** Latencies kept per minute for the p99: enough for a percentile, bounded at any rate. */
const SAMPLES_PER_BUCKET = 256;

interface Bucket { start: number; ok: number; failed: number; latencies: number[]; seen: number }

export class ForwardMetrics {
  private buckets: Bucket[] = [];
  private errors: ForwardAttempt[] = [];
  private failingSinceMs: number | null = null;
  lastOutcome: ForwardAttempt['outcome'] | null = null;

  record(a: ForwardAttempt, now: number): void {
    const start = now - (now % BUCKET_MS);
    let b = this.buckets.at(-1);
    if (!b || b.start !== start) {
      b = { start, ok: 0, failed: 0, latencies: [], seen: 0 };
      this.buckets.push(b);
      this.prune(now);
    }
    const ok = a.next === 'delivered';
    if (ok) b.ok++;
    else b.failed++;
    // reservoir sample: a fair p99 whatever the rate
    b.seen++;
    if (b.latencies.length < SAMPLES_PER_BUCKET) b.latencies.push(a.latencyMs);
    else {
      const j = Math.floor(Math.random() * b.seen);
      if (j < SAMPLES_PER_BUCKET) b.latencies[j] = a.latencyMs;
    }
    this.lastOutcome = a.outcome;
    if (ok) this.failingSinceMs = null;
    else {
      this.failingSinceMs ??= now;
      this.errors.push(a);
      if (this.errors.length > LAST_ERRORS) this.errors.shift();
    }
  }

  private prune(now: number): void {
    while (this.buckets.length && this.buckets[0]!.start <= now - WINDOW_MS) this.buckets.shift();
  }

  snapshot(now: number): { delivered3h: number; failed3h: number; p99LatencyMs: number | null; failingSince: string | null; lastErrors: ForwardAttempt[] } {
    this.prune(now);
    let delivered3h = 0, failed3h = 0;
    const all: number[] = [];
    for (const b of this.buckets) {
      delivered3h += b.ok;
      failed3h += b.failed;
      all.push(...b.latencies);
    }
    all.sort((x, y) => x - y);
    const p99LatencyMs = all.length ? all[Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)]! : null;
    const failingSince = this.failingSinceMs === null ? null : new Date(this.failingSinceMs).toISOString();
    return { delivered3h, failed3h, p99LatencyMs, failingSince, lastErrors: [...this.errors].reverse() };
  }
}
