/**
 * The DT Cloud view's connector table, refreshed by the service on its own schedule so that
 * the calls to DT's API stay within a budget whatever the renderer does: every 30 s while a
 * view watches (a lease the view renews: a closed tab simply stops renewing), every 5 min
 * otherwise (so the follower still learns of a SYSTEM_DISABLED), at once after an action.
 * One refresh is one connector list (paged) plus the metrics of OUR connector only: the calls
 * per minute do not grow with the number of connectors (others' metrics are fetched on demand).
 * A 429 widens the interval: DT's Retry-After first, else the house backoff.
 */
import type { Clock } from '../../../shared/clock';
import type { DtConnectorRow } from '../../../shared/api/contract';
import type { DtRefreshView } from '../../../shared/api/dt-refresh';
import { backoffDelay, type Backoff } from '../backoff';
import { nodeClock } from '../node-clock';
import { listAll, type DtClient } from './client';
import { DtCloudError } from './errors';
import { publicView } from './inbox-connector';
import { idOf } from './types';

export const WATCHED_INTERVAL_MS = 30_000;
export const IDLE_INTERVAL_MS = 5 * 60_000;
/** how long one watchDtCloud() keeps the 30 s pace; the view renews well before (every 20 s) */
export const WATCH_LEASE_MS = 60_000;
/** 429 without Retry-After: 1 min, 2 min, 4 min … up to 15 min */
const RATE_LIMIT_BACKOFF: Backoff = { initialMs: 60_000, capMs: 15 * 60_000, jitter: 0.1 };

/** What to refresh now: undefined while there is no account or no followed project. */
export interface RefreshTarget {
  client: DtClient;
  project: string;
  /** our connector's id: the only one whose metrics are refreshed */
  ours?: string;
}

export interface DtTable {
  project: string;
  connectors: DtConnectorRow[];
  refresh: DtRefreshView;
}

export interface DtRefresherOptions {
  target: () => RefreshTarget | undefined;
  clock?: Clock;
  /** after each table DT answered (the controller lets the follower see SYSTEM_DISABLED) */
  onRows?: (rows: DtConnectorRow[]) => Promise<void> | void;
  watchedMs?: number;
  idleMs?: number;
  leaseMs?: number;
  random?: () => number;
}

export interface DtRefresher {
  /** the table as last refreshed (undefined before the first refresh of the target's project) */
  table(): DtTable | undefined;
  /** the table of the target's project: refreshed first if there is none yet for it */
  current(): Promise<DtTable | undefined>;
  /** a view shows the table: 30 s refreshes until the lease ends */
  watch(): DtRefreshView;
  /** how many refreshes have started: an action notes it before it changes anything in DT */
  mark(): number;
  /**
   * Refreshes now, after any refresh already running (an action changed something); skipped while
   * rate-limited. With `since` (a mark), a refresh started after that mark is enough: no second one.
   */
  refreshNow(since?: number): Promise<void>;
  onChange(listener: (t: DtTable) => void): () => void;
  stop(): void;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const message = (e: unknown) => (e as Error)?.message ?? String(e);

export function createDtRefresher(opts: DtRefresherOptions): DtRefresher {
  const clock = opts.clock ?? nodeClock;
  const watchedMs = opts.watchedMs ?? WATCHED_INTERVAL_MS;
  const idleMs = opts.idleMs ?? IDLE_INTERVAL_MS;
  const leaseMs = opts.leaseMs ?? WATCH_LEASE_MS;
  const listeners = new Set<(t: DtTable) => void>();
  let table: DtTable | undefined;
  let updatedAt: number | undefined;
  let lastError: string | undefined;
  let watchedUntil = 0;
  let lastAttempt: number | undefined;
  let limitedUntil: number | undefined;
  let limitedCount = 0;
  let nextAt: number | undefined;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = false;
  let started = 0;

  const view = (): DtRefreshView => {
    const now = clock.now();
    return {
      ...(updatedAt !== undefined && { updatedAt: iso(updatedAt) }),
      ...(nextAt !== undefined && { nextRefreshAt: iso(nextAt) }),
      ...(watchedUntil > now && { watchedUntil: iso(watchedUntil) }),
      ...(lastError && { lastError }),
      ...(limitedUntil !== undefined && limitedUntil > now && { rateLimitedUntil: iso(limitedUntil) }),
    };
  };
  const withView = (t: DtTable): DtTable => ({ ...t, refresh: view() });

  /** The next refresh: one interval after the last attempt (30 s watched, else 5 min), never before DT's wait. */
  const schedule = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextAt = undefined;
    if (stopped || lastAttempt === undefined || !opts.target()) return;
    const now = clock.now();
    const interval = watchedUntil > now ? watchedMs : idleMs;
    nextAt = Math.max(now, lastAttempt + interval, limitedUntil ?? 0);
    timer = clock.setTimeout(() => { timer = undefined; void run(); }, nextAt - now);
  };

  const once = async (): Promise<void> => {
    const target = opts.target();
    if (!target || stopped) return;
    started++;
    lastAttempt = clock.now();
    try {
      const connectors = await connectorRows(target.client, target.project, target.ours);
      updatedAt = clock.now();
      lastError = undefined;
      limitedUntil = undefined;
      limitedCount = 0;
      table = { project: target.project, connectors, refresh: {} };
      await Promise.resolve(opts.onRows?.(connectors)).catch(() => undefined);
    } catch (e) {
      lastError = message(e); // DtCloudError messages are already scrubbed of the secret
      if (e instanceof DtCloudError && e.kind === 'rate_limited') {
        limitedCount++;
        limitedUntil = clock.now() + (e.retryAfterMs ?? backoffDelay(limitedCount, RATE_LIMIT_BACKOFF, opts.random));
      }
      // the last table DT answered stays, marked by the error; another project's table does not
      if (table?.project !== target.project) table = { project: target.project, connectors: [], refresh: {} };
    }
    schedule();
    const t = withView(table);
    for (const l of listeners) {
      try { l(t); } catch { /* one bad listener must not stop the refreshes */ }
    }
  };

  /** One refresh at a time; a refresh asked for while one runs waits for it, then runs once more. */
  let queued: Promise<void> | undefined;
  const run = (): Promise<void> => {
    if (!running) return (running = once().finally(() => { running = undefined; }));
    return (queued ??= running.then(() => { queued = undefined; return run(); }));
  };
  const limited = () => limitedUntil !== undefined && limitedUntil > clock.now();

  return {
    table: () => (table ? withView(table) : undefined),
    async current() {
      const target = opts.target();
      if (!target) return undefined;
      if (table?.project !== target.project && !limited()) await run();
      return table ? withView(table) : undefined;
    },
    watch() {
      const now = clock.now();
      const wasIdle = watchedUntil <= now;
      watchedUntil = now + leaseMs;
      // an idle table may be minutes old: the watched pace starts from the last attempt
      if (wasIdle && !running) {
        if (lastAttempt === undefined && !limited()) void run();
        else schedule();
      }
      return view();
    },
    mark: () => started,
    refreshNow(since) {
      if (limited() || stopped) return Promise.resolve();
      if (since !== undefined && started > since) return queued ?? running ?? Promise.resolve();
      return run();
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      nextAt = undefined;
    },
  };
}

/** The project's connectors, ours marked and with DT's metrics: metrics for ours only, so one refresh costs the same for 2 connectors or 200. */
export async function connectorRows(client: DtClient, project: string, ours: string | undefined): Promise<DtConnectorRow[]> {
  const all = await listAll(`the data connectors of project ${project}`, (page) => client.listConnectors(project, page));
  return Promise.all(all.map(async (c) => {
    const mine = idOf(c.name) === ours;
    return { ...publicView(c), ours: mine, ...(mine && c.type === 'HTTP_PUSH' ? { metrics: await client.connectorMetrics(project, idOf(c.name)) } : {}) };
  }));
}
