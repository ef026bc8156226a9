/**
 * Runtime argument schemas for every contract method. Both transports (IPC handlers and
 * the browser bridge) treat arguments as `unknown` and parse them here first.
 */
import { z } from 'zod';
import type { ApiMethod } from './contract';
import { forwardConfigInputSchema, forwardUrlSchema } from './forward';
import { MAX_REPLAY_IDS } from './replay';
import { dtArgumentSchemas } from './dt-cloud';
import { sendTestEventsArgsSchema } from './test-events';
import { dtRefreshArgumentSchemas } from './dt-refresh';
import { isRfc3339 } from '../dt/timestamp';
import { searchProblem } from '../search-query';

const shortString = z.string().max(1000);

export const eventFilterSchema = z
  .object({
    types: z.array(shortString).max(100).optional(),
    devices: z.array(shortString).max(1000).optional(),
    labels: z.array(shortString).max(100).optional(),
    // a search term it cannot use is refused with what it knows, not a list that is silently empty
    text: shortString.superRefine((t, ctx) => {
      const problem = searchProblem(t);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }).optional(),
    since: shortString.optional(),
    until: shortString.optional(),
    duplicatesOnly: z.boolean().optional(),
    staleOnly: z.boolean().optional(),
    unverifiedOnly: z.boolean().optional(),
    warningsOnly: z.boolean().optional(),
  })
  .strict();

const replayRequestSchema = z.object({
  eventIds: z.array(z.string().min(1).max(200)).min(1).max(MAX_REPLAY_IDS, { message: `at most ${MAX_REPLAY_IDS} events at once; replay all matching a filter instead` }).optional(),
  filter: eventFilterSchema.optional(),
  to: z.union([
    z.literal('forward'),
    z.object({ url: forwardUrlSchema, secret: z.string().min(1).max(500).optional() }).strict(),
  ]),
}).strict().refine((r) => (r.eventIds === undefined) !== (r.filter === undefined), { message: 'give either eventIds or filter' });

const instant = z.string().max(40).refine((s) => isRfc3339(s), { message: 'expected an RFC 3339 time such as 2026-12-06T08:00:00Z' });

export const backfillArgsSchema = z.object({
  project: z.string().min(1).max(200).optional(),
  since: instant.optional(),
  until: instant.optional(),
  devices: z.array(z.string().min(1).max(200)).max(1000).optional(),
  types: z.array(z.string().min(1).max(100)).max(100).optional(),
}).strict().refine((a) => !a.since || !a.until || Date.parse(a.since) < Date.parse(a.until), { message: '--since must be before --until' });

/** Also the shape settings.json keeps them in (electron/shell/settings.ts). */
export const notificationPrefsSchema = z.object({
  types: z.record(z.string().max(100), z.boolean()).refine((o) => Object.keys(o).length <= 200, { message: 'too many event types' }),
  maxPerMinute: z.number().int().min(1).max(100),
  rejectedEveryMinutes: z.number().int().min(1).max(1440),
});

export const argumentSchemas = {
  queryEvents: z.tuple([
    z.object({
      filter: eventFilterSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(0).max(1000),
    }).strict(),
  ]),
  getEvent: z.tuple([z.string().min(1).max(200)]),
  listDevices: z.tuple([]),
  getSeries: z.tuple([z.string().min(1).max(200)]),
  listRejected: z.tuple([]),
  getStats: z.tuple([]),
  getStatus: z.tuple([]),
  exportEvents: z.tuple([eventFilterSchema]),
  setSecrets: z.tuple([z.array(z.string().min(1).max(500)).max(10)]),
  setTunnelConfig: z.tuple([
    z.object({ authtoken: z.string().max(500).optional(), domain: z.string().max(253).optional() }).strict(),
  ]),
  getPublicUrl: z.tuple([]),
  setPublicUrl: z.tuple([z.string().max(2000)]),
  startTunnel: z.tuple([]),
  stopTunnel: z.tuple([]),
  getNotificationPrefs: z.tuple([]),
  setNotificationPrefs: z.tuple([notificationPrefsSchema.strict()]),
  checkReceiver: z.tuple([
    z.object({ url: z.string().min(1).max(2000), secret: z.string().max(500).optional() }).strict(),
  ]),
  getDtCloud: z.tuple([]),
  getForwarding: z.tuple([]),
  setForwarding: z.tuple([forwardConfigInputSchema]),
  getForwardAttempts: z.tuple([z.string().min(1).max(200)]),
  replayEvents: z.tuple([replayRequestSchema]),
  stopReplay: z.tuple([]),
  getCoverage: z.tuple([]),
  fillGaps: z.tuple([]),
  dtBackfill: z.tuple([backfillArgsSchema]),
  importCapture: z.tuple([z.string().min(1).max(4096)]),
  setReceiveMode: z.tuple([z.enum(['connector', 'stream'])]),
  sendTestEvents: z.tuple([sendTestEventsArgsSchema]),
  ...dtArgumentSchemas,
  ...dtRefreshArgumentSchemas,
} satisfies Record<ApiMethod, z.ZodType>;

/** Parse `args` for `method`; a readable message on failure. */
export function parseArguments(
  method: ApiMethod,
  args: unknown,
): { ok: true; args: unknown[] } | { ok: false; error: string } {
  const r = argumentSchemas[method].safeParse(args);
  if (r.success) return { ok: true, args: r.data as unknown[] };
  const first = r.error.issues[0];
  return { ok: false, error: `invalid arguments for ${method}: ${first ? `${first.path.join('.') || '(args)'} ${first.message}` : 'rejected'}` };
}
