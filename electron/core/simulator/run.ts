/**
 * Runs a whole simulated delivery: generate, schedule, sign, POST with bounded
 * concurrency (and an optional rate), retry, tally. Pure of CLI concerns so tests and
 * the `send` command call the same thing.
 */
import http from 'node:http';
import https from 'node:https';
import { randomInt } from 'node:crypto';
import type { KnownEventType } from '../../../shared/dt/types';
import { abortableSleep } from '../abortable-sleep';
import { signLikeDt } from '../signature';
import { DEFAULT_RETRY, deliverWithRetries, postOnce, REASON_ANSWER_BYTES, type RetryPolicy } from '../outbound';
import { generateEvents } from './generate';
import { Rng } from './prng';
import { leadOverSchedule } from './paced-start';
import { buildSchedule } from './schedule';
import { Tally, type SendSummary } from './summary';

export interface SendOptions {
  url: URL;
  secret?: string;
  count: number;
  devices: number;
  types?: readonly KnownEventType[];
  /** 0..1 */
  duplicates: number;
  /** 0..1 */
  reorder: number;
  /** random when absent; reported in the summary so a run can be repeated */
  seed?: number;
  /** events per second; 0 = as fast as `concurrency` allows */
  rate: number;
  /** requests in flight at most */
  concurrency: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** timestamp of the first event; default: now (paced runs) or count ms ago (unpaced runs, so the last is about now) */
  startMs?: number;
  /** Ctrl-C: ends a pacing or retry wait at once, cuts requests in flight, starts no more */
  signal?: AbortSignal;
}

export interface SendResult {
  summary: SendSummary;
  /** acknowledged eventIds, in order of their first 2xx */
  ackedEventIds: string[];
}

export const SEND_DEFAULTS = {
  count: 100, devices: 5, duplicates: 0, reorder: 0, rate: 0, concurrency: 10,
  timeoutMs: 10_000, retry: DEFAULT_RETRY,
} satisfies Partial<SendOptions>;

export async function runSend(opts: SendOptions): Promise<SendResult> {
  const seed = opts.seed ?? randomInt(0, 2 ** 32 - 1);
  const spacingMs = opts.rate > 0 ? 1000 / opts.rate : 1;
  const make = (startMs: number) => {
    const { events, devices } = generateEvents({ seed, count: opts.count, devices: opts.devices, types: opts.types, startMs, spacingMs });
    // A separate stream for the schedule, so --duplicates/--reorder do not change the events themselves.
    return { events, devices, schedule: buildSchedule(events, opts, new Rng(seed ^ 0x5eed5eed)) };
  };
  const startMs = opts.startMs ?? (opts.rate > 0 ? Date.now() : Date.now() - opts.count * spacingMs);
  let run = make(startMs);
  const lead = opts.rate > 0 && opts.startMs === undefined ? leadOverSchedule(run.events, run.schedule, startMs, spacingMs) : 0;
  // the same seed makes the same events and order from an earlier start: only the times move
  if (lead > 0) run = make(startMs - lead);
  const { events, devices, schedule } = run;
  const bodies = events.map((e) => Buffer.from(e.body, 'utf8'));
  // DT signs an event once; a duplicate or retry carries the same token (doc: "a retry hours
  // later may carry an expired one"), so a receiver's checks see what DT would send.
  const tokens = new Map<number, Promise<string>>();
  const headersFor = async (index: number): Promise<Record<string, string>> => {
    if (!opts.secret) return {};
    let t = tokens.get(index);
    if (!t) tokens.set(index, (t = signLikeDt(bodies[index]!, opts.secret)));
    return { 'X-Dt-Signature': await t };
  };

  const agentOpts = { keepAlive: true, maxSockets: opts.concurrency };
  const agent = opts.url.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  const tally = new Tally({ url: opts.url, timeoutMs: opts.timeoutMs });
  const ackedOrder: string[] = [];
  const started = performance.now();
  let nextDelivery = 0;
  /** events whose first delivery started: what a stopped run sent */
  const begun = new Set<number>();

  const worker = async () => {
    for (;;) {
      const k = nextDelivery++;
      if (k >= schedule.deliveries.length) return;
      // Pacing: delivery k starts no earlier than k / rate seconds into the run.
      if (opts.signal?.aborted) return;
      if (opts.rate > 0) {
        const wait = started + (k * 1000) / opts.rate - performance.now();
        if (wait > 0) await abortableSleep(wait, opts.signal);
        if (opts.signal?.aborted) return;
      }
      const { index } = schedule.deliveries[k]!;
      begun.add(index);
      const ev = events[index]!;
      const headers = await headersFor(index);
      await deliverWithRetries(
        () => postOnce(opts.url, bodies[index]!, headers, { agent, timeoutMs: opts.timeoutMs, signal: opts.signal, maxAnswerBytes: REASON_ANSWER_BYTES }),
        opts.retry,
        (a, attempt) => {
          const before = tally.ackedIds.size;
          tally.record(ev.eventId, a, attempt);
          if (tally.ackedIds.size > before) ackedOrder.push(ev.eventId);
        },
        { signal: opts.signal },
      );
    }
  };
  try {
    const n = Math.max(1, Math.min(opts.concurrency, schedule.deliveries.length));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    agent.destroy();
  }
  const stopped = opts.signal?.aborted === true;
  const summary = tally.summary({
    sent: stopped ? begun.size : events.length, stopped, duplicatesSent: schedule.duplicates, reorderedSent: schedule.reordered,
    durationMs: performance.now() - started, devices: devices.length, seed,
  });
  return { summary, ackedEventIds: ackedOrder };
}
