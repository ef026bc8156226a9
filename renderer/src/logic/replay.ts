/**
 * The Replay dialog's decisions, without a DOM: which target to offer, the request a form
 * makes (or what is wrong with it), and the result in words.
 */
import type { AppStatus } from '../../../shared/api/contract';
import type { EventFilter } from '../../../shared/filter';
import { MAX_REPLAY_IDS, type DeliverySummary, type ReplayRequest } from '../../../shared/api/replay';

/** what to replay: the checked rows, or everything the current filter matches */
export type ReplayScope = { kind: 'selected'; ids: string[] } | { kind: 'matching'; filter: EventFilter; count: number };

export interface ReplayForm {
  target: 'forward' | 'url';
  url: string;
  /** for another URL only; sent for this run, then cleared */
  secret: string;
}

/** the forward target's URL when forwarding is set up, else null */
export const forwardTargetOf = (status: AppStatus | null): string | null => status?.forward?.url ?? null;

export function initialForm(status: AppStatus | null): ReplayForm {
  return { target: forwardTargetOf(status) ? 'forward' : 'url', url: '', secret: '' };
}

export const scopeCount = (s: ReplayScope): number => (s.kind === 'selected' ? s.ids.length : s.count);

export function scopeLine(s: ReplayScope): string {
  const n = scopeCount(s);
  const events = `${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`;
  return s.kind === 'selected' ? `the ${events} selected` : `all ${events} matching the current filter`;
}

/** The request, or a message saying what to fix. */
export function buildRequest(form: ReplayForm, scope: ReplayScope): ReplayRequest | string {
  if (scopeCount(scope) === 0) return 'nothing to replay';
  if (scope.kind === 'selected' && scope.ids.length > MAX_REPLAY_IDS) {
    return `at most ${MAX_REPLAY_IDS.toLocaleString('en-US')} selected events at once; replay all matching a filter instead`;
  }
  const what = scope.kind === 'selected' ? { eventIds: scope.ids } : { filter: scope.filter };
  if (form.target === 'forward') return { ...what, to: 'forward' };
  const url = form.url.trim();
  if (!url) return 'enter the receiver URL to replay to';
  if (!/^https?:\/\/[^\s/?#@]+(?::\d+)?(?:[/?#]\S*)?$/i.test(url)) return `"${url}" is not an http:// or https:// URL`;
  return { ...what, to: form.secret ? { url, secret: form.secret } : { url } };
}

export function progressPercent(p: { done: number; total: number } | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

/** "200 × 5, 401 × 2, timeout × 1": most frequent first */
export function statusLine(statuses: Record<string, number>): string {
  const parts = Object.entries(statuses).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return parts.length ? parts.map(([k, n]) => `${k} × ${n}`).join(', ') : 'no requests';
}

export function summaryHeadline(s: DeliverySummary): string {
  if (s.stopped) return `Stopped: ${s.sent} events sent, ${s.acked} acknowledged.`;
  if (s.sent === 0) return 'Nothing was replayed: the events are no longer stored.';
  if (s.failed === 0) return `All ${s.sent} replayed events were acknowledged.`;
  return `${s.failed} of ${s.sent} replayed events were not acknowledged.`;
}
