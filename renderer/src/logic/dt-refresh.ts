/** Wording for how fresh the DT Cloud table is (the service refreshes it; the view only says when). */
import type { DtRefreshView } from '../../../shared/api/dt-refresh';

const span = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 60)} h`;
};

/** "updated 12 s ago", or that DT was not read yet. */
export function updatedText(r: DtRefreshView | undefined, nowMs: number): string {
  if (!r?.updatedAt) return 'not read from DT yet';
  return `updated ${span(nowMs - Date.parse(r.updatedAt))} ago`;
}

/** DT answered 429: when the service asks again (it waits DT's Retry-After). */
export function rateLimitText(r: DtRefreshView | undefined, nowMs: number): string | null {
  if (!r?.rateLimitedUntil) return null;
  const left = Date.parse(r.rateLimitedUntil) - nowMs;
  if (left <= 0) return null;
  return `DT Cloud asked to slow down (429): the table is refreshed again in ${span(left)}.`;
}
