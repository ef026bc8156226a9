/**
 * Intake: a bare DT event (history, stream) plus its device becomes the envelope a connector
 * would have sent, stored through the same mapping as a received body: the labels cut to the
 * connector's keys, metadata from DT's device list, signature "fetched", the source recorded
 * on the event and its delivery; a history re-fetch of a stored id writes nothing, a stream
 * duplicate counts as a delivery; an older filled event is not an out-of-order delivery.
 */
import { afterAll, expect, it } from 'vitest';
import { arrivalFromEvent } from '../../electron/core/intake';
import { EventStore } from '../../electron/core/store';
import { cleanupTempDirs, tempDir } from '../core/helpers';

afterAll(() => cleanupTempDirs());

const device = { name: 'projects/p1/devices/d1', type: 'temperature', productNumber: '102150', labels: { name: 'Fridge', room: 'kitchen', secret: 'x' } };
const event = (eventId: string, timestamp: string, value = 4.5) => ({
  eventId, targetName: 'projects/p1/devices/d1', eventType: 'temperature', timestamp,
  data: { temperature: { value, updateTime: timestamp, samples: [{ value, sampleTime: timestamp }] } },
});

it('builds the connector envelope: labels cut to the connector\'s keys, metadata from the device, signature fetched', () => {
  const r = arrivalFromEvent(event('e1', '2026-12-05T18:00:00.000000Z'), device, { source: 'history', labelKeys: ['name', 'room'], receivedAt: '2026-12-06T08:41:00.000Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const a = r.arrival;
  expect(a).toMatchObject({ eventId: 'e1', projectId: 'p1', deviceId: 'd1', deviceType: 'temperature', deviceName: 'Fridge', signature: 'fetched', source: 'history', knownType: true, warnings: [] });
  expect(JSON.parse(a.raw)).toEqual({
    event: event('e1', '2026-12-05T18:00:00.000000Z'),
    labels: { name: 'Fridge', room: 'kitchen' },
    metadata: { deviceId: 'd1', projectId: 'p1', deviceType: 'temperature', productNumber: '102150' },
  });
  expect(a.delivery).toEqual({ receivedAt: '2026-12-06T08:41:00.000Z', path: '', headers: {}, remoteAddress: '', status: 200 });
});

it('refuses what is not a DT event, with the problem named', () => {
  const r = arrivalFromEvent({ ...event('e2', 'not a time'), targetName: 'nonsense' }, device, { source: 'stream', receivedAt: new Date().toISOString() });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.problems.map((p) => p.path).join(' ')).toMatch(/targetName|timestamp/);
});

it('stores sources: history re-fetches write nothing, a stream duplicate is a delivery, old filled events are not stale', async () => {
  const dir = tempDir('ci-intake-');
  const store = await EventStore.open(dir);
  const at = new Date().toISOString();
  const pulled = (id: string, ts: string, source: 'history' | 'stream', value?: number) => {
    const r = arrivalFromEvent(event(id, ts, value), device, { source, receivedAt: at });
    if (!r.ok) throw new Error('invalid');
    return r.arrival;
  };
  expect((await store.ingest(pulled('s1', '2026-12-06T08:00:00Z', 'stream'))).outcome).toBe('accepted');
  // the same event again from history: known, nothing written, not a delivery
  expect((await store.ingest(pulled('s1', '2026-12-06T08:00:00Z', 'history'))).outcome).toBe('duplicate');
  expect(store.deliveries).toBe(1);
  // again from the stream: a second delivery of the same event
  expect((await store.ingest(pulled('s1', '2026-12-06T08:00:00Z', 'stream'))).outcome).toBe('duplicate');
  expect(store.deliveries).toBe(2);
  // an older event filled from history: stored, latest unchanged, not counted as out of order
  expect((await store.ingest(pulled('h0', '2026-12-05T20:00:00Z', 'history', 2))).outcome).toBe('accepted');
  expect(store.find('h0')).toMatchObject({ source: 'history', stale: false, signature: 'fetched' });
  const d = store.devices.find((x) => x.deviceId === 'd1')!;
  expect(d.latest.temperature!.eventId).toBe('s1');
  expect(d.staleDeliveries).toBe(0);
  const detail = await store.getEvent('s1');
  expect(detail!.deliveryLog.map((x) => [x.outcome, x.source])).toEqual([['accepted', 'stream'], ['duplicate', 'stream']]);
  await store.close();

  // reopened (the open segment folded, its index written): the sources are still there
  const again = await EventStore.open(dir);
  expect(again.find('h0')?.source).toBe('history');
  expect(again.find('s1')?.source).toBe('stream');
  expect(again.deliveries).toBe(3); // two events (each stored by its first delivery) and one duplicate
  await again.close();
});
