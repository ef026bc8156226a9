/**
 * Is DT's side under pressure? The forwarder shares the thread that answers DT: reading a
 * delivery back, handing it to the request thread and keeping its attempt cost that thread
 * CPU on every delivery (see bench/FINDINGS.md §3), and the request itself takes CPU from the same cores. While deliveries
 * arrive faster than one per disk commit (the store commits them in groups), the forwarder goes
 * on one request at a time and catches up once the burst is over: its queue is durable, and
 * DT's side keeps its speed. At a steady rate each commit holds about one delivery.
 */
import { isCatchUpSource, type EventSummary } from '../../../shared/records';

/** average deliveries per commit from which DT's side counts as busy */
const BUSY_GROUP = 2.5;
/** the burst is over when no commit came for this long */
const QUIET_MS = 200;

export interface CommitSource {
  on(event: 'stored', listener: (added: EventSummary[], duplicates: EventSummary[]) => void): unknown;
  off(event: 'stored', listener: (added: EventSummary[], duplicates: EventSummary[]) => void): unknown;
}

export class DeliveryPressure {
  /** deliveries per commit, smoothed over the last few commits */
  private group = 0;
  private lastCommitAt = -Infinity;
  // Events filled from history or imported are not DT pushing: a backfill of 10k must not look like a burst.
  private readonly listener = (added: EventSummary[], duplicates: EventSummary[]) => this.commit(liveCount(added) + duplicates.length);

  constructor(private readonly now: () => number = () => performance.now()) {}

  watch(store: CommitSource): () => void {
    store.on('stored', this.listener);
    return () => store.off('stored', this.listener);
  }

  /** one group commit of `deliveries` */
  commit(deliveries: number): void {
    this.group = this.group * 0.7 + deliveries * 0.3;
    this.lastCommitAt = this.now();
  }

  busy(): boolean {
    return this.group >= BUSY_GROUP && this.now() - this.lastCommitAt < QUIET_MS;
  }
}

function liveCount(added: EventSummary[]): number {
  let n = 0;
  for (const e of added) if (!isCatchUpSource(e.source)) n++;
  return n;
}
