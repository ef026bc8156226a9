/**
 * One filter for export and replay: the same --type/--since/--until/--device pick the same
 * events in `export`, in `replay` from the data directory and in `replay --from` an export
 * file (all through shared/filter.ts); a window that ends before it starts, or a mistyped
 * type, is refused by both with the same words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';

const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

let dataDir = '';
let full = '';
beforeAll(async () => {
  dataDir = tempDir();
  const serve = await startServe(cli.path, dataDir, []);
  // 1 ms apart from 08:00:00.000Z, so a window in milliseconds picks a known slice
  const sent = await runCli(cli.path, ['send', '--to', serve.url, '--count', '120', '--seed', '5', '--start', '2026-12-06T08:00:00Z', '--concurrency', '1']);
  expect(sent.code, sent.stderr).toBe(0);
  await serve.kill();
  full = join(tempDir(), 'all.json');
  const ex = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', full]);
  expect(ex.code, ex.stderr).toBe(0);
}, 60_000);

const idsIn = (file: string) => (JSON.parse(readFileSync(file, 'utf8')).events as Array<{ eventId: string }>).map((e) => e.eventId).sort();

async function replayed(args: string[]): Promise<string[]> {
  const r = await startReceiver({});
  open.push(r);
  const run = await runCli(cli.path, ['replay', '--to', r.url, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return r.received.map((x) => x.body.event.eventId).sort();
}

it.each([
  ['types and a window', ['--type', 'temperature', '--type', 'co2', '--since', '2026-12-06T08:00:00.020Z', '--until', '2026-12-06T08:00:00.090Z']],
  ['one device', 'device'],
])('%s: export, replay --data-dir and replay --from pick the same events', async (_name, flagsOrDevice) => {
  const flags = flagsOrDevice === 'device'
    ? ['--device', (JSON.parse(readFileSync(full, 'utf8')).events as Array<{ deviceId: string }>)[7]!.deviceId]
    : flagsOrDevice as string[];
  const file = join(tempDir(), 'some.json');
  const ex = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', file, ...flags]);
  expect(ex.code, ex.stderr).toBe(0);
  const exported = idsIn(file);
  expect(exported.length).toBeGreaterThan(2);
  expect(exported.length).toBeLessThan(120);
  expect(await replayed(['--data-dir', dataDir, ...flags])).toEqual(exported);
  expect(await replayed(['--from', full, ...flags])).toEqual(exported);
}, 60_000);

it('--since later than --until, and a mistyped --type, are refused by export and replay alike', async () => {
  for (const cmd of [['export', '--data-dir', dataDir], ['replay', '--to', 'http://127.0.0.1:9/', '--from', full]]) {
    const window = await runCli(cli.path, [...cmd, '--since', '2026-12-06T09:00:00Z', '--until', '2026-12-06T08:00:00Z']);
    expect(window.code).toBe(1);
    expect(window.stderr).toContain('--since 2026-12-06T09:00:00Z is later than --until 2026-12-06T08:00:00Z');
    expect(window.stdout).toBe('');
    const typo = await runCli(cli.path, [...cmd, '--type', 'temprature']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('unknown event type "temprature" (did you mean temperature?); known types: ');
    expect(typo.stderr).toContain('co2');
    const help = await runCli(cli.path, [cmd[0]!, '--help']);
    expect(help.stdout).toContain('--since <time>');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('RFC 3339, e.g. 2026-12-06T08:00:00Z');
    expect(help.stdout).not.toContain('<iso>');
  }
}, 30_000);
