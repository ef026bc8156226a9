/**
 * `connector-inbox dt …` as a user runs it: the built CLI against the fake DT Cloud, with
 * the service account in the environment. Ends to end: `dt connect` points a connector at
 * a running `serve`, `dt emulate` publishes, the fake delivers, the inbox stores the events
 * verified. No secret (service account's or inbox's) appears in any output.
 */
import { hostname } from 'node:os';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServe, tempDir, until, useBuiltCli, type RunResult } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

const cli = useBuiltCli();
let fake: FakeDtCloud;
const saved: Record<string, string | undefined> = {};
const outputs: string[] = [];
const secretsSeen: string[] = [];

beforeAll(async () => {
  fake = await startFakeDtCloud({
    projects: [{ id: 'prj-dev', displayName: 'Dev project', role: 'developer' }, { id: 'prj-ro', displayName: 'Read only', role: 'viewer' }],
    delivery: { backoffMs: 20 },
  });
  // runCli and startServe pass process.env to the child
  for (const [k, v] of Object.entries(fake.env)) { saved[k] = process.env[k]; process.env[k] = v; }
  // a command that forgets --data-dir must not touch the user's real data directory
  saved.XDG_CONFIG_HOME = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = tempDir('ci-dt-home-');
  secretsSeen.push(fake.account.secret);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await fake.close();
});

async function dt(args: string[]): Promise<RunResult> {
  const r = await runCli(cli.path, ['dt', ...args]);
  outputs.push(r.stdout, r.stderr);
  return r;
}
const json = (r: RunResult) => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const ours = `Connector Inbox (${hostname()})`;

describe('dt projects / connectors', () => {
  it('lists the projects', async () => {
    expect(json(await dt(['projects', '--json'])).map((p: { id: string }) => p.id)).toEqual(['prj-dev', 'prj-ro']);
    const text = await dt(['projects']);
    expect(text.stdout).toMatch(/prj-dev\s+Dev project\s+Fake org/);
  });

  it('a missing service account variable is named, exit 1', async () => {
    const r = await runCli(cli.path, ['dt', 'projects'], 20_000).then((x) => x); // env from process.env
    expect(r.code).toBe(0);
    const key = process.env.DT_SERVICE_ACCOUNT_EMAIL;
    delete process.env.DT_SERVICE_ACCOUNT_EMAIL;
    try {
      const bad = await dt(['projects']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/set DT_SERVICE_ACCOUNT_EMAIL/);
    } finally {
      process.env.DT_SERVICE_ACCOUNT_EMAIL = key;
    }
  });
});

describe('dt connect, connectors, disable, enable, emulate with serve', () => {
  const dataDir = tempDir('ci-dt-');

  it('connect without a secret creates our connector, generates a secret and stores it 0600', async () => {
    const r = await dt(['connect', '--project', 'prj-dev', '--url', 'http://127.0.0.1:9/first', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const file = `${dataDir}/signature-secret`;
    expect(r.stdout).toContain(`Generated a signature secret and stored it in ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    secretsSeen.push(secret);
    const [c, ...more] = fake.connectorsOf('prj-dev');
    expect(more).toEqual([]);
    expect(c).toMatchObject({ displayName: ours, type: 'HTTP_PUSH', status: 'ACTIVE', labels: ['name'], events: [], httpConfig: { url: 'http://127.0.0.1:9/first', signatureSecret: secret } });
    expect(r.stderr).toMatch(/only to https:\/\//);
  });

  it('serve verifies with the stored secret; connect to its URL updates the same connector; emulated events arrive verified', async () => {
    const serve = await startServe(cli.path, dataDir);
    await until(() => (serve.stdout().includes(`Signature secret: the one stored in ${dataDir}/signature-secret`) ? true : undefined), 'the stored-secret line');
    const r = json(await dt(['connect', '--project', 'prj-dev', '--url', serve.url, '--events', 'temperature,touch', '--data-dir', dataDir, '--json']));
    expect(r).toMatchObject({ created: false, connector: { displayName: ours, url: serve.url, status: 'ACTIVE', events: ['temperature', 'touch'] }, secret: { source: 'stored' } });
    expect(fake.connectorsOf('prj-dev')).toHaveLength(1);

    const e = json(await dt(['emulate', '--project', 'prj-dev', '--type', 'temperature', '--count', '3', '--interval', '0', '--json']));
    expect(e.device).toMatchObject({ type: 'temperature', created: true });
    expect(e.published).toHaveLength(3);
    expect(typeof e.published[0].temperature.value).toBe('number');
    await fake.idle();
    const exported = await until(async () => {
      const x = await runCli(cli.path, ['export', '--data-dir', dataDir]);
      const events = JSON.parse(x.stdout).events as { eventType: string; signature: string; deviceId: string }[];
      return events.length >= 3 ? events : undefined;
    }, 'three events in the inbox', 10_000, 200);
    expect(exported.map((x) => [x.eventType, x.signature, x.deviceId])).toEqual(Array(3).fill(['temperature', 'valid', e.device.id]));

    // the device is reused; a type its kind cannot emit gets a device of another kind
    expect(json(await dt(['emulate', '--project', 'prj-dev', '--type', 'temperature', '--interval', '0', '--json'])).device).toMatchObject({ id: e.device.id, created: false });
    expect(json(await dt(['emulate', '--project', 'prj-dev', '--type', 'co2', '--interval', '0', '--json'])).device).toMatchObject({ type: 'co2', created: true });
    await serve.kill();
  });

  it('connectors shows status, URL, filter, labels and metrics; other types are listed, not touched', async () => {
    fake.addConnector('prj-dev', { name: 'queue1', displayName: 'Cloud queue', type: 'GOOGLE_CLOUD_PUBSUB' });
    const rows = json(await dt(['connectors', '--project', 'prj-dev', '--json']));
    const mine = rows.find((x: { displayName: string }) => x.displayName === ours);
    expect(mine.metrics.successCount).toBeGreaterThanOrEqual(4);
    expect(mine.metrics.latency99p).toMatch(/s$/);
    const queue = rows.find((x: { id: string }) => x.id === 'queue1');
    expect(queue).toMatchObject({ type: 'GOOGLE_CLOUD_PUBSUB' });
    expect(queue).not.toHaveProperty('metrics');
    const text = await dt(['connectors', '--project', 'prj-dev']);
    expect(text.stdout).toMatch(/queue1\s+Cloud queue\s+GOOGLE_CLOUD_PUBSUB\s+ACTIVE\s+\(not HTTP push: left alone\)/);
    expect(text.stdout).toMatch(/ACTIVE\s+http:\/\/127\.0\.0\.1:\d+\/\s+temperature,touch\s+name\s+\d+\s+0\s+\d+\.\d+s/);
    const refused = await dt(['disable', '--project', 'prj-dev', '--connector', 'queue1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/GOOGLE_CLOUD_PUBSUB, not HTTP_PUSH/);
    expect(fake.connectors.get('projects/prj-dev/dataconnectors/queue1')!.status).toBe('ACTIVE');
  });

  it('disable, enable and sync act on the connector', async () => {
    const id = fake.connectorsOf('prj-dev')[0]!.name.split('/').pop()!;
    expect(json(await dt(['disable', '--project', 'prj-dev', '--connector', id, '--json'])).status).toBe('USER_DISABLED');
    expect(fake.connectorsOf('prj-dev')[0]!.status).toBe('USER_DISABLED');
    expect((await dt(['enable', '--project', 'prj-dev', '--connector', id])).stdout).toMatch(/is now ACTIVE/);
    expect((await dt(['sync', '--project', 'prj-dev', '--connector', id])).code).toBe(0);
    expect(fake.requests.some((r) => r.path.endsWith(`/${id}:sync`))).toBe(true);
  });
});

describe('errors', () => {
  it('403 in a project where the account is only a viewer: names the role', async () => {
    const r = await dt(['connect', '--project', 'prj-ro', '--url', 'https://example.invalid/', '--secret', 'given-secret-123456', '--data-dir', tempDir('ci-dt-')]);
    secretsSeen.push('given-secret-123456');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/403.*Project Developer role/);
  });

  it('404 for an unknown connector; labelsChanged and unknown types refused before any call', async () => {
    expect((await dt(['enable', '--project', 'prj-dev', '--connector', 'nope'])).stderr).toMatch(/404.*not found/);
    const lc = await dt(['emulate', '--project', 'prj-dev', '--type', 'labelsChanged']);
    expect(lc.code).not.toBe(0);
    expect(lc.stderr).toMatch(/labelsChanged cannot be published/);
    expect((await dt(['emulate', '--project', 'prj-dev', '--type', 'smell'])).stderr).toMatch(/unknown event type/);
  });

  it('no secret appears in any output of this file', () => {
    expect(secretsSeen.length).toBe(3);
    const all = outputs.join('\n');
    for (const s of secretsSeen) expect(all).not.toContain(s);
  });
});
