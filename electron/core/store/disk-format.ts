/**
 * The data directory's files and their shapes. Everything is a lowdb JSON file written
 * through DurableJsonFile; events are split into numbered segments. A group commit only
 * appends to the open segment's journal (segment-NNNNNN.jsonl, see segment-journal.ts),
 * which is folded into the segment's JSON file when the segment is full or the store closes:
 * a write costs the same whatever the history and whatever the open segment holds.
 */
import { join } from 'node:path';
import type { DeliveryRecord, DeviceState, EventSource, EventSummary, RejectedDelivery } from '../../../shared/records';

export const SEGMENT_FORMAT = 'connector-inbox-segment/1';

/**
 * One accepted event as stored: the summary fields (deliveries is counted at load from the
 * duplicate records), plus the raw body and its first delivery. `source` is written only
 * when it is not `connector` (records written before sources existed have none).
 */
export interface StoredEventRecord extends Omit<EventSummary, 'deliveries' | 'source'> {
  source?: EventSource;
  /** the body exactly as received (or as built, for a pulled or imported event) */
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
  journal: (n: number) => join(dir, 'segments', `segment-${String(n).padStart(6, '0')}.jsonl`),
  devices: join(dir, 'devices.json'),
  rejected: join(dir, 'rejected.json'),
  tombstones: join(dir, 'tombstones.json'),
  lock: join(dir, 'serve.lock'),
  corrupt: join(dir, 'corrupt'),
});

export const SEGMENT_NAME = /^segment-(\d{6,})\.json$/;
export const JOURNAL_NAME = /^segment-(\d{6,})\.jsonl$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkSegment(d: unknown): string | null {
  if (!isObj(d) || d.format !== SEGMENT_FORMAT) return `not a ${SEGMENT_FORMAT} file`;
  if (typeof d.segment !== 'number' || !Array.isArray(d.events) || !Array.isArray(d.duplicates)) return 'segment fields missing';
  for (const e of d.events as unknown[]) if (!isEventRecord(e)) return 'an event record has the wrong shape';
  for (const x of d.duplicates as unknown[]) if (!isDuplicateRecord(x)) return 'a duplicate record has the wrong shape';
  return null;
}

export function isEventRecord(e: unknown): e is StoredEventRecord {
  return isObj(e) && typeof e.seq === 'number' && typeof e.eventId === 'string' && typeof e.raw === 'string' &&
    typeof e.timestamp === 'string' && isObj(e.delivery) && isObj(e.labels) && Array.isArray(e.warnings);
}

export function isDuplicateRecord(x: unknown): x is DuplicateRecord {
  return isObj(x) && typeof x.eventId === 'string' && isObj(x.delivery);
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
