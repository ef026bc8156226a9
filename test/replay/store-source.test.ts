/**
 * The store as a replay source: the chosen events oldest event time first with the exact
 * bodies stored, read one segment run at a time as they are consumed (never all up front),
 * and retention held only until the source ends, also when it is left early.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EventStore, type StoreReadApi } from '../../electron/core/store';
import { storeReplaySource } from '../../electron/core/replay';
import { cleanupTempDirs, storeArrival, tempDir } from '../core/helpers';

afterAll(cleanupTempDirs);

/** the store's read API, counting the body reads and the holds still open */
function counted(store: StoreReadApi) {
  const c = { reads: 0, holds: 0 };
  const api = {
    summaries: store.summaries,
    find: (id: string) => store.find(id),
    exportSource: () => {
      const src = store.exportSource();
      c.holds++;
      return {
        ...src,
        readBodies: (events: Parameters<typeof src.readBodies>[0], from: number) => { c.reads++; return src.readBodies(events, from); },
        release: () => { c.holds--; src.release(); },
      };
    },
  };
  return { api, c };
}

describe('storeReplaySource', () => {
  it('yields the chosen events oldest first with their stored bodies, reading segment by segment as it goes', async () => {
    const store = await EventStore.open(tempDir(), { segmentSize: 10 });
    // event times run backwards against arrival, so oldest-first is not the stored order
    const arrivals = Array.from({ length: 45 }, (_, i) => ({ ...storeArrival(), timestamp: `2025-03-14T10:00:${String(59 - i).padStart(2, '0')}.000000Z` }));
    for (const a of arrivals) await store.ingest(a);
    const { api, c } = counted(store);
    const src = storeReplaySource(api, { filter: {} });
    expect(src.total).toBe(45);
    expect(c.reads).toBe(0); // nothing read before the replay asks
    const bodies: string[] = [];
    const timestamps: string[] = [];
    let readsAfter10 = 0;
    for await (const e of src.events) {
      bodies.push(e.body.toString('utf8'));
      timestamps.push(e.timestamp);
      if (bodies.length === 10) readsAfter10 = c.reads;
    }
    expect(c.reads).toBe(5); // one read per segment (runs of consecutive events stored together)
    expect(readsAfter10).toBeLessThan(5); // read as consumed, not all up front
    expect(timestamps).toEqual([...arrivals].reverse().map((a) => a.timestamp));
    expect(bodies.sort()).toEqual(arrivals.map((a) => a.raw).sort());
    expect(c.holds).toBe(0);
    await store.close();
  });

  it('picks listed ids (each once, unknown ones skipped, within the filter) and releases retention when left early', async () => {
    const store = await EventStore.open(tempDir(), { segmentSize: 10 });
    const arrivals = Array.from({ length: 12 }, (_, i) => storeArrival({ deviceId: i % 2 ? 'tcdevodd' : 'tcdeveven' }));
    for (const a of arrivals) await store.ingest(a);
    const { api, c } = counted(store);
    const ids = [arrivals[3]!.eventId, arrivals[4]!.eventId, arrivals[3]!.eventId, 'tcnotstored', arrivals[7]!.eventId];
    const odd = storeReplaySource(api, { eventIds: ids, filter: { devices: ['tcdevodd'] } });
    expect(odd.total).toBe(2);
    const got: string[] = [];
    for await (const e of odd.events) got.push(e.eventId);
    expect(got.sort()).toEqual([arrivals[3]!.eventId, arrivals[7]!.eventId].sort());

    const all = storeReplaySource(api, { eventIds: ids });
    for await (const _ of all.events) break; // the replay stopped after one event
    expect(c.holds).toBe(0);
    await store.close();
  });
});
