/**
 * Where every source hands its events: the store (event-store.ts), or anything else that keeps
 * them. The receiver, the history backfill, the stream and the import all end here.
 */
import type { RejectedDelivery } from '../../../shared/records';
import type { Arrival, IngestReceipt } from '../store';

export interface Intake {
  /** resolves once the delivery is durable; rejects with StorageError when it cannot be */
  ingest(arrival: Arrival): Promise<IngestReceipt>;
  /** log a refused delivery */
  reject(entry: Omit<RejectedDelivery, 'id'>): RejectedDelivery;
}
