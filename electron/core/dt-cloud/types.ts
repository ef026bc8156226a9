/** DT Cloud resources as the REST API returns them (only the fields the app uses are typed). */

export type ConnectorStatus = 'ACTIVE' | 'USER_DISABLED' | 'SYSTEM_DISABLED';

export interface HttpConfig {
  url: string;
  signatureSecret?: string;
  headers?: Record<string, string>;
}

export interface DataConnector {
  /** `projects/{p}/dataconnectors/{id}` */
  name: string;
  displayName: string;
  /** HTTP_PUSH, or a cloud-queue type the app lists but never touches */
  type: string;
  status: ConnectorStatus | string;
  events: string[];
  labels: string[];
  httpConfig?: HttpConfig;
}

/** What a create or an update sends (update: only the fields present). */
export interface ConnectorFields {
  displayName?: string;
  type?: 'HTTP_PUSH';
  status?: ConnectorStatus;
  events?: string[];
  labels?: string[];
  httpConfig?: HttpConfig;
}

export interface ConnectorMetrics {
  successCount: number;
  errorCount: number;
  /** e.g. "0.411s" */
  latency99p: string;
}

export interface Project {
  /** `projects/{id}` */
  name: string;
  displayName: string;
  organization?: string;
  organizationDisplayName?: string;
  sensorCount?: number;
  cloudConnectorCount?: number;
}

export interface Device {
  /** `projects/{p}/devices/{id}`; emulated ids start with `emu` */
  name: string;
  type: string;
  labels: Record<string, string>;
  /** the REST device list has it (empty for emulated devices); the emulator's list does not */
  productNumber?: string;
  /** the latest data per event type, `{<type>: {…}}`, from the REST device list */
  reported?: Record<string, unknown>;
}

/** One event of DT's history or stream: exactly the `event` object of a connector's body. */
export interface DtHistoryEvent {
  eventId: string;
  /** `projects/{p}/devices/{d}`; `projects/{p}` for a stream's pings */
  targetName: string;
  eventType: string;
  /** `{<type>: {…}}`; null for a ping */
  data: unknown;
  /** RFC 3339, 6 or 9 fractional digits: order by the full string, not by `Date` */
  timestamp: string;
}

/**
 * A history query. Without times DT serves the last 24 h. Whether `endTime` is exclusive is
 * not documented: callers must not depend on either (overlap windows and dedupe on eventId).
 */
export interface HistoryQuery {
  eventTypes?: string[];
  /** RFC 3339 */
  startTime?: string;
  /** RFC 3339 */
  endTime?: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

export interface PageRequest {
  pageSize?: number;
  pageToken?: string;
}

/** The last path segment: `projects/p/dataconnectors/abc` → `abc`. */
export const idOf = (name: string): string => name.slice(name.lastIndexOf('/') + 1);
