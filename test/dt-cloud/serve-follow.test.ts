/**
 * `serve --dt-project P --public-url URL`: the built CLI keeps a connector of the fake DT
 * Cloud pointed at the inbox; emulated events arrive verified; stopping serve leaves the
 * connector USER_DISABLED; a restart with another URL updates the same connector.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, startServe, tempDir, until, useBuiltCli, type ServeProcess } from '../core/helpers';
import { serveFollowing, useFakeDtCloudEnv } from './serve-following';
import { serve } from '../e2e/cli-process';
import { freePort } from '../free-port';

const cli = useBuiltCli();
const dt = useFakeDtCloudEnv();
const outputs: string[] = [];

async function stop(serve: ServeProcess): Promise<void> {
  serve.child.kill('SIGTERM');
  const { code } = await serve.exited;
  outputs.push(serve.stdout(), serve.stderr());
  expect(code).toBe(0);
}

it('points a connector at the inbox, emulated events arrive verified, stop disables it, a restart updates the same one', async () => {
  const dataDir = tempDir('ci-dt-serve-');
  const first = await serveFollowing(cli.path, dataDir);
  expect(first.serve.stdout()).toContain(`Signature secret: generated for the DT connector and stored in ${dataDir}/signature-secret`);
  const secret = readFileSync(`${dataDir}/signature-secret`, 'utf8').trim();
  const [c, ...more] = dt.fake.connectorsOf('prj-dev');
  expect(more).toHaveLength(0);
  expect(c).toMatchObject({ status: 'ACTIVE', type: 'HTTP_PUSH', httpConfig: { url: first.url, signatureSecret: secret } });

  const e = await runCli(cli.path, ['dt', 'emulate', '--project', 'prj-dev', '--type', 'co2', '--count', '2', '--interval', '0', '--json']);
  outputs.push(e.stdout, e.stderr);
  expect(e.code).toBe(0);
  await dt.fake.idle();
  const events = await until(async () => {
    const x = await runCli(cli.path, ['export', '--data-dir', dataDir]);
    const list = JSON.parse(x.stdout).events as { eventType: string; signature: string }[];
    return list.length >= 2 ? list : undefined;
  }, 'two events in the inbox', 10_000, 200);
  expect(events.map((x) => [x.eventType, x.signature])).toEqual([['co2', 'valid'], ['co2', 'valid']]);

  await stop(first.serve);
  expect(first.serve.stdout()).toMatch(/DT Cloud: data connector \S+ disabled \(USER_DISABLED\)/);
  expect(dt.fake.connectorsOf('prj-dev')[0]!.status).toBe('USER_DISABLED');

  const second = await serveFollowing(cli.path, dataDir);
  expect(dt.fake.connectorsOf('prj-dev')).toHaveLength(1);
  expect(dt.fake.connectorsOf('prj-dev')[0]).toMatchObject({ name: c!.name, status: 'ACTIVE', httpConfig: { url: second.url, signatureSecret: secret } });
  expect(second.url).not.toBe(first.url);
  await stop(second.serve);

  for (const s of [secret, dt.fake.account.secret]) expect(outputs.join('\n')).not.toContain(s);
});

it('--dt-project without a public URL, or without a service account, fails before starting with the fix', async () => {
  const dataDir = tempDir('ci-dt-serve-');
  const noUrl = await runCli(cli.path, ['serve', '--port', '0', '--data-dir', dataDir, '--dt-project', 'prj-dev']);
  expect(noUrl.code).toBe(1);
  expect(noUrl.stderr).toMatch(/--dt-project needs a public URL.*--tunnel.*--public-url/);
  const key = process.env.DT_SERVICE_ACCOUNT_KEY_ID;
  delete process.env.DT_SERVICE_ACCOUNT_KEY_ID;
  try {
    const noAccount = await runCli(cli.path, ['serve', '--port', '0', '--data-dir', dataDir, '--dt-project', 'prj-dev', '--public-url', 'https://x.example/']);
    expect(noAccount.code).toBe(1);
    expect(noAccount.stderr).toMatch(/set DT_SERVICE_ACCOUNT_KEY_ID/);
  } finally {
    process.env.DT_SERVICE_ACCOUNT_KEY_ID = key;
  }
});

it('serve --ui --public-url without --dt-project: the DT Cloud view connects a project, a secret is made and kept, stop disables', async () => {
  const dataDir = tempDir('ci-dt-serve-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // The contract over HTTP is what is tested here, not the page: a placeholder inspector will do (the e2e builds the real one).
  mkdirSync(join(dirname(cli.path), 'renderer'), { recursive: true });
  writeFileSync(join(dirname(cli.path), 'renderer', 'index.html'), '<!doctype html><title>placeholder</title>');
  const s = await serve(cli.path, ['--ui', '--ui-port', '0', '--no-open', '--port', String(port), '--data-dir', dataDir, '-q', '--public-url', url]);
  try {
    const ui = new URL(s.uiUrl);
    const call = async (method: string, args: unknown[]) => (await fetch(`${ui.origin}/api/${method}`, {
      method: 'POST', headers: { Authorization: `Bearer ${ui.searchParams.get('token')}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args),
    })).json();
    expect(await call('getDtCloud', [])).toMatchObject({ ok: true, value: { configured: false, credentials: { keyId: dt.fake.account.keyId, source: 'env' } } });
    expect(dt.fake.connectorsOf('prj-dev').every((c) => c.status !== 'ACTIVE')).toBe(true); // nothing followed before the view asks
    expect(await call('dtConnect', [{ project: 'prj-dev' }])).toMatchObject({ ok: true, value: { configured: true, project: 'prj-dev', follower: { state: 'active', url } } });
    const secret = readFileSync(`${dataDir}/signature-secret`, 'utf8').trim();
    expect(dt.fake.connectorsOf('prj-dev')).toHaveLength(1); // ours by display name, reused
    expect(dt.fake.connectorsOf('prj-dev')[0]).toMatchObject({ status: 'ACTIVE', httpConfig: { url, signatureSecret: secret } });
    expect(s.output()).toContain(`Signature secret: generated for the DT connector and stored in ${dataDir}/signature-secret`);
    await s.stop();
    expect(dt.fake.connectorsOf('prj-dev')[0]!.status).toBe('USER_DISABLED');
    for (const x of [secret, dt.fake.account.secret]) expect(s.output()).not.toContain(x);
  } finally {
    await s.stop();
  }
});

it('a serve whose tunnel never came up created no connector, and does not say on stop that it disabled one', async () => {
  const dataDir = tempDir('ci-dt-serve-');
  // a project of its own: the other tests' serves left a connector of ours in prj-dev, which would be found
  dt.fake.projects.push({ id: 'prj-quiet', displayName: 'Quiet project', role: 'developer' });
  // no NGROK_AUTHTOKEN: the tunnel stops at "needs an authtoken", so the follower never gets a URL
  const s = await startServe(cli.path, dataDir, ['--dt-project', 'prj-quiet', '--tunnel'], 15_000);
  await until(() => (/authtoken/i.test(s.stdout() + s.stderr()) ? true : undefined), 'the tunnel saying it needs an authtoken', 10_000);
  s.child.kill('SIGTERM');
  const { code } = await s.exited;
  outputs.push(s.stdout(), s.stderr());
  expect(code).toBe(0);
  expect(dt.fake.connectorsOf('prj-quiet')).toHaveLength(0);
  expect(s.stdout()).not.toMatch(/disabled \(USER_DISABLED\)/);
  expect(s.stdout()).toContain('DT Cloud: no data connector was created or found in this run: nothing to disable');
}, 30_000);
