/**
 * zod schemas for the DT body. `requiredEnvelope` decides acceptance; the per-type
 * data schemas only produce warnings (DT adds fields and types without notice).
 */
import { z } from 'zod';
import { isRfc3339 } from './timestamp';
import type { KnownEventType } from './types';

const rfc3339 = z.string().refine(isRfc3339, { message: 'must be an RFC 3339 timestamp' });
const TARGET = /^projects\/([^/]+)\/devices\/([^/]+)$/;

export const requiredEnvelope = z.object({
  event: z.object({
    eventId: z.string().min(1, { message: 'must be a non-empty string' }),
    eventType: z.string(),
    targetName: z.string().regex(TARGET, { message: 'must be projects/<projectId>/devices/<deviceId>' }),
    timestamp: rfc3339,
  }),
});

export function parseTargetName(targetName: string): { projectId: string; deviceId: string } | null {
  const m = TARGET.exec(targetName);
  return m ? { projectId: m[1]!, deviceId: m[2]! } : null;
}

const num = z.number();
const state = <T extends string>(...values: [T, ...T[]]) => z.object({ state: z.enum(values), updateTime: rfc3339 });

export const dataSchemas: Record<KnownEventType, z.ZodType> = {
  touch: z.object({ updateTime: rfc3339 }),
  temperature: z.object({
    value: num, updateTime: rfc3339,
    samples: z.array(z.object({ value: num, sampleTime: rfc3339 })).optional(),
    isBackfilled: z.boolean().optional(),
  }),
  objectPresent: state('PRESENT', 'NOT_PRESENT'),
  humidity: z.object({
    temperature: num, relativeHumidity: num, updateTime: rfc3339,
    samples: z.array(z.object({ temperature: num, relativeHumidity: num, sampleTime: rfc3339 })).optional(),
    isBackfilled: z.boolean().optional(),
  }),
  objectPresentCount: z.object({ total: num, updateTime: rfc3339 }),
  touchCount: z.object({ total: num, updateTime: rfc3339 }),
  waterPresent: state('PRESENT', 'NOT_PRESENT'),
  networkStatus: z.object({
    signalStrength: num, rssi: num, updateTime: rfc3339,
    cloudConnectors: z.array(z.object({ id: z.string(), signalStrength: num, rssi: num })).optional(),
    transmissionMode: z.enum(['LOW_POWER_STANDARD_MODE', 'HIGH_POWER_BOOST_MODE']).optional(),
  }),
  batteryStatus: z.object({ percentage: num, updateTime: rfc3339 }),
  labelsChanged: z.object({
    added: z.record(z.string(), z.string()).optional(),
    modified: z.record(z.string(), z.string()).optional(),
    removed: z.array(z.string()).optional(),
  }),
  connectionStatus: z.object({
    connection: z.enum(['SDS', 'ETHERNET', 'CELLULAR', 'OFFLINE']),
    available: z.array(z.string()).optional(), updateTime: rfc3339,
  }),
  ethernetStatus: z.object({ macAddress: z.string(), ipAddress: z.string(), errors: z.array(z.unknown()).optional(), updateTime: rfc3339 }),
  cellularStatus: z.object({ signalStrength: num, errors: z.array(z.unknown()).optional(), updateTime: rfc3339 }),
  co2: z.object({ ppm: num, updateTime: rfc3339 }),
  pressure: z.object({ pascal: num, updateTime: rfc3339 }),
  motion: state('MOTION_DETECTED', 'NO_MOTION_DETECTED'),
  deskOccupancy: z.object({
    state: z.enum(['OCCUPIED', 'NOT_OCCUPIED']), remarks: z.array(z.string()).optional(), updateTime: rfc3339,
  }),
  contact: state('OPEN', 'CLOSED'),
  probeWireStatus: state(
    'INVALID_WIRE_CONFIGURATION', 'INVALID_COEFFICIENT_CONFIGURATION', 'TWO_WIRE', 'THREE_WIRE', 'FOUR_WIRE',
  ),
};

export const labelsSchema = z.record(z.string(), z.string());
export const metadataSchema = z.object({
  deviceId: z.string().optional(),
  projectId: z.string().optional(),
  deviceType: z.string().optional(),
  productNumber: z.string().optional(),
});

/** `event.data.temperature.value` style paths for problems and warnings. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}
