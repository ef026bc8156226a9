/**
 * One POST of a check, as DT makes it: redirects are not followed (a 3xx is an answer,
 * and not a 2xx), the whole exchange must finish within the timeout, and at most
 * `maxAnswerBytes` of the answer are read: the check only shows its start, and a
 * receiver that streams a huge answer must not hold the run.
 */
import type http from 'node:http';
import { postOnce } from '../outbound';

/** what a check judges: not outbound's Answer (the raw reply), but its outcome, time and first bytes as text */
export interface CheckAnswer {
  /** the HTTP status, or 'timeout' (no full answer in time) / 'error' (connection failed) */
  outcome: number | 'timeout' | 'error';
  latencyMs: number;
  /** the first bytes of the answer's body, as text */
  text: string;
  /** the connection error, for 'error' (e.g. ECONNREFUSED) */
  error?: string;
}

export interface CappedPostOptions {
  agent: http.Agent;
  timeoutMs: number;
  maxAnswerBytes: number;
}

/** the error of an answer that began but was closed before its end: the receiver is reachable */
export { CUT_OFF } from '../outbound';

export type Post = (url: URL, body: Buffer, headers: Record<string, string>) => Promise<CheckAnswer>;

/** Never rejects: every failure is an outcome the checks judge. The shared outbound POST reads at most `maxAnswerBytes` and stops. */
export async function postCapped(url: URL, body: Buffer, headers: Record<string, string>, opts: CappedPostOptions): Promise<CheckAnswer> {
  const r = await postOnce(url, body, headers, opts);
  const text = r.answer ? r.answer.body.toString('utf8') : '';
  return { outcome: r.outcome === 'aborted' ? 'error' : r.outcome, latencyMs: r.latencyMs, text, ...(r.error && { error: r.error }) };
}
