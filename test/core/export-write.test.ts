/**
 * writeExport without the CLI. The order: oldest first by full-precision event time, ties by
 * arrival (seq), unparsable timestamps first; the sort keys are numbers, so they must give
 * exactly the order of normaliseTimestamp's strings, offsets and short fractions included.
 * The output: bounded chunks (no chunk per segment), bodies exactly as stored.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportOrder, writeExport, type ExportSource } from '../../electron/core/export';
import { SEGMENT_FORMAT, type SegmentData, type StoredEventRecord } from '../../electron/core/store/disk-format';
import { normaliseTimestamp } from '../../shared/dt/timestamp';
import type { EventSummary } from '../../shared/records';

const summary = (seq: number, timestamp: string): EventSummary => ({
  seq, eventId: `e${seq}`, eventType: 'temperature', projectId: 'p', deviceId: 'd', deviceName: 'd', labels: {},
  timestamp, receivedAt: '2025-03-14T09:00:00.000Z', deliveries: 1, signature: 'valid', warnings: [], stale: false, source: 'connector',
  knownType: true, summary: '',
});

/** the definition: normalised strings compared as strings, then seq */
const reference = (xs: readonly EventSummary[]) =>
  xs.map((s) => ({ s, key: normaliseTimestamp(s.timestamp) ?? '' }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.s.seq - b.s.seq))
    .map((x) => x.s.seq);

describe('export order', () => {
  it('sorts by full-precision time, then seq, unparsable first, exactly as the normalised strings compare', () => {
    const stamps = [
      '2025-03-14T09:30:00.000000300Z', '2025-03-14T09:30:00.000000200Z', '2025-03-14T09:30:00.0000002Z',
      '2025-03-14T09:30:00Z', '2025-03-14T09:30:00.5Z', '2025-03-14T09:30:00.499999999Z', '2025-03-14T09:30:00.999999999Z',
      '2025-03-14T11:30:00.000000250+02:00', '2025-03-14T04:30:00.000000100-05:00', '2025-03-14t09:30:00.000000300z',
      '2025-03-13T23:59:59.999999999Z', '2025-03-14T00:30:00.1+01:00', '1999-12-31T23:59:60.123456Z', '9999-12-31T23:59:59.999999999Z',
      '0000-01-01T00:00:00Z', '2025-02-31T10:00:00Z', '2025-03-01T10:00:00Z', 'not a timestamp', '', '2025-03-14 09:30:00Z',
      '2025-13-01T00:00:00Z', '2025-03-14T09:30:00.000000300Z', 'not a timestamp',
      '2025-03-14T09:30:00.Z', '2025-03-14T24:00:00Z', '2025-03-14T09:60:00Z', '2025-03-14T09:30:61Z', '2025-03-14T09:30:60.5Z',
      '2025-03-14T09:30:00.1234567890Z', '2025-03-14T09:30:00.12a4Z', '2025-03-00T09:30:00Z', '2025-00-14T09:30:00Z',
      '2025-03-32T09:30:00Z', '2025-03-14T09:30:00.123456789', '2025/03/14T09:30:00Z', '２025-03-14T09:30:00Z', '2025-03-14T09:30:00.000000300Z ',
    ];
    const xs = stamps.map((t, i) => summary(stamps.length - i, t)); // seq against the list order, to test the ties
    const shuffled = [...xs].sort((a, b) => ((a.seq * 7919) % 23) - ((b.seq * 7919) % 23));
    expect(exportOrder(shuffled).map((s) => s.seq)).toEqual(reference(xs));
    expect(exportOrder([])).toEqual([]);
  });

  it('orders random timestamps, valid and not, as the normalised strings do', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const two = (n: number) => String(rnd(n)).padStart(2, '0');
    const stamps = Array.from({ length: 3000 }, () => {
      const frac = rnd(3) ? `.${'123456789'.slice(0, 1 + rnd(9)).split('').map(() => rnd(10)).join('')}` : '';
      const zone = ['Z', 'Z', 'Z', 'z', '+01:00', '-00:00', 'X'][rnd(7)];
      return `20${two(100)}-${two(14)}-${two(33)}${rnd(9) ? 'T' : 't'}${two(26)}:${two(62)}:${two(62)}${frac}${zone}`;
    });
    const xs = stamps.map((t, i) => summary(i, t));
    expect(exportOrder([...xs].reverse()).map((s) => s.seq)).toEqual(reference(xs));
  });

  it('keeps the summaries themselves', () => {
    const xs = [summary(2, '2025-03-14T09:30:00Z'), summary(1, '2025-03-14T09:31:00Z')];
    const out = exportOrder(xs);
    expect(out[0]).toBe(xs[0]);
    expect(out[1]).toBe(xs[1]);
  });
});

describe('export output', () => {
  it('writes every event of a long segment run exactly, in chunks far smaller than the run', async () => {
    const per = 256, segmentCount = 3;
    const summaries: EventSummary[] = [];
    const segments = new Map<number, SegmentData>();
    const raws = new Map<string, string>();
    for (let n = 1; n <= segmentCount; n++) {
      const events: StoredEventRecord[] = [];
      for (let k = 0; k < per; k++) {
        const seq = (n - 1) * per + k + 1;
        const s = summary(seq, `2025-03-14T09:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000001Z`);
        // some bodies non-ASCII (two-byte strings), one far larger than a chunk
        const text = seq % 7 === 0 ? 'Küche °C 😀 \u2028'.repeat(20) : 'x'.repeat(600);
        const raw = JSON.stringify({ eventId: s.eventId, text: seq === 300 ? 'y'.repeat(200_000) : text });
        raws.set(s.eventId, raw);
        summaries.push(s);
        events.push({ ...s, raw, delivery: { receivedAt: s.receivedAt, path: '/', headers: {} } } as unknown as StoredEventRecord);
      }
      segments.set(n, { format: SEGMENT_FORMAT, segment: n, events, duplicates: [] });
    }
    // the store's contract: one read gives the run of events stored in one segment
    const segmentOf = (seq: number) => Math.ceil(seq / per);
    const source: ExportSource = {
      summaries, devices: [], release: () => {},
      readBodies: async (events, from) => {
        const n = segmentOf(events[from]!.seq), data = segments.get(n)!;
        const bodies: (string | undefined)[] = [];
        for (let k = from; k < events.length && segmentOf(events[k]!.seq) === n; k++) bodies.push(data.events.find((e) => e.seq === events[k]!.seq)?.raw);
        return bodies;
      },
    };
    const chunks: Buffer[] = [];
    const out = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); setImmediate(cb); } });

    const r = await writeExport(source, {}, out);
    await new Promise<void>((resolve) => out.end(resolve));

    expect(r).toEqual({ count: per * segmentCount, missing: 0 });
    const text = Buffer.concat(chunks).toString('utf8');
    const doc = JSON.parse(text) as { count: number; events: Array<{ eventId: string; body: unknown }> };
    expect(doc.count).toBe(per * segmentCount);
    expect(doc.events.map((e) => e.eventId)).toEqual(summaries.map((s) => s.eventId));
    for (const e of doc.events) expect(JSON.stringify(e.body)).toBe(raws.get(e.eventId));
    // a segment run is about 180 kB here; apart from the one huge event, no chunk comes near it
    const big = chunks.filter((c) => c.length > 80_000);
    expect(big).toHaveLength(1);
    expect(big[0]!.toString('utf8')).toContain('y'.repeat(200_000));
    expect(chunks.length).toBeGreaterThan(segmentCount * 2);
  });
});
