/**
 * The acknowledged deliveries in order, after a cursor: what a consumer that must see every
 * delivery (the forward queue) reads. Every accepted event and every duplicate delivery is a
 * record in its segment; segments only grow until they close and are never rewritten, so a
 * position (segment, events read, duplicates read) stays valid across restarts. Within a
 * segment the two lists are merged by arrival time. Only records on disk are read: a batch
 * still being written is not acknowledged yet.
 */
import type { DeliveryRecord } from '../../../shared/records';
import type { SegmentData } from './disk-format';
import type { SegmentMeta } from './load-state';

/** Where a reader stopped: in segment `segment`, after its first `events` and `duplicates` records. */
export interface DeliveryCursor {
  segment: number;
  events: number;
  duplicates: number;
}

export interface AcknowledgedDelivery {
  outcome: 'accepted' | 'duplicate';
  eventId: string;
  /** the body as received; null for a duplicate whose event retention has removed */
  raw: string | null;
  delivery: DeliveryRecord;
  /** where a reader resumes after this one (a consumer persists the last one it finished) */
  after: DeliveryCursor;
}

export interface DeliveryPage {
  deliveries: AcknowledgedDelivery[];
  /** pass it to the next read (and persist it to resume there after a restart) */
  next: DeliveryCursor;
}

/** The open segment as far as it is on disk. */
export interface LiveSegment {
  n: number;
  data: SegmentData;
  /** records of `data` appended to the journal and synced */
  events: number;
  duplicates: number;
  /** full segments switched away from, served from memory until their JSON file is written */
  closing?: { get(n: number): SegmentData | undefined };
}

export interface DeliverySource {
  segments: readonly SegmentMeta[];
  live(): LiveSegment | null;
  segment(n: number): Promise<SegmentData | null>;
  /** the stored body of an event, for its duplicate deliveries */
  body(eventId: string): Promise<string | null>;
}

export const START: DeliveryCursor = { segment: 0, events: 0, duplicates: 0 };

export async function readDeliveries(src: DeliverySource, after: DeliveryCursor | null, limit: number): Promise<DeliveryPage> {
  let cur = after ?? START;
  const out: AcknowledgedDelivery[] = [];
  const numbers = src.segments.filter((m) => m.n >= cur.segment).map((m) => m.n);
  for (const n of numbers) {
    if (out.length >= limit) break;
    if (n > cur.segment) cur = { segment: n, events: 0, duplicates: 0 };
    const live = src.live();
    const data = live && live.n === n ? live.data : await src.segment(n);
    if (!data) continue; // unreadable (reported at start) or removed meanwhile
    const eventsEnd = live && live.n === n ? live.events : data.events.length;
    const dupsEnd = live && live.n === n ? live.duplicates : data.duplicates.length;
    let e = cur.events, d = cur.duplicates;
    while (out.length < limit && (e < eventsEnd || d < dupsEnd)) {
      const ev = e < eventsEnd ? data.events[e]! : undefined;
      const dup = d < dupsEnd ? data.duplicates[d]! : undefined;
      if (ev && (!dup || ev.delivery.receivedAt <= dup.delivery.receivedAt)) {
        e++;
        out.push({ outcome: 'accepted', eventId: ev.eventId, raw: ev.raw, delivery: ev.delivery, after: { segment: n, events: e, duplicates: d } });
      } else {
        d++;
        out.push({ outcome: 'duplicate', eventId: dup!.eventId, raw: await src.body(dup!.eventId), delivery: dup!.delivery, after: { segment: n, events: e, duplicates: d } });
      }
    }
    cur = { segment: n, events: e, duplicates: d };
  }
  return { deliveries: out, next: cur };
}
