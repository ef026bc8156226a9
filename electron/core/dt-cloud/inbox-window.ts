/**
 * The inbox's side of the DT Cloud view, from the store's summaries: its own counts over DT's
 * metrics window (so a gap between DT's success count and our deliveries shows lost acks), the
 * event types that actually arrived, and the emulator's published → received latencies.
 */
import type { DtEmulationView, DtInboxWindow } from '../../../shared/api/dt-cloud';
import type { EventSummary } from '../../../shared/records';

/** DT's `:metrics` cover the last 3 hours. */
export const METRICS_WINDOW_MS = 3 * 3_600_000;

/**
 * Events of `project` first received within the window, newest-first scan over summaries in
 * arrival order. Deliveries count every acknowledged POST of those events (a redelivery of an
 * older event is counted with that event, outside the window).
 */
export function inboxWindow(summaries: readonly EventSummary[], project: string, nowMs: number): DtInboxWindow {
  const byType: Record<string, number> = {};
  const arrived = new Set<string>();
  let events = 0;
  let deliveries = 0;
  for (let i = summaries.length - 1; i >= 0; i--) {
    const s = summaries[i]!;
    if (s.projectId !== project) continue;
    arrived.add(s.eventType);
    if (nowMs - Date.parse(s.receivedAt) > METRICS_WINDOW_MS) continue;
    events++;
    deliveries += s.deliveries;
    byType[s.eventType] = (byType[s.eventType] ?? 0) + 1;
  }
  return { events, deliveries, byType, arrivedTypes: [...arrived].sort() };
}

/**
 * DT's publish answer names no event id, so the k-th published event is the k-th arrival from
 * the same device with the same type received at or after the first publish; each arrival is
 * matched once and never before its own publish was sent.
 */
export function matchEmulation(run: DtEmulationView, summaries: readonly EventSummary[]): DtEmulationView {
  const first = run.published[0];
  if (!first) return run;
  const since = Date.parse(first.publishedAt);
  const arrivals: EventSummary[] = [];
  for (let i = summaries.length - 1; i >= 0; i--) {
    const s = summaries[i]!;
    if (Date.parse(s.receivedAt) < since) break; // summaries are in arrival order
    if (s.deviceId === run.deviceId && s.eventType === run.type) arrivals.push(s);
  }
  arrivals.reverse();
  let next = 0;
  const published = run.published.map((p) => {
    const at = Date.parse(p.publishedAt);
    while (next < arrivals.length && Date.parse(arrivals[next]!.receivedAt) < at) next++;
    const a = arrivals[next];
    if (!a) return { n: p.n, publishedAt: p.publishedAt };
    next++;
    return { ...p, receivedAt: a.receivedAt, eventId: a.eventId, latencyMs: Date.parse(a.receivedAt) - at };
  });
  return { ...run, published };
}
