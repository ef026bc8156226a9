/**
 * The DT Cloud contract methods over the real service: the inbox service with a DT controller
 * against the fake DT Cloud. Connect points one connector at the receiver; the emulator's
 * events arrive verified and each published event gets its published → received latency;
 * the inbox's 3 h counts sit beside DT's success count; disable, enable, the event filter and
 * sync act on DT; DT unreachable answers an error without holding anything; no answer ever
 * carries the service account secret or the signature secret.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { createDtController, endpointsFromEnv, serviceAccountFromEnv, type DtController } from '../../electron/core/dt-cloud';
import type { DtCloudInfo } from '../../shared/api/contract';
import { cleanupTempDirs, tempDir, until } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

const SECRET = 'dt-api-test-signature-secret-0123456789';
let fake: FakeDtCloud;
const running: { service: InboxService; dt: DtController }[] = [];

beforeAll(async () => { fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } }); });
afterEach(async () => {
  await Promise.all(running.splice(0).map(async (r) => { await r.dt.stop(2_000); await r.service.stop(2_000); }));
});
afterAll(async () => { await fake.close(); cleanupTempDirs(); });

async function inbox(env: Record<string, string> = fake.env) {
  let service: InboxService | undefined;
  const dt = createDtController({
    account: () => ({ account: serviceAccountFromEnv(env), source: 'env' }), endpoints: endpointsFromEnv(env),
    urls: { current: () => service?.receiverUrl, onChange: () => () => {} },
    signatureSecret: async () => SECRET, noAccountHint: 'no account', canSetCredentials: false, displayName: 'Connector Inbox (test)', timeoutMs: 2_000,
  });
  service = await createInboxService({ dataDir: tempDir('ci-dtapi-'), port: 0, secrets: [SECRET], mode: 'browser', dtCloud: dt });
  running.push({ service, dt });
  return { api: service.api, service, dt };
}

const configured = (r: { ok: boolean; value?: DtCloudInfo; error?: string }) => {
  if (!r.ok) throw new Error(r.error);
  if (!r.value!.configured) throw new Error(`not configured: ${r.value!.hint}`);
  return r.value!;
};

it('connect, emulate with latencies, counts beside DT\'s metrics, filter, disable, enable, sync', async () => {
  const { api, service } = await inbox();
  const before = await api.getDtCloud();
  expect(before).toMatchObject({ ok: true, value: { configured: false, credentials: { keyId: fake.account.keyId, email: fake.account.email, source: 'env' } } });
  expect(await api.dtListProjects()).toEqual({ ok: true, value: [{ id: 'prj-dev', displayName: 'Dev project', organization: 'Fake org' }] });

  const connected = configured(await api.dtConnect({ project: 'prj-dev' }));
  expect(connected.follower).toMatchObject({ state: 'active', url: service.receiverUrl });
  const ours = connected.connectors.find((c) => c.ours)!;
  expect(ours).toMatchObject({ displayName: 'Connector Inbox (test)', status: 'ACTIVE', url: service.receiverUrl });
  expect(fake.connectorsOf('prj-dev')).toHaveLength(1);

  // connecting again to the same connector, by its id now, keeps it: no disable, no second connector
  const patches = () => fake.requests.filter((r) => r.method === 'PATCH' && (r.body as { status?: string })?.status === 'USER_DISABLED').length;
  const again = configured(await api.dtConnect({ project: 'prj-dev', connectorId: ours.id }));
  expect(again.follower).toMatchObject({ state: 'active', connectorId: ours.id });
  expect(patches()).toBe(0);
  expect(fake.connectorsOf('prj-dev')).toHaveLength(1);

  const run = await api.dtEmulate({ project: 'prj-dev', type: 'temperature', count: 3 });
  if (!run.ok) throw new Error(run.error);
  expect(run.value.published.map((p) => p.n)).toEqual([1, 2, 3]);
  await fake.idle();
  const after = await until(async () => {
    const v = configured(await api.getDtCloud());
    return v.emulation?.published.every((p) => p.receivedAt) ? v : undefined;
  }, 'three emulated events matched', 10_000, 50);
  const stored = service.store.summaries.filter((s) => s.eventType === 'temperature');
  expect(stored).toHaveLength(3);
  expect(after.emulation!.published.map((p) => p.eventId)).toEqual(stored.map((s) => s.eventId));
  for (const p of after.emulation!.published) {
    expect(p.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(p.receivedAt!)).toBeGreaterThanOrEqual(Date.parse(p.publishedAt));
  }
  // The gap filler may pull an event from DT's history just before the connector pushes it: that
  // pull is a delivery of its own (source history). The connector's own deliveries are exactly 3.
  const logs = await Promise.all(stored.map(async (x) => {
    const d = await api.getEvent(x.eventId);
    if (!d.ok) throw new Error(d.error);
    return d.value.deliveryLog;
  }));
  expect(logs.flat().filter((d) => (d.source ?? 'connector') === 'connector')).toHaveLength(3);
  expect(after.inbox).toEqual({ events: 3, deliveries: logs.flat().length, byType: { temperature: 3 }, arrivedTypes: ['temperature'] });
  // DT's metrics come with the next refresh of the table (the service's schedule, or Refresh)
  expect(configured(await api.dtRefresh()).connectors.find((c) => c.ours)!.metrics!.successCount).toBe(3);

  const filtered = configured(await api.dtSetEventFilter({ project: 'prj-dev', connectorId: ours.id, events: ['co2', 'touch'] }));
  expect(filtered.connectors.find((c) => c.ours)!.events).toEqual(['co2', 'touch']);
  expect(fake.connectorsOf('prj-dev')[0]!.events).toEqual(['co2', 'touch']);

  const disabled = configured(await api.dtSetConnectorStatus({ project: 'prj-dev', connectorId: ours.id, status: 'USER_DISABLED' }));
  expect(disabled.connectors[0]!.status).toBe('USER_DISABLED');
  expect(disabled.follower.state).toBe('disabled');

  // SYSTEM_DISABLED by DT: the follower reports it; Enable re-applies URL and secret, ACTIVE again
  fake.connectorsOf('prj-dev')[0]!.status = 'SYSTEM_DISABLED';
  const enabled = configured(await api.dtSetConnectorStatus({ project: 'prj-dev', connectorId: ours.id, status: 'ACTIVE' }));
  expect(enabled.follower).toMatchObject({ state: 'active', systemDisabled: false });
  expect(fake.connectorsOf('prj-dev')[0]).toMatchObject({ status: 'ACTIVE', httpConfig: { url: service.receiverUrl, signatureSecret: SECRET } });

  await api.dtSetEventFilter({ project: 'prj-dev', connectorId: ours.id, events: [] });
  const synced = await api.dtSync({ project: 'prj-dev', connectorId: ours.id });
  expect(synced.ok).toBe(true);
  await fake.idle();
  // sync re-sends the device's latest temperature: a new eventId, so a fourth event
  await until(() => (service.store.summaries.length === 4 ? true : undefined), 'the synced event', 5_000);

  const answers = JSON.stringify([before, connected, after, filtered, disabled, enabled, synced, await api.getDtCloud()]);
  expect(answers).not.toContain(SECRET);
  expect(answers).not.toContain(fake.account.secret);
});

it('refuses connectors that are not HTTP push and a device kind that cannot emit the type; bad arguments never reach DT', async () => {
  const { api } = await inbox();
  fake.addConnector('prj-dev', { name: 'queue9', displayName: 'Queue', type: 'GOOGLE_CLOUD_PUBSUB' });
  const r = await api.dtSetConnectorStatus({ project: 'prj-dev', connectorId: 'queue9', status: 'USER_DISABLED' });
  expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/GOOGLE_CLOUD_PUBSUB.*leaves connectors other than HTTP push alone/) });
  expect(fake.connectors.get('projects/prj-dev/dataconnectors/queue9')!.status).toBe('ACTIVE');
  const { dispatch } = await import('../../shared/api/dispatch');
  expect((await dispatch(api, 'dtEmulate', [{ project: 'prj-dev', type: 'temperature', count: 500 }])).kind).toBe('invalid-arguments');
  expect((await dispatch(api, 'dtConnect', [{ project: '../x' }])).kind).toBe('invalid-arguments');
  // every real type name passes the schema (co2 has a digit)
  expect((await dispatch(api, 'dtEmulate', [{ project: 'prj-dev', kind: 'co2', type: 'co2', count: 1 }])).result).toMatchObject({ ok: true });
  expect(await api.dtEmulate({ project: 'prj-dev', kind: 'motion', type: 'temperature', count: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/a motion device cannot publish temperature/) });
  const co2 = await api.dtEmulate({ project: 'prj-dev', kind: 'co2', type: 'humidity', count: 1 });
  expect(co2).toMatchObject({ ok: true, value: { deviceKind: 'co2', type: 'humidity' } });
  expect(await api.dtSetCredentials({ keyId: 'k', email: 'a@b.c', secret: 's' })).toMatchObject({ ok: false, error: expect.stringMatching(/DT_SERVICE_ACCOUNT_KEY_ID/) });
});

it('DT unreachable: connect answers with the retry and the receiver keeps going; stop is bounded', async () => {
  const dead = { ...fake.env, DT_API_URL: 'http://127.0.0.1:9/api/v2', DT_IDENTITY_URL: 'http://127.0.0.1:9/oauth2/token' };
  const { api, dt } = await inbox(dead);
  const r = configured(await api.dtConnect({ project: 'prj-dev' }));
  expect(r.follower.state).toBe('retrying');
  expect(r.follower.lastError).toMatch(/unreachable/);
  expect(r.error).toMatch(/unreachable/);
  expect((await api.dtListProjects()).ok).toBe(false);
  expect((await api.getStatus()).ok).toBe(true);
  const t0 = Date.now();
  await dt.stop(1_000);
  expect(Date.now() - t0).toBeLessThan(2_000);
});
