/**
 * Nothing missed: the inbox follows the fake DT Cloud's connector, quits (the connector is
 * disabled, as DT asks), events are published while it is closed (DT keeps them in history
 * only), and the next start fills exactly those: none twice, none lost, the devices' latest
 * state right, each filled event with source history and signature fetched, no per-event
 * notification but one backfill summary. A 429 mid-fill is waited out; the gap closes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PushMessage } from '../../shared/api/contract';
import { cleanupTempDirs, tempDir, until } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { startInbox } from './helpers';

let fake: FakeDtCloud;
beforeAll(async () => { fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } }); });
afterAll(async () => { await fake.close(); cleanupTempDirs(); });

const active = (i: { dt: { followerStatus(): { state: string } | undefined } }) => i.dt.followerStatus()?.state === 'active' || undefined;

it('a restart after the connector was disabled fills exactly the missed events, once, with one summary', async () => {
  const dir = tempDir('ci-backfill-');
  const devices = [fake.addDevice('prj-dev', 'temperature', { name: 'Fridge' }), fake.addDevice('prj-dev', 'temperature', { name: 'Freezer' })];
  const first = await startInbox(fake, dir);
  await until(() => active(first), 'connector active', 10_000, 20);
  await until(() => first.service.sources.statuses().find((s) => s.kind === 'connector')?.state === 'receiving' || undefined, 'covering', 10_000, 20);
  const live = [fake.publishEvent(devices[0]!.id, 'temperature', { value: 4 }), fake.publishEvent(devices[1]!.id, 'temperature', { value: -18 })];
  await fake.idle();
  await until(() => first.service.store.summaries.length === 2 || undefined, 'live events stored');
  await first.stop();
  expect(fake.connectorsOf('prj-dev')[0]!.status).toBe('USER_DISABLED');

  // closed: DT keeps these in history; the disabled connector never gets them
  const missed = [];
  for (let k = 0; k < 30; k++) missed.push(fake.publishEvent(devices[k % 2]!.id, 'temperature', { value: k }));
  await fake.idle();
  const newest = missed.slice(-2);

  fake.rateLimit = { remaining: 0, retryAfterS: 1 };
  const second = await startInbox(fake, dir);
  const pushes: PushMessage[] = [];
  second.service.api.subscribe((m) => pushes.push(m));
  fake.rateLimit = { remaining: 1, retryAfterS: 1 }; // one 429 somewhere in the fill, honoured
  const store = second.service.store;
  await until(() => store.summaries.length === 32 || undefined, 'the 30 missed events filled', 20_000, 50);
  await until(() => pushes.find((m) => m.type === 'backfill'), 'a backfill summary', 10_000, 20);

  expect(new Set(store.summaries.map((s) => s.eventId)).size).toBe(32);
  for (const e of missed) expect(store.find(e.eventId), e.eventId).toMatchObject({ source: 'history', signature: 'fetched', stale: false });
  for (const e of live) expect(store.find(e.eventId)?.source).toBe('connector');
  for (const [i, d] of devices.entries()) {
    const state = store.devices.find((x) => x.deviceId === d.id)!;
    expect(state.latest.temperature!.eventId).toBe(newest.find((e) => e.targetName.endsWith(d.id))!.eventId);
    expect(state.staleDeliveries, `device ${i}`).toBe(0);
  }
  const summary = pushes.find((m) => m.type === 'backfill');
  expect(summary).toMatchObject({ type: 'backfill', project: 'prj-dev', run: { added: 30, devices: 2 } });
  // the filled events reached the inspector's list, but the policy sees them as old news (no per-event line)
  const filledPushed = pushes.flatMap((m) => (m.type === 'events' ? m.latest : [])).filter((e) => e.source === 'history');
  expect(filledPushed.length).toBeGreaterThan(0);
  // the gap is closed: coverage shows no open gap, and the history source says so
  await until(() => second.service.sources.coverage()!.backfill.gaps.length === 0 || undefined, 'no open gap', 10_000, 50);
  expect(second.service.sources.coverage()!.parts.some((p) => p.kind === 'filled')).toBe(true);

  // a second pass (Fill gap, or another start) adds nothing
  const again = await second.service.api.dtBackfill({ since: new Date(Date.now() - 3_600_000).toISOString() });
  expect(again).toMatchObject({ ok: true, value: { added: 0, fetched: 32 } });
  expect(store.summaries).toHaveLength(32);
  await second.stop();
}, 60_000);
