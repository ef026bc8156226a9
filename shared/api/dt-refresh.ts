/**
 * How fresh the DT Cloud view's connector table is. The service refreshes it on its own
 * schedule (electron/core/dt-cloud/refresher.ts): every 30 s while a view watches (a lease the
 * view renews), every 5 min otherwise, at once after an action; a 429 widens the interval.
 * The renderer never drives DT calls: it shows "updated 12 s ago" from these fields.
 */
import { z } from 'zod';
import { dtConnectorRefSchema } from './dt-cloud';

const instant = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), { message: 'an ISO time' });

export const dtRefreshSchema = z.object({
  /** the last refresh that DT answered; absent before the first */
  updatedAt: instant.optional(),
  /** when the service asks DT next */
  nextRefreshAt: instant.optional(),
  /** a view watches until then (30 s refreshes); absent or past: 5 min refreshes */
  watchedUntil: instant.optional(),
  /** the last refresh failed (the table is the one of updatedAt) */
  lastError: z.string().max(2000).optional(),
  /** DT answered 429: no call before this time (DT's Retry-After, else a widening backoff) */
  rateLimitedUntil: instant.optional(),
}).strict();

export type DtRefreshView = z.infer<typeof dtRefreshSchema>;

/** DT's 3 h metrics of one connector, fetched on demand (only ours is refreshed on the schedule). */
export const dtConnectorMetricsSchema = z.object({
  successCount: z.number(), errorCount: z.number(), latency99p: z.string(), fetchedAt: instant,
}).strict();

export type DtConnectorMetricsView = z.infer<typeof dtConnectorMetricsSchema>;

export const dtRefreshArgumentSchemas = {
  watchDtCloud: z.tuple([]),
  dtRefresh: z.tuple([]),
  dtConnectorMetrics: z.tuple([dtConnectorRefSchema]),
};
