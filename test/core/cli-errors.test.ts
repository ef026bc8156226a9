/**
 * The command line's failure modes as a user meets them: a clear one-line message on
 * stderr, a non-zero exit, no stack trace, nothing left behind; and --help everywhere.
 */
import { createServer, type Server } from 'node:net';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, useBuiltCli } from './helpers';

const built = useBuiltCli();

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('usage errors', () => {
  it('an unknown flag, a bad value or an unknown command exits non-zero with the reason', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve', '--bogus'], /unknown option '--bogus'/],
      [['serve', '--port', 'abc'], /--port.*'abc' is invalid.*port number/],
      [['serve', '--port', '70000'], /port number from 0 to 65535/],
      [['serve', '--max-body', 'huge'], /--max-body.*size such as/],
      [['serve', '--max-events', '0'], /positive whole number/],
      [['export', '--type'], /argument missing/],
      [['send'], /required option '--to <url>' not specified/],
      [['send', '--to', 'ftp://example.org/'], /http:\/\/ or https:\/\//],
      [['send', '--to', 'http://127.0.0.1:1/', '--count', '0'], /expected 1\.\.10000000, got 0/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      // checked by the command itself, after parsing: it used to exit 1 printing nothing
      [['serve', '--forward-to', 'notaurl', '--port', '0'], /--forward-to: must be an http:\/\/ or https:\/\/ URL/],
      [['serve', '--forward-secret', 'x', '--port', '0'], /--forward-secret needs --forward-to/],
      [['serve', '--forward-to', 'http://127.0.0.1:9/', '--forward-concurrency', 'lots', '--port', '0'], /--forward-concurrency: expected a number, got "lots"/],
      // a misspelt type used to forward nothing, silently
      [['serve', '--forward-to', 'http://127.0.0.1:9/', '--forward-types', 'touch,temprature', '--port', '0'], /--forward-types: unknown event type "temprature" \(did you mean temperature\?\); known types: touch, temperature, /],
    ];
    // two at a time: a CLI start costs a core on this machine
    const results: Awaited<ReturnType<typeof runCli>>[] = [];
    for (let i = 0; i < cases.length; i += 2) results.push(...await Promise.all(cases.slice(i, i + 2).map(([args]) => runCli(built.path, args))));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.code, args.join(' ')).not.toBeNull();
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).toMatch(/--help/);
      noStack(r.stderr);
    });
  });

  it('--help works for the program and for each command', async () => {
    const runs = await Promise.all([[], ['serve'], ['export'], ['send']].map((c) => runCli(built.path, [...c, '--help'])));
    const [top, serve, exp, send] = runs;
    for (const r of runs) {
      expect(r!.code, r!.stderr).toBe(0);
      expect(r!.stderr).toBe('');
    }
    expect(top!.stdout).toMatch(/Usage: connector-inbox/);
    for (const c of ['serve', 'export', 'send']) expect(top!.stdout).toContain(c);
    expect(serve!.stdout).toMatch(/Usage: connector-inbox serve/);
    for (const f of ['--port', '--data-dir', '--secret', '--allow-expired', '--max-body', '--max-events']) expect(serve!.stdout).toContain(f);
    expect(exp!.stdout).toMatch(/Usage: connector-inbox export/);
    for (const f of ['--data-dir', '--out', '--type', '--device', '--since', '--until']) expect(exp!.stdout).toContain(f);
    expect(send!.stdout).toMatch(/Usage: connector-inbox send/);
    for (const f of ['--to', '--secret', '--count', '--duplicates', '--reorder', '--seed', '--out-ids']) expect(send!.stdout).toContain(f);
  });
});

describe('serve start-up failures', () => {
  let busy: Server;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('--port already in use: a clear message, non-zero exit, and the data directory is not left locked', async () => {
    const port = (busy.address() as { port: number }).port;
    const dir = tempDir();
    const r = await runCli(built.path, ['serve', '--port', String(port), '--data-dir', dir, '--quiet']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use; choose another with --port`);
    noStack(r.stderr);
    expect(r.stdout).not.toMatch(/listening/);
    expect(existsSync(join(dir, 'serve.lock'))).toBe(false);
  });

  it('a data directory that cannot be created or written: non-zero exit naming the path, no stack trace', async () => {
    const base = tempDir();
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    const under = join(file, 'data');
    const r1 = await runCli(built.path, ['serve', '--port', '0', '--data-dir', under, '--quiet']);
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toContain(under);
    expect(r1.stderr).toMatch(/not a directory/i);
    expect(r1.stdout).not.toMatch(/listening/);
    noStack(r1.stderr);

    // the data directory exists but its segments/ cannot be a directory
    const dir = join(base, 'data');
    mkdirSync(dir);
    writeFileSync(join(dir, 'segments'), 'x');
    const r2 = await runCli(built.path, ['serve', '--port', '0', '--data-dir', dir, '--quiet']);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toContain(join(dir, 'segments'));
    expect(r2.stdout).not.toMatch(/listening/);
    noStack(r2.stderr);
    expect(readdirSync(dir)).toEqual(['segments']); // lock released, nothing else created
  });

  it('export of a data directory that is a file says so', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await runCli(built.path, ['export', '--data-dir', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${file} is a file, not a data directory`);
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });
});
