/**
 * Which device kinds emit which event types (DT's emulator and the simulator agree): every
 * sensor sends touch/networkStatus/batteryStatus, a co2 sensor also humidity and pressure, a
 * Cloud Connector the connection statuses. Shared so the DT Cloud view offers only valid pairs.
 */
import type { KnownEventType } from './types';

export type DeviceKind =
  | 'temperature' | 'proximity' | 'touch' | 'humidity' | 'proximityCounter' | 'touchCounter'
  | 'waterDetector' | 'co2' | 'motion' | 'deskOccupancy' | 'contact' | 'ccon';

export const SENSORS: readonly DeviceKind[] = [
  'temperature', 'proximity', 'touch', 'humidity', 'proximityCounter', 'touchCounter',
  'waterDetector', 'co2', 'motion', 'deskOccupancy', 'contact',
];

/** Device kinds that emit each event type; the first one is used when a kind must be added. */
export const EMITTERS: Record<KnownEventType, readonly DeviceKind[]> = {
  touch: ['touch', ...SENSORS.filter((k) => k !== 'touch')],
  temperature: ['temperature'],
  objectPresent: ['proximity'],
  humidity: ['humidity', 'co2'],
  objectPresentCount: ['proximityCounter'],
  touchCount: ['touchCounter'],
  waterPresent: ['waterDetector'],
  networkStatus: ['temperature', ...SENSORS.filter((k) => k !== 'temperature')],
  batteryStatus: ['temperature', ...SENSORS.filter((k) => k !== 'temperature')],
  labelsChanged: ['temperature', ...SENSORS.filter((k) => k !== 'temperature'), 'ccon'],
  connectionStatus: ['ccon'],
  ethernetStatus: ['ccon'],
  cellularStatus: ['ccon'],
  co2: ['co2'],
  pressure: ['co2'],
  motion: ['motion'],
  deskOccupancy: ['deskOccupancy'],
  contact: ['contact'],
  probeWireStatus: ['temperature'],
};

/** The event types a kind emits, in EMITTERS' order. */
export const typesOf = (kind: DeviceKind): KnownEventType[] =>
  (Object.keys(EMITTERS) as KnownEventType[]).filter((t) => EMITTERS[t].includes(kind));
