/**
 * What every way of receiving events shares: it starts, it stops within a deadline, and it
 * says how it stands (getStatus lists them together; the header and Overview show them).
 */
import type { SourceStatus } from '../../../shared/api/backfill';

export interface InboxSource {
  start(): void;
  /** never rejects; bounded by the deadline */
  stop(deadlineMs: number): Promise<void>;
  status(): SourceStatus;
}

/** Backoff for reconnecting: 1 s, 2 s, 4 s … up to a minute. */
export const reconnectDelayMs = (attempt: number): number => Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
