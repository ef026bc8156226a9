/**
 * `serve --forward-to URL …`: the flags that forward every acknowledged delivery to the
 * tester's own receiver, turned into validated forward settings (shared/api/forward.ts).
 */
import { Command, InvalidArgumentError } from 'commander';
import { forwardSettingsSchema, parseDuration, parseHeaderLine, type ForwardSettingsInput } from '../../shared/api/forward';
import { collect } from './options';
import { unknownTypesProblem } from '../../shared/dt/type-names';

export interface ForwardFlags {
  forwardTo?: string;
  forwardSecret?: string;
  forwardTypes?: string;
  forwardHeader?: string[];
  forwardMaxAge?: string;
  forwardConcurrency?: string;
  forwardDuplicates?: string;
  forwardReorder?: string;
  forwardDelay?: string;
  forwardBackfilled?: boolean;
}

export function addForwardOptions(cmd: Command): Command {
  return cmd
    .option('--forward-to <url>', 'forward every acknowledged delivery to your own receiver, as DT delivers (retried until 12 h old)')
    .option('--forward-secret <s>', 're-sign forwarded deliveries with this secret (default: $CONNECTOR_INBOX_FORWARD_SECRET; without one DT\'s own X-Dt-Signature is passed on)')
    .option('--forward-types <t1,t2>', 'forward only these event types')
    .option('--forward-header <"Name: value">', 'an extra header on forwarded requests (repeatable)', collect)
    .option('--forward-max-age <duration>', 'give up on an event this old, e.g. 12h, 30m (DT: 12h)')
    .option('--forward-concurrency <n>', 'requests in flight at most (default 4)')
    .option('--forward-duplicates <p>', 'DT-like fault: share of deliveries forwarded twice (0–1)')
    .option('--forward-reorder <p>', 'DT-like fault: share of deliveries held back behind later ones (0–1)')
    .option('--forward-delay <ms>', 'DT-like fault: wait this long before forwarding each delivery')
    // both spelled out, so that neither given leaves it undefined (the default: on)
    .option('--forward-backfilled', 'forward events filled from DT\'s history too (the default)')
    .option('--no-forward-backfilled', 'do not forward events filled from DT\'s history (only live deliveries)');
}

/** The forward settings the flags ask for, or undefined without --forward-to; throws a flag-worded error. */
export function forwardSettingsFrom(flags: ForwardFlags, env: NodeJS.ProcessEnv = process.env): ForwardSettingsInput | undefined {
  const others = Object.entries(flags).filter(([k, v]) => k.startsWith('forward') && k !== 'forwardTo' && v !== undefined);
  if (!flags.forwardTo) {
    if (others.length) throw new InvalidArgumentError(`--${kebab(others[0]![0])} needs --forward-to`);
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const line of flags.forwardHeader ?? []) {
    const h = parseHeaderLine(line);
    if (typeof h === 'string') throw new InvalidArgumentError(`--forward-header: ${h}`);
    headers[h[0]] = h[1];
  }
  const num = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`--${flag}: expected a number, got "${v}"`);
    return n;
  };
  let maxAgeMs: number | undefined;
  if (flags.forwardMaxAge !== undefined) {
    maxAgeMs = parseDuration(flags.forwardMaxAge);
    if (Number.isNaN(maxAgeMs)) throw new InvalidArgumentError(`--forward-max-age: expected a duration such as 12h or 30m, got "${flags.forwardMaxAge}"`);
  }
  const types = flags.forwardTypes?.split(',').map((t) => t.trim()).filter(Boolean);
  const typeProblem = types && unknownTypesProblem(types);
  if (typeProblem) throw new InvalidArgumentError(`--forward-types: ${typeProblem}`);
  const input = {
    url: flags.forwardTo,
    secret: flags.forwardSecret ?? (env.CONNECTOR_INBOX_FORWARD_SECRET || undefined),
    types,
    headers: Object.keys(headers).length ? headers : undefined,
    maxAgeMs,
    concurrency: num('forward-concurrency', flags.forwardConcurrency),
    duplicates: num('forward-duplicates', flags.forwardDuplicates),
    reorder: num('forward-reorder', flags.forwardReorder),
    delayMs: num('forward-delay', flags.forwardDelay),
    backfilled: flags.forwardBackfilled,
  };
  const r = forwardSettingsSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const flag = FLAG_OF[String(issue.path[0])] ?? 'forward-to';
    throw new InvalidArgumentError(`--${flag}: ${issue.path.slice(1).join('.')}${issue.path.length > 1 ? ' ' : ''}${issue.message}`);
  }
  return r.data;
}

const FLAG_OF: Record<string, string> = {
  url: 'forward-to', secret: 'forward-secret', types: 'forward-types', headers: 'forward-header', maxAgeMs: 'forward-max-age',
  concurrency: 'forward-concurrency', duplicates: 'forward-duplicates', reorder: 'forward-reorder', delayMs: 'forward-delay',
  backfilled: 'forward-backfilled',
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
