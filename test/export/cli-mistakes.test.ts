/**
 * `export` and `send` met with a new tester's mistakes, spawned as they run them: --out a
 * directory says so; `export | head` ends quietly; `send` to a dead port says "connection
 * refused (127.0.0.1:PORT)", and to a receiver with another secret names its reason for the 401s.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { REPO, runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';
import { freePort } from '../free-port';

const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });

let dataDir = '';
beforeAll(async () => {
  dataDir = tempDir();
  const serve = await startServe(cli.path, dataDir, []);
  const sent = await runCli(cli.path, ['send', '--to', serve.url, '--count', '600', '--seed', '2']);
  expect(sent.code, sent.stderr).toBe(0);
  await serve.kill();
}, 60_000);

it('export --out a directory says it is a directory, and writes nothing', async () => {
  const dir = join(tempDir(), 'exports');
  mkdirSync(dir);
  const r = await runCli(cli.path, ['export', '--data-dir', dataDir, '--out', dir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${dir} is a directory; give a file to write, e.g. --out ${join(dir, 'export.json')}`);
  expect(r.stderr).not.toContain('already exists');
});

it('export | head: the reader closing the pipe ends export quietly', async () => {
  const child = spawn(process.execPath, [cli.path, 'export', '--data-dir', dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // as head does: read a little, then close the read end
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(hard);
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

it('send to a dead port says connection refused with the address, not {"error":5}', async () => {
  const port = await freePort();
  const r = await runCli(cli.path, ['send', '--to', `http://127.0.0.1:${port}/`, '--count', '2', '--max-attempts', '2', '--backoff', '0']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout).reasons).toEqual({ [`connection refused (127.0.0.1:${port})`]: 4 });
  expect(r.stderr).toContain(`send: 2 of 2 events not acknowledged: connection refused (127.0.0.1:${port}) ×4`);
});

it("send with the wrong secret names the receiver's reason for its 401s", async () => {
  const rcv = await startReceiver({ secret: 'the-receivers-secret' });
  open.push(rcv);
  const r = await runCli(cli.path, ['send', '--to', rcv.url, '--secret', 'another-secret', '--count', '3', '--max-attempts', '1']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toMatchObject({ statuses: { 401: 3 }, reasons: { '401 bad signature': 3 } });
  expect(r.stderr).toContain('send: 3 of 3 events not acknowledged: 401 bad signature ×3');
  expect(r.stdout + r.stderr).not.toContain('another-secret');
});
