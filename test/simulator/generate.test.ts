import { describe, expect, it } from 'vitest';
import { KNOWN_EVENT_TYPES } from '../../shared/dt/types';
import { validateEventBody } from '../../shared/dt/validate';
import { compareTimestamps } from '../../shared/dt/timestamp';
import { generateEvents } from '../../electron/core/simulator/generate';
import { EMITTERS } from '../../electron/core/simulator/fleet';
import { encodeXid, formatMicros } from '../../electron/core/simulator/ids';
import { mulberry32 } from '../../electron/core/simulator/prng';

const START = Date.parse('2025-03-14T09:26:53.589Z');
const gen = (seed: number, count = 19 * 20, extra: Partial<Parameters<typeof generateEvents>[0]> = {}) =>
  generateEvents({ seed, count, devices: 5, startMs: START, spacingMs: 7, ...extra });

describe('generated events', () => {
  const { events, devices } = gen(42);

  it('cover all 19 types and each body validates with no warnings', () => {
    expect(new Set(events.map((e) => e.eventType))).toEqual(new Set(KNOWN_EVENT_TYPES));
    for (const e of events) {
      const r = validateEventBody(JSON.parse(e.body));
      expect(r.ok, e.body).toBe(true);
      if (r.ok) {
        expect(r.warnings, e.body).toEqual([]);
        expect(r.knownType).toBe(true);
      }
    }
  });

  it('are compact JSON with the fixture key order', () => {
    for (const e of events) {
      expect(e.body).toBe(JSON.stringify(JSON.parse(e.body)));
      const b = JSON.parse(e.body);
      expect(Object.keys(b)).toEqual(['event', 'labels', 'metadata']);
      expect(Object.keys(b.event)).toEqual(['eventId', 'targetName', 'eventType', 'data', 'timestamp']);
      expect(Object.keys(b.metadata)).toEqual(['deviceId', 'projectId', 'deviceType', 'productNumber']);
      expect(Object.keys(b.labels)).toEqual(['name']);
      expect(b.event.targetName).toBe(`projects/${b.metadata.projectId}/devices/${b.metadata.deviceId}`);
    }
  });

  it('have DT-like ids, 6-digit UTC timestamps equal to updateTime, increasing', () => {
    const ids = new Set<string>();
    let prev = '';
    for (const e of events) {
      const b = JSON.parse(e.body);
      expect(b.event.eventId).toMatch(/^[0-9a-v]{20}$/);
      expect(b.metadata.projectId).toMatch(/^[0-9a-v]{20}$/);
      expect(b.metadata.deviceId).toMatch(/^emu[0-9a-v]{20}$/);
      expect(b.event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      if (e.eventType === 'labelsChanged') {
        expect(Object.keys(b.event.data)).toEqual(['added', 'modified', 'removed']);
      } else {
        expect(Object.keys(b.event.data)).toEqual([e.eventType]);
        expect(b.event.data[e.eventType].updateTime).toBe(b.event.timestamp);
      }
      if (prev) expect(compareTimestamps(prev, e.timestamp)).toBe(-1);
      prev = e.timestamp;
      ids.add(e.eventId);
    }
    expect(ids.size).toBe(events.length);
    expect(events[0]!.timestamp).toBe('2025-03-14T09:26:53.589000Z');
  });

  it('come from device types that emit them, with plausible values', () => {
    for (const e of events) {
      const b = JSON.parse(e.body);
      expect(EMITTERS[e.eventType]).toContain(b.metadata.deviceType);
      const d = b.event.data[e.eventType];
      switch (e.eventType) {
        case 'temperature': expect(d.value).toBeGreaterThan(-40); expect(d.value).toBeLessThan(50); expect(d.samples).toEqual([{ value: d.value, sampleTime: d.updateTime }]); break;
        case 'humidity': expect(d.relativeHumidity).toBeGreaterThanOrEqual(5); expect(d.relativeHumidity).toBeLessThanOrEqual(95); expect(d.samples).toHaveLength(1); break;
        case 'networkStatus':
          expect(d.cloudConnectors.length).toBeGreaterThanOrEqual(1);
          expect(d.signalStrength).toBeGreaterThanOrEqual(0); expect(d.signalStrength).toBeLessThanOrEqual(100);
          expect(d.rssi).toBeLessThan(0);
          expect(d.cloudConnectors[0]).toEqual({ id: expect.stringMatching(/^emu[0-9a-v]{20}$/), signalStrength: d.signalStrength, rssi: d.rssi });
          break;
        case 'batteryStatus': expect(d.percentage).toBeGreaterThanOrEqual(0); expect(d.percentage).toBeLessThanOrEqual(100); break;
        case 'co2': expect(d.ppm).toBeGreaterThanOrEqual(400); break;
        case 'pressure': expect(d.pascal).toBeGreaterThan(90000); break;
      }
    }
    // networkStatus of sensors names the simulated Cloud Connectors
    const ccons = new Set(devices.filter((d) => d.kind === 'ccon').map((d) => d.deviceId));
    const ns = events.filter((e) => e.eventType === 'networkStatus').map((e) => JSON.parse(e.body).event.data.networkStatus);
    expect(ns.length).toBeGreaterThan(0);
    for (const d of ns) for (const c of d.cloudConnectors) expect(ccons.has(c.id)).toBe(true);
  });

  it('counters only grow per device, and a rename is carried by later events', () => {
    const last = new Map<string, number>();
    for (const e of events.filter((x) => x.eventType === 'touchCount' || x.eventType === 'objectPresentCount')) {
      const total = JSON.parse(e.body).event.data[e.eventType].total;
      expect(total).toBeGreaterThan(last.get(e.deviceId) ?? -1);
      last.set(e.deviceId, total);
    }
    const renames = events.filter((e) => e.eventType === 'labelsChanged' && JSON.parse(e.body).event.data.modified.name);
    expect(renames.length).toBeGreaterThan(0);
    for (const r of renames) {
      const name = JSON.parse(r.body).event.data.modified.name;
      expect(JSON.parse(r.body).labels.name).toBe(name);
    }
  });

  it('are deterministic for a seed and differ between seeds', () => {
    expect(gen(42).events).toEqual(events);
    expect(gen(43).events.map((e) => e.body)).not.toEqual(events.map((e) => e.body));
  });

  it('respect --types and raise too few devices to one per needed kind', () => {
    const g = gen(1, 50, { types: ['co2', 'pressure', 'humidity'], devices: 1 });
    expect(new Set(g.events.map((e) => e.eventType))).toEqual(new Set(['co2', 'pressure', 'humidity']));
    expect(g.devices.map((d) => d.kind)).toEqual(['co2']);
    const all = gen(1, 19, { devices: 3 });
    expect(all.devices).toHaveLength(12);
    expect(new Set(all.events.map((e) => e.eventType)).size).toBe(19);
    expect(gen(1, 50, { types: ['touch'], devices: 7 }).devices).toHaveLength(7);
  });
});

describe('building blocks', () => {
  it('mulberry32 is deterministic and in [0,1)', () => {
    const a = mulberry32(7), b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('encodes xids as 20 base32hex chars, big-endian', () => {
    expect(encodeXid(new Uint8Array(12))).toBe('00000000000000000000');
    expect(encodeXid(new Uint8Array(12).fill(255))).toBe('vvvvvvvvvvvvvvvvvvvg');
    // the known example from github.com/rs/xid
    expect(encodeXid(Uint8Array.from([0x4d, 0x88, 0xe1, 0x5b, 0x60, 0xf4, 0x86, 0xe4, 0x28, 0x41, 0x2d, 0xc9]))).toBe('9m4e2mr0ui3e8a215n4g');
  });

  it('formats microseconds as RFC 3339 with 6 digits', () => {
    expect(formatMicros(Date.parse('2025-03-14T09:26:53Z') * 1000 + 589793)).toBe('2025-03-14T09:26:53.589793Z');
    expect(formatMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
  });
});
