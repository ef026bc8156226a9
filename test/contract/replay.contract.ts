/**
 * replayEvents as the inspector uses it, over any implementation (the real service, and the
 * fake wired to the service's replay): the picked or matching stored events reach the
 * receiver as the exact bytes stored, signed with the secret given
 * for this run (which never comes back), with progress pushed from 0 to the total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxApi, PushMessage } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { MAX_REPLAY_IDS } from '../../shared/api/replay';
import { startReceiver, type TestReceiver } from '../check/receiver';
import { body, type InboxUnderTest } from './inbox-api.contract';

const SECRET = 'replay-target-secret-7f3';
const D = 'contractdev00000000000r';
const at = (hms: string) => `2026-03-02T${hms}.000000Z`;
const ev = (n: number, type: string, hms: string) =>
  body({ id: `contractreplay00000${n}`, type, device: D, at: at(hms), labels: { name: 'Rack' }, deviceType: 'temperature' });
/** arrival order differs from event time order: r3 is the oldest */
const E = [ev(1, 'temperature', '10:01:00'), ev(2, 'touch', '10:02:00'), ev(3, 'temperature', '09:00:00'), ev(4, 'temperature', '10:03:00')];
const raw = (i: number) => JSON.stringify(E[i]);
const idOf = (i: number) => E[i]!.event.eventId;

export function replayContract(name: string, make: () => Promise<InboxUnderTest>): void {
  describe(`replayEvents contract: ${name}`, () => {
    let inbox: InboxUnderTest;
    let api: InboxApi;
    let target: TestReceiver;
    const pushes: PushMessage[] = [];
    const progress = () => pushes.flatMap((m) => (m.type === 'replayProgress' ? [[m.done, m.total]] : []));
    beforeAll(async () => {
      inbox = await make();
      api = inbox.api;
      api.subscribe((m) => pushes.push(m));
      for (const b of E) await inbox.deliver(b);
      target = await startReceiver({ secret: SECRET });
    });
    afterAll(async () => {
      await target?.close();
      await inbox?.close();
    });

    it('replays the selected events as the stored bytes, signed with the secret given; unknown ids are skipped', async () => {
      pushes.length = 0;
      const r = await api.replayEvents({ eventIds: [idOf(3), idOf(2), idOf(0), 'contractnotstored0001'], to: { url: target.url, secret: SECRET } });
      if (!r.ok) throw new Error(r.error);
      // requests go out in parallel (as DT's do), so the arrival order is not asserted here
      expect(target.received.map((x) => x.raw.toString('utf8')).sort()).toEqual([raw(0), raw(2), raw(3)].sort());
      expect(target.received.map((x) => x.verdict)).toEqual(['valid', 'valid', 'valid']);
      expect(r.value).toMatchObject({ sent: 3, acked: 3, failed: 0, deliveries: 3, statuses: { 200: 3 }, devices: 1 });
      expect(JSON.stringify(r.value)).not.toContain(SECRET);
      expect(progress()[0]).toEqual([0, 3]);
      expect(progress().at(-1)).toEqual([3, 3]);
    });

    it('replays all events matching a filter (unsigned without a secret), and counts what the receiver refused', async () => {
      target.received.length = 0;
      const r = await api.replayEvents({ filter: { types: ['temperature'] }, to: { url: target.url } });
      if (!r.ok) throw new Error(r.error);
      expect([...new Set(target.received.map((x) => x.raw.toString('utf8')))].sort()).toEqual([raw(2), raw(0), raw(3)].sort());
      expect(target.received.every((x) => x.token === undefined)).toBe(true);
      // the receiver wants a signature: every attempt is refused, retried, and the events count as failed
      expect(r.value).toMatchObject({ sent: 3, acked: 0, failed: 3 });
      expect(r.value.statuses['401']).toBe(r.value.deliveries);
    });

    it('"forward" without a forward target is a clear failure; nothing is sent', async () => {
      target.received.length = 0;
      const r = await api.replayEvents({ filter: {}, to: 'forward' });
      expect(r).toEqual({ ok: false, error: expect.stringContaining('no forward target set') });
      expect(target.received).toHaveLength(0);
    });

    it('refuses bad requests before anything is sent', async () => {
      const call = (req: unknown) => dispatch(api, 'replayEvents', [req]);
      const to = { url: target.url };
      expect((await call({ to })).kind).toBe('invalid-arguments'); // neither ids nor a filter
      expect((await call({ eventIds: [idOf(0)], filter: {}, to })).kind).toBe('invalid-arguments');
      expect((await call({ eventIds: [idOf(0)], to: { url: 'ftp://127.0.0.1/x' } })).kind).toBe('invalid-arguments');
      expect((await call({ eventIds: [idOf(0)], to: { url: 'not a url' } })).kind).toBe('invalid-arguments');
      const many = await call({ eventIds: Array.from({ length: MAX_REPLAY_IDS + 1 }, (_, i) => `contractmany${i}`), to });
      expect(many.kind).toBe('invalid-arguments');
      expect(many.result).toEqual({ ok: false, error: expect.stringContaining(`at most ${MAX_REPLAY_IDS}`) });
      expect((await call({ eventIds: [idOf(0)], to })).kind).toBe('answered');
    });
  });
}
