/**
 * `connector-inbox replay` as a user runs it: events sent to the inbox, exported, then
 * replayed from the export to another receiver, arrive as the bytes the inbox stored,
 * signed with the new secret; exit codes say whether all were acknowledged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';

const INBOX_SECRET = 'inbox-secret-a1';
const TARGET_SECRET = 'target-secret-b2';
const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

async function exported(): Promise<{ file: string; events: Array<{ eventId: string; eventType: string; body: unknown }> }> {
  const dataDir = tempDir();
  const serve = await startServe(cli.path, dataDir, ['--secret', INBOX_SECRET]);
  const sent = await runCli(cli.path, ['send', '--to', serve.url, '--secret', INBOX_SECRET, '--count', '80', '--seed', '3']);
  expect(sent.code, sent.stderr).toBe(0);
  await serve.kill();
  const file = join(tempDir(), 'export.json');
  const ex = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', file]);
  expect(ex.code, ex.stderr).toBe(0);
  return { file, events: JSON.parse(readFileSync(file, 'utf8')).events };
}

describe('connector-inbox replay', () => {
  it('replays an export to another receiver: stored bytes, new signatures, a send-like summary, exit 0', async () => {
    const { file, events } = await exported();
    const r = await startReceiver({ secret: TARGET_SECRET });
    open.push(r);
    const run = await runCli(cli.path, ['replay', '--to', r.url, '--from', file, '--secret', TARGET_SECRET, '--type', 'temperature', '--type', 'co2', '--concurrency', '1', '--seed', '9']);
    expect(run.code, run.stderr).toBe(0);
    const want = events.filter((e) => e.eventType === 'temperature' || e.eventType === 'co2');
    expect(want.length).toBeGreaterThan(4);
    // the simulator's bodies are compact JSON, so the stored raw bytes are JSON.stringify of the body
    expect(r.received.map((x) => x.raw.toString('utf8'))).toEqual(want.map((e) => JSON.stringify(e.body)));
    expect(r.received.every((x) => x.verdict === 'valid')).toBe(true);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ sent: want.length, acked: want.length, failed: 0, seed: 9 });
    expect(run.stdout + run.stderr).not.toContain(TARGET_SECRET);
  }, 40_000);

  it('exit 2 when a receiver does not acknowledge, exit 1 for a file that is not an export', async () => {
    const { file } = await exported();
    const r = await startReceiver({ secret: 'some-other-secret' });
    open.push(r);
    const refused = await runCli(cli.path, ['replay', '--to', r.url, '--from', file, '--secret', TARGET_SECRET, '--max-attempts', '1']);
    expect(refused.code, refused.stderr).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ sent: 80, acked: 0, failed: 80, statuses: { 401: 80 } });

    const notExport = join(tempDir(), 'not-export.json');
    writeFileSync(notExport, '{"format":"connector-inbox-check/1","events":[]}');
    const bad = await runCli(cli.path, ['replay', '--to', r.url, '--from', notExport]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not a readable connector-inbox-export/1 file: its format is "connector-inbox-check/1"');
    const missing = await runCli(cli.path, ['replay', '--to', r.url, '--from', join(tempDir(), 'none.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no export file at');
    expect(r.received).toHaveLength(80);
  }, 40_000);

  it('--data-dir replays straight from a data directory while serve runs on it, oldest first, filtered', async () => {
    const dataDir = tempDir();
    const serve = await startServe(cli.path, dataDir, ['--secret', INBOX_SECRET]);
    const sent = await runCli(cli.path, ['send', '--to', serve.url, '--secret', INBOX_SECRET, '--count', '60', '--seed', '4', '--reorder', '0.3']);
    expect(sent.code, sent.stderr).toBe(0);
    const r = await startReceiver({ secret: TARGET_SECRET });
    open.push(r);
    const run = await runCli(cli.path, ['replay', '--to', r.url, '--data-dir', dataDir, '--secret', TARGET_SECRET, '--type', 'temperature', '--type', 'touch', '--concurrency', '1']);
    expect(run.code, run.stderr).toBe(0);
    // what the same directory exports (also beside the running serve): the stored raw bodies, oldest first
    const file = join(tempDir(), 'export.json');
    const ex = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', file, '--type', 'temperature', '--type', 'touch']);
    expect(ex.code, ex.stderr).toBe(0);
    const want = (JSON.parse(readFileSync(file, 'utf8')).events as Array<{ body: unknown }>).map((e) => JSON.stringify(e.body));
    expect(want.length).toBeGreaterThan(4);
    expect(r.received.map((x) => x.raw.toString('utf8'))).toEqual(want);
    expect(r.received.every((x) => x.verdict === 'valid')).toBe(true);
    expect(JSON.parse(run.stdout)).toMatchObject({ sent: want.length, acked: want.length, failed: 0 });
    expect(serve.child.exitCode).toBeNull(); // serve kept running and kept its lock
    const more = await runCli(cli.path, ['send', '--to', serve.url, '--secret', INBOX_SECRET, '--count', '3', '--seed', '5']);
    expect(JSON.parse(more.stdout)).toMatchObject({ acked: 3 });
    await serve.kill();
  }, 40_000);

  it('--from and --data-dir together, or a missing data directory, are clear errors (exit 1)', async () => {
    const both = await runCli(cli.path, ['replay', '--to', 'http://127.0.0.1:9/', '--from', 'x.json', '--data-dir', tempDir()]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--from and --data-dir are two sources: give one');
    const none = await runCli(cli.path, ['replay', '--to', 'http://127.0.0.1:9/', '--data-dir', join(tempDir(), 'nothing-here')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no data directory at');
  });
});
