import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, NotificationPolicy } from '../../electron/shell/notification-policy';
import type { RejectedDelivery } from '../../shared/records';
import { appStatus, summary } from './fixtures';

const T0 = 1_700_000_000_000;
const events = (...latest: ReturnType<typeof summary>[]) => ({ type: 'events' as const, added: latest.length, latest });
const rejected = (error: RejectedDelivery['error']) => ({
  type: 'rejected' as const,
  latest: { id: 1, receivedAt: '', path: '/', remoteAddress: '', status: 401, error, message: '', diagnosis: '', headers: {}, bodyPreview: '', bodyBytes: 0 },
});

describe('notification policy', () => {
  it('speaks in sensor terms and links the event', () => {
    const p = new NotificationPolicy();
    const [n] = p.offer(events(summary({ eventType: 'waterPresent', summary: 'PRESENT', deviceName: 'Basement sensor', eventId: 'abc' })), T0);
    expect(n).toMatchObject({ title: 'Water detected — Basement sensor', eventId: 'abc' });
  });

  it('defaults: state changes on, heartbeats and unknown types off', () => {
    for (const t of ['touch', 'objectPresent', 'waterPresent', 'motion', 'contact', 'deskOccupancy']) expect(DEFAULT_NOTIFICATION_PREFS.types[t]).toBe(true);
    const p = new NotificationPolicy();
    const quiet = ['networkStatus', 'batteryStatus', 'temperature', 'someFutureType'].map((eventType) => summary({ eventType }));
    expect(p.offer(events(...quiet), T0)).toEqual([]);
    expect(p.offer(events(summary({ eventType: 'touch', summary: 'touch' })), T0)[0]!.title).toBe('Touched — Basement sensor');
  });

  it('skips stale (out-of-order) events and events already notified', () => {
    const p = new NotificationPolicy();
    const e = summary();
    expect(p.offer(events(summary({ stale: true })), T0)).toEqual([]);
    expect(p.offer(events(e), T0)).toHaveLength(1);
    expect(p.offer(events(e), T0 + 1)).toEqual([]);
  });

  it('rate-limits and summarises the rest per minute: "14 more events from 3 devices"', () => {
    const p = new NotificationPolicy({ ...DEFAULT_NOTIFICATION_PREFS, maxPerMinute: 5 });
    const burst = Array.from({ length: 19 }, (_, i) => summary({ deviceId: `d${i % 3}`, eventType: 'touch', summary: 'touch' }));
    expect(p.offer(events(...burst), T0)).toHaveLength(5);
    expect(p.flush(T0 + 30_000)).toEqual([]); // the window is still open
    expect(p.flush(T0 + 60_000)).toEqual([{ title: '14 more events from 3 devices', body: expect.any(String) }]);
    expect(p.flush(T0 + 120_000)).toEqual([]);
    expect(p.offer(events(summary({ eventType: 'touch' })), T0 + 60_001)).toHaveLength(1); // a new window
  });

  it('collapses a burst of signature failures into one notification and a summary', () => {
    const p = new NotificationPolicy();
    expect(p.offer(rejected('invalid_signature'), T0)).toEqual([{ title: 'Signature check failed', body: expect.stringMatching(/invalid signature.*secret/) }]);
    for (let i = 1; i <= 7; i++) expect(p.offer(rejected('invalid_signature'), T0 + i * 1000)).toEqual([]);
    expect(p.flush(T0 + 60_000)).toEqual([]);
    expect(p.flush(T0 + 5 * 60_000)).toEqual([{ title: '7 more deliveries rejected', body: expect.any(String) }]);
    expect(p.offer(rejected('invalid_json'), T0 + 11 * 60_000)[0]!.title).toBe('Delivery rejected');
  });

  it('tells when the tunnel goes down or stops, once per cause', () => {
    const p = new NotificationPolicy();
    expect(p.offer({ type: 'status', status: appStatus({ state: 'online', url: 'https://x' }) }, T0)).toEqual([]);
    const down = p.offer({ type: 'status', status: appStatus({ state: 'reconnecting', attempt: 1, message: 'The connection to ngrok dropped.', retryInMs: 10_000 }) }, T0);
    expect(down[0]!.title).toBe('Tunnel down — reconnecting');
    const err = { state: 'error', code: 'authtoken_rejected', message: 'ngrok rejected the authtoken' } as const;
    expect(p.offer({ type: 'status', status: appStatus(err) }, T0)[0]).toEqual({ title: 'Tunnel stopped', body: err.message });
    expect(p.offer({ type: 'status', status: appStatus(err) }, T0)).toEqual([]);
  });

  it('a storage status that flaps (a nearly full disk) notifies once per 10 minutes, not at every failure', () => {
    const p = new NotificationPolicy();
    const status = (ok: boolean) => ({ type: 'status' as const, status: appStatus({ state: 'off' }, { storage: ok ? { ok: true } : { ok: false, message: 'ENOSPC', since: '' } }) });
    const shown: string[] = [];
    for (let i = 0; i < 20; i++) {
      for (const n of p.offer(status(false), T0 + i * 1000)) shown.push(n.title);
      p.offer(status(true), T0 + i * 1000 + 500);
    }
    expect(shown).toEqual(['Cannot store events']);
    expect(p.offer(status(false), T0 + 11 * 60_000).map((n) => n.title)).toEqual(['Cannot store events']);
  });

  it('pause silences events (1 h, or until resumed) but not storage failures', () => {
    const p = new NotificationPolicy();
    p.setPause({ until: T0 + 3_600_000 });
    expect(p.offer(events(summary()), T0)).toEqual([]);
    expect(p.offer(rejected('invalid_signature'), T0)).toEqual([]);
    const broken = appStatus({ state: 'off' }, { storage: { ok: false, message: 'disk full', since: '' } });
    expect(p.offer({ type: 'status', status: broken }, T0)).toEqual([{ title: 'Cannot store events', body: 'disk full' }]);
    expect(p.offer(events(summary()), T0 + 3_600_000)).toHaveLength(1); // the hour is over
    p.setPause({ until: 'resumed' });
    expect(p.offer(events(summary()), T0 + 100 * 3_600_000)).toEqual([]);
    p.setPause(null);
    expect(p.offer(events(summary()), T0 + 100 * 3_600_000)).toHaveLength(1);
  });
});

describe('forwarding to the tester\'s receiver', () => {
  const at = (h: number, m: number) => new Date(2026, 0, 5, h, m, 10).toISOString();
  const forward = (over: Partial<NonNullable<ReturnType<typeof appStatus>['forward']>> = {}) => ({
    url: 'http://127.0.0.1:3000/dt', queueDepth: 12, inFlight: 1, delivered3h: 40, failed3h: 9, p99LatencyMs: 20,
    failingSince: at(14, 2), lastOutcome: 500 as const, lastErrors: [], givenUp: 0, ...over,
  });
  const status = (f: ReturnType<typeof forward> | null) => ({ type: 'status' as const, status: appStatus({ state: 'off' }, { forward: f }) });

  it('says when the receiver keeps failing, then at most once per 10 minutes while it does', () => {
    const p = new NotificationPolicy();
    expect(p.offer(status(forward({ failingSince: null, lastOutcome: 200 })), T0)).toEqual([]);
    expect(p.offer(status(forward()), T0)).toEqual([{ title: 'Forwarding is failing', body: 'Your receiver answers 500 since 14:02. 12 deliveries queued; retried until 12 h old.' }]);
    expect(p.offer(status(forward()), T0 + 60_000)).toEqual([]);
    expect(p.flush(T0 + 9 * 60_000)).toEqual([]);
    // no new status for a while: the periodic flush says it again once 10 minutes have passed
    expect(p.flush(T0 + 10 * 60_000)).toEqual([{ title: 'Forwarding is failing', body: 'Your receiver answers 500 since 14:02. 12 deliveries queued; retried until 12 h old.' }]);
    expect(p.offer(status(forward({ lastOutcome: 'timeout', queueDepth: 1 })), T0 + 20 * 60_000)[0]!.body).toBe('Your receiver does not answer since 14:02. 1 delivery queued; retried until 12 h old.');
  });

  it('stays quiet once it delivers again, when forwarding is off, and while paused', () => {
    const p = new NotificationPolicy();
    p.offer(status(forward({ failingSince: null })), T0);
    expect(p.flush(T0 + 60 * 60_000)).toEqual([]);
    p.offer(status(null), T0);
    expect(p.flush(T0 + 2 * 60 * 60_000)).toEqual([]);
    p.setPause({ until: 'resumed' });
    expect(p.offer(status(forward({ lastOutcome: 'error' })), T0 + 3 * 60 * 60_000)).toEqual([]);
    expect(p.flush(T0 + 3 * 60 * 60_000)).toEqual([]);
    p.setPause(null);
    expect(p.flush(T0 + 3 * 60 * 60_000 + 1)[0]!.body).toMatch(/^Your receiver cannot be reached since 14:02\./);
  });
});
