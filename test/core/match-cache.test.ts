/**
 * The inspector's filtered list while events stream in: MatchCache tests only the new events
 * after the first scan, so after every kind of change (new events, redeliveries, retention,
 * another filter) its answer must be exactly a full scan's.
 */
import { describe, expect, it } from 'vitest';
import { MatchCache } from '../../electron/core/inbox-api';
import { compileFilter, type EventFilter } from '../../shared/filter';
import type { EventSummary } from '../../shared/records';

function summary(seq: number, r: () => number): EventSummary {
  const types = ['touch', 'temperature', 'contact', 'co2'];
  const names = ['Fridge', 'Door', 'Meeting room', 'Freezer'];
  const deviceId = `dev${Math.floor(r() * 6)}`;
  return {
    seq, eventId: `evt${seq}`, eventType: types[Math.floor(r() * types.length)]!, projectId: 'p', deviceId,
    deviceName: names[Math.floor(r() * names.length)]!, labels: { name: 'x', floor: String(Math.floor(r() * 3)) },
    timestamp: `2025-03-14T10:${String(Math.floor(r() * 60)).padStart(2, '0')}:00Z`, receivedAt: '2025-03-14T10:00:00.000Z',
    deliveries: 1, signature: r() < 0.2 ? 'unverified' : 'valid', warnings: [], stale: r() < 0.1, knownType: true, summary: '', source: 'connector',
  };
}

/** what the list must show: every match, newest first */
const fullScan = (all: readonly EventSummary[], f: EventFilter) => {
  const pred = compileFilter(f);
  return [...all].reverse().filter(pred).map((e) => e.seq);
};

describe('MatchCache', () => {
  it('gives a full scan\'s answer after new events, redeliveries, retention and filter changes', () => {
    let state = 42;
    const r = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const filters: EventFilter[] = [
      { types: ['touch'] }, { text: 'fridge' }, { duplicatesOnly: true }, { devices: ['dev2', 'dev3'], staleOnly: true },
      { labels: ['floor=1'], unverifiedOnly: true }, { text: 'evt1' },
    ];
    const all: EventSummary[] = [];
    let seq = 0, redeliveries = 0;
    const cache = new MatchCache();
    for (let step = 0; step < 400; step++) {
      const roll = r();
      if (roll < 0.6) {
        for (let k = 1 + Math.floor(r() * 5); k > 0; k--) all.push(summary(++seq, r));
      } else if (roll < 0.8 && all.length) {
        all[Math.floor(r() * all.length)]!.deliveries++; // a redelivery, as the store records it
        redeliveries++;
      } else if (roll < 0.9 && all.length > 10) {
        all.splice(0, 1 + Math.floor(r() * 8)); // retention drops the oldest
      }
      const f = filters[Math.floor(step / 40) % filters.length]!;
      expect(cache.get(all, f, redeliveries).map((e) => e.seq), `step ${step} ${JSON.stringify(f)}`).toEqual(fullScan(all, f));
    }
    expect(seq).toBeGreaterThan(300);
  });

  it('tests only the events that arrived since the last answer', () => {
    const r = () => 0.5;
    const all = Array.from({ length: 1000 }, (_, i) => summary(i + 1, r));
    // an event counts as tested when the matcher reads any of its fields (seq is the cache's own bookkeeping)
    const seen = new Set<EventSummary>();
    const watch = (e: EventSummary) => new Proxy(e, { get: (t, k) => (k !== 'seq' && seen.add(t), t[k as keyof EventSummary]) });
    const counting: EventFilter = { text: 'meeting' };
    const cache = new MatchCache();
    const spy = all.map(watch);
    cache.get(spy, counting, 0);
    expect(seen.size).toBe(1000);
    seen.clear();
    spy.push(watch(summary(1001, r)));
    expect(cache.get(spy, counting, 0)).toHaveLength(1001);
    expect(seen.size).toBe(1);
  });
});
