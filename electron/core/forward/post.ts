/**
 * The forwarder's POST: DT's rules for an answer (10 s for the whole exchange, redirects not
 * followed) through the shared outbound module, keeping at most 2 KB of the answer to show.
 * The request runs in a worker thread (outbound/post-thread.ts): the receiver's thread, which
 * answers DT, does not pay for the forwarding client.
 */
import { PostThread } from '../outbound';
import type { PostFn } from './types';

export const FORWARD_TIMEOUT_MS = 10_000;
const ANSWER_BYTES = 2_048;

export interface ForwardPoster {
  post: PostFn;
  /** ends what is in flight (quit) */
  abort(): void;
  close(): Promise<void>;
}

export function forwardPoster(timeoutMs = FORWARD_TIMEOUT_MS): ForwardPoster {
  const thread = new PostThread();
  return {
    post: async (url, body, headers) => {
      const r = await thread.post(url, body, headers, timeoutMs, ANSWER_BYTES);
      // the answer's first 2 KB, or for no answer what went wrong (ECONNREFUSED, …)
      const answer = r.answer ? r.answer.body + (r.answer.truncated ? '…' : '') : r.error;
      return { outcome: r.outcome === 'aborted' ? 'error' : r.outcome, latencyMs: r.latencyMs, answer };
    },
    abort: () => thread.abortAll(),
    close: () => thread.close(),
  };
}
