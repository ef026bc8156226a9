/**
 * Sources, coverage and backfill as the UI sees them: which ways events arrive and whether
 * each is receiving, the periods the inbox covered a project, its gaps, and the fills from
 * DT's history that closed them. Times are ms since the epoch.
 */
import type { EventSource } from '../records';

export interface TimeSpan {
  from: number;
  to: number;
}

/** One pass of filling one gap (or a window asked for) from DT's event history. */
export interface BackfillRun extends TimeSpan {
  /** when the pass ended */
  at: number;
  reason: string;
  devices: number;
  fetched: number;
  added: number;
  alreadyStored: number;
  /** fetched events that were not DT events (kept out) */
  invalid: number;
  /** the oldest event time DT returned for the window (RFC 3339), if any */
  oldestFetched?: string;
  /** false: nothing came back from the gap's first hour; DT may no longer hold it (its reach is undocumented) */
  reachesStart: boolean;
}

export interface BackfillProgress {
  gap: TimeSpan;
  devicesDone: number;
  devicesTotal: number;
  fetched: number;
  added: number;
}

export interface BackfillStatus {
  project: string;
  /** unavailable: no DT service account, so gaps cannot be filled */
  state: 'idle' | 'filling' | 'failed' | 'unavailable';
  /** open gaps, oldest first */
  gaps: TimeSpan[];
  progress?: BackfillProgress;
  last?: BackfillRun;
  /** the latest passes, newest first (kept in memory) */
  runs?: BackfillRun[];
  error?: string;
}

/** How one source stands. */
export interface SourceStatus {
  kind: EventSource;
  /** receiving: events arrive through it now; idle: ready, nothing to do; off: not used in this run */
  state: 'receiving' | 'connecting' | 'down' | 'idle' | 'filling' | 'failed' | 'off';
  /** one line for the header and Overview */
  detail: string;
  project?: string;
}

export type StripKind = 'received' | 'filled' | 'gap' | 'before';

export interface CoverageView {
  project: string;
  /** the strip's window: the last 24 h */
  from: number;
  to: number;
  parts: (TimeSpan & { kind: StripKind })[];
  firstCoveredAt?: number;
  backfill: BackfillStatus;
}

/** What an import stored (import FILE.json, Import capture…). */
export interface ImportSummary {
  /** events in the file */
  events: number;
  added: number;
  alreadyStored: number;
  devices: number;
}

/** dt backfill: a window of the user's choice; RFC 3339 times (since defaults to the oldest open gap's start, until to now). */
export interface BackfillArgs {
  /** default: the project the inbox covers */
  project?: string;
  since?: string;
  until?: string;
  devices?: string[];
  types?: string[];
}
