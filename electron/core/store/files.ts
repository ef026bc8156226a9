/**
 * The data directory's files and their shapes. Everything is a lowdb JSON file written
 * through DurableJsonFile; events are split into numbered segments so that a write only
 * ever rewrites the open (newest) segment, whatever the history.
 */
import { join } from 'node:path';
import type { DeliveryRecord, DeviceState, EventSummary, RejectedDelivery } from '../../../shared/records';

export const SEGMENT_FORMAT = 'connector-inbox-segment/1';

/**
 * One accepted event as stored: the summary fields (deliveries is counted at load from the
 * duplicate records), plus the raw body and its first delivery.
 */
export interface StoredEventRecord extends Omit<EventSummary, 'deliveries'> {
  /** the body exactly as received */
  raw: string;
  delivery: DeliveryRecord;
}

/** A later delivery of an eventId already stored (in this or an older segment). */
export interface DuplicateRecord {
  eventId: string;
  delivery: DeliveryRecord;
}

export interface SegmentData {
  format: typeof SEGMENT_FORMAT;
  segment: number;
  events: StoredEventRecord[];
  duplicates: DuplicateRecord[];
}

export interface DevicesData {
  format: 'connector-inbox-devices/1';
  /** every event with seq ≤ throughSeq is folded into `devices`; later ones are replayed at start */
  throughSeq: number;
  devices: DeviceState[];
}

export interface RejectedData {
  format: 'connector-inbox-rejected/1';
  nextId: number;
  entries: RejectedDelivery[];
}

/** eventIds of events removed by retention, kept so that dedupe holds for 24 h after. */
export interface TombstonesData {
  format: 'connector-inbox-tombstones/1';
  ids: Record<string, number>; // eventId → received at, ms
}

export const paths = (dir: string) => ({
  segments: join(dir, 'segments'),
  segment: (n: number) => join(dir, 'segments', `segment-${String(n).padStart(6, '0')}.json`),
  devices: join(dir, 'devices.json'),
  rejected: join(dir, 'rejected.json'),
  tombstones: join(dir, 'tombstones.json'),
  lock: join(dir, 'serve.lock'),
  corrupt: join(dir, 'corrupt'),
});

export const SEGMENT_NAME = /^segment-(\d{6,})\.json$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkSegment(d: unknown): string | null {
  if (!isObj(d) || d.format !== SEGMENT_FORMAT) return `not a ${SEGMENT_FORMAT} file`;
  if (typeof d.segment !== 'number' || !Array.isArray(d.events) || !Array.isArray(d.duplicates)) return 'segment fields missing';
  for (const e of d.events as unknown[]) {
    if (!isObj(e) || typeof e.seq !== 'number' || typeof e.eventId !== 'string' || typeof e.raw !== 'string' ||
      typeof e.timestamp !== 'string' || !isObj(e.delivery) || !isObj(e.labels) || !Array.isArray(e.warnings)) {
      return 'an event record has the wrong shape';
    }
  }
  for (const x of d.duplicates as unknown[]) if (!isObj(x) || typeof x.eventId !== 'string' || !isObj(x.delivery)) return 'a duplicate record has the wrong shape';
  return null;
}

export function checkDevices(d: unknown): string | null {
  if (!isObj(d) || d.format !== 'connector-inbox-devices/1' || typeof d.throughSeq !== 'number' || !Array.isArray(d.devices)) {
    return 'not a connector-inbox-devices/1 file';
  }
  for (const x of d.devices as unknown[]) if (!isObj(x) || typeof x.deviceId !== 'string' || !isObj(x.latest)) return 'a device has the wrong shape';
  return null;
}

export function checkRejected(d: unknown): string | null {
  return isObj(d) && d.format === 'connector-inbox-rejected/1' && typeof d.nextId === 'number' && Array.isArray(d.entries)
    ? null : 'not a connector-inbox-rejected/1 file';
}

export function checkTombstones(d: unknown): string | null {
  return isObj(d) && d.format === 'connector-inbox-tombstones/1' && isObj(d.ids) ? null : 'not a connector-inbox-tombstones/1 file';
}
