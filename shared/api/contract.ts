/**
 * The one contract between the app (Electron main, or the headless core in browser mode)
 * and the UI. The preload implements it over IPC, the browser bridge over loopback
 * HTTP + SSE; components only ever see `InboxApi`.
 */
import type { EventFilter } from '../filter';
import type { ForwardAttemptView, ForwardConfigInput, ForwardConfigView, ForwardingInfo, ForwardStatusView } from './forward';
import type { DeviceState, EventDetail, EventSummary, RejectedDelivery } from '../records';
import type { CheckReport } from '../check-report';
import type { DeliverySummary, ReplayRequest } from './replay';
import type { SendTestEventsRequest, SendTestEventsResult } from './test-events';
import type { BackfillArgs, BackfillRun, BackfillStatus, CoverageView, ImportSummary, SourceStatus } from './backfill';
import type { DtConnectorMetricsView, DtRefreshView } from './dt-refresh';
import type { DtConnectArgs, DtConnectorRef, DtConnectorStatusArgs, DtCredentialsInput, DtCredentialsView, DtEmulateArgs, DtEmulationView, DtEventFilterArgs, DtFollowerChange, DtInboxWindow, DtProjectRow } from './dt-cloud';

/** Expected failures come back as values, never thrown across a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });

export interface EventQuery {
  filter: EventFilter;
  /** rows are newest first (by arrival); offset 0 is the newest match */
  offset: number;
  limit: number;
}

export interface EventPage {
  /** all stored events */
  total: number;
  /** events matching the filter */
  matched: number;
  offset: number;
  rows: EventSummary[];
}

export type TunnelStatus =
  | { state: 'off' }
  | { state: 'connecting'; attempt: number }
  | { state: 'online'; url: string }
  | { state: 'reconnecting'; attempt: number; message: string; retryInMs: number }
  | { state: 'error'; code: TunnelErrorCode; message: string };

export type TunnelErrorCode =
  | 'no_authtoken'
  | 'authtoken_rejected'
  | 'domain_not_yours'
  | 'offline'
  | 'session_limit'
  | 'timeout'
  | 'unknown';

export type StorageStatus = { ok: true } | { ok: false; message: string; since: string };

export interface AppStatus {
  mode: 'desktop' | 'browser';
  /** where DT (or the tunnel) must send events locally, e.g. http://127.0.0.1:8080/ */
  receiverUrl: string;
  tunnel: TunnelStatus;
  /** false: this inbox has no tunnel to start or configure (serve without --tunnel); Setup says how to get one */
  tunnelManaged: boolean;
  /** how many signature secrets are active; the secrets themselves never leave the main process */
  secretsConfigured: number;
  allowExpired: boolean;
  authtokenConfigured: boolean;
  tunnelDomain?: string;
  storage: StorageStatus;
  dataDir: string;
  /** what start-up had to set aside (corrupt files), shown until dismissed */
  startupWarnings: string[];
  /** forwarding to the tester's receiver (serve --forward-to, Setup); null when off */
  forward: ForwardStatusView | null;
  /** every way events arrive (connector, history, stream, import), listed together */
  sources: SourceStatus[];
  /** how events arrive: DT's Data Connector to a public URL, or DT's event stream (no tunnel needed); canChoose: the desktop app's Setup */
  receiveMode: { mode: ReceiveMode; canChoose: boolean };
  /** `connector-inbox open FILE`: this inspector shows an export, read-only; absent for a live inbox */
  capture?: CaptureInfo;
}

/** An export opened read-only: no receiver, tunnel, forwarding or DT Cloud; every change is refused. */
export interface CaptureInfo {
  /** the file as the user named it */
  file: string;
  /** when the export was written; null when the file does not say */
  exportedAt: string | null;
  events: number;
  /** what the file does not carry, shown as unknown */
  missing: string[];
}

export type ReceiveMode = 'connector' | 'stream';

export interface InboxStats {
  events: number;
  deliveries: number;
  duplicates: number;
  stale: number;
  rejected: number;
  byType: Record<string, number>;
  /** events received per minute over the last 60 minutes, oldest first */
  perMinute: number[];
  ackMsP50: number | null;
  ackMsP99: number | null;
  ackMsMax: number | null;
}

/** One numeric series of a device over event time (ms since epoch), samples included. */
export interface Series {
  name: string; // e.g. "temperature °C"
  points: Array<[number, number]>;
}

/**
 * Which events raise a desktop notification. The desktop app keeps them in settings.json;
 * `connector-inbox serve` shows no notifications and refuses both methods.
 */
export interface NotificationPrefs {
  /** eventType → notify; types not listed are off (heartbeats, unknown types) */
  types: Record<string, boolean>;
  /** event notifications per minute before the rest are summarised */
  maxPerMinute: number;
  /** rejected deliveries: notify at most once per this many minutes, then summarise */
  rejectedEveryMinutes: number;
}

export interface ExportOutcome {
  count: number;
  /** the file written (desktop); absent when the browser downloaded it */
  path?: string;
}

/** What "Check my receiver" checks: the tester's receiver, and its signature secret if it has one. */
export interface CheckTarget {
  url: string;
  /** typed by the user for this run only; never stored, never answered back */
  secret?: string;
}

/** One DT Data Connector as the inspector shows it (never its signature secret). */
export interface DtConnectorRow {
  id: string;
  displayName: string;
  type: string;
  status: string;
  url: string;
  events: string[];
  labels: string[];
  /** DT's last 3 h, HTTP push connectors only */
  metrics?: { successCount: number; errorCount: number; latency99p: string };
  /** the connector this inbox keeps pointed at itself */
  ours: boolean;
}

/** `serve --dt-project`: the connector that follows the inbox, and the project's connectors. */
export type DtCloudInfo =
  | { configured: false; hint: string; credentials?: DtCredentialsView | null; canSetCredentials?: boolean }
  | {
      configured: true;
      credentials?: DtCredentialsView | null;
      canSetCredentials?: boolean;
      /** the inbox's own counts for the project over DT's metrics window */
      inbox?: DtInboxWindow;
      emulation?: DtEmulationView;
      /** the follower's changes, newest first, earlier runs included (the health log) */
      followerChanges?: DtFollowerChange[];
      project: string;
      follower: { state: string; connectorId?: string; url?: string; systemDisabled: boolean; lastError?: string; nextRetryInMs?: number };
      connectors: DtConnectorRow[];
      /** DT could not be asked for the connectors just now */
      error?: string;
      /** how fresh `connectors` is: the service refreshes it on its own schedule */
      refresh?: DtRefreshView;
    };

export type PushMessage =
  | { type: 'events'; added: number; latest: EventSummary[] }
  | { type: 'status'; status: AppStatus }
  | { type: 'rejected'; latest: RejectedDelivery }
  | { type: 'exportProgress'; done: number; total: number }
  /** replayEvents: events done of the total, from 0 to the total */
  | { type: 'replayProgress'; done: number; total: number }
  /** a fill from DT's history stored events: one summary, never one notification per event */
  | { type: 'backfill'; project: string; run: BackfillRun }
  | { type: 'openEvent'; eventId: string }
  /** the service refreshed the DT Cloud view's table (refresh.updatedAt says when) */
  | { type: 'dtCloud'; info: DtCloudInfo };

export interface InboxApi {
  queryEvents(query: EventQuery): Promise<Result<EventPage>>;
  getEvent(eventId: string): Promise<Result<EventDetail>>;
  listDevices(): Promise<Result<DeviceState[]>>;
  getSeries(deviceId: string): Promise<Result<Series[]>>;
  listRejected(): Promise<Result<RejectedDelivery[]>>;
  getStats(): Promise<Result<InboxStats>>;
  getStatus(): Promise<Result<AppStatus>>;
  exportEvents(filter: EventFilter): Promise<Result<ExportOutcome>>;
  /** replaces the signature secrets; never returns them */
  setSecrets(secrets: string[]): Promise<Result<{ secretsConfigured: number }>>;
  setTunnelConfig(config: { authtoken?: string; domain?: string }): Promise<Result<{ authtokenConfigured: boolean }>>;
  /** the tester's own https URL the DT connector follows instead of the tunnel's (desktop app; null: the tunnel's) */
  getPublicUrl(): Promise<Result<{ publicUrl: string | null }>>;
  /** saves it ('' clears it: back to the tunnel's) and points the connector at it; a non-https URL is refused */
  setPublicUrl(url: string): Promise<Result<{ publicUrl: string | null }>>;
  startTunnel(): Promise<Result<TunnelStatus>>;
  stopTunnel(): Promise<Result<TunnelStatus>>;
  getNotificationPrefs(): Promise<Result<NotificationPrefs>>;
  /** saves them and applies them at once; answers what was saved */
  setNotificationPrefs(prefs: NotificationPrefs): Promise<Result<NotificationPrefs>>;
  /** runs DT's delivery best practices against a receiver (about 230 POSTs; seconds to a minute) */
  checkReceiver(target: CheckTarget): Promise<Result<CheckReport>>;
  /** DT Cloud as the inbox sees it (read-only) */
  getDtCloud(): Promise<Result<DtCloudInfo>>;
  /** forwarding to the tester's receiver: its settings (never the secret) and figures */
  getForwarding(): Promise<Result<ForwardingInfo>>;
  /** saves (desktop: settings.json, the secret encrypted) and applies them at once; answers what was saved */
  setForwarding(input: ForwardConfigInput): Promise<Result<ForwardConfigView>>;
  /** the tries at forwarding one event, oldest first (kept in memory since forwarding last started) */
  getForwardAttempts(eventId: string): Promise<Result<ForwardAttemptView[]>>;
  /** sends stored events again, re-signed; one run at a time; progress as 'replayProgress' pushes */
  replayEvents(request: ReplayRequest): Promise<Result<DeliverySummary>>;
  /** ends the running replay at once (its replayEvents answers with what went out, `stopped: true`); false when none runs */
  stopReplay(): Promise<Result<{ stopped: boolean }>>;
  /** the projects the service account is a member of */
  dtListProjects(): Promise<Result<DtProjectRow[]>>;
  /** keeps this project's connector (by id, else ours, else new) pointed at the inbox; the desktop app saves the choice */
  dtConnect(args: DtConnectArgs): Promise<Result<DtCloudInfo>>;
  dtSetConnectorStatus(args: DtConnectorStatusArgs): Promise<Result<DtCloudInfo>>;
  /** asks DT to re-send the latest event of each type of every device */
  dtSync(args: DtConnectorRef): Promise<Result<DtCloudInfo>>;
  /** the connector's event types (empty = all) */
  dtSetEventFilter(args: DtEventFilterArgs): Promise<Result<DtCloudInfo>>;
  /** publishes `count` events of `type` from an emulated device; the latencies appear in getDtCloud */
  dtEmulate(args: DtEmulateArgs): Promise<Result<DtEmulationView>>;
  /** desktop app only: saves the service account (secret encrypted); never returns the secret */
  dtSetCredentials(input: DtCredentialsInput): Promise<Result<DtCredentialsView>>;
  /** the followed project's coverage over the last 24 h and its gaps; null when no project is followed */
  getCoverage(): Promise<Result<CoverageView | null>>;
  /** fills every open gap of the followed project from DT's history; answers when the pass ends (progress in getStatus) */
  fillGaps(): Promise<Result<BackfillStatus>>;
  /** fills a window of the user's choice from DT's history (dt backfill through a running serve) */
  dtBackfill(args: BackfillArgs): Promise<Result<BackfillRun>>;
  /** stores an export file's events with source import (all or nothing); the path is on the service's machine */
  importCapture(path: string): Promise<Result<ImportSummary>>;
  /** desktop app only: how events arrive for the followed project (saved, applied at once) */
  setReceiveMode(mode: ReceiveMode): Promise<Result<{ mode: ReceiveMode }>>;
  /** simulated deliveries to this inbox's own receiver, signed with its first secret (shared/api/test-events.ts) */
  sendTestEvents(request: SendTestEventsRequest): Promise<Result<SendTestEventsResult>>;
  /** a DT Cloud view is open: 30 s refreshes until the answer's watchedUntil (renew before it) */
  watchDtCloud(): Promise<Result<DtRefreshView>>;
  /** refreshes the table now (unless DT asked to wait: then the table as it is) */
  dtRefresh(): Promise<Result<DtCloudInfo>>;
  /** DT's 3 h metrics of one connector, on demand */
  dtConnectorMetrics(args: DtConnectorRef): Promise<Result<DtConnectorMetricsView>>;
  /** pushed updates; returns the unsubscribe function */
  subscribe(listener: (message: PushMessage) => void): () => void;
}

/** The request/response methods: channel names and HTTP routes derive from this list. */
export const API_METHODS = [
  'queryEvents', 'getEvent', 'listDevices', 'getSeries', 'listRejected', 'getStats', 'getStatus',
  'exportEvents', 'setSecrets', 'setTunnelConfig', 'getPublicUrl', 'setPublicUrl', 'startTunnel', 'stopTunnel',
  'getNotificationPrefs', 'setNotificationPrefs', 'checkReceiver', 'getDtCloud',
  'getForwarding', 'setForwarding', 'getForwardAttempts',
  'replayEvents', 'stopReplay', 'getCoverage', 'fillGaps', 'dtBackfill', 'importCapture', 'setReceiveMode', 'sendTestEvents',
  'dtListProjects', 'dtConnect', 'dtSetConnectorStatus', 'dtSync', 'dtSetEventFilter', 'dtEmulate', 'dtSetCredentials',
  'watchDtCloud', 'dtRefresh', 'dtConnectorMetrics',
] as const satisfies readonly Exclude<keyof InboxApi, 'subscribe'>[];

export type ApiMethod = (typeof API_METHODS)[number];

export const channelFor = (method: ApiMethod): string => `inbox:${method}`;
export const PUSH_CHANNEL = 'inbox:push';
