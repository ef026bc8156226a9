/**
 * An accepted request as the receiver hands it to the store, and the records stored for it
 * (what the store answers is a receipt: receipt.ts).
 */
import type { DeliveryRecord, EventSource } from '../../../shared/records';
import type { StoredEventRecord } from './disk-format';

/** What intake hands over for an accepted delivery (electron/core/intake builds it, whatever the source). */
export type Arrival = Omit<StoredEventRecord, 'seq' | 'stale' | 'delivery' | 'source'> & {
  source: EventSource;
  delivery: Omit<DeliveryRecord, 'outcome' | 'source'>;
  /**
   * Out of order as another inbox saw it (a capture: an export opened read-only, electron/core/capture):
   * its events are stored in the export's order, not the order they arrived in, so the flag is kept, not worked out.
   */
  recordedStale?: boolean;
};

/**
 * The stored record, field by field: one object shape for every record (fast to serialise).
 */
export function recordOf(a: Arrival, seq: number): StoredEventRecord {
  return {
    seq, eventId: a.eventId, eventType: a.eventType, projectId: a.projectId, deviceId: a.deviceId, deviceType: a.deviceType,
    deviceName: a.deviceName, labels: a.labels, timestamp: a.timestamp, receivedAt: a.receivedAt, signature: a.signature,
    warnings: a.warnings, stale: false, knownType: a.knownType, summary: a.summary,
    // undefined keys are left out of the JSON: a connector record is the same bytes as before sources
    source: a.source === 'connector' ? undefined : a.source, raw: a.raw,
    delivery: deliveryOf(a, 'accepted'),
  };
}

export function deliveryOf(a: Arrival, outcome: DeliveryRecord['outcome']): DeliveryRecord {
  const d = a.delivery;
  const r: DeliveryRecord = { receivedAt: d.receivedAt, path: d.path, headers: d.headers, remoteAddress: d.remoteAddress, status: 200, outcome };
  if (a.source !== 'connector') r.source = a.source;
  return r;
}
