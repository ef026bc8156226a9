/**
 * An accepted request as the receiver hands it to the store, and the records stored for it
 * (what the store answers is a receipt: receipt.ts).
 */
import type { DeliveryRecord } from '../../../shared/records';
import type { StoredEventRecord } from './files';

/** What the receiver hands over for an accepted request. */
export type Arrival = Omit<StoredEventRecord, 'seq' | 'stale' | 'delivery'> & { delivery: Omit<DeliveryRecord, 'outcome'> };

/**
 * The stored record, field by field: one object shape for every record (fast to serialise).
 */
export function recordOf(a: Arrival, seq: number): StoredEventRecord {
  return {
    seq, eventId: a.eventId, eventType: a.eventType, projectId: a.projectId, deviceId: a.deviceId, deviceType: a.deviceType,
    deviceName: a.deviceName, labels: a.labels, timestamp: a.timestamp, receivedAt: a.receivedAt, signature: a.signature,
    warnings: a.warnings, stale: false, knownType: a.knownType, summary: a.summary, raw: a.raw,
    delivery: deliveryOf(a, 'accepted'),
  };
}

export function deliveryOf(a: Arrival, outcome: DeliveryRecord['outcome']): DeliveryRecord {
  const d = a.delivery;
  return { receivedAt: d.receivedAt, path: d.path, headers: d.headers, remoteAddress: d.remoteAddress, status: 200, outcome };
}
