/**
 * The stream as the only source (no receiver port, no tunnel): events arrive through DT's
 * event stream, stored with source stream; the stream drops while events are published, the
 * inbox reconnects and fills the gap from history: none lost, none twice. Stream and connector
 * together: each event stored once, with two deliveries.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir, until } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { startInbox } from './helpers';

let fake: FakeDtCloud;
beforeAll(async () => { fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } }); });
afterAll(async () => { await fake.close(); cleanupTempDirs(); });

it('a stream drop while events are published loses none', async () => {
  const d = fake.addDevice('prj-dev', 'temperature', { name: 'Cold room' });
  const inbox = await startInbox(fake, tempDir('ci-stream-'), { follow: false, receiver: false, stream: { project: 'prj-dev', pingIntervalS: 0.2 } });
  expect(inbox.service.receiverUrl).toBe('');
  const store = inbox.service.store;
  const stream = () => inbox.service.sources.statuses().find((s) => s.kind === 'stream')!;
  await until(() => stream().state === 'receiving' || undefined, 'stream receiving', 10_000, 20);
  const published = [];
  // distinct, increasing event times: the latest state is the newest by timestamp, not by arrival
  const t0 = Date.now() - 30_000;
  const at = (k: number) => ({ timestamp: new Date(t0 + k * 10).toISOString().replace('Z', '000000Z') });
  for (let k = 0; k < 5; k++) published.push(fake.publishEvent(d.id, 'temperature', { value: k }, at(k)));
  await until(() => store.summaries.length === 5 || undefined, 'streamed events stored', 10_000, 20);
  expect(store.summaries.every((s) => s.source === 'stream' && s.signature === 'fetched')).toBe(true);

  fake.dropStreams();
  // published while the stream is away: DT never replays these on the stream
  for (let k = 5; k < 12; k++) published.push(fake.publishEvent(d.id, 'temperature', { value: k }, at(k)));
  await until(() => store.summaries.length === 12 || undefined, 'the dropped period filled from history', 20_000, 50);
  for (let k = 12; k < 15; k++) published.push(fake.publishEvent(d.id, 'temperature', { value: k }, at(k)));
  await until(() => store.summaries.length === 15 || undefined, 'streaming again', 20_000, 50);

  expect(new Set(store.summaries.map((s) => s.eventId))).toEqual(new Set(published.map((e) => e.eventId)));
  expect(store.devices.find((x) => x.deviceId === d.id)!.latest.temperature!.eventId).toBe(published.at(-1)!.eventId);
  expect(store.summaries.some((s) => s.source === 'history')).toBe(true);
  await inbox.stop();
}, 60_000);

it('a silent stream is declared dead after two ping intervals and reconnected', async () => {
  const d = fake.addDevice('prj-dev', 'touch', { name: 'Button' });
  const inbox = await startInbox(fake, tempDir('ci-stream-silent-'), { follow: false, receiver: false, stream: { project: 'prj-dev', pingIntervalS: 0.2 } });
  const stream = () => inbox.service.sources.statuses().find((s) => s.kind === 'stream')!;
  await until(() => stream().state === 'receiving' || undefined, 'stream receiving', 10_000, 20);
  fake.silenceStreams(true);
  await until(() => stream().state !== 'receiving' || undefined, 'stream declared dead', 5_000, 20);
  expect(stream().detail).toMatch(/silent|reconnecting/);
  const quiet = fake.publishEvent(d.id, 'touch', {});
  fake.silenceStreams(false);
  await until(() => inbox.service.store.find(quiet.eventId), 'the silent period filled after the reconnect', 20_000, 50);
  await inbox.stop();
}, 60_000);

it('stream and connector at once: every event stored once, with two deliveries', async () => {
  const d = fake.addDevice('prj-dev', 'temperature', { name: 'Both' });
  const inbox = await startInbox(fake, tempDir('ci-stream-both-'), { stream: { project: 'prj-dev', pingIntervalS: 0.2 } });
  const st = () => inbox.service.sources.statuses();
  await until(() => (st().find((s) => s.kind === 'stream')!.state === 'receiving' && st().find((s) => s.kind === 'connector')!.state === 'receiving') || undefined, 'both receiving', 10_000, 20);
  const e = fake.publishEvent(d.id, 'temperature', { value: 1 });
  await fake.idle();
  const stored = await until(() => (inbox.service.store.find(e.eventId)?.deliveries === 2 ? inbox.service.store.find(e.eventId) : undefined), 'two deliveries', 10_000, 20);
  const detail = await inbox.service.store.getEvent(e.eventId);
  expect(new Set(detail!.deliveryLog.map((x) => x.source ?? 'connector'))).toEqual(new Set(['stream', 'connector']));
  expect(inbox.service.store.summaries.filter((s) => s.eventId === e.eventId)).toHaveLength(1);
  expect(stored.deliveries).toBe(2);
  await inbox.stop();
}, 60_000);

it('the receive mode: serve refuses to switch, the desktop switches to the stream of the followed project and back', async () => {
  const inbox = await startInbox(fake, tempDir('ci-mode-serve-'));
  expect((await inbox.service.api.getStatus())).toMatchObject({ ok: true, value: { receiveMode: { mode: 'connector', canChoose: false } } });
  expect(await inbox.service.api.setReceiveMode('stream')).toMatchObject({ ok: false, error: expect.stringMatching(/--dt-stream/) });
  await inbox.stop();

  const chosen: string[] = [];
  const desktop = await startInbox(fake, tempDir('ci-mode-desktop-'), { receiveMode: { choose: async (m) => { chosen.push(m); } } });
  await until(() => desktop.dt.followerStatus()?.project, 'following');
  expect(await desktop.service.api.setReceiveMode('stream')).toEqual({ ok: true, value: { mode: 'stream' } });
  const status = async () => { const r = await desktop.service.api.getStatus(); if (!r.ok) throw new Error(r.error); return r.value; };
  // the desktop's stream pings every 10 s (DT's default) and counts as receiving from the first line
  await until(async () => (await status()).sources.find((s) => s.kind === 'stream')?.state === 'receiving' || undefined, 'stream receiving', 30_000, 50);
  expect((await status()).receiveMode).toEqual({ mode: 'stream', canChoose: true });
  expect(await desktop.service.api.setReceiveMode('connector')).toEqual({ ok: true, value: { mode: 'connector' } });
  expect((await status()).sources.some((s) => s.kind === 'stream')).toBe(false);
  expect(chosen).toEqual(['stream', 'connector']);
  await desktop.stop();
}, 60_000);
