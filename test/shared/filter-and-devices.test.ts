import { describe, expect, it } from 'vitest';
import { compileFilter, isEmptyFilter } from '../../shared/filter';
import { applyEvent, snapshotDevice } from '../../shared/device-state';
import type { DeviceState, EventSummary } from '../../shared/records';

const ev = (o: Partial<EventSummary>): EventSummary => ({
  seq: 1, eventId: 'e1', eventType: 'temperature', projectId: 'p', deviceId: 'd1', deviceName: 'Fridge', labels: { name: 'Fridge', room: 'kitchen' },
  timestamp: '2025-03-14T09:00:00.000001Z', receivedAt: '2025-03-14T09:00:01.000Z', deliveries: 1, signature: 'valid', warnings: [],
  stale: false, knownType: true, summary: '21.4 °C', source: 'connector', ...o,
});

describe('compileFilter', () => {
  const rows = [
    ev({ eventId: 'a' }),
    ev({ eventId: 'b', eventType: 'touch', deviceId: 'd2', deviceName: 'Button', labels: { name: 'Button' }, summary: 'touch', deliveries: 3 }),
    ev({ eventId: 'c', stale: true, signature: 'unverified', timestamp: '2025-03-15T00:00:00Z', warnings: ['odd'] }),
  ];
  const ids = (f: Parameters<typeof compileFilter>[0]) => rows.filter(compileFilter(f)).map((r) => r.eventId);
  it('narrows by type, device, label, text, time and flags', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ types: ['touch'] })).toEqual(['b']);
    expect(ids({ devices: ['d1'] })).toEqual(['a', 'c']);
    expect(ids({ labels: ['room=kitchen'] })).toEqual(['a', 'c']);
    expect(ids({ labels: ['room'] })).toEqual(['a', 'c']);
    expect(ids({ labels: ['room=hall'] })).toEqual([]);
    expect(ids({ text: 'BUTTON' })).toEqual(['b']);
    expect(ids({ text: '21.4' })).toEqual(['a', 'c']);
    expect(ids({ since: '2025-03-14T12:00:00Z' })).toEqual(['c']);
    expect(ids({ until: '2025-03-14T09:00:00.000001Z' })).toEqual(['a', 'b']);
    expect(ids({ duplicatesOnly: true })).toEqual(['b']);
    expect(ids({ staleOnly: true })).toEqual(['c']);
    expect(ids({ unverifiedOnly: true })).toEqual(['c']);
    expect(ids({ warningsOnly: true })).toEqual(['c']);
    expect(ids({ types: ['temperature'], text: 'zzz' })).toEqual([]);
  });
  it('knows an empty filter', () => {
    expect(isEmptyFilter({ text: '  ' })).toBe(true);
    expect(isEmptyFilter({ staleOnly: true })).toBe(false);
  });
});

describe('device state versioned by timestamp', () => {
  const facts = (eventId: string, timestamp: string, summary: string, labels = { name: 'Fridge' }) => ({
    projectId: 'p', deviceId: 'd1', deviceType: 'temperature', eventId, eventType: 'temperature', timestamp,
    receivedAt: new Date().toISOString(), labels, summary,
  });
  it('an older event never overwrites a newer one and is counted stale', () => {
    const devices = new Map<string, DeviceState>();
    expect(applyEvent(devices, facts('new', '2025-03-14T09:00:00.000002Z', '22 °C'))).toBe(false);
    expect(applyEvent(devices, facts('old', '2025-03-14T09:00:00.000001Z', '21 °C', { name: 'Old name' }))).toBe(true);
    const d = devices.get('p/d1')!;
    expect(d.latest.temperature).toMatchObject({ eventId: 'new', summary: '22 °C' });
    expect(d.staleDeliveries).toBe(1);
    expect(d.name).toBe('Fridge');
    expect(d.eventCount).toBe(2);
  });
  it('a newer event moves the state forward and updates the labels', () => {
    const devices = new Map<string, DeviceState>();
    applyEvent(devices, facts('a', '2025-03-14T09:00:00Z', '21 °C'));
    applyEvent(devices, facts('b', '2025-03-14T09:15:00Z', '23 °C', { name: 'Fridge 3' }));
    const d = devices.get('p/d1')!;
    expect(d.latest.temperature!.eventId).toBe('b');
    expect(d.name).toBe('Fridge 3');
    expect(d.staleDeliveries).toBe(0);
  });
  it('a snapshot taken before applyEvent is the device exactly as it was (the store rolls back a failed write with it)', () => {
    const devices = new Map<string, DeviceState>();
    applyEvent(devices, facts('a', '2025-03-14T09:00:00Z', '21 °C'));
    const before = structuredClone(devices.get('p/d1')!);
    const snap = snapshotDevice(devices.get('p/d1'));
    applyEvent(devices, { ...facts('b', '2025-03-14T09:15:00Z', '23 °C', { name: 'Fridge 3' }), eventType: 'humidity', deviceType: 'humidity' });
    applyEvent(devices, facts('c', '2025-03-14T09:20:00Z', '24 °C'));
    applyEvent(devices, facts('old', '2025-03-14T08:00:00Z', '20 °C'));
    expect(devices.get('p/d1')).not.toEqual(before);
    expect(snap).toEqual(before);
    expect(snapshotDevice(undefined)).toBeUndefined();
  });
});
