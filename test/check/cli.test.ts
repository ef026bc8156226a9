/**
 * `connector-inbox check` as a user runs it: the inbox itself (`serve --secret S`) passes
 * `check --secret S`; a faulty receiver makes it exit 2 with a table naming the failure;
 * an unreachable or malformed target exits 1 with a clear message. The secret never shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe, tempDir, useBuiltCli } from '../core/helpers';
import { startReceiver, type TestReceiver } from './receiver';

const SECRET = 'cli-check-secret-81f3';
const cli = useBuiltCli();
const open: TestReceiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('connector-inbox check', () => {
  it('the inbox itself passes every check (exit 0, connector-inbox-check/1 JSON)', async () => {
    const serve = await startServe(cli.path, tempDir(), ['--secret', SECRET]);
    const run = await runCli(cli.path, ['check', '--to', serve.url, '--secret', SECRET, '--json'], 30_000);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['format', 'target', 'results', 'summary']);
    expect(report.format).toBe('connector-inbox-check/1');
    expect(report.target).toBe(serve.url);
    expect(report.summary).toEqual({ pass: 10, fail: 0, warn: 0 });
    for (const r of report.results) expect(Object.keys(r)).toEqual(['id', 'status', 'detail', 'advice']);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 40_000);

  it('a receiver that errors on a repeated eventId: exit 2 and a table naming duplicate_delivery', async () => {
    const r = await startReceiver({ secret: SECRET, fault: 'errors_on_repeat' });
    open.push(r);
    const run = await runCli(cli.path, ['check', '--to', r.url, '--secret', SECRET], 30_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/^FAIL +duplicate_delivery +first delivery: HTTP 200; repeat: HTTP 500/m);
    expect(run.stdout).toMatch(/^pass +accepts_all_types/m);
    expect(run.stdout).toContain('→ DT delivers at least once');
    expect(run.stdout).toContain('9 passed, 1 failed, 0 warnings');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 40_000);

  it('warnings alone exit 0', async () => {
    const r = await startReceiver({});
    open.push(r);
    const run = await runCli(cli.path, ['check', '--to', r.url], 30_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^warn +rejects_bad_signature +signatures not checked/m);
  }, 40_000);

  it('an unreachable target or a bad URL exits 1 with a clear message', async () => {
    const r = await startReceiver({});
    await r.close();
    const down = await runCli(cli.path, ['check', '--to', r.url]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`cannot reach ${r.url}: ECONNREFUSED`);
    expect(down.stdout).toBe('');
    const ftp = await runCli(cli.path, ['check', '--to', 'ftp://example.test/x']);
    expect(ftp.code).toBe(1);
    expect(ftp.stderr).toContain('expected an http:// or https:// URL');
    const junk = await runCli(cli.path, ['check', '--to', 'not a url']);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('is not a URL');
  });
});
