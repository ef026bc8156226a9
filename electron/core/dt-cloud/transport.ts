/**
 * One HTTP exchange with DT Cloud: a timeout on every attempt (AbortSignal), 429 retried
 * after `Retry-After` (at most 3 attempts in all, as DT's Python SDK), network failures
 * turned into typed errors. Status codes other than 429 are the caller's to judge.
 */
import { DtCloudError, errorFromNetwork } from './errors';

export type FetchLike = (input: string | URL, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchLike;
  /** per attempt */
  timeoutMs: number;
  /** waits between 429 retries (injected so tests do not sleep) */
  sleep: (ms: number) => Promise<void>;
}

export interface DtRequest {
  url: URL;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** what the request is for, used in error messages: "list connectors of project p" */
  context: string;
}

export interface DtResponse {
  status: number;
  json: unknown;
  /** DT's Retry-After header, kept for a 429 the transport gave up on (the caller waits instead) */
  retryAfter?: string | null;
}

export interface Transport {
  send(req: DtRequest): Promise<DtResponse>;
}

export const MAX_ATTEMPTS = 3;
/** A Retry-After longer than this is not waited for: the caller gets the 429 instead of a hung command. */
const MAX_RETRY_AFTER_MS = 30_000;

/** Retry-After in seconds (DT's form) or an HTTP date; without one, attempt² s like DT's SDK. */
export function retryDelayMs(header: string | null, attempt: number, nowMs: number): number {
  if (header) {
    const s = Number(header);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - nowMs);
  }
  return attempt * attempt * 1000;
}

export function createTransport(opts: TransportOptions): Transport {
  const once = async (req: DtRequest): Promise<{ res: Response; json: unknown }> => {
    let res: Response;
    let text: string;
    try {
      res = await opts.fetch(req.url, {
        method: req.method, headers: { Accept: 'application/json', ...req.headers }, body: req.body,
        signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'error',
      });
      // The body read is under the same signal: a peer that sends headers and then stalls still times out.
      text = await res.text();
    } catch (e) {
      throw errorFromNetwork(e, req.url, req.context, opts.timeoutMs);
    }
    let json: unknown = undefined;
    if (text) {
      try { json = JSON.parse(text); } catch { /* not JSON: judged by status alone */ }
    }
    return { res, json };
  };

  return {
    async send(req) {
      for (let attempt = 1; ; attempt++) {
        const { res, json } = await once(req);
        const retryAfter = res.headers.get('retry-after');
        if (res.status !== 429 || attempt >= MAX_ATTEMPTS) return { status: res.status, json, retryAfter };
        const wait = retryDelayMs(retryAfter, attempt, Date.now());
        if (wait > MAX_RETRY_AFTER_MS) return { status: res.status, json, retryAfter };
        await opts.sleep(wait);
      }
    },
  };
}

export function assertJsonObject(json: unknown, context: string): Record<string, unknown> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new DtCloudError('bad_response', `DT Cloud's answer to ${context} is not a JSON object`);
  }
  return json as Record<string, unknown>;
}
