/**
 * Ctrl-C ends a paced run at once: `replay --rate 1` and `send --rate 1`, spawned as a user
 * runs them, get SIGINT after the first event reaches the receiver and exit within 1 s with
 * exit code 130, the summary of what went out and "stopped: N of M sent".
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { REPO, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';

const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

/** A connector-inbox-export/1 file of `n` temperature events, as export.ts writes it. */
function exportFile(n: number): string {
  const events = Array.from({ length: n }, (_, i) => {
    const ts = `2026-12-06T08:00:${String(i).padStart(2, '0')}Z`;
    const body = { event: { eventId: `e${i}`, eventType: 'temperature', data: { temperature: { value: 20 + i } }, timestamp: ts }, metadata: { deviceId: 'd1' } };
    const meta = { eventId: `e${i}`, eventType: 'temperature', projectId: 'p', deviceId: 'd1', timestamp: ts, receivedAt: ts, deliveries: 1, signature: 'valid', warnings: [] };
    return `\n${JSON.stringify(meta).slice(0, -1)},"body":${JSON.stringify(body)}}`;
  });
  const file = join(tempDir(), 'export.json');
  writeFileSync(file, `{"format":"connector-inbox-export/1","exportedAt":"2026-12-06T09:00:00Z","count":${n},"events":[${events.join(',')}\n],"devices":[]}\n`);
  return file;
}

/** Runs the CLI, sends SIGINT once the receiver has the first event, and times the exit from there. */
async function interruptAfterFirst(args: string[], r: TestReceiver) {
  const child = spawn(process.execPath, [cli.path, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONNECTOR_INBOX_SECRET: '' } });
  let stdout = '', stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const until = Date.now() + 15_000;
  while (r.received.length === 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
  expect(r.received.length, stderr).toBeGreaterThan(0);
  const sentAt = performance.now();
  child.kill('SIGINT');
  const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
  const code = await exited;
  clearTimeout(hard);
  return { code, ms: performance.now() - sentAt, stdout, stderr };
}

it('replay --rate 1: Ctrl-C after the first event exits within 1 s, 130, "stopped: 1 of 20 sent"', async () => {
  const r = await startReceiver({});
  open.push(r);
  const run = await interruptAfterFirst(['replay', '--to', r.url, '--from', exportFile(20), '--rate', '1'], r);
  expect(run.ms).toBeLessThan(1000);
  expect(run.code, run.stderr).toBe(130);
  expect(run.stderr).toContain('stopped: 1 of 20 sent');
  expect(JSON.parse(run.stdout)).toMatchObject({ sent: 1, acked: 1, stopped: true });
  expect(r.received).toHaveLength(1);
}, 30_000);

it('send --rate 1: Ctrl-C after the first event exits within 1 s, 130, "stopped: 1 of 20 sent"', async () => {
  const r = await startReceiver({});
  open.push(r);
  const run = await interruptAfterFirst(['send', '--to', r.url, '--count', '20', '--rate', '1'], r);
  expect(run.ms).toBeLessThan(1000);
  expect(run.code, run.stderr).toBe(130);
  expect(run.stderr).toContain('stopped: 1 of 20 sent');
  expect(JSON.parse(run.stdout)).toMatchObject({ sent: 1, acked: 1, stopped: true });
}, 30_000);

it('a retry wait ends too: send to a receiver that refuses, Ctrl-C during the 60 s backoff', async () => {
  const r = await startReceiver({ secret: 'not-the-senders' });
  open.push(r);
  const run = await interruptAfterFirst(['send', '--to', r.url, '--count', '3', '--concurrency', '1', '--backoff', '60000', '--secret', 'wrong'], r);
  expect(run.ms).toBeLessThan(1000);
  expect(run.code, run.stderr).toBe(130);
  expect(run.stderr).toContain('stopped: 1 of 3 sent');
}, 30_000);
