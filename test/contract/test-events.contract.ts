/**
 * "Send test events" (shared/api/test-events.ts) as the empty Events view uses it, over the real
 * service and the fake: the events land in the inbox like DT's, of several kinds, signed when the
 * inbox has a secret; and the status says there is no tunnel to manage in `serve` without --tunnel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxUnderTest } from './inbox-api.contract';

export function testEventsContract(name: string, make: () => Promise<InboxUnderTest>): void {
  describe(`sendTestEvents: ${name}`, () => {
    let inbox: InboxUnderTest;
    beforeAll(async () => { inbox = await make(); });
    afterAll(() => inbox?.close());

    it('fills an empty inbox with that many events of several kinds, verified when a secret is set', async () => {
      const status = await inbox.api.getStatus();
      if (!status.ok) throw new Error(status.error);
      expect(status.value.tunnelManaged).toBe(false);
      const r = await inbox.api.sendTestEvents({ count: 40 });
      expect(r).toEqual({ ok: true, value: { sent: 40, acked: 40, signed: status.value.secretsConfigured > 0 } });
      const page = await inbox.api.queryEvents({ filter: {}, offset: 0, limit: 100 });
      if (!page.ok) throw new Error(page.error);
      expect(page.value.total).toBe(40);
      expect(new Set(page.value.rows.map((e) => e.eventType)).size).toBeGreaterThan(3);
      expect(new Set(page.value.rows.map((e) => e.signature))).toEqual(new Set([status.value.secretsConfigured > 0 ? 'valid' : 'unverified']));
    });
  });
}
