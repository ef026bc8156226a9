/**
 * Replay's source over the store's read API (the running service's store, or openReadOnly
 * beside a running serve): the chosen events in export order (oldest event time first), each
 * with the raw body the store holds, read one segment run at a time so memory stays bounded
 * whatever the number of events. Retention is held from the first read until the source ends.
 */
import { compileFilter, type EventFilter } from '../../../shared/filter';
import type { EventSummary } from '../../../shared/records';
import { exportOrder } from '../export';
import type { StoreReadApi } from '../store';
import type { ReplayEvent } from './read-export';

/** Which stored events: the listed ones (if given), those among them (or all) that match `filter`. */
export interface StoreSelection {
  eventIds?: readonly string[];
  filter?: EventFilter;
}

export interface StoreReplaySource {
  /** events chosen when the source was made */
  total: number;
  events: AsyncIterable<ReplayEvent>;
  /** chosen events whose body was gone when read (removed by retention meanwhile); final once `events` ends */
  readonly missing: number;
}

export function storeReplaySource(store: Pick<StoreReadApi, 'summaries' | 'find' | 'exportSource'>, sel: StoreSelection): StoreReplaySource {
  const keep = compileFilter(sel.filter ?? {});
  let picked: EventSummary[];
  if (sel.eventIds) {
    const seen = new Set<string>();
    picked = [];
    for (const id of sel.eventIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      const s = store.find(id);
      if (s && keep(s)) picked.push(s);
    }
  } else {
    picked = store.summaries.filter(keep);
  }
  const chosen = exportOrder(picked);
  const out = { total: chosen.length, missing: 0, events: read() };

  async function* read(): AsyncGenerator<ReplayEvent> {
    const src = store.exportSource();
    try {
      for (let i = 0; i < chosen.length;) {
        const bodies = await src.readBodies(chosen, i);
        for (let k = 0; k < bodies.length; k++) {
          const s = chosen[i + k]!;
          const raw = bodies[k];
          if (raw === undefined) {
            out.missing++;
            continue;
          }
          // the store keeps the received bytes as their UTF-8 text (the receiver accepts only JSON)
          yield { eventId: s.eventId, eventType: s.eventType, deviceId: s.deviceId, timestamp: s.timestamp, body: Buffer.from(raw, 'utf8'),
            recorded: { signature: s.signature, source: s.source, receivedAt: s.receivedAt, projectId: s.projectId } };
        }
        i += bodies.length;
      }
    } finally {
      src.release();
    }
  }
  return out;
}
