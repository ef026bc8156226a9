/**
 * The `events` push, coalesced: at most one message per interval. Under a burst the receiver stores
 * thousands of events a second, each commit its own small batch; one message per batch made the bus
 * (JSON, SSE or IPC, the renderer's refetches) a share of every delivery's CPU (bench/FINDINGS.md §12).
 * The first batch after a quiet interval goes out at once, so a single delivery still shows without
 * delay; what arrives within the interval after it goes out together when the interval ends, counted
 * in `added`, newest last in `latest`.
 */
import type { PushMessage } from '../../shared/api/contract';
import type { EventSummary } from '../../shared/records';

export const EVENTS_PUSH_INTERVAL_MS = 50;
/** how many of the newest summaries one message carries (the views refetch for the rest) */
export const EVENTS_PUSH_LATEST = 50;

/** the contract's `events` push, not a shape of its own */
export type EventsMessage = Extract<PushMessage, { type: 'events' }>;

export interface EventsPush {
  /** a batch the store acknowledged */
  add(batch: readonly EventSummary[]): void;
  /** sends what is pending now (on stop: nothing acknowledged goes unannounced) */
  flush(): void;
}

export function coalescedEventsPush(
  send: (m: EventsMessage) => void,
  intervalMs = EVENTS_PUSH_INTERVAL_MS,
  now: () => number = Date.now,
): EventsPush {
  let pending = 0;
  let latest: EventSummary[] = [];
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!pending) return;
    const m: EventsMessage = { type: 'events', added: pending, latest };
    pending = 0;
    latest = [];
    lastSent = now();
    send(m);
  };

  return {
    add(batch) {
      if (!batch.length) return;
      pending += batch.length;
      latest = latest.length + batch.length <= EVENTS_PUSH_LATEST
        ? latest.concat(batch)
        : latest.concat(batch.slice(-EVENTS_PUSH_LATEST)).slice(-EVENTS_PUSH_LATEST);
      if (timer) return;
      const wait = lastSent + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
  };
}
