/**
 * "Check my receiver": runs DT's delivery best practices against a receiver with realistic,
 * DT-signed events and judges each answer. Requests go out as DT's do (POST, JSON, 10 s for
 * the whole exchange, no redirects); the clock and the POST are injected so tests drive it
 * against real local servers.
 */
import http from 'node:http';
import https from 'node:https';
import { randomInt } from 'node:crypto';
import { newSignatureSecret } from '../signature-secret';
import { signLikeDt } from '../signature';
import type { SimEvent } from '../simulator/generate';
import { BURST_CONCURRENCY, checkEvents, tampered, withFutureType } from './events';
import { fail, ok, type CheckTarget, type Result } from '../../../shared/api/contract';
import { CHECK_FORMAT, CHECK_IDS, type CheckId, type CheckReport, type CheckResult } from '../../../shared/check-report';
import { ADVICE, describe, isAck, listFailures, NO_SECRET, outcomeCounts, result, secretHint } from './judge';
import { CUT_OFF, postCapped, type CheckAnswer, type Post } from './post';


export const DT_TIMEOUT_MS = 10_000;
/** above this an answer is slow enough to mention, though DT still accepts it */
export const SLOW_MS = 1_000;

export interface CheckOptions {
  url: URL;
  secret?: string;
  /** ms since the epoch: event times and token iat */
  now?: () => number;
  /** default: a real POST with DT's limits (see post.ts) */
  post?: Post;
  timeoutMs?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The target could not be reached at all: no check could run. */
export class UnreachableError extends Error {}

/**
 * After this many unanswered requests in a row the receiver is taken as silent and the
 * remaining checks are not run: otherwise a silent receiver would hold the run for about
 * 230 × 10 s.
 */
export const SILENT_AFTER = 3;
class SilentReceiver extends Error {}

/** The URL as shown in reports: a password in it is not repeated. */
export function displayTarget(url: URL): string {
  if (!url.password) return url.href;
  const u = new URL(url.href);
  u.password = '***';
  return u.href;
}

export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  const timeoutMs = opts.timeoutMs ?? DT_TIMEOUT_MS;
  const now = opts.now ?? Date.now;
  const agent = opts.url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const post = opts.post ?? ((url, body, headers) => postCapped(url, body, headers, { agent, timeoutMs, maxAnswerBytes: 2048 }));
  const secret = opts.secret || undefined;
  const ev = checkEvents(opts.seed ?? randomInt(0, 2 ** 32 - 1), now());
  const total = ev.allTypes.length + 1 + ev.burst.length + 2 + 2 + (secret ? 4 : 0);
  const all: Array<{ label: string; answer: CheckAnswer }> = [];
  let done = 0;
  let unansweredInARow = 0;
  opts.onProgress?.(0, total);

  const nowSec = () => Math.floor(now() / 1000);
  const sign = (body: string, key: string, iat = nowSec()) => signLikeDt(Buffer.from(body, 'utf8'), key, { iat });
  /** POSTs a body with the given token (or none) and records the answer for the timing check. */
  const send = async (label: string, body: string, token: string | undefined): Promise<CheckAnswer> => {
    if (unansweredInARow >= SILENT_AFTER) throw new SilentReceiver();
    const answer = await post(opts.url, Buffer.from(body, 'utf8'), token === undefined ? {} : { 'X-Dt-Signature': token });
    if (all.length === 0 && answer.outcome === 'error' && answer.error !== CUT_OFF) {
      throw new UnreachableError(`cannot reach ${displayTarget(opts.url)}: ${answer.error ?? 'connection failed'} (is the receiver running, and is the URL right?)`);
    }
    all.push({ label, answer });
    unansweredInARow = answer.outcome === 'timeout' ? unansweredInARow + 1 : 0;
    opts.onProgress?.(++done, total);
    return answer;
  };
  /** A valid delivery: signed with the secret when there is one, unsigned otherwise (DT without a secret). */
  const deliver = async (label: string, e: SimEvent) => send(label, e.body, secret && (await sign(e.body, secret)));

  const results = new Map<CheckId, CheckResult>();
  const judgeAll = (id: CheckId, items: Array<{ label: string; answer: CheckAnswer }>, passDetail: string, what: string) => {
    const bad = items.filter((i) => !isAck(i.answer));
    results.set(id, bad.length === 0
      ? result(id, 'pass', passDetail, '')
      : result(id, 'fail', `${bad.length} of ${items.length} ${what} not acknowledged: ${listFailures(bad, timeoutMs)}`,
        ADVICE[id] + secretHint(bad.map((b) => b.answer), !!secret)));
  };

  try {
    await runChecks();
  } catch (e) {
    if (!(e instanceof SilentReceiver)) throw e;
  } finally {
    agent.destroy();
  }
  results.set('responds_within_10s', judgeTiming(all, timeoutMs));
  const skipped = `not run: the receiver stopped answering (${SILENT_AFTER} requests in a row got no answer within ${timeoutMs / 1000} s)`;
  const ordered = CHECK_IDS.map((id) => results.get(id) ?? result(id, 'fail', skipped, ADVICE.responds_within_10s));
  const summary = { pass: 0, fail: 0, warn: 0 };
  for (const r of ordered) summary[r.status]++;
  return { format: CHECK_FORMAT, target: displayTarget(opts.url), results: ordered, summary };

  async function runChecks(): Promise<void> {
    const typed: Array<{ label: string; answer: CheckAnswer }> = [];
    for (const e of ev.allTypes) typed.push({ label: e.eventType, answer: await deliver(e.eventType, e) });
    judgeAll('accepts_all_types', typed, `all ${typed.length} event types answered 2xx`, 'event types');

    const future = withFutureType(ev.spare[0]!);
    const unknown = await deliver(future.eventType, future);
    results.set('unknown_type', isAck(unknown)
      ? result('unknown_type', 'pass', `a "${future.eventType}" event was answered ${describe(unknown, timeoutMs, false)}`, '')
      : result('unknown_type', 'fail', `a "${future.eventType}" event (a type DT may add) got ${describe(unknown, timeoutMs)}`,
        ADVICE.unknown_type + secretHint([unknown], !!secret)));

    const burst: Array<{ label: string; answer: CheckAnswer }> = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < ev.burst.length; i = next++) {
        const e = ev.burst[i]!;
        burst.push({ label: e.eventType, answer: await deliver(`burst ${e.eventType}`, e) });
      }
    };
    await Promise.all(Array.from({ length: BURST_CONCURRENCY }, worker));
    const burstBad = burst.filter((b) => !isAck(b.answer)).map((b) => b.answer);
    const slowest = Math.max(...burst.filter((b) => typeof b.answer.outcome === 'number').map((b) => b.answer.latencyMs), 0);
    results.set('burst', burstBad.length === 0
      ? result('burst', 'pass', `${burst.length} events, ${BURST_CONCURRENCY} at a time: all acknowledged, slowest ${Math.round(slowest)} ms`, '')
      : result('burst', 'fail', `${burstBad.length} of ${burst.length} events (${BURST_CONCURRENCY} at a time) not acknowledged: ${outcomeCounts(burstBad, timeoutMs)}`,
        ADVICE.burst + secretHint(burstBad, !!secret)));

    const dup = ev.spare[1]!;
    const first = await deliver(`${dup.eventType} (first delivery)`, dup);
    const again = await deliver(`${dup.eventType} (repeat)`, dup);
    results.set('duplicate_delivery', isAck(first) && isAck(again)
      ? result('duplicate_delivery', 'pass', 'the same event delivered twice was acknowledged both times', '')
      : result('duplicate_delivery', 'fail', `first delivery: ${describe(first, timeoutMs)}; repeat: ${describe(again, timeoutMs)}`,
        ADVICE.duplicate_delivery + secretHint([first, again].filter((a) => !isAck(a)), !!secret)));

    const [older, newer] = ev.pair;
    const n = await deliver('temperature (newer)', newer);
    const o = await deliver('temperature (older, after the newer)', older);
    results.set('out_of_order', isAck(n) && isAck(o)
      ? result('out_of_order', 'pass', 'an older event after a newer one of the same device and type was acknowledged', '')
      : result('out_of_order', 'fail', `newer event: ${describe(n, timeoutMs)}; older event after it: ${describe(o, timeoutMs)}`,
        ADVICE.out_of_order + secretHint([n, o].filter((a) => !isAck(a)), !!secret)));

    if (!secret) {
      for (const id of ['rejects_bad_signature', 'rejects_missing_signature', 'rejects_tampered_body', 'rejects_expired_signature'] as const) {
        results.set(id, result(id, 'warn', NO_SECRET.detail, NO_SECRET.advice));
      }
    } else {
      const forged = async (id: CheckId, label: string, body: string, token: string | undefined, what: string, ifAccepted: 'fail' | 'warn') => {
        const a = await send(label, body, token);
        results.set(id, isAck(a)
          ? result(id, ifAccepted, `${what} was accepted (${describe(a, timeoutMs)})`)
          : result(id, 'pass', `${what} was refused (${describe(a, timeoutMs, false)})`, ''));
      };
      const [, , bad, missing, tamper, expired] = ev.spare as [SimEvent, SimEvent, SimEvent, SimEvent, SimEvent, SimEvent];
      await forged('rejects_bad_signature', 'signed with another secret', bad.body,
        await sign(bad.body, newSignatureSecret()), 'an event signed with another secret', 'fail');
      await forged('rejects_missing_signature', 'no signature', missing.body, undefined, 'an event without X-Dt-Signature', 'fail');
      await forged('rejects_tampered_body', 'altered body', tampered(tamper), await sign(tamper.body, secret),
        'an event whose body does not match its token\'s checksum', 'fail');
      // iat two hours ago: the token expired an hour ago, as a replayed capture's would have.
      await forged('rejects_expired_signature', 'expired token', expired.body, await sign(expired.body, secret, nowSec() - 7200),
        'an event with a token that expired 1 h ago', 'warn');
    }
  }
}

function judgeTiming(all: ReadonlyArray<{ label: string; answer: CheckAnswer }>, timeoutMs: number): CheckResult {
  const id = 'responds_within_10s';
  const unanswered = all.filter((a) => typeof a.answer.outcome !== 'number');
  const answered = all.filter((a) => typeof a.answer.outcome === 'number');
  const slowest = answered.reduce<{ label: string; answer: CheckAnswer } | undefined>((m, a) => (!m || a.answer.latencyMs > m.answer.latencyMs ? a : m), undefined);
  const slowestText = slowest ? `slowest ${Math.round(slowest.answer.latencyMs)} ms (${slowest.label})` : 'none answered';
  if (unanswered.length) {
    return result(id, 'fail', `${unanswered.length} of ${all.length} requests got no answer: ${listFailures(unanswered, timeoutMs)}`);
  }
  const slow = answered.filter((a) => a.answer.latencyMs > SLOW_MS);
  if (slow.length) {
    return result(id, 'warn', `all ${all.length} requests answered within ${timeoutMs / 1000} s, but ${slow.length} took over ${SLOW_MS / 1000} s; ${slowestText}`);
  }
  return result(id, 'pass', `all ${all.length} requests answered within ${SLOW_MS / 1000} s; ${slowestText}`, '');
}

/** The contract's checkReceiver: the same run as `connector-inbox check`, answered as a Result. */
export async function checkReceiver(target: CheckTarget): Promise<Result<CheckReport>> {
  let url: URL;
  try {
    url = new URL(target.url.trim());
  } catch {
    return fail(`"${target.url}" is not a URL (expected e.g. https://example.com/dt)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`expected an http:// or https:// URL, got ${url.protocol}//`);
  try {
    return ok(await runCheck({ url, secret: target.secret || undefined }));
  } catch (e) {
    if (e instanceof UnreachableError) return fail(e.message);
    throw e;
  }
}
