/**
 * The ordered read of acknowledged deliveries (every accepted event and every duplicate
 * delivery, after a cursor) and the retention hold that keeps what a consumer has not read:
 * what the forward queue builds on. A cursor is kept across a restart as a consumer would
 * persist it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EventStore, type Arrival, type DeliveryCursor } from '../../electron/core/store';
import { cleanupTempDirs, storeArrival, tempDir, until } from './helpers';

afterAll(() => cleanupTempDirs());

/** DT's retry of a delivery: the same body, arriving now. */
const retry = (x: Arrival, path: string): Arrival => {
  const receivedAt = new Date().toISOString();
  return { ...x, receivedAt, delivery: { ...x.delivery, receivedAt, path } };
};

const seen = (page: { deliveries: { outcome: string; eventId: string; delivery: { path: string } }[] }) =>
  page.deliveries.map((d) => `${d.outcome} ${d.eventId} ${d.delivery.path}`);

describe('acknowledged deliveries after a cursor', () => {
  it('reads events and duplicates in arrival order, page by page, and resumes after a restart from a saved cursor', async () => {
    const dir = tempDir();
    let s = await EventStore.open(dir, { segmentSize: 3 });
    let a!: Arrival, b!: Arrival, c!: Arrival;
    const expected: string[] = [];
    // each built as it arrives: the read merges a segment's events and duplicates by arrival time
    for (const next of [() => (a = storeArrival()), () => (b = storeArrival()), () => retry(a, '/retry-a'), () => (c = storeArrival()), () => retry(b, '/retry-b')]) {
      const x = next();
      const r = await s.ingest(x);
      expected.push(`${r.outcome} ${x.eventId} ${x.delivery.path}`);
    }
    const all = await s.deliveriesAfter(null);
    expect(seen(all)).toEqual(expected);
    // a duplicate carries the body of its event, for a consumer that resends it
    expect(all.deliveries[2]!.raw).toBe(a.raw);
    // in pages of two: the same deliveries, none twice
    const paged: string[] = [];
    let cursor: DeliveryCursor | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await s.deliveriesAfter(cursor, 2);
      paged.push(...seen(page));
      cursor = page.next;
    }
    expect(paged).toEqual(expected);
    expect((await s.deliveriesAfter(cursor)).deliveries).toEqual([]);
    // each delivery says where a reader resumes after it (what a consumer saves once it is done)
    for (const [i, x] of all.deliveries.entries()) expect(seen(await s.deliveriesAfter(x.after)), `after #${i}`).toEqual(expected.slice(i + 1));
    // "from now on": the end is after everything acknowledged so far
    expect((await s.deliveriesAfter(s.endOfDeliveries())).deliveries).toEqual([]);
    const saved = JSON.parse(JSON.stringify(all.next)) as DeliveryCursor; // persisted by the consumer
    await s.close();

    s = await EventStore.open(dir, { segmentSize: 3 });
    expect((await s.deliveriesAfter(saved)).deliveries).toEqual([]);
    const end = s.endOfDeliveries();
    const d = storeArrival();
    await s.ingest(d);
    await s.ingest(retry(c, '/retry-c'));
    expect(seen(await s.deliveriesAfter(saved))).toEqual([`accepted ${d.eventId} /`, `duplicate ${c.eventId} /retry-c`]);
    expect(seen(await s.deliveriesAfter(end))).toEqual([`accepted ${d.eventId} /`, `duplicate ${c.eventId} /retry-c`]);
    expect(seen(await s.deliveriesAfter(null))).toEqual([...expected, `accepted ${d.eventId} /`, `duplicate ${c.eventId} /retry-c`]);
    await s.close();
  });

  it('a hold keeps retention from what the consumer has not read; moving it on or releasing it lets retention go on', async () => {
    const dir = tempDir();
    const cap = 6, seg = 3;
    const s = await EventStore.open(dir, { segmentSize: seg, maxEvents: cap });
    const hold = s.holdRetention(null);
    const sent: string[] = [];
    for (let i = 0; i < 24; i++) {
      const x = storeArrival();
      sent.push(x.eventId);
      await s.ingest(x);
    }
    // nothing read yet: everything stays, past the cap
    expect(s.summaries.map((e) => e.eventId)).toEqual(sent);
    const first = await s.deliveriesAfter(null, 12);
    expect(first.deliveries.map((d) => d.eventId)).toEqual(sent.slice(0, 12));

    // read up to 12: what comes after stays, older segments may go
    hold.moveTo(first.next);
    await until(() => (s.summaries.length < sent.length ? true : undefined), 'retention below the hold');
    const rest = await s.deliveriesAfter(first.next);
    expect(rest.deliveries.map((d) => d.eventId)).toEqual(sent.slice(12));
    expect(s.summaries.length).toBeGreaterThanOrEqual(12);

    // released: back to the cap (whole segments)
    hold.release();
    await until(() => (s.summaries.length <= cap + seg ? true : undefined), 'retention after the release');
    expect(s.summaries.map((e) => e.eventId)).toEqual(sent.slice(sent.length - s.summaries.length));
    // a cursor into a removed segment reads on from the oldest kept one
    expect((await s.deliveriesAfter(null)).deliveries.map((d) => d.eventId)).toEqual(s.summaries.map((e) => e.eventId));
    await s.close();
  });

  it('without a hold, retention keeps the cap as before', async () => {
    const dir = tempDir();
    const s = await EventStore.open(dir, { segmentSize: 3, maxEvents: 6 });
    for (let i = 0; i < 24; i++) await s.ingest(storeArrival());
    expect(s.summaries.length).toBeLessThanOrEqual(9);
    expect(s.stats.droppedByRetention).toBe(24 - s.summaries.length);
    await s.close();
  });
});
