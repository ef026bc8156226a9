/**
 * A budget for DT's API, through the contract a view uses (watchDtCloud, getDtCloud, the
 * actions) over the real service and controller against the fake DT Cloud, on fake time: the
 * view open for 5 minutes costs the same calls per minute with 20 connectors as with 2
 * (metrics for ours only), a 429 with Retry-After holds the next call until DT's time, and an
 * action refreshes the table at once and pushes it.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { createDtController, endpointsFromEnv, serviceAccountFromEnv, type DtController } from '../../electron/core/dt-cloud';
import type { DtCloudInfo, PushMessage } from '../../shared/api/contract';
import { dtRefreshSchema } from '../../shared/api/dt-refresh';
import { cleanupTempDirs, tempDir } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { ManualClock } from './manual-clock';

const SECRET = 'refresh-budget-signature-secret-0123456789';
const MIN = 60_000;
let fake: FakeDtCloud;
const running: { service: InboxService; dt: DtController }[] = [];

beforeAll(async () => { fake = await startFakeDtCloud(); });
afterEach(async () => {
  await Promise.all(running.splice(0).map(async (r) => { await r.dt.stop(2_000); await r.service.stop(2_000); }));
  for (const c of [...fake.connectors.keys()]) fake.connectors.delete(c);
  fake.rateLimit.remaining = 0;
});
afterAll(async () => { await fake.close(); cleanupTempDirs(); });

/** The inbox with a DT controller on the manual clock; `settle` waits until no request to DT is in flight. */
async function inbox() {
  const clock = new ManualClock(Date.parse('2026-12-07T08:00:00Z'));
  let inFlight = 0;
  const env = fake.env;
  let service: InboxService | undefined;
  const dt = createDtController({
    account: () => ({ account: serviceAccountFromEnv(env), source: 'env' }), endpoints: endpointsFromEnv(env),
    urls: { current: () => service?.receiverUrl, onChange: () => () => {} },
    signatureSecret: async () => SECRET, noAccountHint: 'no account', canSetCredentials: false, displayName: 'Connector Inbox (budget)', timeoutMs: 2_000,
    clock, fetch: (url, init) => { inFlight++; return fetch(url, init).finally(() => { inFlight--; }); },
  });
  service = await createInboxService({ dataDir: tempDir('ci-budget-'), port: 0, secrets: [SECRET], mode: 'browser', dtCloud: dt });
  running.push({ service, dt });
  const settle = async () => {
    const deadline = Date.now() + 5_000;
    for (let quiet = 0; quiet < 3 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 5));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  /** moves fake time on in 5 s steps, letting each refresh finish before the next step */
  const pass = async (ms: number, each?: (elapsed: number) => Promise<void>) => {
    for (let t = 0; t < ms; t += 5_000) {
      await each?.(t);
      clock.advance(5_000);
      await settle();
    }
  };
  return { api: service.api, service, dt, clock, settle, pass };
}

const configured = (r: { ok: boolean; value?: DtCloudInfo; error?: string }) => {
  if (!r.ok) throw new Error(r.error);
  if (!r.value!.configured) throw new Error(`not configured: ${r.value!.hint}`);
  return r.value!;
};
const isList = (path: string) => /\/projects\/prj-dev\/dataconnectors$/.test(path);
const isMetrics = (path: string) => path.endsWith(':metrics');

/** 5 minutes with the view open (it renews its watch every 20 s, as the view does): the DT calls per minute, and whose metrics. */
async function fiveMinutesOpen(others: number) {
  const { api, pass, settle } = await inbox();
  const ours = configured(await api.dtConnect({ project: 'prj-dev' })).connectors.find((c) => c.ours)!;
  for (let i = 0; i < others; i++) fake.addConnector('prj-dev', { displayName: `Someone else's ${i}`, httpConfig: { url: `https://other${i}.example/` } });
  await settle();
  const from = fake.requests.length;
  // by the fake time of the request; the sixth holds those of the last instant (5:00)
  const perMinute = [0, 0, 0, 0, 0, 0];
  let seen = from;
  await pass(5 * MIN, async (elapsed) => {
    if (elapsed % 20_000 === 0) expect((await api.watchDtCloud()).ok).toBe(true);
    perMinute[Math.floor(elapsed / MIN)]! += fake.requests.length - seen;
    seen = fake.requests.length;
  });
  perMinute[5]! += fake.requests.length - seen;
  const made = fake.requests.slice(from);
  const view = configured(await api.getDtCloud());
  return { perMinute, made, ours: ours.id, view };
}

it('the view open for 5 minutes asks DT as often with 20 connectors as with 2; metrics only for ours', async () => {
  const two = await fiveMinutesOpen(1);
  await Promise.all(running.splice(0).map(async (r) => { await r.dt.stop(2_000); await r.service.stop(2_000); }));
  for (const c of [...fake.connectors.keys()]) fake.connectors.delete(c);
  const twenty = await fiveMinutesOpen(19);

  expect(twenty.view.connectors).toHaveLength(20);
  expect(two.view.connectors).toHaveLength(2);
  expect(twenty.perMinute).toEqual(two.perMinute);
  // every 30 s: one list and our metrics, 10 refreshes in 5 minutes (and the follower's own 5 min read of ours)
  expect(twenty.made.filter((r) => isList(r.path))).toHaveLength(10);
  const metrics = twenty.made.filter((r) => isMetrics(r.path));
  expect(metrics).toHaveLength(10);
  expect(new Set(metrics.map((r) => r.path))).toEqual(new Set([`/api/v2/projects/prj-dev/dataconnectors/${twenty.ours}:metrics`]));
  for (const m of twenty.perMinute) expect(m).toBeLessThanOrEqual(5);
  // others' metrics: on demand only
  expect(twenty.view.connectors.filter((c) => !c.ours).every((c) => c.metrics === undefined)).toBe(true);
  const other = twenty.view.connectors.find((c) => !c.ours)!;
  const onDemand = await running[0]!.service.api.dtConnectorMetrics({ project: 'prj-dev', connectorId: other.id });
  expect(onDemand).toMatchObject({ ok: true, value: { successCount: 0, errorCount: 0 } });
});

it('without a view the table is refreshed every 5 minutes; a closed view stops the 30 s pace when its lease ends', async () => {
  const { api, pass, settle } = await inbox();
  configured(await api.dtConnect({ project: 'prj-dev' }));
  await settle();
  let from = fake.requests.length;
  await pass(10 * MIN);
  expect(fake.requests.slice(from).filter((r) => isList(r.path))).toHaveLength(2);
  expect((await api.watchDtCloud()).ok).toBe(true); // then the tab closes: no renewal
  await settle();
  from = fake.requests.length;
  await pass(6 * MIN);
  // the lease (60 s) held the 30 s pace for a minute or so, then 5 min again
  const lists = fake.requests.slice(from).filter((r) => isList(r.path)).length;
  expect(lists).toBeGreaterThanOrEqual(3);
  expect(lists).toBeLessThanOrEqual(5);
});

it('a 429 with Retry-After holds the next call until DT\'s time, and the view says so', async () => {
  const { api, pass, settle, clock } = await inbox();
  configured(await api.dtConnect({ project: 'prj-dev' }));
  await api.watchDtCloud();
  await settle();
  fake.rateLimit = { remaining: 1, retryAfterS: 120 };
  const lists = () => fake.requests.filter((r) => isList(r.path)).length;
  const before = lists();
  // the next 30 s refresh meets the 429
  await pass(30_000, async () => { await api.watchDtCloud(); });
  expect(lists()).toBe(before + 1);
  const limitedAt = clock.now();
  const view = configured(await api.getDtCloud());
  const refresh = dtRefreshSchema.parse(view.refresh);
  expect(Date.parse(refresh.rateLimitedUntil!)).toBe(limitedAt + 120_000);
  expect(Date.parse(refresh.nextRefreshAt!)).toBe(limitedAt + 120_000);
  expect(refresh.lastError).toMatch(/429/);
  expect(view.connectors.length).toBe(1); // the last table DT answered stays
  // an action meanwhile does not ask DT for the table either
  await api.dtRefresh();
  expect(lists()).toBe(before + 1);
  await pass(115_000, async () => { await api.watchDtCloud(); });
  expect(lists()).toBe(before + 1);
  await pass(5_000, async () => { await api.watchDtCloud(); });
  expect(lists()).toBe(before + 2);
  const after = dtRefreshSchema.parse(configured(await api.getDtCloud()).refresh);
  expect(after.rateLimitedUntil).toBeUndefined();
  expect(after.lastError).toBeUndefined();
  expect(Date.parse(after.updatedAt!)).toBe(clock.now());
});

it('an action refreshes the table at once and pushes it with updatedAt', async () => {
  const { api, service, clock, settle } = await inbox();
  const ours = configured(await api.dtConnect({ project: 'prj-dev' })).connectors.find((c) => c.ours)!;
  await settle();
  const pushed: PushMessage[] = [];
  service.api.subscribe((m) => pushed.push(m));
  clock.ms += 7_000; // no timer is due: only the action can ask DT now
  const lists = () => fake.requests.filter((r) => isList(r.path)).length;
  const before = lists();
  const disabled = configured(await api.dtSetConnectorStatus({ project: 'prj-dev', connectorId: ours.id, status: 'USER_DISABLED' }));
  expect(lists()).toBe(before + 1);
  expect(disabled.connectors.find((c) => c.ours)!.status).toBe('USER_DISABLED');
  expect(Date.parse(disabled.refresh!.updatedAt!)).toBe(clock.now());
  await settle();
  const push = pushed.find((m): m is Extract<PushMessage, { type: 'dtCloud' }> => m.type === 'dtCloud');
  expect(push?.info).toMatchObject({ configured: true, connectors: [{ id: ours.id, status: 'USER_DISABLED' }] });
  expect(JSON.stringify(pushed)).not.toContain(SECRET);
});
