/**
 * The DT Data Connector request body, as documented in shared/docs/dt-data-connector.md.
 * `data` holds `{ <eventType>: {...} }` for every type except labelsChanged.
 * Field types are what DT documents; the validator accepts odd values with warnings,
 * so consumers must still treat every field as possibly missing.
 */

export const KNOWN_EVENT_TYPES = [
  'touch', 'temperature', 'objectPresent', 'humidity', 'objectPresentCount', 'touchCount',
  'waterPresent', 'networkStatus', 'batteryStatus', 'labelsChanged', 'connectionStatus',
  'ethernetStatus', 'cellularStatus', 'co2', 'pressure', 'motion', 'deskOccupancy', 'contact',
  'probeWireStatus',
] as const;

export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

export function isKnownEventType(t: string): t is KnownEventType {
  return (KNOWN_EVENT_TYPES as readonly string[]).includes(t);
}

export interface TemperatureSample { value: number; sampleTime: string }
export interface HumiditySample { temperature: number; relativeHumidity: number; sampleTime: string }
export interface CloudConnectorSignal { id: string; signalStrength: number; rssi: number }

/** The fields of `data.<eventType>` per known type. */
export interface EventDataByType {
  touch: { updateTime: string };
  temperature: { value: number; updateTime: string; samples?: TemperatureSample[]; isBackfilled?: boolean };
  objectPresent: { state: 'PRESENT' | 'NOT_PRESENT'; updateTime: string };
  humidity: {
    temperature: number; relativeHumidity: number; updateTime: string;
    samples?: HumiditySample[]; isBackfilled?: boolean;
  };
  objectPresentCount: { total: number; updateTime: string };
  touchCount: { total: number; updateTime: string };
  waterPresent: { state: 'PRESENT' | 'NOT_PRESENT'; updateTime: string };
  networkStatus: {
    signalStrength: number; rssi: number; updateTime: string;
    cloudConnectors?: CloudConnectorSignal[];
    transmissionMode?: 'LOW_POWER_STANDARD_MODE' | 'HIGH_POWER_BOOST_MODE';
  };
  batteryStatus: { percentage: number; updateTime: string };
  labelsChanged: { added?: Record<string, string>; modified?: Record<string, string>; removed?: string[] };
  connectionStatus: { connection: 'SDS' | 'ETHERNET' | 'CELLULAR' | 'OFFLINE'; available?: string[]; updateTime: string };
  ethernetStatus: { macAddress: string; ipAddress: string; errors?: unknown[]; updateTime: string };
  cellularStatus: { signalStrength: number; errors?: unknown[]; updateTime: string };
  co2: { ppm: number; updateTime: string };
  pressure: { pascal: number; updateTime: string };
  motion: { state: 'MOTION_DETECTED' | 'NO_MOTION_DETECTED'; updateTime: string };
  deskOccupancy: { state: 'OCCUPIED' | 'NOT_OCCUPIED'; remarks?: string[]; updateTime: string };
  contact: { state: 'OPEN' | 'CLOSED'; updateTime: string };
  probeWireStatus: {
    state: 'INVALID_WIRE_CONFIGURATION' | 'INVALID_COEFFICIENT_CONFIGURATION' | 'TWO_WIRE' | 'THREE_WIRE' | 'FOUR_WIRE';
    updateTime: string;
  };
}

interface EventBase {
  eventId: string;
  targetName: string;
  timestamp: string;
}

/** One known event: `data` keyed by the type, except labelsChanged whose fields sit in `data`. */
export type KnownDtEvent = {
  [T in KnownEventType]: EventBase & {
    eventType: T;
    data: T extends 'labelsChanged' ? EventDataByType[T] : { [K in T]: EventDataByType[T] };
  };
}[KnownEventType];

/** A type DT added after this code was written: stored as is, never rejected. */
export interface UnknownDtEvent extends EventBase {
  eventType: string & { readonly __unknown?: true };
  data: unknown;
}

export type DtEvent = KnownDtEvent | UnknownDtEvent;

export interface DtMetadata {
  deviceId?: string;
  projectId?: string;
  deviceType?: string;
  productNumber?: string;
}

export interface DtRequestBody {
  event: DtEvent;
  labels: Record<string, string>;
  metadata?: DtMetadata;
}

/** Narrow an event to a known type before reading its data (DT best practice 6). */
export function isEventOfType<T extends KnownEventType>(
  e: DtEvent,
  type: T,
): e is Extract<KnownDtEvent, { eventType: T }> {
  return e.eventType === type;
}

export const DEVICE_TYPES = [
  'temperature', 'proximity', 'touch', 'humidity', 'proximityCounter', 'touchCounter',
  'waterDetector', 'co2', 'motion', 'deskOccupancy', 'contact', 'ccon',
] as const;
