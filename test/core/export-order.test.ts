/**
 * The export's order without the CLI: oldest first by full-precision event time, ties by
 * arrival (seq), unparsable timestamps first; the sort keys are numbers, so they must give
 * exactly the order of normaliseTimestamp's strings, offsets and short fractions included.
 */
import { describe, expect, it } from 'vitest';
import { exportOrder } from '../../electron/core/export';
import { normaliseTimestamp } from '../../shared/dt/timestamp';
import type { EventSummary } from '../../shared/records';

const summary = (seq: number, timestamp: string): EventSummary => ({
  seq, eventId: `e${seq}`, eventType: 'temperature', projectId: 'p', deviceId: 'd', deviceName: 'd', labels: {},
  timestamp, receivedAt: '2025-03-14T09:00:00.000Z', deliveries: 1, signature: 'valid', warnings: [], stale: false,
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
    ];
    const xs = stamps.map((t, i) => summary(stamps.length - i, t)); // seq against the list order, to test the ties
    const shuffled = [...xs].sort((a, b) => ((a.seq * 7919) % 23) - ((b.seq * 7919) % 23));
    expect(exportOrder(shuffled).map((s) => s.seq)).toEqual(reference(xs));
    expect(exportOrder([])).toEqual([]);
  });

  it('keeps the summaries themselves', () => {
    const xs = [summary(2, '2025-03-14T09:30:00Z'), summary(1, '2025-03-14T09:31:00Z')];
    const out = exportOrder(xs);
    expect(out[0]).toBe(xs[0]);
    expect(out[1]).toBe(xs[1]);
  });
});
