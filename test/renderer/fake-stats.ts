/** getStats and getSeries over the fake's events, with the service's rules (electron/core/inbox-api.ts). */
import type { InboxStats, Series } from '../../shared/api/contract';
import { isCatchUpSource, type EventDetail, type EventSummary } from '../../shared/records';
import { addEventPoints, CHARTED_TYPES, finishSeries, type SeriesPoints } from '../../shared/series';

export function fakeStats(order: readonly EventSummary[], rejected: number, acks: readonly number[], now = Date.now()): InboxStats {
  const perMinute = new Array<number>(60).fill(0);
  const byType: Record<string, number> = {};
  let deliveries = 0, duplicates = 0, stale = 0;
  for (const e of order) {
    byType[e.eventType] = (byType[e.eventType] ?? 0) + 1;
    deliveries += e.deliveries;
    duplicates += e.deliveries - 1;
    if (e.stale) stale += 1;
    // filled or imported now, not received now: no spike in the bars
    if (isCatchUpSource(e.source)) continue;
    const ago = Math.floor((now - Date.parse(e.receivedAt)) / 60_000);
    if (ago >= 0 && ago < 60) perMinute[59 - ago]! += 1;
  }
  const sorted = [...acks].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
  return {
    events: order.length, deliveries, duplicates, stale, rejected, byType, perMinute,
    ackMsP50: pct(0.5), ackMsP99: pct(0.99), ackMsMax: sorted.length ? sorted[sorted.length - 1]! : null,
  };
}

/** getSeries: newest first, as the service reads them, so the series come in the same order. */
export function fakeSeries(order: readonly EventDetail[], deviceId: string): Series[] {
  const points: SeriesPoints = new Map();
  const charted = new Set<string>(CHARTED_TYPES);
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i]!;
    if (e.deviceId === deviceId && charted.has(e.eventType)) addEventPoints(points, e.eventType, e.body);
  }
  return finishSeries(points);
}
