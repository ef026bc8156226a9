/**
 * One outbound POST as DT makes it: the whole exchange (headers and answer) must finish
 * within a wall-clock timeout, so a peer that trickles bytes or never answers cannot hang the
 * caller. Redirects are not followed (node:http never does; DT does not either): a 3xx is an
 * outcome like any other non-2xx. The answer's body is read up to a bound and the rest drained,
 * so a huge answer neither grows memory nor blocks keep-alive reuse.
 */
import http from 'node:http';
import https from 'node:https';

/** the HTTP status, or 'timeout' (no full answer in time) / 'error' (connection failed) / 'aborted' (the caller's signal) */
export type Outcome = number | 'timeout' | 'error' | 'aborted';

export interface Answer {
  headers: http.IncomingHttpHeaders;
  /** at most `maxAnswerBytes` of the answer's body */
  body: Buffer;
  /** the answer had more than `maxAnswerBytes` */
  truncated: boolean;
}

export interface AttemptResult {
  outcome: Outcome;
  latencyMs: number;
  /** only when `maxAnswerBytes` > 0 and an answer arrived (complete, or cut at the bound) */
  answer?: Answer;
  /** for 'error': the connection error's code (ECONNREFUSED, ECONNRESET…) or what went wrong */
  error?: string;
}

/** the `error` of an answer that began but was closed before its end: the peer is reachable */
export const CUT_OFF = 'the answer was cut off';

export interface PostOptions {
  /** the whole exchange, headers and body, must finish within this (DT: 10 s) */
  timeoutMs: number;
  /** default: node's global agent */
  agent?: http.Agent;
  /** read and keep at most this much of the answer's body, then close it (default 0: drain and drop it, for keep-alive) */
  maxAnswerBytes?: number;
  /** aborting ends the request at once with outcome 'aborted' (e.g. on quit) */
  signal?: AbortSignal;
  /** for latencyMs; default performance.now */
  now?: () => number;
}

export interface HttpModules { http: typeof http; https: typeof https }
export type PostOnce = (url: URL, body: Buffer, headers: Record<string, string>, opts: PostOptions) => Promise<AttemptResult>;

/**
 * Builds postOnce over the given node:http and node:https. Self-contained on purpose (it
 * refers to nothing outside its own body but globals): outbound/post-thread.ts runs the same
 * source in a worker thread, so one implementation serves both.
 */
export function createPostOnce(net: HttpModules): PostOnce {
  return (url, body, headers, opts) => {
    const now = opts.now ?? (() => performance.now());
    const started = now();
    const client = url.protocol === 'https:' ? net.https : net.http;
    const keep = Math.max(0, opts.maxAnswerBytes ?? 0);
    return new Promise((resolve) => {
      if (opts.signal?.aborted) return resolve({ outcome: 'aborted', latencyMs: 0 });
      let settled = false;
      const done = (outcome: Outcome, answer?: Answer, error?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        const r: AttemptResult = { outcome, latencyMs: now() - started };
        if (answer) r.answer = answer;
        if (error) r.error = error;
        resolve(r);
      };
      const req = client.request(url, {
        method: 'POST',
        agent: opts.agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...headers },
      });
      const onAbort = () => {
        done('aborted');
        req.destroy();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      // A wall-clock timer rather than socket idle timeouts: a server that trickles bytes still fails at 10 s.
      const timer = setTimeout(() => {
        done('timeout');
        req.destroy();
      }, opts.timeoutMs);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let truncated = false;
        const status = res.statusCode ?? 'error';
        res.on('error', (e) => done('error', undefined, e.message));
        res.on('end', () => done(status, keep > 0 ? { headers: res.headers, body: Buffer.concat(chunks), truncated } : undefined));
        // closed before the end: the answer was cut off (the body has to be a string constant
        // here, not CUT_OFF: this function's source also runs alone in a worker)
        res.on('close', () => done('error', undefined, 'the answer was cut off'));
        if (keep === 0) {
          res.resume(); // the answer's body is not used, but must be read for keep-alive reuse
          return;
        }
        res.on('data', (chunk: Buffer) => {
          const room = keep - kept;
          const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(part);
          kept += part.length;
          if (chunk.length > room) {
            // the bound is reached: answer with what was kept and read no more of it
            truncated = true;
            done(status, { headers: res.headers, body: Buffer.concat(chunks), truncated });
            res.destroy();
          }
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => done('error', undefined, e.code ?? e.message));
      req.end(body);
    });
  };
}

/** POSTs `body` once. Never rejects: every failure is an outcome the caller counts. */
export const postOnce: PostOnce = createPostOnce({ http, https });
