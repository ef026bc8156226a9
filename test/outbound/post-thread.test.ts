/** postOnce run in a worker thread: the same outcomes as on the caller's thread. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostThread } from '../../electron/core/outbound';
import { until } from '../core/helpers';

let server: Server;
let base = '';
const hanging: Array<() => void> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/hang') { hanging.push(() => res.destroy()); return; }
      if (req.url === '/big') { res.end('x'.repeat(10_000)); return; }
      res.writeHead(req.url === '/fail' ? 500 : 200).end(`got ${Buffer.concat(chunks).toString()} ${req.headers['x-test']}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const h of hanging) h();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('PostThread', () => {
  it('posts the body with the headers and reports status, latency and a bounded answer', async () => {
    const t = new PostThread();
    const ok = await t.post(new URL(`${base}/ok`), '{"a":"ø"}', { 'X-Test': 'yes' }, 2_000, 2_048);
    expect(ok).toMatchObject({ outcome: 200, answer: { body: 'got {"a":"ø"} yes', truncated: false } });
    expect(ok.latencyMs).toBeGreaterThan(0);
    expect((await t.post(new URL(`${base}/fail`), '{}', {}, 2_000, 2_048)).outcome).toBe(500);
    const big = await t.post(new URL(`${base}/big`), '{}', {}, 2_000, 100);
    expect(big.answer).toEqual({ body: 'x'.repeat(100), truncated: true });
    await t.close();
  });

  it('a silent peer times out; abortAll ends what is in flight; a closed thread answers error', async () => {
    const t = new PostThread();
    expect((await t.post(new URL(`${base}/hang`), '{}', {}, 300, 0)).outcome).toBe('timeout');
    const pending = t.post(new URL(`${base}/hang`), '{}', {}, 60_000, 0);
    await until(() => hanging.length === 2 || undefined, 'the request to reach the peer', 15_000);
    t.abortAll();
    expect((await pending).outcome).toBe('aborted');
    const cut = t.post(new URL(`${base}/hang`), '{}', {}, 60_000, 0);
    await t.close();
    expect((await cut).outcome).toBe('error');
    // and it starts a new worker when used again
    expect((await t.post(new URL(`${base}/ok`), 'x', {}, 2_000, 0)).outcome).toBe(200);
    await t.close();
  }, 40_000);
});
