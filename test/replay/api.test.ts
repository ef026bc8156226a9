/**
 * replayEvents in the running service: 'forward' means the forward target with its secret;
 * one replay runs at a time; a target that never answers does not hold the service's stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../shared/api/contract';
import { createInboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { dtBody, post, stopAfterEach, tempDir, until, cleanupTempDirs } from '../core/helpers';
import { startReceiver, type TestReceiver } from '../check/receiver';
import { afterAll } from 'vitest';

const SECRET = 'inbox-secret-api';
const FORWARD_SECRET = 'forward-secret-api';
const services = stopAfterEach();
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });
afterAll(cleanupTempDirs);

async function inbox(forward?: { url: string; secret: string; types: string[] }) {
  const s = await createInboxService({ dataDir: tempDir(), port: 0, secrets: [SECRET], mode: 'browser', forward });
  services.push(s);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const b = dtBody({ type: 'temperature', timestamp: `2026-01-01T10:00:0${i}.000000Z` });
    const r = await post(s.receiverUrl, b.raw, { 'Content-Type': 'application/json', 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) });
    expect(r.status).toBe(200);
    ids.push(b.eventId);
  }
  return { s, ids };
}

describe('replayEvents in the service', () => {
  it("'forward' replays to the forward target, signed with the forward secret", async () => {
    const target = await startReceiver({ secret: FORWARD_SECRET });
    open.push(target);
    // forwarding itself sends only touch events, so the target gets only what is replayed
    const { s, ids } = await inbox({ url: target.url, secret: FORWARD_SECRET, types: ['touch'] });
    const r = await s.api.replayEvents({ eventIds: ids.slice(0, 4), to: 'forward' });
    expect(r).toMatchObject({ ok: true, value: { sent: 4, acked: 4, failed: 0 } });
    expect(target.received.map((x) => x.body.event.eventId).sort()).toEqual(ids.slice(0, 4).sort());
    expect(target.received.every((x) => x.verdict === 'valid')).toBe(true);
    expect(JSON.stringify(r)).not.toContain(FORWARD_SECRET);
  });

  it('one replay at a time; stopping the service ends a replay to a silent target at once', async () => {
    const silent = await startReceiver({ fault: 'silent' });
    open.push(silent);
    const { s, ids } = await inbox();
    const pushes: PushMessage[] = [];
    s.api.subscribe((m) => pushes.push(m));
    const running = s.api.replayEvents({ eventIds: ids, to: { url: silent.url } });
    await until(() => (silent.received.length > 0 ? true : undefined), 'the first replayed request');
    expect(await s.api.replayEvents({ filter: {}, to: { url: silent.url } })).toEqual({ ok: false, error: expect.stringContaining('already running') });
    expect(pushes.filter((m) => m.type === 'replayProgress')).toEqual([{ type: 'replayProgress', done: 0, total: 6 }]);
    const stopped = Date.now();
    await s.stop(3_000);
    const r = await running;
    expect(Date.now() - stopped).toBeLessThan(5_000); // not the 10 s timeout per attempt, nor 5 attempts
    expect(r).toMatchObject({ ok: true, value: { acked: 0 } });
    services.splice(0);
  });

  it('Stop through the API ends a replay to a silent target within 1 s, answering what went out', async () => {
    const silent = await startReceiver({ fault: 'silent' });
    open.push(silent);
    const { s, ids } = await inbox();
    expect(await s.api.stopReplay()).toEqual({ ok: true, value: { stopped: false } });
    const running = s.api.replayEvents({ eventIds: ids, to: { url: silent.url } });
    await until(() => (silent.received.length > 0 ? true : undefined), 'the first replayed request');
    const asked = performance.now();
    expect(await s.api.stopReplay()).toEqual({ ok: true, value: { stopped: true } });
    const r = await running;
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: true, value: { stopped: true, acked: 0 } });
    // the service goes on: the next replay runs
    expect(await s.api.replayEvents({ eventIds: [], to: { url: silent.url } })).toMatchObject({ ok: true });
  });
});
