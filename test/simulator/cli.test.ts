import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_EVENT_TYPES } from '../../shared/dt/types';
import { registerSend } from '../../electron/cli/commands/send';
import { startServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; delete process.env.CONNECTOR_INBOX_SECRET; });

/** A fresh program as main.ts builds it, with send's output captured. */
async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  let exitCode = 0;
  const program = new Command('connector-inbox').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerSend(program, { out: (s) => out.push(s), err: (s) => err.push(s), setExitCode: (c) => { exitCode = c; } });
  let error: unknown;
  try {
    await program.parseAsync(['send', ...args], { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { out: out.join(''), err: err.join(''), exitCode, error };
}

describe('connector-inbox send', () => {
  it('sends, prints a JSON summary and writes the acked ids', async () => {
    server = await startServer({ secret: 'from-env' });
    process.env.CONNECTOR_INBOX_SECRET = 'from-env, second';
    const file = join(mkdtempSync(join(tmpdir(), 'send-')), 'ids.txt');
    const r = await run(['--to', server.url, '--count', '40', '--seed', '9', '--duplicates', '0.25', '--reorder', '0.2', '--backoff', '1', '--out-ids', file]);
    expect(r.error).toBeUndefined();
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ sent: 40, acked: 40, failed: 0, seed: 9, devices: 12, deliveries: server.requests });
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['statuses', 'retries', 'duplicatesSent', 'reorderedSent', 'latencyMs', 'durationMs', 'rate']));
    expect(server.seen.every((s) => s.signature === 'valid')).toBe(true);
    const ids = readFileSync(file, 'utf8').trim().split('\n');
    expect(new Set(ids)).toEqual(new Set(server.seen.map((s) => s.eventId)));
    expect(ids).toHaveLength(40);
    expect(r.exitCode).toBe(0);
    expect(r.err).toBe(''); // the default --devices is raised silently
  });

  it('--types limits the event types; an explicit too-small --devices is raised with a note', async () => {
    server = await startServer();
    const r = await run(['--to', server.url, '--count', '12', '--types', 'co2, pressure,contact', '--devices', '1']);
    expect(JSON.parse(r.out).acked).toBe(12);
    expect(new Set(server.seen.map((s) => s.eventType))).toEqual(new Set(['co2', 'pressure', 'contact']));
    expect(r.err).toMatch(/--devices 1 raised to 2/);
  });

  it('same --seed and --start give the same events', async () => {
    server = await startServer();
    const args = ['--to', server.url, '--count', '25', '--seed', '5', '--start', '2025-03-14T09:26:53Z', '--concurrency', '1'];
    await run(args);
    const first = server.seen.map((s) => `${s.eventId} ${s.timestamp}`);
    server.seen.length = 0;
    await run(args);
    expect(server.seen.map((s) => `${s.eventId} ${s.timestamp}`)).toEqual(first);
    expect(first[0]).toMatch(/ 2025-03-14T09:26:53\.000000Z$/);
  });

  it('exits 2 when events stay unacknowledged', async () => {
    server = await startServer({ answer: () => 503 });
    const r = await run(['--to', server.url, '--count', '2', '--max-attempts', '2', '--backoff', '1']);
    expect(JSON.parse(r.out)).toMatchObject({ acked: 0, failed: 2, retries: 2 });
    expect(r.exitCode).toBe(2);
  });

  it.each([
    [['--to', 'not a url'], /is not a URL/],
    [['--to', 'ftp://127.0.0.1/'], /http:\/\/ or https:\/\//],
    [['--to', 'http://127.0.0.1:1/', '--count', 'ten'], /--count.*expected a whole number/],
    [['--to', 'http://127.0.0.1:1/', '--count', '0'], /expected 1\.\.10000000/],
    [['--to', 'http://127.0.0.1:1/', '--duplicates', '1.5'], /--duplicates.*expected 0\.\.1/],
    [['--to', 'http://127.0.0.1:1/', '--types', 'touch,bogus'], new RegExp(`unknown event type "bogus".*Valid types: ${KNOWN_EVENT_TYPES.join(', ')}`)],
    [['--count', '3'], /required option '--to <url>' not specified/],
  ])('rejects %j with a clear message', async (args, message) => {
    const r = await run(args);
    expect(r.error).toBeInstanceOf(CommanderError);
    expect((r.error as CommanderError).exitCode).not.toBe(0);
    expect(r.err).toMatch(message);
  });
});
