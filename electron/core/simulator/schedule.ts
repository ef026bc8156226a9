/**
 * The delivery order of a run: DT's at-least-once and out-of-order behaviour, on purpose.
 * - reorder P: each event, with probability P, is held back until just after the next
 *   event of the same device and type, so the receiver sees an older timestamp after a
 *   newer one (it must not let the device state move backwards).
 * - duplicates P: each event, with probability P, is delivered a second time (same body,
 *   same eventId) one to four deliveries later: "usually within seconds" in DT's words.
 */
import type { SimEvent } from './generate';
import type { Rng } from './prng';
import { compareTimestamps } from '../../../shared/dt/timestamp';

export interface Delivery {
  /** index into the generated events */
  index: number;
  duplicate: boolean;
}

export interface Schedule {
  deliveries: Delivery[];
  duplicates: number;
  /** first deliveries that reach the receiver after a newer event of the same device and type */
  reordered: number;
}

const keyOf = (e: SimEvent) => `${e.deviceId}\u0000${e.eventType}`;

export function buildSchedule(events: readonly SimEvent[], opts: { duplicates: number; reorder: number }, rng: Rng): Schedule {
  const n = events.length;
  // next[i] = the next event (in timestamp order) of the same device and type, or -1
  const next = new Array<number>(n).fill(-1);
  const lastOfKey = new Map<string, number>();
  for (let i = n - 1; i >= 0; i--) {
    const k = keyOf(events[i]!);
    next[i] = lastOfKey.get(k) ?? -1;
    lastOfKey.set(k, i);
  }
  // Sort keys: walking backwards lets a held-back event follow its successor's final place.
  const pos = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 0; i--) {
    if (next[i]! >= 0 && rng.chance(opts.reorder)) pos[i] = pos[next[i]!]! + 0.5 + i / (2 * n + 2);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => pos[a]! - pos[b]!);

  const keyed: Array<{ at: number; d: Delivery }> = order.map((index, p) => ({ at: p, d: { index, duplicate: false } }));
  let duplicates = 0;
  order.forEach((index, p) => {
    if (rng.chance(opts.duplicates)) {
      duplicates++;
      keyed.push({ at: p + rng.int(1, 4) - 0.5, d: { index, duplicate: true } });
    }
  });
  keyed.sort((a, b) => a.at - b.at);
  const deliveries = keyed.map((k) => k.d);
  return { deliveries, duplicates, reordered: countReordered(events, deliveries) };
}

/** Counted on the final order, so it is exactly what a sequential receiver would observe. */
export function countReordered(events: readonly SimEvent[], deliveries: readonly Delivery[]): number {
  const newest = new Map<string, string>();
  let reordered = 0;
  for (const d of deliveries) {
    if (d.duplicate) continue;
    const e = events[d.index]!;
    const seen = newest.get(keyOf(e));
    if (seen !== undefined && compareTimestamps(e.timestamp, seen) < 0) reordered++;
    else newest.set(keyOf(e), e.timestamp);
  }
  return reordered;
}
