import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWithRetries, exponentialBackoff, postOnce, type AttemptResult } from '../../electron/core/outbound';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A real server on 127.0.0.1 with the given handler; its URL. */
async function serve(handler: http.RequestListener): Promise<URL> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/in`);
}

const body = Buffer.from('{"event":{}}');

describe('postOnce', () => {
  it('keeps at most maxAnswerBytes of the answer and says it was cut', async () => {
    const url = await serve((req, res) => { req.resume(); req.on('end', () => res.writeHead(400, { 'Content-Type': 'text/plain' }).end('x'.repeat(100_000))); });
    const r = await postOnce(url, body, {}, { timeoutMs: 2000, maxAnswerBytes: 1024 });
    expect(r.outcome).toBe(400);
    expect(r.answer?.body.length).toBe(1024);
    expect(r.answer?.truncated).toBe(true);
    expect(r.answer?.headers['content-type']).toBe('text/plain');
    const short = await postOnce(url, body, {}, { timeoutMs: 2000, maxAnswerBytes: 200_000 });
    expect(short.answer).toMatchObject({ truncated: false });
    expect(short.answer?.body.length).toBe(100_000);
    // without a bound nothing is kept
    expect((await postOnce(url, body, {}, { timeoutMs: 2000 })).answer).toBeUndefined();
  });

  it('does not follow a redirect: the 3xx is the outcome and the target is never asked', async () => {
    let targetHits = 0;
    const url = await serve((req, res) => {
      req.resume();
      if (req.url === '/elsewhere') targetHits++;
      req.on('end', () => res.writeHead(307, { Location: '/elsewhere' }).end());
    });
    const r = await postOnce(url, body, {}, { timeoutMs: 2000, maxAnswerBytes: 10 });
    expect(r.outcome).toBe(307);
    expect(r.answer?.headers.location).toBe('/elsewhere');
    expect(targetHits).toBe(0);
  });

  it('a peer that trickles its answer forever ends as a timeout at the wall-clock bound', async () => {
    const url = await serve((req, res) => {
      req.resume();
      res.writeHead(200);
      const t = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(t));
    });
    const r = await postOnce(url, body, {}, { timeoutMs: 300 });
    expect(r.outcome).toBe('timeout');
  });

  it('a peer that never answers is left when the caller aborts', async () => {
    const url = await serve((req) => req.resume());
    const ctrl = new AbortController();
    const pending = postOnce(url, body, {}, { timeoutMs: 60_000, signal: ctrl.signal });
    server!.once('request', () => ctrl.abort());
    await new Promise<void>((r) => server!.once('request', () => r()));
    expect((await pending).outcome).toBe('aborted');
    expect((await postOnce(url, body, {}, { timeoutMs: 60_000, signal: ctrl.signal })).outcome).toBe('aborted');
  });

  it('reports latency on the injected clock', async () => {
    const url = await serve((req, res) => { req.resume(); req.on('end', () => res.end()); });
    let t = 1000;
    const r = await postOnce(url, body, {}, { timeoutMs: 2000, now: () => (t += 7) });
    expect(r).toEqual({ outcome: 200, latencyMs: 7 });
  });
});

describe('deliverWithRetries', () => {
  const failing = async (): Promise<AttemptResult> => ({ outcome: 503, latencyMs: 1 });

  it('waits the capped doubling backoff between attempts, on the injected sleep', async () => {
    const waits: number[] = [];
    const r = await deliverWithRetries(failing, { maxAttempts: 6, backoffMs: exponentialBackoff(100, 500) }, () => {}, {
      sleep: async (ms) => { waits.push(ms); },
    });
    expect(r).toEqual({ acked: false, attempts: 6 });
    expect(waits).toEqual([100, 200, 400, 500, 500]);
  });

  it('gives up once the next attempt would start past maxElapsedMs (DT: until the event is 12 h old)', async () => {
    let clock = 0;
    const attempts: number[] = [];
    const r = await deliverWithRetries(
      async (n) => { attempts.push(n); return { outcome: 'error', latencyMs: 0 }; },
      { maxAttempts: Infinity, backoffMs: exponentialBackoff(1000, 60_000), maxElapsedMs: 10_000 },
      () => {},
      { now: () => clock, sleep: async (ms) => { clock += ms; } },
    );
    // waits 1 s, 2 s, 4 s (7 s in); the next 8 s wait would pass 10 s
    expect(r).toEqual({ acked: false, attempts: 4 });
    expect(attempts).toEqual([1, 2, 3, 4]);
  });

  it('stops before the next attempt when the signal aborts during a wait', async () => {
    const ctrl = new AbortController();
    let sends = 0;
    const r = await deliverWithRetries(async () => { sends++; return { outcome: 500, latencyMs: 0 }; }, { maxAttempts: 5, backoffMs: () => 60_000 }, () => ctrl.abort(), { signal: ctrl.signal });
    expect(r).toEqual({ acked: false, attempts: 1 });
    expect(sends).toBe(1);
  });
});
