/**
 * What every way of receiving events shares: it starts, it stops within a deadline, and it
 * says how it stands (getStatus lists them together; the header and Overview show them).
 */
import type { SourceStatus } from '../../../shared/api/backfill';
import { exponentialBackoff } from '../backoff';

export interface InboxSource {
  start(): void;
  /** never rejects; bounded by the deadline */
  stop(deadlineMs: number): Promise<void>;
  status(): SourceStatus;
}

/** Backoff for reconnecting (attempt ≥ 1): 1 s, 2 s, 4 s … up to a minute. */
export const reconnectDelayMs = exponentialBackoff(1_000, 60_000);
