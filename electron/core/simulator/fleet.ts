/**
 * The simulated devices. Every event type is emitted only by device types that really
 * emit it (a `co2` sensor sends co2/pressure/humidity, a Cloud Connector sends the
 * connection statuses, every sensor sends touch/networkStatus/batteryStatus), so a
 * receiver that checks `metadata.deviceType` against the event sees consistent pairs.
 */
import type { KnownEventType } from '../../../shared/dt/types';
import type { XidSource } from './ids';
import type { Rng } from './prng';

export { EMITTERS, SENSORS, type DeviceKind } from '../../../shared/dt/device-kinds';
import { EMITTERS, SENSORS, type DeviceKind } from '../../../shared/dt/device-kinds';

const NAMES: Record<DeviceKind, readonly string[]> = {
  temperature: ['Fridge', 'Freezer', 'Server room', 'Cold store', 'Office'],
  proximity: ['Door', 'Parking spot', 'Cabinet', 'Gate'],
  touch: ['Meeting room button', 'Help button', 'Reception bell'],
  humidity: ['Office humidity', 'Archive', 'Greenhouse'],
  proximityCounter: ['Entrance counter', 'Door counter'],
  touchCounter: ['Feedback button', 'Cleaning counter'],
  waterDetector: ['Basement leak', 'Boiler room leak', 'Sink leak'],
  co2: ['Meeting room air', 'Classroom air', 'Open space air'],
  motion: ['Corridor motion', 'Lobby motion'],
  deskOccupancy: ['Desk'],
  contact: ['Window', 'Door contact', 'Hatch'],
  ccon: ['CCON lobby', 'CCON basement', 'CCON floor'],
};

export interface Device {
  deviceId: string;
  kind: DeviceKind;
  /** every label the device has; the body carries only `name` (the connector's label filter) */
  labels: Record<string, string>;
  /** the chosen event types this device emits */
  emits: KnownEventType[];
}

/** The device kinds needed so every chosen type has at least one emitter. */
export function requiredKinds(types: readonly KnownEventType[]): DeviceKind[] {
  const kinds: DeviceKind[] = [];
  for (const t of types) {
    if (!EMITTERS[t].some((k) => kinds.includes(k))) kinds.push(EMITTERS[t][0]!);
  }
  return kinds;
}

/**
 * `count` devices spread round-robin over the required kinds. When fewer devices are asked
 * for than kinds are needed, the fleet grows to one per kind (see `minDevices`), because a
 * type without a consistent device would be an unrealistic event.
 */
export function buildFleet(types: readonly KnownEventType[], count: number, rng: Rng, ids: XidSource, nowSec: number): Device[] {
  const kinds = requiredKinds(types);
  const n = Math.max(count, kinds.length);
  const used = new Map<string, number>();
  const devices: Device[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const base = rng.pick(NAMES[kind]);
    const nth = (used.get(base) ?? 0) + 1;
    used.set(base, nth);
    devices.push({
      // Simulated devices are emulated ones: DT prefixes their ids with `emu` and leaves productNumber empty.
      deviceId: `emu${ids.next(nowSec)}`,
      kind,
      labels: { name: `${base} ${nth}` },
      emits: types.filter((t) => EMITTERS[t].includes(kind)),
    });
  }
  return devices;
}

export function minDevices(types: readonly KnownEventType[]): number {
  return requiredKinds(types).length;
}
