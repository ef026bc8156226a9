/**
 * `connector-inbox open FILE.json`, spawned as a tester runs it, beside a live `serve`: the
 * inspector's API answers with the capture's events and the flags the exporting inbox saw
 * (duplicates, out of order), refuses every change with "read-only capture", replays to a
 * receiver on 127.0.0.1, and leaves nothing behind (its private copy is in TMPDIR, removed on
 * SIGTERM; the live data directory is as it was). A bad file is a clear error, exit 1, and no
 * copy. An export written before sources and out-of-order flags opens with them unknown.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, startServe, tempDir, cleanupTempDirs, killAllServes, type ServeProcess } from '../core/helpers';
import { buildCli, buildDir, removeDir } from '../e2e/build';
import { openCapture as spawnOpen, type OpenedCapture } from '../e2e/cli-process';
import { startReceiver } from '../check/receiver';
import { CAPTURE_UNKNOWN } from '../../shared/api/capture';

let dir = '';
let cli = '';
let live: ServeProcess;
let liveDir = '';
let exportFile = '';
let exported: { count: number; events: Array<{ eventId: string; deliveries: number; stale?: boolean; source?: string }> };

async function call<T>(o: OpenedCapture, method: string, args: unknown[] = []): Promise<{ ok: boolean; value?: T; error?: string }> {
  const res = await fetch(new URL(`/api/${method}`, o.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${o.token}` }, body: JSON.stringify(args),
    signal: AbortSignal.timeout(10_000),
  });
  return (await res.json()) as { ok: boolean; value?: T; error?: string };
}

/** every file under a directory, with its size: what "nothing was written" compares */
function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p.slice(root.length)} ${readFileSync(p).length}`);
    }
  };
  walk(root);
  return out.sort();
}

describe('connector-inbox open', () => {
  beforeAll(async () => {
    dir = buildDir('open-cli');
    cli = join(dir, 'cli.js');
    await buildCli(cli);
    // the API is what this file checks; the views are test/e2e/capture.test.ts's
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>inspector</title>');
    liveDir = tempDir('ci-open-live-');
    live = await startServe(cli, liveDir);
    const sent = await runCli(cli, ['send', '--to', live.url, '--count', '40', '--duplicates', '0.3', '--reorder', '0.3', '--seed', '7']);
    expect(sent.code, sent.stderr).toBe(0);
    exportFile = join(tempDir('ci-open-files-'), 'capture.json');
    const r = await runCli(cli, ['export', '--data-dir', liveDir, '--out', exportFile]);
    expect(r.code, r.stderr).toBe(0);
    exported = JSON.parse(readFileSync(exportFile, 'utf8'));
  }, 60_000);

  afterAll(async () => {
    await killAllServes();
    cleanupTempDirs();
    if (dir) removeDir(dir);
  });

  it('shows an export read-only beside the live serve: its events and flags, every change refused, replay works, nothing left behind', async () => {
    const tmp = tempDir('ci-open-tmp-');
    const before = listing(liveDir);
    const o = await spawnOpen(cli, exportFile, { TMPDIR: tmp });
    try {
      expect(o.output()).toContain(`Capture: capture.json, ${exported.count} events, exported `);
      expect(readdirSync(tmp).filter((n) => n.startsWith('connector-inbox-capture-'))).toHaveLength(1);

      const status = await call<{ capture: { file: string; events: number; exportedAt: string; missing: string[] }; receiverUrl: string }>(o, 'getStatus');
      expect(status.value!.capture).toMatchObject({ file: 'capture.json', events: 40 });
      expect(status.value!.capture.exportedAt).toBe(JSON.parse(readFileSync(exportFile, 'utf8')).exportedAt);
      expect(status.value!.capture.missing).not.toContain(CAPTURE_UNKNOWN.stale); // this export carries the flags
      expect(status.value!.capture.missing).toContain(CAPTURE_UNKNOWN.rejected);
      expect(status.value!.receiverUrl).toBe(''); // no receiver port

      const page = await call<{ total: number; rows: Array<{ eventId: string; deliveries: number; stale: boolean; signature: string }> }>(o, 'queryEvents', [{ filter: {}, offset: 0, limit: 100 }]);
      expect(page.value!.total).toBe(40);
      const byId = new Map(page.value!.rows.map((r) => [r.eventId, r]));
      for (const e of exported.events) expect([byId.get(e.eventId)?.deliveries, byId.get(e.eventId)?.stale], e.eventId).toEqual([e.deliveries, e.stale]);
      const stats = await call<{ duplicates: number; stale: number }>(o, 'getStats');
      expect(stats.value!.duplicates).toBe(exported.events.reduce((n, e) => n + e.deliveries - 1, 0));
      expect(stats.value!.duplicates).toBeGreaterThan(0);
      expect(stats.value!.stale).toBe(exported.events.filter((e) => e.stale).length);
      expect(stats.value!.stale).toBeGreaterThan(0);

      for (const [method, args] of [
        ['setForwarding', [{ enabled: true, url: 'http://127.0.0.1:9/', types: [], headers: {} }]],
        ['importCapture', [exportFile]],
        ['setSecrets', [['x']]],
        ['startTunnel', []],
        ['sendTestEvents', [{ count: 5 }]],
        ['dtSync', [{ project: 'p', connectorId: 'c' }]],
      ] as const) {
        const r = await call(o, method, [...args]);
        expect(r.ok, method).toBe(false);
        expect(r.error, method).toMatch(new RegExp(`^read-only capture: ${method} is refused`));
      }
      expect((await call<{ total: number }>(o, 'queryEvents', [{ filter: {}, offset: 0, limit: 0 }])).value!.total).toBe(40);

      const receiver = await startReceiver();
      try {
        const replay = await call<{ acked: number }>(o, 'replayEvents', [{ filter: {}, to: { url: receiver.url } }]);
        expect(replay.value?.acked, replay.error).toBe(40);
        expect(new Set(receiver.received.map((r) => r.body.event.eventId))).toEqual(new Set(exported.events.map((e) => e.eventId)));
      } finally {
        await receiver.close();
      }
    } finally {
      expect(await o.stop()).toBe(0);
    }
    expect(readdirSync(tmp)).toEqual([]);
    // the live inbox is as it was: same files, same sizes, and still answering
    await live.kill();
    expect(listing(liveDir).filter((l) => !/serve\.lock|control\.json|health|devices\.json/.test(l))).toEqual(before.filter((l) => !/serve\.lock|control\.json|health|devices\.json/.test(l)));
    const again = await runCli(cli, ['export', '--data-dir', liveDir]);
    expect(JSON.parse(again.stdout).count).toBe(40);
  }, 60_000);

  it('a bad file is a clear error, exit 1, and leaves no copy', async () => {
    const tmp = tempDir('ci-open-tmp-bad-');
    const text = readFileSync(exportFile, 'utf8');
    const truncated = join(tempDir('ci-open-bad-'), 'truncated.json');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
    const env = { TMPDIR: tmp };
    const run = (file: string) => runCliEnv([ 'open', file, '--no-open'], env);
    const r = await run(truncated);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^connector-inbox: not a readable connector-inbox-export\/1 file: the file ends early, after \d+ events \(truncated\?\)/);
    expect(r.stdout).not.toContain('Inspector:');
    const missing = await run(join(tmp, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no export file at ${join(tmp, 'nope.json')}`);
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);

  it('an export from before sources and out-of-order flags opens, with those shown as unknown', async () => {
    const tmp = tempDir('ci-open-tmp-old-');
    const o = await spawnOpen(cli, join(REPO, 'test/fixtures/capture-old-format.json'), { TMPDIR: tmp });
    try {
      expect(o.output()).toContain(`Unknown in this capture: ${CAPTURE_UNKNOWN.stale}`);
      const status = await call<{ capture: { events: number; exportedAt: string; missing: string[] } }>(o, 'getStatus');
      expect(status.value!.capture).toMatchObject({ events: 3, exportedAt: '2026-12-01T16:25:09.526Z' });
      expect(status.value!.capture.missing).toEqual([CAPTURE_UNKNOWN.stale, CAPTURE_UNKNOWN.rejected, CAPTURE_UNKNOWN.deliveryDetails]);
      const page = await call<{ rows: Array<{ eventId: string; deliveries: number; source: string; signature: string }> }>(o, 'queryEvents', [{ filter: {}, offset: 0, limit: 10 }]);
      expect(page.value!.rows.map((r) => [r.eventId, r.deliveries, r.source, r.signature]).sort()).toEqual([
        ['fxevt000000000000000', 1, 'connector', 'unverified'],
        ['fxevt000000000000016', 1, 'connector', 'unverified'],
        ['fxevt000000000000033', 2, 'connector', 'unverified'],
      ]);
    } finally {
      expect(await o.stop()).toBe(0);
    }
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);
});

function runCliEnv(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`open did not finish in time\n${stderr}`)); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}
