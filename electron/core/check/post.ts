/**
 * One POST of a check, as DT makes it: redirects are not followed (a 3xx is an answer,
 * and not a 2xx), the whole exchange must finish within the timeout, and at most
 * `maxAnswerBytes` of the answer are read: the check only shows its start, and a
 * receiver that streams a huge answer must not hold the run.
 */
import http from 'node:http';
import https from 'node:https';

export interface Answer {
  /** the HTTP status, or 'timeout' (no full answer in time) / 'error' (connection failed) */
  outcome: number | 'timeout' | 'error';
  latencyMs: number;
  /** the first bytes of the answer's body, as text */
  text: string;
  /** the connection error, for 'error' (e.g. ECONNREFUSED) */
  error?: string;
}

export interface PostOptions {
  agent: http.Agent;
  timeoutMs: number;
  maxAnswerBytes: number;
}

/** the error of an answer that began but was closed before its end: the receiver is reachable */
export const CUT_OFF = 'the answer was cut off';

export type Post = (url: URL, body: Buffer, headers: Record<string, string>) => Promise<Answer>;

/** Never rejects: every failure is an outcome the checks judge. */
export function postCapped(url: URL, body: Buffer, headers: Record<string, string>, opts: PostOptions): Promise<Answer> {
  const started = performance.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (outcome: Answer['outcome'], error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const text = Buffer.concat(chunks).subarray(0, opts.maxAnswerBytes).toString('utf8');
      resolve({ outcome, latencyMs: performance.now() - started, text, ...(error && { error }) });
    };
    const req = client.request(url, {
      method: 'POST',
      agent: opts.agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...headers },
    });
    // Wall clock, not socket idle time: a receiver that trickles bytes still fails at the limit.
    const timer = setTimeout(() => {
      done('timeout');
      req.destroy();
    }, opts.timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= opts.maxAnswerBytes) {
          done(status);
          res.destroy(); // enough read: the rest of a long answer is not waited for
        }
      });
      res.on('error', (e) => done('error', e.message));
      res.on('end', () => done(status));
      res.on('close', () => done('error', CUT_OFF)); // closed before its end
    });
    req.on('error', (e: NodeJS.ErrnoException) => done('error', e.code ?? e.message));
    req.end(body);
  });
}
