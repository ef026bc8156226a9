/**
 * DT retries a refused delivery (with backoff, for hours), so one misconfigured event becomes a
 * page of identical rows. The Rejected view groups them: the same event (its eventId, or the same
 * body when no id could be read) refused for the same reason is one row with a count.
 */
import type { RejectedDelivery } from '../../../shared/records';

export interface RejectedGroup {
  key: string;
  /** the newest delivery of the group: its message, diagnosis, headers and body are shown */
  latest: RejectedDelivery;
  count: number;
  firstAt: string;
  lastAt: string;
}

/** Groups newest first (by their latest delivery); `list` comes newest first or in any order. */
export function groupRejected(list: readonly RejectedDelivery[]): RejectedGroup[] {
  const groups = new Map<string, RejectedGroup>();
  for (const r of list) {
    const what = r.eventId ? `id:${r.eventId}` : `body:${r.bodyBytes}:${r.bodyPreview}`;
    const key = `${r.error}|${what}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { key, latest: r, count: 1, firstAt: r.receivedAt, lastAt: r.receivedAt });
      continue;
    }
    g.count++;
    if (r.receivedAt > g.lastAt) { g.lastAt = r.receivedAt; g.latest = r; }
    if (r.receivedAt < g.firstAt) g.firstAt = r.receivedAt;
  }
  return [...groups.values()].sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
}

/** The reasons present, with how many deliveries each, most first: the filter's choices. */
export function rejectReasons(list: readonly RejectedDelivery[]): Array<{ reason: string; count: number }> {
  const n = new Map<string, number>();
  for (const r of list) n.set(r.error, (n.get(r.error) ?? 0) + 1);
  return [...n].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
