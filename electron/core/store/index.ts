/**
 * The durable event store: its one writer (EventStore), the read API every caller uses
 * (StoreReadApi), a read-only opening for another process (openReadOnly), and the ordered
 * read of acknowledged deliveries with its retention hold (for the forward queue).
 */
export { EventStore, type StoreEvents, type StoreOptions } from './event-store';
export { openReadOnly, type StoreReadApi } from './store-view';
export type { Arrival } from './arrival';
export type { IngestReceipt } from './receipt';
export type { AcknowledgedDelivery, DeliveryCursor, DeliveryPage } from './delivery-log';
export type { RetentionHold } from './retention-pins';
export type { StoreStats } from './stats';
export { RejectedLog } from './rejected-log';
export { lockDataDir } from './dir-lock';
export { keepAckLatencies } from './ack-health';
