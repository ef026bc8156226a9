/**
 * The figures DT's connector metrics show (successes, errors, p99 latency over the last 3 h),
 * for the tester's receiver: kept per minute so the window slides without keeping every attempt.
 * Minutes that changed are handed to the health log (forward-health.ts) each second and read
 * back at start, so the figures survive a restart and a crash.
 */
import type { ForwardAttempt } from './types';

export const WINDOW_MS = 3 * 60 * 60_000;
const BUCKET_MS = 60_000;
const LAST_ERRORS = 20;
/** Latencies kept per minute for the p99: enough for a percentile, bounded at any rate. */
const SAMPLES_PER_BUCKET = 256;
/**
 * What a minute keeps on disk: its latencies thinned to this many (min and max kept; a p99
 * across a restart is then a little high), its last errors. 7 days of minutes are read at
 * every start, so a minute's record must stay near 150 bytes (bench part `health`).
 */
const SAMPLES_KEPT = 12, ERRORS_KEPT = 5, ANSWER_KEPT = 200;

interface Bucket { start: number; ok: number; failed: number; gaveUp: number; latencies: number[]; seen: number; errors: ForwardAttempt[]; dirty: boolean; restored: boolean }

/** One minute as the health log keeps it. */
export interface ForwardMinute {
  k: 'forward';
  t: number;
  /** the run that wrote it: a restarted inbox's minute is a record of its own beside the earlier run's */
  id: string;
  ok: number;
  failed: number;
  gaveUp: number;
  lat: number[];
  /** absent when none */
  errors?: ForwardAttempt[];
  /** the state after the minute: the last outcome, and since when it has been failing */
  last: ForwardAttempt['outcome'] | null;
  failingSince?: string | null;
}

const tenth = (ms: number) => Math.round(ms * 10) / 10;

function thin(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]!);
}

export class ForwardMetrics {
  private buckets: Bucket[] = [];
  private errors: ForwardAttempt[] = [];
  private failingSinceMs: number | null = null;
  lastOutcome: ForwardAttempt['outcome'] | null = null;

  record(a: ForwardAttempt, now: number): void {
    const b = this.bucket(now);
    b.dirty = true;
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
      b.errors.push(a);
      if (b.errors.length > ERRORS_KEPT) b.errors.shift();
    }
  }

  /** deliveries given up without an attempt (too old while the target was down) */
  gaveUp(now: number, n = 1): void {
    const b = this.bucket(now);
    b.gaveUp += n;
    b.dirty = true;
  }

  private bucket(now: number): Bucket {
    const start = now - (now % BUCKET_MS);
    let b = this.buckets.at(-1);
    // a minute read back at start is an earlier run's record: this run's goes beside it
    if (!b || b.start !== start || b.restored) {
      b = { start, ok: 0, failed: 0, gaveUp: 0, latencies: [], seen: 0, errors: [], dirty: false, restored: false };
      this.buckets.push(b);
      this.prune(now);
    }
    return b;
  }

  private prune(now: number): void {
    while (this.buckets.length && this.buckets[0]!.start <= now - WINDOW_MS) this.buckets.shift();
  }

  /** the minutes that changed since the last call, whole (each replaces its earlier record) */
  changed(runId: string): ForwardMinute[] {
    const out: ForwardMinute[] = [];
    const failingSince = this.failingSinceMs === null ? null : new Date(this.failingSinceMs).toISOString();
    for (const b of this.buckets) {
      if (!b.dirty) continue;
      b.dirty = false;
      const m: ForwardMinute = { k: 'forward', t: b.start, id: runId, ok: b.ok, failed: b.failed, gaveUp: b.gaveUp, lat: thin(b.latencies, SAMPLES_KEPT).map(tenth), last: this.lastOutcome };
      if (b.errors.length) m.errors = b.errors.map((e) => ({ ...e, answer: e.answer?.slice(0, ANSWER_KEPT) }));
      if (failingSince) m.failingSince = failingSince;
      out.push(m);
    }
    return out;
  }

  /** the minutes read back at start, oldest first */
  restore(minutes: readonly ForwardMinute[], now: number): void {
    for (const m of minutes) {
      if (m.t <= now - WINDOW_MS) continue;
      this.buckets.push({ start: m.t, ok: m.ok, failed: m.failed, gaveUp: m.gaveUp ?? 0, latencies: m.lat, seen: m.lat.length, errors: m.errors ?? [], dirty: false, restored: true });
      this.errors.push(...(m.errors ?? []));
    }
    this.buckets.sort((a, b) => a.start - b.start);
    this.errors = this.errors.slice(-LAST_ERRORS);
    const last = minutes.at(-1);
    if (last) {
      this.lastOutcome = last.last;
      this.failingSinceMs = last.failingSince ? Date.parse(last.failingSince) : null;
    }
  }

  snapshot(now: number): { delivered3h: number; failed3h: number; givenUp: number; p99LatencyMs: number | null; failingSince: string | null; lastErrors: ForwardAttempt[] } {
    this.prune(now);
    let delivered3h = 0, failed3h = 0, givenUp = 0;
    const all: number[] = [];
    for (const b of this.buckets) {
      delivered3h += b.ok;
      failed3h += b.failed;
      givenUp += b.gaveUp;
      all.push(...b.latencies);
    }
    all.sort((x, y) => x - y);
    const p99LatencyMs = all.length ? all[Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)]! : null;
    const failingSince = this.failingSinceMs === null ? null : new Date(this.failingSinceMs).toISOString();
    return { delivered3h, failed3h, givenUp, p99LatencyMs, failingSince, lastErrors: [...this.errors].reverse() };
  }
}
