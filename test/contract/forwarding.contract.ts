/**
 * The forwarding half of the contract, over the real service (forwarding to a real target on
 * 127.0.0.1 that takes every delivery) and over FakeInboxApi: settings in and out with the
 * secret write-only, the figures in getStatus, and each event's attempts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboxApi } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { body, type InboxUnderTest } from './inbox-api.contract';

const SECRET = 'forward-contract-secret-9f2';

export function forwardingContract(name: string, make: () => Promise<InboxUnderTest & { forwardTo: string }>): void {
  describe(`InboxApi forwarding contract: ${name}`, () => {
    let inbox: InboxUnderTest & { forwardTo: string };
    let api: InboxApi;
    beforeAll(async () => {
      inbox = await make();
      api = inbox.api;
    });
    afterAll(() => inbox?.close());

    const everything = async () => JSON.stringify([await api.getForwarding(), await api.getStatus()]);
    const event = (id: string, type = 'touch') => body({ id, type, device: 'fwdcontractdev0000000001', at: new Date().toISOString().replace('Z', '000Z'), labels: {}, deviceType: 'touch' });

    it('starts off: no settings, no figures, no attempts', async () => {
      expect(await api.getForwarding()).toEqual({ ok: true, value: { config: null, status: null } });
      expect(await api.getForwardAttempts('fwdcontractevt0000000')).toEqual({ ok: true, value: [] });
      const st = await api.getStatus();
      expect(st.ok && st.value.forward).toBe(null);
    });

    it('refuses bad settings with a message that names the field', async () => {
      const bad = async (input: unknown) => (await dispatch(api, 'setForwarding', [input])).result;
      expect(await bad({ enabled: true, url: 'ftp://x', types: [], headers: {} })).toEqual({ ok: false, error: expect.stringMatching(/url.*http/) });
      expect(await bad({ enabled: true, url: inbox.forwardTo, types: [], headers: { 'X-Dt-Signature': 'x' } })).toEqual({ ok: false, error: expect.stringContaining('set by the forwarder') });
      expect(await bad({ enabled: true, url: inbox.forwardTo, types: [], headers: {}, secret: '' })).toMatchObject({ ok: false });
      expect(await api.getForwarding()).toEqual({ ok: true, value: { config: null, status: null } });
    });

    it('saves the settings, answers them without the secret, and forwards from then on', async () => {
      const r = await api.setForwarding({ enabled: true, url: inbox.forwardTo, secret: SECRET, types: ['touch'], headers: { 'X-Team': 'blue' } });
      expect(r).toEqual({ ok: true, value: { enabled: true, url: inbox.forwardTo, secretConfigured: true, types: ['touch'], headers: { 'X-Team': 'blue' } } });
      const info = await api.getForwarding();
      expect(info.ok && info.value.config).toEqual(r.ok && r.value);
      expect(info.ok && info.value.status).toMatchObject({ url: inbox.forwardTo, queueDepth: 0, delivered3h: 0, failed3h: 0, failingSince: null });
      expect(await everything()).not.toContain(SECRET);

      await inbox.deliver(event('fwdcontractevt0000001'));
      await inbox.deliver(event('fwdcontractevt0000002', 'temperature')); // not a wanted type
      await vi.waitFor(async () => {
        const a = await api.getForwardAttempts('fwdcontractevt0000001');
        expect(a.ok && a.value.map((x) => [x.eventId, x.outcome, x.next])).toEqual([['fwdcontractevt0000001', 200, 'delivered']]);
      }, { timeout: 10_000, interval: 50 });
      const attempts = await api.getForwardAttempts('fwdcontractevt0000001');
      const attempt = attempts.ok ? attempts.value[0]! : undefined;
      expect(Object.keys(attempt ?? {}).sort()).toEqual(['answer', 'at', 'eventId', 'latencyMs', 'next', 'outcome']);
      expect(attempt?.answer).toBe('ok');
      expect(attempt?.latencyMs).toBeGreaterThan(0);
      expect(await api.getForwardAttempts('fwdcontractevt0000002')).toEqual({ ok: true, value: [] });
      await vi.waitFor(async () => {
        const st = await api.getStatus();
        expect(st.ok && st.value.forward).toMatchObject({ queueDepth: 0, delivered3h: 1, failed3h: 0, lastOutcome: 200 });
      }, { timeout: 10_000, interval: 50 });
    });

    it('keeps the secret when none is given, clears it on null, and turns off', async () => {
      const kept = await api.setForwarding({ enabled: true, url: inbox.forwardTo, types: [], headers: {} });
      expect(kept.ok && kept.value).toEqual({ enabled: true, url: inbox.forwardTo, secretConfigured: true, types: [], headers: {} });
      const cleared = await api.setForwarding({ enabled: true, url: inbox.forwardTo, secret: null, types: [], headers: {} });
      expect(cleared.ok && cleared.value.secretConfigured).toBe(false);
      const off = await api.setForwarding({ enabled: false, url: inbox.forwardTo, types: [], headers: {} });
      expect(off.ok && off.value).toEqual({ enabled: false, url: inbox.forwardTo, secretConfigured: false, types: [], headers: {} });
      expect(await api.getForwarding()).toEqual({ ok: true, value: { config: off.ok && off.value, status: null } });
      const st = await api.getStatus();
      expect(st.ok && st.value.forward).toBe(null);
      await inbox.deliver(event('fwdcontractevt0000003'));
      expect(await api.getForwardAttempts('fwdcontractevt0000003')).toEqual({ ok: true, value: [] });
      expect(await everything()).not.toContain(SECRET);
    });
  });
}
