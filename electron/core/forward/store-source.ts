/**
 * The store as the forwarder's source: its ordered read of acknowledged deliveries (events and
 * DT's duplicate deliveries), a retention hold that follows the forward cursor, and a wake-up
 * on every commit. Marks are the store's DeliveryCursors, plain JSON that survives restarts.
 */
import type { DtRequestBody } from '../../../shared/dt/types';
import { parseBody } from '../../../shared/dt/body-text';
import type { EventSummary } from '../../../shared/records';
import type { DeliveryCursor, RetentionHold, StoreReadApi } from '../store';
import type { ForwardItem, ForwardPoint, ForwardSource } from './types';

export interface ForwardableStore extends Pick<StoreReadApi, 'deliveriesAfter' | 'holdRetention' | 'endOfDeliveries' | 'find'> {
  on(event: 'stored', listener: (added: EventSummary[], duplicates: EventSummary[]) => void): unknown;
  off(event: 'stored', listener: (added: EventSummary[], duplicates: EventSummary[]) => void): unknown;
}

const COUNT_PAGE = 1_000;

export class StoreForwardSource implements ForwardSource {
  private acked = 0;
  private hold: RetentionHold | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly onStored = (added: EventSummary[], duplicates: EventSummary[]) => {
    this.acked += added.length + duplicates.length;
    for (const l of this.listeners) l();
  };

  constructor(private readonly store: ForwardableStore) {}

  /**
   * Positions count deliveries from the open: a saved cursor's backlog is counted once (a
   * read of what is left), so the queue depth is exact from the start.
   */
  async open(saved: unknown): Promise<ForwardPoint> {
    this.store.off('stored', this.onStored);
    const start = isCursor(saved) ? saved : this.store.endOfDeliveries();
    let backlog = 0;
    if (isCursor(saved)) {
      for (let at: DeliveryCursor = saved; ;) {
        const page = await this.store.deliveriesAfter(at, COUNT_PAGE);
        backlog += page.deliveries.length;
        if (page.deliveries.length < COUNT_PAGE) break;
        at = page.next;
      }
    }
    this.acked = backlog;
    this.store.on('stored', this.onStored);
    return { pos: 0, mark: start };
  }

  async since(after: ForwardPoint, limit: number): Promise<ForwardItem[]> {
    const page = await this.store.deliveriesAfter(after.mark as DeliveryCursor, limit);
    let pos = after.pos;
    return page.deliveries.flatMap((d) => {
      pos++;
      if (d.raw === null) return []; // a duplicate whose event retention removed: nothing to send
      return [{ pos, mark: d.after, eventId: d.eventId, eventType: eventTypeOf(d.raw, this.store.find(d.eventId)), raw: d.raw, signature: d.delivery.headers['x-dt-signature'], timestamp: timestampOf(d.raw, this.store.find(d.eventId)), source: d.delivery.source }];
    });
  }

  head(): number {
    return this.acked;
  }

  onAcknowledged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pin(mark: unknown): void {
    if (mark === null) {
      this.hold?.release();
      this.hold = null;
      this.store.off('stored', this.onStored);
      return;
    }
    if (!isCursor(mark)) return;
    if (this.hold) this.hold.moveTo(mark);
    else this.hold = this.store.holdRetention(mark);
  }
}

function isCursor(x: unknown): x is DeliveryCursor {
  const c = x as DeliveryCursor | null;
  return !!c && typeof c === 'object' && Number.isSafeInteger(c.segment) && Number.isSafeInteger(c.events) && Number.isSafeInteger(c.duplicates);
}

/** The summary knows the type and timestamp; a duplicate of an event retention removed does not. */
function eventTypeOf(raw: string, s: EventSummary | undefined): string {
  return s?.eventType ?? (parse(raw)?.event?.eventType ?? 'unknown');
}

function timestampOf(raw: string, s: EventSummary | undefined): string {
  return s?.timestamp ?? (parse(raw)?.event?.timestamp ?? '');
}

function parse(raw: string): DtRequestBody | undefined {
  try {
    return parseBody(raw) as DtRequestBody;
  } catch {
    return undefined;
  }
}
