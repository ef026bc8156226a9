/**
 * The coalesced `events` push: a lone delivery is announced at once, a burst in one message per
 * 50 ms, and nothing acknowledged goes unannounced (counted in `added`, the newest in `latest`).
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { coalescedEventsPush, type EventsMessage } from '../../electron/core/events-push';
import type { EventSummary } from '../../shared/records';

const summary = (seq: number): EventSummary => ({
  seq, eventId: `e${seq}`, eventType: 'touch', projectId: 'p', deviceId: 'd', deviceName: 'd', labels: {},
  timestamp: '2026-12-07T10:00:00.000Z', receivedAt: '2026-12-07T10:00:00.000Z', deliveries: 1,
  signature: 'valid', warnings: [], stale: false, knownType: true, summary: 'touch', source: 'connector',
});
const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => summary(from + i));

let sent: EventsMessage[];
let push: ReturnType<typeof coalescedEventsPush>;
beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  push = coalescedEventsPush((m) => sent.push(m), 50, () => Date.now());
});
afterEach(() => vi.useRealTimers());

it('announces a lone delivery at once, and the next one after a quiet interval at once too', () => {
  push.add(batch(1, 1));
  expect(sent.map((m) => m.latest.map((e) => e.eventId))).toEqual([['e1']]);
  vi.advanceTimersByTime(200);
  push.add(batch(2, 1));
  expect(sent.map((m) => m.added)).toEqual([1, 1]);
});

it('a burst of 1000 one-event batches is a handful of messages that count every event, newest last', () => {
  push.add(batch(1, 1)); // the leading edge
  for (let i = 2; i <= 1000; i++) {
    push.add(batch(i, 1));
    if (i % 10 === 0) vi.advanceTimersByTime(1); // 1000 events over ~100 ms
  }
  vi.advanceTimersByTime(50);
  expect(sent.length).toBeGreaterThan(1);
  expect(sent.length).toBeLessThanOrEqual(4);
  expect(sent.reduce((n, m) => n + m.added, 0)).toBe(1000);
  const last = sent.at(-1)!;
  expect(last.latest).toHaveLength(50);
  expect(last.latest.at(-1)!.eventId).toBe('e1000');
  expect(last.latest.map((e) => e.seq)).toEqual(batch(951, 50).map((e) => e.seq));
});

it('flush sends what is pending at once (on stop), and then nothing more', () => {
  push.add(batch(1, 1));
  push.add(batch(2, 3));
  expect(sent).toHaveLength(1);
  push.flush();
  expect(sent.map((m) => m.added)).toEqual([1, 3]);
  vi.advanceTimersByTime(500);
  expect(sent).toHaveLength(2);
  push.flush();
  expect(sent).toHaveLength(2);
});
