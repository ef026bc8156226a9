/**
 * What the store keeps and what the UI and export see. Pure data, shared by
 * the core, the desktop shell and the renderer.
 */

/**
 * `valid`: the connector's X-Dt-Signature checked out; `unverified`: a connector delivery with no
 * secret configured; `fetched`: pulled from DT's REST API (event history or stream) with the
 * service account, so there was no signature to check but the sender is DT itself.
 */
export type SignatureStatus = 'valid' | 'unverified' | 'fetched';

/**
 * How an event reached the inbox: a Data Connector push to the receiver, DT's event history
 * (backfill), DT's event stream, or an export file. Absent in data written before sources
 * existed: those are all `connector`.
 */
export type EventSource = 'connector' | 'history' | 'stream' | 'import';
export const EVENT_SOURCES: readonly EventSource[] = ['connector', 'history', 'stream', 'import'];

/** Sources whose events are old news when they arrive: no per-event notification, never "out of order". */
export const isCatchUpSource = (s: EventSource | undefined): boolean => s === 'history' || s === 'import';

/** A body this inbox did not receive as bytes but built (from DT's bare event, or an export's parsed body). */
export const isBuiltBody = (s: EventSource | undefined): boolean => s !== undefined && s !== 'connector';

/** One HTTP delivery of an accepted eventId (the first one, or a duplicate). */
export interface DeliveryRecord {
  receivedAt: string; // ISO 8601, ms
  path: string;
  headers: Record<string, string>; // lower-case names; X-Dt-Signature kept for re-verification
  remoteAddress: string;
  status: number;
  outcome: 'accepted' | 'duplicate';
  /** Time from request start to the answer; known only after the answer is sent. */
  ackMs?: number;
  /** absent: `connector` (pulled deliveries have no path, headers or remote address) */
  source?: EventSource;
}

/** The light per-event row the list, filters and export index work on (kept in memory). */
export interface EventSummary {
  /** Arrival order, unique and increasing across restarts. */
  seq: number;
  eventId: string;
  eventType: string;
  projectId: string;
  deviceId: string;
  /** metadata.deviceType, when the body had it */
  deviceType?: string;
  deviceName: string;
  labels: Record<string, string>;
  timestamp: string;
  receivedAt: string;
  deliveries: number;
  signature: SignatureStatus;
  warnings: string[];
  /** Older than the device's latest event of this type when it arrived (out of order). */
  stale: boolean;
  knownType: boolean;
  summary: string;
  /** the source of the first delivery, the one that stored the event */
  source: EventSource;
}

/** Everything stored about one event. */
export interface EventDetail extends EventSummary {
  /** The request body exactly as received (UTF-8 text); for a pulled or imported event, the body built for it (see isBuiltBody). */
  raw: string;
  /** The body parsed. */
  body: unknown;
  deliveryLog: DeliveryRecord[];
}

export interface LatestValue {
  eventId: string;
  timestamp: string;
  summary: string;
  receivedAt: string;
}

export interface DeviceState {
  projectId: string;
  deviceId: string;
  deviceType?: string;
  labels: Record<string, string>;
  name: string;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
  latest: Record<string, LatestValue>;
  staleDeliveries: number;
}

export type RejectReason =
  | 'missing_signature'
  | 'malformed_signature'
  | 'invalid_signature'
  | 'expired_signature'
  | 'checksum_mismatch'
  | 'invalid_json'
  | 'invalid_event'
  | 'payload_too_large';

export interface RejectedDelivery {
  id: number;
  receivedAt: string;
  path: string;
  remoteAddress: string;
  status: number;
  error: RejectReason;
  message: string;
  diagnosis: string;
  headers: Record<string, string>;
  /** The first bytes of the body, as text, for diagnosis. */
  bodyPreview: string;
  bodyBytes: number;
  eventId?: string;
}

/** `connector-inbox-export/1` */
export interface ExportedEvent {
  eventId: string;
  eventType: string;
  projectId: string;
  deviceId: string;
  timestamp: string;
  receivedAt: string;
  deliveries: number;
  signature: SignatureStatus;
  warnings: string[];
  /** absent in exports written before sources existed (then `connector`) */
  source?: EventSource;
  /** an out-of-order delivery when it arrived; absent in exports written before it was exported (unknown) */
  stale?: boolean;
  /**
   * The exact bytes received, base64, only when "body" cannot hold them: a leading UTF-8 BOM or
   * whitespace around the body. "body" is then those bytes without the BOM and that whitespace.
   */
  bodyBase64?: string;
  body: unknown;
}

export interface ExportedDevice {
  projectId: string;
  deviceId: string;
  deviceType?: string;
  labels: Record<string, string>;
  latest: Record<string, { eventId: string; timestamp: string }>;
  staleDeliveries: number;
}

export const EXPORT_FORMAT = 'connector-inbox-export/1';
