/**
 * Forwarding settings as the user gives them (CLI flags, the Setup view, settings.json), and
 * what the UI may see of them: everything but the secret, which never leaves the main process.
 */
import { z } from 'zod';
import { FORWARD_URL_MESSAGE, FORWARD_URL_RE, headerNameProblem } from '../forward-rules';

export { parseHeaderLine } from '../forward-rules';

export const forwardUrlSchema = z.string().max(2000).regex(FORWARD_URL_RE, { message: FORWARD_URL_MESSAGE });

const headerName = z.string().superRefine((n, ctx) => {
  const problem = headerNameProblem(n);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

const headerValue = z.string().max(2000).regex(/^[^\r\n]*$/, { message: 'may not contain line breaks' });

export const forwardSettingsSchema = z.object({
  url: forwardUrlSchema,
  secret: z.string().min(1).max(500).optional(),
  types: z.array(z.string().min(1).max(100)).max(100).optional(),
  headers: z.record(headerName, headerValue)
    .refine((h) => Object.keys(h).length <= 20, { message: 'at most 20 headers' }).optional(),
  maxAgeMs: z.number().int().min(1_000).max(7 * 24 * 3_600_000).optional(),
  concurrency: z.number().int().min(1).max(32).optional(),
  duplicates: z.number().min(0).max(1).optional(),
  reorder: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** forward events filled from DT's history too (default: yes, so the tester's receiver misses nothing either) */
  backfilled: z.boolean().optional(),
}).strict();

export type ForwardSettingsInput = z.infer<typeof forwardSettingsSchema>;

/**
 * What the Setup view saves (setForwarding): the settings a person edits, plus on/off. The
 * secret is write-only: absent keeps the one configured, null clears it, a string replaces it.
 * Tuning the CLI offers (max age, concurrency, DT-like faults) is kept as it was.
 */
export const forwardConfigInputSchema = z.object({
  enabled: z.boolean(),
  url: forwardUrlSchema,
  secret: z.string().min(1).max(500).nullable().optional(),
  types: forwardSettingsSchema.shape.types.unwrap(),
  // zod reports a bad record key as "Invalid key in record": name the header and say why instead
  headers: z.record(z.string().max(100), headerValue).superRefine((h, ctx) => {
    const names = Object.keys(h);
    if (names.length > 20) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'at most 20 headers' });
    for (const name of names) {
      const problem = headerNameProblem(name);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: `header "${name}" ${problem}` });
    }
  }),
}).strict();

export type ForwardConfigInput = z.infer<typeof forwardConfigInputSchema>;

/** The settings as the UI sees them. */
export interface ForwardConfigView {
  enabled: boolean;
  url: string;
  secretConfigured: boolean;
  types: string[];
  headers: Record<string, string>;
}

/** "12h", "30m", "45s", "500ms" or plain milliseconds → milliseconds; NaN when unreadable. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!m) return NaN;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms').toLowerCase() as 'ms'];
  return Math.round(Number(m[1]) * unit);
}

/** What the Forwarding panel, the tray and `getStatus` show (the figures DT's connector metrics show). */
export interface ForwardStatusView {
  url: string;
  /** acknowledged deliveries not yet delivered to the target (nor given up on) */
  queueDepth: number;
  inFlight: number;
  /** over the last 3 h */
  delivered3h: number;
  failed3h: number;
  p99LatencyMs: number | null;
  /** since when every attempt failed; null while the target delivers */
  failingSince: string | null;
  lastOutcome: number | 'timeout' | 'error' | null;
  lastErrors: ForwardAttemptView[];
  /** events given up on: older than the max age before the target took them */
  givenUp: number;
}

/** One try at forwarding one delivery. */
export interface ForwardAttemptView {
  at: string;
  eventId: string;
  outcome: number | 'timeout' | 'error';
  latencyMs: number;
  /** the first 2 KB of the target's answer, as text (untrusted: shown as text only) */
  answer?: string;
  next: 'delivered' | 'retry' | 'given_up';
}

/** getForwarding: the saved settings (null: never configured) and the forwarder's figures (null: off). */
export interface ForwardingInfo {
  config: ForwardConfigView | null;
  status: ForwardStatusView | null;
}
