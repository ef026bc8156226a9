/**
 * One event's delivery as DT does it: an HTTP POST of the body, a 2xx acknowledges,
 * anything else (non-2xx, network error, no complete answer within the timeout) is
 * retried with backoff. DT's real schedule is undocumented (it retries until the event
 * is 12 h old); a tester wants an answer in seconds, so the default here is bounded:
 * 5 attempts, waits of 200, 400, 800, 1600 ms between them (doubling, capped at 5 s).
 */
import http from 'node:http';
import https from 'node:https';

export interface AttemptResult {
  /** the HTTP status, or 'timeout' (no full answer in time) / 'error' (connection failed) */
  outcome: number | 'timeout' | 'error';
  latencyMs: number;
}

export interface PostOptions {
  agent: http.Agent;
  /** the whole exchange, headers and body, must finish within this (DT: 10 s) */
  timeoutMs: number;
}

/** POSTs `body` once. Never rejects: every failure is an outcome the caller counts. */
export function postOnce(url: URL, body: Buffer, headers: Record<string, string>, opts: PostOptions): Promise<AttemptResult> {
  const started = performance.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: AttemptResult['outcome']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ outcome, latencyMs: performance.now() - started });
    };
    const req = client.request(url, {
      method: 'POST',
      agent: opts.agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...headers },
    });
    // A wall-clock timer rather than socket idle timeouts: a server that trickles bytes still fails at 10 s.
    const timer = setTimeout(() => {
      done('timeout');
      req.destroy();
    }, opts.timeoutMs);
    req.on('response', (res) => {
      res.on('error', () => done('error'));
      res.on('end', () => done(res.statusCode ?? 'error'));
      res.on('close', () => done('error')); // closed before the end: the answer was cut off
      res.resume(); // the answer's body is not used, but must be read for keep-alive reuse
    });
    req.on('error', () => done('error'));
    req.end(body);
  });
}

export interface RetryPolicy {
  maxAttempts: number;
  /** wait before retry number `retry` (1 = the first retry) */
  backoffMs: (retry: number) => number;
}

export function exponentialBackoff(initialMs = 200, capMs = 5000): (retry: number) => number {
  return (retry) => Math.min(capMs, initialMs * 2 ** (retry - 1));
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, backoffMs: exponentialBackoff() };

export const isAck = (o: AttemptResult['outcome']) => typeof o === 'number' && o >= 200 && o < 300;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Tries until a 2xx or `maxAttempts`; reports every attempt so the caller can tally it. */
export async function deliverWithRetries(
  send: () => Promise<AttemptResult>,
  policy: RetryPolicy,
  onAttempt: (a: AttemptResult, attempt: number) => void,
): Promise<{ acked: boolean; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const r = await send();
    onAttempt(r, attempt);
    if (isAck(r.outcome)) return { acked: true, attempts: attempt };
    if (attempt >= policy.maxAttempts) return { acked: false, attempts: attempt };
    await sleep(policy.backoffMs(attempt));
  }
}
