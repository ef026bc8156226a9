/**
 * The forwarder's POST: DT's rules for an answer (10 s for the whole exchange, redirects not
 * followed) through the shared outbound module, keeping at most 2 KB of the answer to show.
 */
import http from 'node:http';
import https from 'node:https';
import { postOnce } from '../outbound';
import type { PostFn } from './types';

export const FORWARD_TIMEOUT_MS = 10_000;
const ANSWER_BYTES = 2_048;

/** A POST function with its own keep-alive agents; `signal` aborts what is in flight (quit). */
export function forwardPost(signal?: AbortSignal, timeoutMs = FORWARD_TIMEOUT_MS): PostFn {
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };
  return async (url, body, headers) => {
    const r = await postOnce(url, body, headers, { timeoutMs, maxAnswerBytes: ANSWER_BYTES, signal, agent: url.protocol === 'https:' ? agents.https : agents.http });
    const outcome = r.outcome === 'aborted' ? 'error' : r.outcome;
    const answer = r.answer ? r.answer.body.toString('utf8') + (r.answer.truncated ? '…' : '') : undefined;
    return { outcome, latencyMs: r.latencyMs, answer };
  };
}
