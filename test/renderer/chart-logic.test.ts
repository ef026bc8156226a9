import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../shared/records';
import {
  chartableDevices, deviceKinds, INITIAL_CHOICE, legendNames, MAX_COMPARE, resolveCompare, resolveDevice, resolveQuantity, toggleCompared, UNKNOWN_KIND,
} from '../../renderer/src/logic/chart-choice';
import { compareData, mergeSeries } from '../../renderer/src/logic/series';

const latest = { eventId: 'e', timestamp: '2026-01-05T12:00:00Z', summary: '', receivedAt: '2026-01-05T12:00:00Z' };
function device(deviceId: string, minute: number, types: string[], deviceType?: string, name = deviceId): DeviceState {
  const seen = new Date(Date.UTC(2026, 0, 5, 12, minute)).toISOString();
  return {
    projectId: 'p', deviceId, deviceType, labels: {}, name, firstSeen: seen, lastSeen: seen, eventCount: 1,
    latest: Object.fromEntries(types.map((t) => [t, latest])), staleDeliveries: 0,
  };
}

const gateway = device('ccon1', 9, ['cellularStatus', 'networkStatus'], 'ccon', 'Gateway');
const door = device('door1', 8, ['contact', 'batteryStatus'], 'contact', 'Back door');
const fridge = (n: number, minute: number) => device(`fridge${n}`, minute, ['temperature', 'networkStatus'], 'temperature', `Fridge ${n}`);
const office = device('hum1', 7, ['humidity'], 'humidity', 'Office');
const all = [gateway, door, fridge(1, 1), fridge(2, 2), fridge(3, 3), office];

describe('which devices the Charts view offers', () => {
  it('offers only devices that sent a measurement, newest first', () => {
    expect(chartableDevices(all).map((d) => d.deviceId)).toEqual(['hum1', 'fridge3', 'fridge2', 'fridge1']);
  });
  it('opens on the newest of them, and keeps a choice while it is chartable', () => {
    const chartable = chartableDevices(all);
    expect(resolveDevice(INITIAL_CHOICE, chartable)).toBe('hum1');
    expect(resolveDevice({ ...INITIAL_CHOICE, deviceId: 'fridge1' }, chartable)).toBe('fridge1');
    expect(resolveDevice({ ...INITIAL_CHOICE, deviceId: 'ccon1' }, chartable)).toBe('hum1');
    expect(resolveDevice(INITIAL_CHOICE, [])).toBeNull();
  });
  it('groups by deviceType, with devices that did not say theirs under one kind', () => {
    const kinds = deviceKinds(chartableDevices([...all, device('x1', 0, ['co2'])]));
    expect(kinds.map((k) => [k.kind, k.devices.length])).toEqual([['humidity', 1], ['temperature', 3], [UNKNOWN_KIND, 1]]);
  });
});

describe('what a comparison shows', () => {
  const chartable = chartableDevices(all);
  it('starts with the shown device’s kind when it has company, else the kind with most devices', () => {
    expect(resolveCompare({ ...INITIAL_CHOICE, deviceId: 'fridge1' }, chartable)).toEqual({ kind: 'temperature', deviceIds: ['fridge1', 'fridge2', 'fridge3'] });
    expect(resolveCompare(INITIAL_CHOICE, chartable).kind).toBe('temperature'); // hum1 is alone
    expect(resolveCompare({ ...INITIAL_CHOICE, kind: 'humidity' }, chartable)).toEqual({ kind: 'humidity', deviceIds: ['hum1'] });
    expect(resolveCompare(INITIAL_CHOICE, [])).toEqual({ kind: null, deviceIds: [] });
  });
  it('keeps the user’s pick within the kind, and an empty pick empty', () => {
    const choice = { ...INITIAL_CHOICE, mode: 'compare' as const, kind: 'temperature', compare: ['fridge1', 'hum1', 'gone'] };
    expect(resolveCompare(choice, chartable).deviceIds).toEqual(['fridge1']);
    expect(resolveCompare({ ...choice, compare: [] }, chartable).deviceIds).toEqual([]);
  });
  it('starts with at most four devices of a big kind and never takes more than the palette has colours', () => {
    const many = Array.from({ length: 12 }, (_, i) => fridge(i, i));
    // the four heard most recently, listed by name so a new event does not swap the lines' colours
    expect(resolveCompare(INITIAL_CHOICE, chartableDevices(many)).deviceIds).toEqual(['fridge10', 'fridge11', 'fridge8', 'fridge9']);
    let ids: string[] = [];
    for (const d of many) ids = toggleCompared(ids, d.deviceId);
    expect(ids).toHaveLength(MAX_COMPARE);
    expect(toggleCompared(ids, ids[0]!)).toHaveLength(MAX_COMPARE - 1);
  });
  it('names lines by the name label (else the id), adding the id only where names clash', () => {
    const names = legendNames([fridge(1, 0), device('abc', 0, [], 'temperature'), { ...fridge(2, 0), name: 'Fridge 1' }]);
    expect([...names.values()]).toEqual(['Fridge 1 (fridge1)', 'abc', 'Fridge 1 (fridge2)']);
  });
  it('offers the quantities any compared device has, keeping the chosen one while it exists', () => {
    const names = [['relative humidity %', 'temperature °C'], ['temperature °C']];
    expect(resolveQuantity(INITIAL_CHOICE, names)).toEqual({ quantities: ['relative humidity %', 'temperature °C'], quantity: 'relative humidity %' });
    expect(resolveQuantity({ ...INITIAL_CHOICE, quantity: 'temperature °C' }, names).quantity).toBe('temperature °C');
    expect(resolveQuantity({ ...INITIAL_CHOICE, quantity: 'CO2 ppm' }, names).quantity).toBe('relative humidity %');
    expect(resolveQuantity(INITIAL_CHOICE, [])).toEqual({ quantities: [], quantity: null });
  });
});

describe('merging series for one chart', () => {
  it('puts every device on one time axis, null where a device has no point', () => {
    expect(mergeSeries([[[1000, 4], [3000, 5]], [[2000, 7], [3000, 8]], [[4000, 1]]])).toEqual([
      [1, 2, 3, 4],
      [4, null, 5, null],
      [null, 7, 8, null],
      [null, null, null, 1],
    ]);
  });
  it('sorts unsorted points and keeps one value per instant', () => {
    expect(mergeSeries([[[3000, 3], [1000, 1], [1000, 2]]])).toEqual([[1, 3], [2, 3]]);
    expect(mergeSeries([])).toEqual([[]]);
  });
  it('draws the devices that have the quantity and names the ones that have not', () => {
    const temp = (pts: Array<[number, number]>) => [{ name: 'temperature °C', points: pts }];
    const r = compareData([
      { label: 'Fridge 1', series: temp([[1000, 4]]) },
      { label: 'Door', series: [] },
      { label: 'Fridge 2', series: temp([[1000, 5], [2000, 6]]) },
    ], 'temperature °C');
    expect(r).toEqual({ data: [[1, 2], [4, null], [5, 6]], labels: ['Fridge 1', 'Fridge 2'], without: ['Door'], points: 3 });
  });
});
