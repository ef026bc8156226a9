/**
 * Per-device latest state, versioned by event timestamp (DT best practice 4): an event
 * only replaces the latest value of its type when its timestamp is strictly newer, and
 * an older one arriving later is counted as a stale delivery instead.
 */
import { isCatchUpSource, type DeviceState, type EventSource } from './records';
import { compareTimestamps } from './dt/timestamp';
import { deviceDisplayName } from './dt/summary';

export interface DeviceEventFacts {
  projectId: string;
  deviceId: string;
  deviceType?: string;
  eventId: string;
  eventType: string;
  timestamp: string;
  receivedAt: string;
  labels: Record<string, string>;
  summary: string;
  /** history and import events are old news: an older one never counts as DT's out-of-order delivery */
  source?: EventSource;
}

export const deviceKey = (projectId: string, deviceId: string): string => `${projectId}/${deviceId}`;

/** Would this event be stale for the device as it stands? (Does not change anything.) */
export function isStale(device: DeviceState | undefined, e: Pick<DeviceEventFacts, 'eventType' | 'timestamp'>): boolean {
  const current = device?.latest[e.eventType];
  return current !== undefined && compareTimestamps(e.timestamp, current.timestamp) < 0;
}

/** Enough to undo applyEvent: it mutates the device's counters and replaces (never edits) its fields' values. */
export function snapshotDevice(d: DeviceState | undefined): DeviceState | undefined {
  return d && { ...d, latest: { ...d.latest } };
}

/**
 * Applies one newly stored event; returns whether it was stale (an out-of-order delivery).
 * Mutates `devices`. A backfilled or imported event older than the latest leaves the latest
 * as it is, like any other, but is not a stale delivery: it was fetched late on purpose.
 */
export function applyEvent(devices: Map<string, DeviceState>, e: DeviceEventFacts): boolean {
  const key = deviceKey(e.projectId, e.deviceId);
  let d = devices.get(key);
  if (!d) {
    d = {
      projectId: e.projectId, deviceId: e.deviceId, deviceType: e.deviceType, labels: e.labels,
      name: deviceDisplayName(e.labels, e.deviceId), firstSeen: e.receivedAt, lastSeen: e.receivedAt,
      eventCount: 0, latest: {}, staleDeliveries: 0,
    };
    devices.set(key, d);
  }
  d.eventCount++;
  if (e.receivedAt > d.lastSeen) d.lastSeen = e.receivedAt;
  if (isStale(d, e)) {
    if (isCatchUpSource(e.source)) return false;
    d.staleDeliveries++;
    return true;
  }
  const current = d.latest[e.eventType];
  if (!current || compareTimestamps(e.timestamp, current.timestamp) > 0) {
    d.latest[e.eventType] = { eventId: e.eventId, timestamp: e.timestamp, summary: e.summary, receivedAt: e.receivedAt };
    // Labels and type follow the newest event of the device, whatever its type.
    if (newestTimestamp(d) === e.timestamp) {
      d.labels = e.labels;
      d.name = deviceDisplayName(e.labels, e.deviceId);
      if (e.deviceType) d.deviceType = e.deviceType;
    }
  }
  return false;
}

function newestTimestamp(d: DeviceState): string {
  let newest = '';
  for (const v of Object.values(d.latest)) if (!newest || compareTimestamps(v.timestamp, newest) > 0) newest = v.timestamp;
  return newest;
}
