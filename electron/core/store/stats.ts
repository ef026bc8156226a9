/**
 * What the store counts as it works, for the stats view and the benchmarks: kept apart from
 * what it stores, and never persisted.
 */
import type { EventSummary } from '../../../shared/records';
import { LatencyWindow } from './latency-window';

export class StoreStats {
  /** stored events that arrived out of order for their device */
  stale = 0;
  readonly byType = new Map<string, number>();
  /** the last acknowledgement latencies, ms */
  readonly latencies = new LatencyWindow();
  /** events removed by retention since the store opened */
  droppedByRetention = 0;
  /** bytes written to segments (journal appends and whole-segment writes) since the store opened */
  bytesWritten = 0;

  /** An event came in (sign 1) or went out by retention (sign -1). */
  count(e: EventSummary, sign = 1): void {
    if (e.stale) this.stale += sign;
    this.byType.set(e.eventType, (this.byType.get(e.eventType) ?? 0) + sign);
  }
}
