/**
 * `dt backfill` and `import` from the command line, against the fake DT Cloud: a window filled
 * into the data directory, the second run adding nothing; bad input refused with a clear error
 * and nothing changed; a kill -9 mid-fill loses nothing and the next run completes it; both
 * work through a serve running on the same directory; an export imported elsewhere.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openReadOnly } from '../../electron/core/store';
import { REPO, runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

const cli = useBuiltCli();
let fake: FakeDtCloud;
const saved: Record<string, string | undefined> = {};
const since = new Date(Date.now() - 2 * 3_600_000).toISOString();

beforeAll(async () => {
  fake = await startFakeDtCloud();
  for (const [k, v] of Object.entries(fake.env)) { saved[k] = process.env[k]; process.env[k] = v; }
  saved.XDG_CONFIG_HOME = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = tempDir('ci-bf-home-');
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await fake.close();
});

/** `count` events over `devices` new devices, in the last hour, in DT's history only. */
function seed(devices: number, count: number): string[] {
  const ids: string[] = [];
  const t0 = Date.now() - 3_600_000;
  const list = Array.from({ length: devices }, (_, i) => fake.addDevice('prj-dev', 'temperature', { name: `Sensor ${i}` }));
  for (const [i, d] of list.entries()) {
    const events = Array.from({ length: count / devices }, (_, k) => ({ type: 'temperature', inner: { value: k % 30 }, timestamp: new Date(t0 + (k * devices + i) * 100).toISOString() }));
    fake.seedHistory(d.id, events);
    ids.push(...fake.history(d.id).map((e) => e.eventId));
  }
  return ids;
}

const storedIds = async (dir: string) => (await openReadOnly(dir)).summaries.map((s) => s.eventId);

it('fills a window, the second run adds nothing; bad input changes nothing', async () => {
  const dir = tempDir('ci-bf-cli-');
  const ids = seed(3, 90);
  const first = await runCli(cli.path, ['dt', 'backfill', '--project', 'prj-dev', '--since', since, '--data-dir', dir, '--json']);
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ added: 90, alreadyStored: 0 });
  const second = await runCli(cli.path, ['dt', 'backfill', '--project', 'prj-dev', '--since', since, '--data-dir', dir]);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toMatch(/new\s+already stored[\s\S]*\b0\s+\d+/);
  expect(new Set(await storedIds(dir))).toEqual(new Set(ids.filter((id) => new Set(ids).has(id))));
  expect((await storedIds(dir)).length).toBeGreaterThanOrEqual(90);

  const before = (await storedIds(dir)).length;
  const bad = async (args: string[], message: RegExp, env?: Record<string, string | undefined>) => {
    const keep: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(env ?? {})) { keep[k] = process.env[k]; if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    try {
      const r = await runCli(cli.path, ['dt', 'backfill', '--data-dir', dir, ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
    } finally {
      for (const [k, v] of Object.entries(keep)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  };
  await bad(['--project', 'prj-dev', '--since', 'yesterday'], /RFC 3339/);
  await bad(['--project', 'prj-dev', '--since', '2026-12-06T10:00:00Z', '--until', '2026-12-06T09:00:00Z'], /--since must be before --until/);
  await bad(['--project', 'nope', '--since', since], /project nope not found/);
  await bad(['--project', 'prj-dev', '--since', since], /DT_SERVICE_ACCOUNT/, { DT_SERVICE_ACCOUNT_KEY_ID: undefined });
  expect((await storedIds(dir)).length).toBe(before);
}, 60_000);

it('a kill -9 mid-fill loses nothing: the next run completes it, nothing twice', async () => {
  const dir = tempDir('ci-bf-kill-');
  const ids = seed(10, 20_000);
  const historyCalls = () => fake.requests.filter((r) => r.path.endsWith('/events')).length;
  const calls0 = historyCalls();
  const child = spawn(process.execPath, [cli.path, 'dt', 'backfill', '--project', 'prj-dev', '--since', since, '--data-dir', dir], { cwd: REPO, stdio: 'ignore', env: process.env });
  const exited = new Promise((r) => child.on('exit', r));
  const t0 = Date.now();
  while (historyCalls() - calls0 < 6 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
  const partial = (await storedIds(dir)).length;
  expect(partial).toBeLessThan(ids.length); // killed mid-fill, not after it

  const again = await runCli(cli.path, ['dt', 'backfill', '--project', 'prj-dev', '--since', since, '--data-dir', dir, '--json'], 60_000);
  expect(again.code, again.stderr).toBe(0);
  const all = await storedIds(dir);
  expect(new Set(all).size).toBe(all.length);
  for (const id of ids) expect(all.includes(id) || id).toBe(true);
}, 120_000);

it('works through a serve running on the directory, and imports an export there', async () => {
  const dir = tempDir('ci-bf-serve-');
  seed(2, 20);
  const serve = await startServe(cli.path, dir);
  const r = await runCli(cli.path, ['dt', 'backfill', '--project', 'prj-dev', '--since', since, '--data-dir', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).added).toBeGreaterThanOrEqual(20);

  const out = join(tempDir('ci-bf-export-'), 'capture.json');
  expect((await runCli(cli.path, ['export', '--data-dir', dir, '--out', out])).code).toBe(0);
  const other = tempDir('ci-bf-import-');
  const imported = await runCli(cli.path, ['import', out, '--data-dir', other, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  const summary = JSON.parse(imported.stdout);
  expect(summary.added).toBe(summary.events);
  // into the serve's own directory: everything is already there
  const into = await runCli(cli.path, ['import', out, '--data-dir', dir, '--json']);
  expect(into.code, into.stderr).toBe(0);
  expect(JSON.parse(into.stdout)).toMatchObject({ added: 0, alreadyStored: summary.events });
  await serve.kill();
  expect((await openReadOnly(other)).summaries.every((s) => s.source === 'import')).toBe(true);
}, 60_000);
