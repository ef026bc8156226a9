/**
 * A browser export download wired as `serve --ui` wires it: the push stream carries each
 * progress update at most once (the route's throttle decides which), the last one exactly once.
 */
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { startUiServer } from '../../electron/core/ui-server';
import { storeArrival } from '../core/helpers';
import { rawRequest } from './http-helper';

const token = 'test-token-0123456789abcdef';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every `data:` line of an SSE stream, as it comes. */
function collectSse(port: number, path: string): { lines: string[]; opened: Promise<void>; close(): void } {
  const lines: string[] = [];
  let req!: http.ClientRequest;
  const opened = new Promise<void>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (c: string) => {
        buf += c;
        const parts = buf.split('\n');
        buf = parts.pop()!;
        for (const l of parts) if (l.startsWith('data: ')) lines.push(l.slice(6));
      });
      resolve();
    });
    req.on('error', reject);
  });
  return { lines, opened, close: () => req.destroy() };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !check();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('export progress on the push stream', () => {
  it('a browser download reports each progress update once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ci-progress-'));
    const staticDir = mkdtempSync(join(tmpdir(), 'ci-progress-ui-'));
    dirs.push(dataDir, staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const service = await createInboxService({ dataDir, port: 0, secrets: [], mode: 'browser' });
    await Promise.all(Array.from({ length: 2100 }, () => service.store.ingest(storeArrival())));
    const ui = await startUiServer({
      api: service.api, port: 0, token, staticDir,
      exportStream: (filter, out, onProgress) => service.exportToStream(filter, out as never, onProgress),
    });
    const sse = collectSse(ui.port, `/api/push?token=${token}`);
    await sse.opened;
    const r = await rawRequest(ui.port, { path: `/api/export?filter=${encodeURIComponent('{}')}`, headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    // a status push after the export: everything pushed before it has arrived once it has
    await service.api.setSecrets(['marker-secret']);
    await waitFor(() => sse.lines.some((l) => l.includes('"secretsConfigured":1')), 'the status push');
    const progress = sse.lines.filter((l) => l.includes('exportProgress')).map((l) => JSON.parse(l) as { done: number; total: number });
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((p) => p.done)).size, 'no update twice').toBe(progress.length);
    expect(progress.filter((p) => p.done === 2100)).toEqual([{ type: 'exportProgress', done: 2100, total: 2100 }]);
    sse.close();
    await ui.close();
    await service.stop();
  });
});
