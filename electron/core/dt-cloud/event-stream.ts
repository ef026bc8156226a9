/**
 * DT's device event stream (`GET /projects/{p}/devices:stream`): one long-lived response of
 * one JSON object per line, `{"result":{"event":{…}}}`, pings included. There is no overall
 * timeout (the stream is meant to stay open), but the connect has one, and a stream that goes
 * quiet for two ping intervals is treated as dead: DT pings at the asked interval, so silence
 * means a link that died without closing, which would otherwise hang the reader forever.
 *
 * What the caller sees: every event and ping yielded; the server ending the response → the
 * iteration returns (reconnect; DT never replays, fill the gap from history); a cut or silent
 * link → DtCloudError('unreachable'); the signal aborted → the iteration returns, socket freed.
 */
import type { TokenSource } from './auth';
import { DtCloudError, errorFromNetwork, errorFromResponse } from './errors';
import { MAX_ATTEMPTS, retryDelayMs, type FetchLike } from './transport';
import type { DtHistoryEvent } from './types';

export interface EventStreamOptions {
  deviceIds?: string[];
  eventTypes?: string[];
  /** DT pings this often; the stream counts as dead after twice this with no line. Default 10 s. */
  pingIntervalS?: number;
  /** abort to end the iteration (no error) */
  signal?: AbortSignal;
}

export interface StreamDeps {
  tokens: TokenSource;
  fetch: FetchLike;
  /** for the connect (headers), not for the stream */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /** turns any failure into a DtCloudError scrubbed of the secret, and throws it */
  fail: (e: unknown) => never;
}

export const DEFAULT_PING_INTERVAL_S = 10;
/** Same bound as transport.ts: a longer Retry-After is the caller's to wait for, not a hidden hang. */
const MAX_RETRY_AFTER_MS = 30_000;
const ABORTED = Symbol('aborted');
const IDLE = Symbol('idle');

export function eventStreamUrl(apiUrl: string, project: string, opts: EventStreamOptions): URL {
  const url = new URL(`${apiUrl}/projects/${encodeURIComponent(project)}/devices:stream`);
  // Repeated parameters, as DT's Python SDK sends lists (requests encodes a list that way).
  for (const id of opts.deviceIds ?? []) url.searchParams.append('device_ids', id);
  for (const t of opts.eventTypes ?? []) url.searchParams.append('event_types', t);
  url.searchParams.set('ping_interval', `${opts.pingIntervalS ?? DEFAULT_PING_INTERVAL_S}s`);
  return url;
}

export async function* readEventStream(project: string, url: URL, opts: EventStreamOptions, deps: StreamDeps): AsyncGenerator<DtHistoryEvent, void, undefined> {
  const pingS = opts.pingIntervalS ?? DEFAULT_PING_INTERVAL_S;
  if (!(pingS > 0) || !Number.isFinite(pingS)) throw new DtCloudError('bad_request', `the event stream's ping interval must be a positive number of seconds, not ${pingS}`);
  const context = `open the event stream of project ${project}`;
  // One controller for the whole exchange: the caller's abort, the connect timeout and the
  // idle timeout all end the socket through it.
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) return;
    const res = await open(url, context, ctl, opts.signal, deps);
    if (res === ABORTED) return;
    yield* lines(res, pingS, ctl, opts.signal);
  } catch (e) {
    if (opts.signal?.aborted) return;
    deps.fail(e);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    ctl.abort(); // frees the socket whichever way the iteration ended
  }
}

/** The stream's response, after 401 (one renewal) and 429 (Retry-After) like the REST calls. */
async function open(url: URL, context: string, ctl: AbortController, signal: AbortSignal | undefined, deps: StreamDeps): Promise<Response | typeof ABORTED> {
  for (let attempt = 1, renewed = false; ;) {
    const token = await deps.tokens.get();
    if (signal?.aborted) return ABORTED;
    const timer = setTimeout(() => ctl.abort(new DOMException('connect timeout', 'TimeoutError')), deps.timeoutMs);
    let res: Response, text = '';
    try {
      res = await deps.fetch(url, { method: 'GET', headers: { Authorization: `Bearer ${token}` }, signal: ctl.signal, redirect: 'error' });
      if (res.ok) return res;
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) return ABORTED;
      throw errorFromNetwork(e, url, context, deps.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 401 && !renewed) {
      // a cached token DT no longer takes: one fresh token, one retry
      deps.tokens.invalidate();
      renewed = true;
      continue;
    }
    if (res.status === 429 && attempt < MAX_ATTEMPTS) {
      const wait = retryDelayMs(res.headers.get('retry-after'), attempt, Date.now());
      if (wait <= MAX_RETRY_AFTER_MS) {
        if (await sleepUnlessAborted(deps.sleep, wait, signal)) return ABORTED;
        attempt++;
        continue;
      }
    }
    let body: unknown;
    try { body = JSON.parse(text); } catch { /* judged by status alone */ }
    throw errorFromResponse(res.status, body as never, context, 'api');
  }
}

async function* lines(res: Response, pingS: number, ctl: AbortController, signal: AbortSignal | undefined): AsyncGenerator<DtHistoryEvent, void, undefined> {
  if (!res.body) throw new DtCloudError('bad_response', 'DT Cloud opened the event stream with no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const idleMs = 2 * pingS * 1000;
  let buf = '';
  // The deadline restarts on every line and after every yield, so a slow consumer is not
  // mistaken for a silent stream.
  let deadline = performance.now() + idleMs;
  for (;;) {
    if (signal?.aborted) return;
    let chunk: Awaited<ReturnType<typeof reader.read>> | typeof IDLE;
    try {
      chunk = await within(reader.read(), deadline - performance.now());
    } catch (e) {
      if (signal?.aborted) return;
      throw cutOff(e);
    }
    if (chunk === IDLE) {
      ctl.abort();
      throw new DtCloudError('unreachable', `the DT event stream went silent for ${idleMs / 1000} s (no event and no ping; pings were asked every ${pingS} s)`);
    }
    buf += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
    const parts = buf.split('\n');
    buf = chunk.done ? '' : parts.pop()!;
    for (const line of parts) {
      const event = parseLine(line);
      if (!event) continue;
      yield event;
      deadline = performance.now() + idleMs;
    }
    if (parts.length) deadline = performance.now() + idleMs;
    if (chunk.done) return;
  }
}

/** The event of one line; undefined for a blank line. Throws on anything else. */
export function parseLine(raw: string): DtHistoryEvent | undefined {
  // SSE framing (`data: {…}`) carries the same objects (DT's Swift SDK); strip it if DT sends it.
  const line = raw.trim().replace(/^data:\s*/, '');
  if (!line || line.startsWith(':')) return undefined;
  let j: { result?: { event?: Partial<DtHistoryEvent> }; error?: { message?: string } | string };
  try { j = JSON.parse(line); } catch {
    throw new DtCloudError('bad_response', `a line of the DT event stream is not JSON: ${clip(line)}`);
  }
  const e = j?.result?.event;
  if (e && typeof e.eventId === 'string' && typeof e.eventType === 'string' && typeof e.targetName === 'string' && typeof e.timestamp === 'string') {
    return { eventId: e.eventId, targetName: e.targetName, eventType: e.eventType, data: e.data ?? null, timestamp: e.timestamp };
  }
  const why = typeof j?.error === 'string' ? j.error : j?.error?.message;
  throw new DtCloudError('bad_response', why ? `the DT event stream reported an error: ${clip(why)}` : `a line of the DT event stream holds no event: ${clip(line)}`);
}

function cutOff(e: unknown): DtCloudError {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const why = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? 'connection lost';
  return new DtCloudError('unreachable', `the DT event stream was cut off (${why})`);
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** p, or IDLE once ms have passed (p's later settling is then ignored) */
async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((r) => { timer = setTimeout(() => r(IDLE), Math.max(0, ms)); });
  try { return await Promise.race([p, idle]); } finally { clearTimeout(timer); }
}

/** true when the signal aborted first */
async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (!signal) {
    await sleep(ms);
    return false;
  }
  if (signal.aborted) return true;
  let onAbort!: () => void;
  const aborted = new Promise<void>((r) => { onAbort = r; signal.addEventListener('abort', onAbort, { once: true }); });
  try { await Promise.race([sleep(ms), aborted]); } finally { signal.removeEventListener('abort', onAbort); }
  return signal.aborted;
}
