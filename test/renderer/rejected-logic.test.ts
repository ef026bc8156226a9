import { describe, expect, it } from 'vitest';
import { groupRejected, rejectReasons } from '../../renderer/src/logic/rejected';
import type { RejectedDelivery } from '../../shared/records';

let id = 0;
const r = (over: Partial<RejectedDelivery>): RejectedDelivery => ({
  id: ++id, receivedAt: '2026-12-06T10:00:00.000Z', path: '/', remoteAddress: '127.0.0.1', status: 401, error: 'invalid_signature',
  message: 'm', diagnosis: 'd', headers: {}, bodyPreview: '{}', bodyBytes: 2, ...over,
});

describe('grouping rejected deliveries', () => {
  it('counts DT\'s retries of one event for one reason on one row, newest group first, and keeps other reasons apart', () => {
    const list = [
      r({ eventId: 'a', receivedAt: '2026-12-06T10:00:01.000Z' }),
      r({ eventId: 'a', receivedAt: '2026-12-06T10:00:05.000Z', message: 'latest' }),
      r({ eventId: 'a', receivedAt: '2026-12-06T10:00:03.000Z' }),
      r({ eventId: 'a', receivedAt: '2026-12-06T10:00:02.000Z', error: 'expired_signature' }),
      // no id could be read: the same body is the same delivery
      r({ bodyPreview: '{"event":', bodyBytes: 9, error: 'invalid_json', receivedAt: '2026-12-06T10:00:06.000Z' }),
      r({ bodyPreview: '{"event":', bodyBytes: 9, error: 'invalid_json', receivedAt: '2026-12-06T10:00:07.000Z' }),
      r({ bodyPreview: '[', bodyBytes: 1, error: 'invalid_json', receivedAt: '2026-12-06T10:00:04.000Z' }),
    ];
    const g = groupRejected(list);
    expect(g.map((x) => [x.latest.error, x.count])).toEqual([['invalid_json', 2], ['invalid_signature', 3], ['invalid_json', 1], ['expired_signature', 1]]);
    expect(g[1]).toMatchObject({ firstAt: '2026-12-06T10:00:01.000Z', lastAt: '2026-12-06T10:00:05.000Z', latest: { message: 'latest' } });
    expect(rejectReasons(list)).toEqual([{ reason: 'invalid_json', count: 3 }, { reason: 'invalid_signature', count: 3 }, { reason: 'expired_signature', count: 1 }]);
  });
});
