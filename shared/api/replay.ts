/**
 * Replay from the inspector: which stored events, to which receiver, and what came of it
 * (the same summary `connector-inbox send` and `replay` print). No zod here: the renderer
 * imports it; the argument schema is in arguments.ts.
 */
import type { EventFilter } from '../filter';

/** one request replays at most this many picked events; more: replay "all matching the filter" */
export const MAX_REPLAY_IDS = 10_000;

export interface ReplayRequest {
  /** exactly one of eventIds (the selected events) and filter (all events matching it) */
  eventIds?: string[];
  filter?: EventFilter;
  /** 'forward': the forward target with its secret; or a URL with a secret for this run only (never stored, never answered back) */
  to: 'forward' | { url: string; secret?: string };
}

export interface DeliverySummary {
  /** distinct events sent */
  sent: number;
  /** HTTP requests made: first deliveries, duplicates and retries */
  deliveries: number;
  /** per outcome: HTTP status code, or "timeout" / "error" */
  statuses: Record<string, number>;
  /** why attempts were not acknowledged, in words, with counts: "connection refused (127.0.0.1:9)", "401 bad signature" */
  reasons?: Record<string, number>;
  /** distinct eventIds that got a 2xx */
  acked: number;
  /** distinct eventIds that never got a 2xx */
  failed: number;
  /** requests beyond the first of each delivery */
  retries: number;
  duplicatesSent: number;
  reorderedSent: number;
  /** per request that got an answer (timeouts and errors excluded) */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  durationMs: number;
  /** requests per second over the run */
  rate: number;
  devices: number;
  seed: number;
  /** present when the run was stopped (Ctrl-C, Stop) before its end: `sent` counts the events that went out */
  stopped?: true;
}

/** a run's failure reasons, most frequent first: the CLI's summary line and the Replay result list them alike */
export const reasonsByCount = (reasons: Record<string, number>): Array<[string, number]> =>
  Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
