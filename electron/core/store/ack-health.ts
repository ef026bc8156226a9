/**
 * The store's ack latencies (p50/p99/max in the stats) through a restart: each minute's
 * latencies go to the health log each second, thinned to a sample (min and max kept), and the
 * newest samples fill the window again at start.
 */
import { randomUUID } from 'node:crypto';
import type { HealthLog, HealthRecord } from '../health-log';
import type { LatencyWindow } from './latency-window';

const MINUTE_MS = 60_000;
/** 7 days of minutes are read at every start: a minute's record stays small (bench part `health`) */
const KEPT_PER_MINUTE = 12;

interface AckMinute { k: 'ack'; t: number; id: string; n: number; lat: number[] }

const isAckMinute = (r: HealthRecord): r is HealthRecord & AckMinute => r.k === 'ack' && typeof r.n === 'number' && Array.isArray(r.lat) && r.lat.every((x) => typeof x === 'number');

function thin(values: number[], n: number): number[] {
  if (values.length <= n) return values;
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]!);
}

export function keepAckLatencies(log: HealthLog, window: LatencyWindow, now: () => number = Date.now): void {
  const restored: number[] = [];
  for (const m of log.newest('ack')) {
    if (restored.length >= window.size) break;
    if (isAckMinute(m)) restored.unshift(...m.lat);
  }
  for (const ms of restored.slice(-window.size)) window.add(ms);

  const run = randomUUID().slice(0, 8);
  let seen = window.added;
  let current: AckMinute | undefined;
  // each second: this minute's latencies so far, whole (the record replaces the one before)
  log.onFlush(() => {
    const fresh = window.added - seen;
    if (fresh <= 0) return;
    seen = window.added;
    const t = now() - (now() % MINUTE_MS);
    if (current?.t !== t) current = { k: 'ack', t, id: run, n: 0, lat: [] };
    current.n += fresh;
    current.lat = thin([...current.lat, ...window.newest(fresh).map((ms) => Math.round(ms * 10) / 10)], KEPT_PER_MINUTE);
    log.append({ ...current });
  });
}
