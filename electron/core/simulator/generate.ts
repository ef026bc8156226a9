/**
 * Builds the events of a run, in timestamp order, each with the exact compact JSON body
 * that will be signed and sent. Deterministic for a given (seed, startMs, options): the
 * same seed gives the same ids, values and timestamps.
 */
import { KNOWN_EVENT_TYPES, type KnownEventType } from '../../../shared/dt/types';
import { buildFleet, type Device } from './fleet';
import { formatMicros, XidSource } from './ids';
import { initialState, makeData, type DeviceState } from './payloads';
import { Rng } from './prng';

export interface GenerateOptions {
  seed: number;
  count: number;
  /** requested devices; raised to one per needed device kind (see fleet.ts) */
  devices: number;
  types?: readonly KnownEventType[];
  /** timestamp of the first event, ms since the epoch */
  startMs: number;
  /** mean gap between consecutive event timestamps (jittered ±50 %, at least 1 µs) */
  spacingMs: number;
}

export interface SimEvent {
  eventId: string;
  deviceId: string;
  eventType: KnownEventType;
  timestamp: string;
  /** the compact JSON body, exactly the bytes that are signed and sent */
  body: string;
}

export interface Generated {
  events: SimEvent[];
  devices: Device[];
  projectId: string;
}

export function generateEvents(opts: GenerateOptions): Generated {
  const types = opts.types && opts.types.length ? [...new Set(opts.types)] : [...KNOWN_EVENT_TYPES];
  const rng = new Rng(opts.seed);
  // DT mints project, device and event ids on different machines: one xid source each.
  const ids = new XidSource(rng);
  const deviceIds = new XidSource(rng);
  const startSec = opts.startMs / 1000;
  const projectId = new XidSource(rng).next(startSec - 86400 * 400); // projects are older than their events
  const devices = buildFleet(types, opts.devices, rng, deviceIds, startSec - 86400 * 30);
  const states = new Map<string, DeviceState>(devices.map((d) => [d.deviceId, initialState(d, rng)]));
  const emittersOf = new Map(types.map((t) => [t, devices.filter((d) => d.emits.includes(t))]));
  const ccons = devices.filter((d) => d.kind === 'ccon').map((d) => d.deviceId);
  // Sensors need a Cloud Connector to be heard by, even when no ccon device is simulated.
  const cloudConnectors = ccons.length ? ccons : [`emu${deviceIds.next(startSec - 86400 * 60)}`, `emu${deviceIds.next(startSec - 86400 * 60)}`];

  const events: SimEvent[] = [];
  let us = Math.round(opts.startMs * 1000);
  const spacingUs = Math.max(1, opts.spacingMs * 1000);
  let cycle: KnownEventType[] = [];
  for (let i = 0; i < opts.count; i++) {
    // Types come in shuffled rounds: any `types.length` consecutive events cover every type.
    if (cycle.length === 0) cycle = rng.shuffle(types);
    const eventType = cycle.pop()!;
    const device = rng.pick(emittersOf.get(eventType)!);
    if (i > 0) us += Math.max(1, Math.round(spacingUs * rng.float(0.5, 1.5)));
    const timestamp = formatMicros(us);
    const eventId = ids.next(us / 1e6);
    const data = makeData(eventType, { device, state: states.get(device.deviceId)!, rng, updateTime: timestamp, cloudConnectors });
    const body = JSON.stringify({
      event: { eventId, targetName: `projects/${projectId}/devices/${device.deviceId}`, eventType, data, timestamp },
      labels: { name: device.labels.name ?? '' },
      metadata: { deviceId: device.deviceId, projectId, deviceType: device.kind, productNumber: '' },
    });
    events.push({ eventId, deviceId: device.deviceId, eventType, timestamp, body });
  }
  return { events, devices, projectId };
}
