/**
 * The store's answer to one ingest once it is durable: what to tell the sender, and the handle
 * that records when that answer went out.
 */
import type { EventSummary } from '../../../shared/records';
import type { DuplicateRecord, StoredEventRecord } from './disk-format';

export interface IngestReceipt {
  readonly outcome: 'accepted' | 'duplicate';
  readonly summary: EventSummary;
  /** The answer went out `ms` after the request came in: kept with the delivery (on disk with the next write). Once. */
  ack(ms: number): void;
}

/**
 * The answer to a history or import ingest of an eventId already stored: nothing was written
 * (looking an event up again is not a delivery of it), so there is no latency to keep.
 */
export class KnownReceipt implements IngestReceipt {
  readonly outcome = 'duplicate' as const;
  constructor(readonly summary: EventSummary) {}
  ack(): void {}
}

/** Where a receipt's ack latency goes (the store). */
export interface AckBook {
  acked(receipt: Receipt, ms: number): void;
}

/** One object per delivery: no closure, the record's place travels with it. */
export class Receipt implements IngestReceipt {
  private done = false;

  constructor(
    readonly outcome: 'accepted' | 'duplicate',
    readonly summary: EventSummary,
    /** the segment record holding the delivery */
    readonly record: StoredEventRecord | DuplicateRecord,
    readonly segment: number,
    /** the duplicate's position in its segment; -1 for an event record */
    readonly k: number,
    private readonly book: AckBook,
  ) {}

  ack(ms: number): void {
    if (this.done) return;
    this.done = true;
    this.book.acked(this, ms);
  }
}
