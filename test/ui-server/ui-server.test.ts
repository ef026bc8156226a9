import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { API_METHODS } from '../../shared/api/contract';
import { MAX_REPLAY_IDS } from '../../shared/api/replay';
import { FakeInboxApi } from '../renderer/fake-api';
import { makeBody } from '../renderer/fake-events';
import { rawRequest, readSse } from './http-helper';

const token = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${token}` };
let server: UiServer;
let api: FakeInboxApi;
let exported: unknown[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ui-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>inbox</title>');
  api = new FakeInboxApi();
  api.deliver(makeBody({ eventId: 'evt-one', labels: { name: 'Fridge' } }));
  server = await startUiServer({
    api, port: 0, token, staticDir: dir,
    exportStream: async (filter, out, onProgress) => {
      exported.push(filter);
      out.write('{"format":"connector-inbox-export/1","events":[]}');
      onProgress(1, 1);
      return { count: 1 };
    },
  });
});
afterAll(() => server.close());

describe('startUiServer', () => {
  it('answers on 127.0.0.1 with a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('serves the renderer with security headers and no CORS headers', async () => {
    const r = await rawRequest(server.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>inbox</title>');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it.each(['/', '/index.html', '/missing.js', '/api/getStats', '/api/push', '/api/export'])('refuses a foreign Host on %s', async (path) => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const r = await rawRequest(server.port, { path, headers: { host, ...auth } });
      expect(r.status, `${host}${path}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body).not.toContain('<title>inbox</title>');
    }
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await rawRequest(server.port, { path: '/', headers: { host: `localhost:${server.port}` } });
    expect(r.status).toBe(200);
  });

  it('requires the token on every API route', async () => {
    for (const method of API_METHODS) {
      const r = await rawRequest(server.port, { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json' }, body: '[]' });
      expect(r.status, method).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    }
    expect((await rawRequest(server.port, { path: '/api/push' })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/api/export' })).status).toBe(401);
    const wrong = await rawRequest(server.port, { method: 'POST', path: '/api/getStats', headers: { authorization: 'Bearer nope' }, body: '[]' });
    expect(wrong.status).toBe(401);
    // the query token is only for the GET routes a browser opens without headers
    const viaQuery = await rawRequest(server.port, { method: 'POST', path: `/api/getStats?token=${token}`, headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(viaQuery.status).toBe(401);
  });

  it('refuses a foreign Origin with 403, allows its own', async () => {
    const call = (origin: string) =>
      rawRequest(server.port, { method: 'POST', path: '/api/getStats', headers: { ...auth, origin, 'content-type': 'application/json' }, body: '[]' });
    expect((await call('http://evil.example')).status).toBe(403);
    expect((await call('null')).status).toBe(403);
    expect((await call(`http://localhost:${server.port}`)).status).toBe(403); // Host says 127.0.0.1
    expect((await call(`http://127.0.0.1:${server.port}`)).status).toBe(200);
    const site = await rawRequest(server.port, { path: `/api/push?token=${token}`, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.status).toBe(403);
  });

  it('calls the api and returns its Result', async () => {
    const r = await rawRequest(server.port, {
      method: 'POST', path: '/api/queryEvents', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ filter: { text: 'fridge' }, offset: 0, limit: 10 }]),
    });
    expect(r.status).toBe(200);
    const res = JSON.parse(r.body);
    expect(res.ok).toBe(true);
    expect(res.value.matched).toBe(1);
    expect(res.value.rows[0].eventId).toBe('evt-one');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('returns argument errors, unknown methods and bad JSON as Results', async () => {
    const post = (path: string, body: string) =>
      rawRequest(server.port, { method: 'POST', path, headers: { ...auth, 'content-type': 'application/json' }, body });
    const bad = await post('/api/queryEvents', JSON.stringify([{ filter: {}, offset: -1, limit: 10 }]));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: expect.stringContaining('invalid arguments for queryEvents') });
    const extra = await post('/api/getEvent', JSON.stringify(['a', 'b']));
    expect(JSON.parse(extra.body).ok).toBe(false);
    const unknown = await post('/api/subscribe', '[]');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).ok).toBe(false);
    const proto = await post('/api/constructor', '[]');
    expect(proto.status).toBe(404);
    const notJson = await post('/api/getStats', '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ ok: false, error: 'request body is not valid JSON' });
    const big = await post('/api/setSecrets', JSON.stringify([['x'.repeat(1_100_000)]]));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).ok).toBe(false);
    expect(api.secrets).toEqual([]);
  });

  it('carries a replay of the most events one request may pick', async () => {
    const asked: number[] = [];
    api.replayer = async (req) => {
      asked.push(req.eventIds?.length ?? -1);
      return { ok: false, error: 'scripted' };
    };
    const ids = Array.from({ length: MAX_REPLAY_IDS }, (_, i) => `evt${String(i).padStart(17, '0')}`); // DT eventIds are 20 characters
    const r = await rawRequest(server.port, { method: 'POST', path: '/api/replayEvents', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ eventIds: ids, to: { url: 'http://127.0.0.1:9/' } }]) });
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: 'scripted' });
    expect(asked).toEqual([MAX_REPLAY_IDS]);
  });

  it('delivers pushed messages over SSE and unsubscribes on close', async () => {
    const before = api.listenerCount;
    const sse = readSse(server.port, `/api/push?token=${token}`, (d) => d.includes('evt-pushed'), () => {
      // the subscription is made synchronously with the response headers
      api.deliver(makeBody({ eventId: 'evt-pushed' }));
    });
    const data = JSON.parse(await sse.done);
    expect(data).toMatchObject({ type: 'events', added: 1 });
    expect(data.latest[0].eventId).toBe('evt-pushed');
    expect(api.listenerCount).toBe(before + 1);
    sse.close();
    await expect.poll(() => api.listenerCount, { timeout: 2000 }).toBe(before);
  });

  const ticketFor = async (filter: unknown) => {
    const t = await rawRequest(server.port, { method: 'POST', path: '/api/export-ticket', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([filter]) });
    return { status: t.status, body: JSON.parse(t.body) as { ok: boolean; value?: { ticket: string }; error?: string } };
  };

  it('streams an export download with a dated file name and reports progress on the push stream', async () => {
    let subscribed!: () => void;
    const open = new Promise<void>((r) => { subscribed = r; });
    // the subscription is made with the response headers: once they arrive, progress is pushed to us
    const sse = readSse(server.port, `/api/push?token=${token}`, (d) => d.includes('exportProgress'), () => subscribed());
    await open;
    const { body: issued } = await ticketFor({ types: ['temperature'] });
    const ticket = issued.value!.ticket;
    expect(ticket).not.toContain(token);
    const r = await rawRequest(server.port, { path: `/api/export?ticket=${encodeURIComponent(ticket)}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="connector-inbox-export-\d{4}-\d{2}-\d{2}T[\d-]+\.json"$/);
    expect(r.headers['x-export-matched']).toBe('2'); // evt-one and evt-pushed
    expect(JSON.parse(r.body).format).toBe('connector-inbox-export/1');
    expect(exported.at(-1)).toEqual({ types: ['temperature'] });
    expect(JSON.parse(await sse.done)).toEqual({ type: 'exportProgress', done: 1, total: 1 });
    sse.close();
    // with the Bearer header (curl), the filter goes in the query
    const invalid = await rawRequest(server.port, { path: `/api/export?filter=${encodeURIComponent('{"evil":1}')}`, headers: auth });
    expect(invalid.status).toBe(400);
    const byHeader = await rawRequest(server.port, { path: `/api/export?filter=${encodeURIComponent('{"types":["touch"]}')}`, headers: auth });
    expect(byHeader.status).toBe(200);
    expect(exported.at(-1)).toEqual({ types: ['touch'] });
  });

  it('a download ticket works once, only for its filter; the session token is not accepted in a download URL', async () => {
    const before = exported.length;
    const { body } = await ticketFor({ types: ['co2'] });
    const path = `/api/export?ticket=${encodeURIComponent(body.value!.ticket)}&filter=${encodeURIComponent('{}')}`;
    expect((await rawRequest(server.port, { path })).status).toBe(200);
    expect(exported.at(-1)).toEqual({ types: ['co2'] }); // the ticket's filter, not the query's
    const again = await rawRequest(server.port, { path });
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).error).toMatch(/already used or expired/);
    expect((await rawRequest(server.port, { path: `/api/export?ticket=made-up` })).status).toBe(401);
    expect((await rawRequest(server.port, { path: `/api/export?token=${token}` })).status).toBe(401);
    expect(exported.length).toBe(before + 1);
    // tickets are issued only with the token, and only for a valid filter
    const noToken = await rawRequest(server.port, { method: 'POST', path: '/api/export-ticket', headers: { 'content-type': 'application/json' }, body: '[{}]' });
    expect(noToken.status).toBe(401);
    const bad = await ticketFor({ evil: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.ok).toBe(false);
  });

  it('refuses a short token', async () => {
    await expect(startUiServer({ api, port: 0, token: 'short', staticDir: '.', exportStream: async () => ({ count: 0 }) })).rejects.toThrow(/token/);
  });

  it('keeps a quiet SSE stream alive with heartbeat comments', async () => {
    const quiet = await startUiServer({ api: new FakeInboxApi(), port: 0, token, staticDir: '.', heartbeatMs: 50, exportStream: async () => ({ count: 0 }) });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port: quiet.port, path: `/api/push?token=${token}`, headers: { host: `127.0.0.1:${quiet.port}` } }, (res) => {
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            buf += c;
            if (buf.includes(': heartbeat')) { req.destroy(); resolve(buf); }
          });
        });
        req.on('error', reject);
        setTimeout(() => reject(new Error('no heartbeat')), 3000);
      });
      expect(text).toContain(': heartbeat');
    } finally {
      await quiet.close();
    }
  });
});
