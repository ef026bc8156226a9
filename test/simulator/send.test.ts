import { afterEach, describe, expect, it } from 'vitest';
import { compareTimestamps, timestampToMillis } from '../../shared/dt/timestamp';
import { deliverWithRetries, exponentialBackoff, postOnce } from '../../electron/core/outbound';
import { runSend, SEND_DEFAULTS, type SendOptions } from '../../electron/core/simulator/run';
import { percentile } from '../../electron/core/simulator/summary';
import { startServer, type Seen, type TestServer } from './helpers';
import http from 'node:http';

const fast = { maxAttempts: 5, backoffMs: () => 1 };
let server: TestServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const opts = (url: string, o: Partial<SendOptions> = {}): SendOptions => ({ ...SEND_DEFAULTS, url: new URL(url), retry: fast, seed: 7, ...o });

/** Deliveries that arrive after a newer event of the same device and type (duplicates skipped). */
function inversions(seen: Seen[]): number {
  const newest = new Map<string, string>(), ids = new Set<string>();
  let n = 0;
  for (const s of seen) {
    if (ids.has(s.eventId)) continue;
    ids.add(s.eventId);
    const k = `${s.deviceId}/${s.eventType}`, prev = newest.get(k);
    if (prev && compareTimestamps(s.timestamp, prev) < 0) n++;
    else newest.set(k, s.timestamp);
  }
  return n;
}

describe('runSend against a local receiver', () => {
  it('signs every request as DT does; duplicates arrive; the summary matches what the server saw', async () => {
    server = await startServer({ secret: 's3cret' });
    const { summary, ackedEventIds } = await runSend(opts(server.url, { secret: 's3cret', count: 200, duplicates: 0.2 }));
    const ids = server.seen.map((s) => s.eventId);
    const unique = new Set(ids);
    expect(server.seen.every((s) => s.signature === 'valid')).toBe(true);
    expect(unique.size).toBe(200);
    expect(ids.length - unique.size).toBe(summary.duplicatesSent);
    expect(summary.duplicatesSent).toBeGreaterThan(15); // ~40 expected at 0.2
    expect(summary).toMatchObject({ sent: 200, acked: 200, failed: 0, retries: 0, deliveries: server.requests, statuses: { '200': server.requests } });
    expect(new Set(ackedEventIds)).toEqual(unique);
    expect(ackedEventIds).toHaveLength(200);
    expect(summary.latencyMs.p50).toBeLessThanOrEqual(summary.latencyMs.p99);
    expect(summary.latencyMs.max).toBeGreaterThan(0);
    expect(summary.rate).toBeGreaterThan(0);
  });

  it('sends no signature header without a secret, and the receiver may still verify nothing', async () => {
    let headers: string[] = [];
    const s = http.createServer((req, res) => { headers.push(String(req.headers['x-dt-signature'])); req.resume(); req.on('end', () => res.end()); });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    try {
      const { summary } = await runSend(opts(`http://127.0.0.1:${(s.address() as { port: number }).port}/`, { count: 5 }));
      expect(summary.acked).toBe(5);
      expect(headers).toEqual(Array(5).fill('undefined'));
    } finally {
      s.closeAllConnections(); s.close();
    }
  });

  it('with --reorder 0.3 an older event of a device+type arrives after a newer one; with 0 never', async () => {
    server = await startServer();
    const r = await runSend(opts(server.url, { count: 300, devices: 12, reorder: 0.3, concurrency: 1 }));
    expect(r.summary.reorderedSent).toBeGreaterThan(10);
    expect(inversions(server.seen)).toBe(r.summary.reorderedSent);
    await server.close();

    server = await startServer();
    const r0 = await runSend(opts(server.url, { count: 300, devices: 12, reorder: 0, concurrency: 1 }));
    expect(r0.summary.reorderedSent).toBe(0);
    expect(inversions(server.seen)).toBe(0);
  });

  it('retries after 503 twice, then acks', async () => {
    server = await startServer({ answer: (n) => (n <= 2 ? 503 : 200) });
    const { summary, ackedEventIds } = await runSend(opts(server.url, { count: 1, secret: 'k' }));
    expect(server.requests).toBe(3);
    expect(new Set(server.seen.map((s) => s.eventId)).size).toBe(1);
    expect(summary).toMatchObject({ acked: 1, failed: 0, retries: 2, deliveries: 3, statuses: { '503': 2, '200': 1 } });
    expect(ackedEventIds).toEqual([server.seen[0]!.eventId]);
  });

  it('gives up after maxAttempts when nothing succeeds', async () => {
    server = await startServer({ answer: () => 500 });
    const { summary, ackedEventIds } = await runSend(opts(server.url, { count: 4, retry: { maxAttempts: 3, backoffMs: () => 5 } }));
    // bounded: exactly maxAttempts requests per event, then it stops (the test's timeout is the backstop)
    expect(server.requests).toBe(12);
    expect(summary).toMatchObject({ sent: 4, acked: 0, failed: 4, retries: 8, deliveries: 12, statuses: { '500': 12 } });
    expect(ackedEventIds).toEqual([]);
  });

  it('counts a server that does not answer in time as a timeout, and a closed port as an error', async () => {
    server = await startServer({ answer: (n) => (n === 1 ? null : 204) });
    const { summary } = await runSend(opts(server.url, { count: 1, timeoutMs: 150 }));
    expect(summary).toMatchObject({ acked: 1, retries: 1, statuses: { timeout: 1, '204': 1 } });
    const url = server.url;
    await server.close(); server = undefined;
    const dead = await runSend(opts(url, { count: 2, retry: { maxAttempts: 2, backoffMs: () => 1 } }));
    expect(dead.summary).toMatchObject({ acked: 0, failed: 2, deliveries: 4, statuses: { error: 4 } });
  });

  it('a paced run never sends an event before its own event time, even with jitter, --reorder and --duplicates', async () => {
    // a clock-skew warning on the inbox's own simulated events sent testers looking for a bug that was not there
    server = await startServer();
    const { summary } = await runSend(opts(server.url, { count: 300, rate: 400, reorder: 0.3, duplicates: 0.2 }));
    expect(summary.acked).toBe(300);
    const early = server.seen.filter((s) => s.arrivedAt < Math.floor(timestampToMillis(s.timestamp))); // Date.now() is whole ms
    expect(early.map((s) => `${s.eventId} ${s.timestamp} arrived ${new Date(s.arrivedAt).toISOString()}`)).toEqual([]);
    expect(inversions(server.seen)).toBeGreaterThan(0); // the reordering really happened
    // and the events stay recent: the run starts its clock earlier only by what it needs
    const first = Math.min(...server.seen.map((s) => timestampToMillis(s.timestamp)));
    expect(server.seen[0]!.arrivedAt - first).toBeLessThan(5_000);
  });

  it('paces deliveries with --rate', async () => {
    server = await startServer();
    const t0 = Date.now();
    const { summary } = await runSend(opts(server.url, { count: 6, rate: 20 }));
    // delivery k starts at k/20 s: the 6th at 250 ms
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    expect(summary.acked).toBe(6);
  });
});

describe('delivery building blocks', () => {
  it('the default backoff doubles from 200 ms and is capped', () => {
    const b = exponentialBackoff();
    expect([1, 2, 3, 4, 5, 10].map(b)).toEqual([200, 400, 800, 1600, 3200, 5000]);
  });

  it('deliverWithRetries stops at the first 2xx and reports each attempt', async () => {
    const outcomes = [502, 'error', 201] as const;
    const seen: unknown[] = [];
    let i = 0;
    const r = await deliverWithRetries(async () => ({ outcome: outcomes[i++]!, latencyMs: 1 }), fast, (a, n) => seen.push([a.outcome, n]));
    expect(r).toEqual({ acked: true, attempts: 3 });
    expect(seen).toEqual([[502, 1], ['error', 2], [201, 3]]);
  });

  it('postOnce sends the exact body bytes', async () => {
    let got = '';
    const s = http.createServer((req, res) => { req.setEncoding('utf8'); req.on('data', (c) => (got += c)); req.on('end', () => res.writeHead(202).end('ok')); });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const agent = new http.Agent({ keepAlive: true });
    try {
      const body = Buffer.from('{"event":{"x":"é"}}');
      const r = await postOnce(new URL(`http://127.0.0.1:${(s.address() as { port: number }).port}/`), body, {}, { agent, timeoutMs: 1000 });
      expect(r.outcome).toBe(202);
      expect(Buffer.from(got)).toEqual(body);
    } finally {
      agent.destroy(); s.closeAllConnections(); s.close();
    }
  });

  it('percentile is nearest-rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99, 100].map((p) => percentile(xs, p))).toEqual([50, 90, 99, 100]);
    expect(percentile([], 50)).toBe(0);
    expect(percentile([3], 99)).toBe(3);
  });
});
