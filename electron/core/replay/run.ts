/**
 * Replays stored events to a receiver, as DT would deliver them: one POST per event, the
 * stored body bytes re-signed with the given secret (the original tokens have long expired)
 * or unsigned without one, with the simulator's pacing, retries, duplicates and reordering,
 * and the same JSON summary as `send`. The events come from any async source: an export
 * file (read-export.ts) or the store's read API (store-source.ts).
 */
import http from 'node:http';
import https from 'node:https';
import { randomInt } from 'node:crypto';
import { compileWhatWhen, type WhatWhenFilter } from '../../../shared/filter';
import { abortableSleep } from '../abortable-sleep';
import { signLikeDt } from '../signature';
import { deliverWithRetries, postOnce, REASON_ANSWER_BYTES, type RetryPolicy } from '../outbound';
import type { SimEvent } from '../simulator/generate';
import { Rng } from '../simulator/prng';
import { buildSchedule } from '../simulator/schedule';
import { Tally, type SendSummary } from '../simulator/summary';
import type { ReplayEvent } from './read-export';


/** the same --type/--device/--since/--until as export's, applied by the same predicate */
export type ReplayFilter = WhatWhenFilter;

export interface ReplayOptions {
  url: URL;
  secret?: string;
  source: AsyncIterable<ReplayEvent>;
  filter: ReplayFilter;
  /** deliveries per second; 0 = as fast as `concurrency` allows */
  rate: number;
  concurrency: number;
  /** 0..1, as in `send` */
  duplicates: number;
  /** 0..1, as in `send` */
  reorder: number;
  seed?: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** seconds since the epoch, for the tokens' iat */
  now?: () => number;
  /** after each event's first delivery ended (acknowledged or given up): events done so far */
  onProgress?: (done: number) => void;
  /** stops taking events, ends a pacing or retry wait at once and cuts requests in flight (Ctrl-C, Stop, the service stopping) */
  signal?: AbortSignal;
}

/**
 * Duplicates and reordering are drawn within windows of this many events, so a replay of
 * any size holds only one window in memory; an event is held back at most to the next
 * event of its device and type within its window.
 */
export const REPLAY_WINDOW = 1000;

interface Delivery { event: ReplayEvent; duplicate: boolean; token: () => Promise<string | undefined> }

export async function runReplay(opts: ReplayOptions): Promise<SendSummary> {
  const seed = opts.seed ?? randomInt(0, 2 ** 32 - 1);
  const rng = new Rng(seed);
  const keep = compileWhatWhen(opts.filter);
  const devices = new Set<string>();
  let read = 0, sent = 0, duplicatesSent = 0, reorderedSent = 0;
  const iat = () => Math.floor(opts.now ? opts.now() : Date.now() / 1000);

  /** The deliveries in order, one window at a time; a duplicate carries its first delivery's token, as at DT. */
  async function* deliveries(): AsyncGenerator<Delivery> {
    let window: ReplayEvent[] = [];
    const flush = function* (): Generator<Delivery> {
      // buildSchedule reads only deviceId, eventType and timestamp of each event
      const s = buildSchedule(window as unknown as SimEvent[], opts, rng);
      duplicatesSent += s.duplicates;
      reorderedSent += s.reordered;
      const tokens = new Map<number, Promise<string | undefined>>();
      const events = window;
      for (const d of s.deliveries) {
        const event = events[d.index]!;
        const token = () => {
          let t = tokens.get(d.index);
          if (!t) tokens.set(d.index, (t = opts.secret ? signLikeDt(event.body, opts.secret, { iat: iat() }) : Promise.resolve(undefined)));
          return t;
        };
        yield { event, duplicate: d.duplicate, token };
      }
      window = [];
    };
    for await (const e of opts.source) {
      if (!keep(e)) continue;
      read++;
      devices.add(e.deviceId);
      window.push(e);
      if (window.length >= REPLAY_WINDOW) yield* flush();
    }
    if (window.length) yield* flush();
  }

  const agentOpts = { keepAlive: true, maxSockets: opts.concurrency };
  const agent = opts.url.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  const tally = new Tally({ url: opts.url, timeoutMs: opts.timeoutMs });
  const started = performance.now();
  const queue = deliveries();
  let k = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted) return;
      // next() calls on one generator are queued, so the workers share it safely
      const next = await queue.next();
      if (next.done) return;
      const { event, token } = next.value;
      const nth = k++;
      if (opts.rate > 0) {
        const wait = started + (nth * 1000) / opts.rate - performance.now();
        if (wait > 0) await abortableSleep(wait, opts.signal);
        if (opts.signal?.aborted) return;
      }
      // counted when its delivery starts, so a stopped run's summary says how many went out
      if (!next.value.duplicate) sent++;
      const t = await token();
      const headers: Record<string, string> = t === undefined ? {} : { 'X-Dt-Signature': t };
      await deliverWithRetries(
        () => postOnce(opts.url, event.body, headers, { agent, timeoutMs: opts.timeoutMs, signal: opts.signal, maxAnswerBytes: REASON_ANSWER_BYTES }),
        opts.retry,
        (a, attempt) => tally.record(event.eventId, a, attempt),
        { signal: opts.signal },
      );
      if (!next.value.duplicate) opts.onProgress?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  } finally {
    await queue.return(undefined); // ends the source early when stopped (a store source releases its hold)
    agent.destroy();
  }
  const stopped = opts.signal?.aborted === true;
  return tally.summary({ sent: stopped ? sent : read, stopped, duplicatesSent, reorderedSent, durationMs: performance.now() - started, devices: devices.size, seed });
}
