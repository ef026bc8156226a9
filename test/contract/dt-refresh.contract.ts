/**
 * The DT Cloud refresh fields of the contract, over the real service (with a DT controller
 * against the fake DT Cloud) and over FakeInboxApi: the watch lease, the refresh stamp and its
 * push, the zod schemas of shared/api/dt-refresh.ts, the follower's changes, and one connector's
 * metrics on demand.
 */
import { describe, expect, it } from 'vitest';
import type { DtCloudInfo, InboxApi, PushMessage } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { dtConnectorMetricsSchema, dtRefreshSchema } from '../../shared/api/dt-refresh';

export interface DtInboxUnderTest {
  /** configured for project prj-dev, with our connector `ours` listed */
  api: InboxApi;
  ours: string;
  close(): Promise<void>;
}

const configured = (r: { ok: boolean; value?: DtCloudInfo; error?: string }) => {
  if (!r.ok) throw new Error(r.error);
  if (!r.value!.configured) throw new Error('not configured');
  return r.value!;
};

export function dtRefreshContract(name: string, make: () => Promise<DtInboxUnderTest>): void {
  describe(`DT Cloud refresh contract: ${name}`, () => {
    it('a watch answers its lease; a refresh stamps updatedAt, schedules the next and pushes the table', async () => {
      const u = await make();
      try {
        const t0 = Date.now();
        const watch = await u.api.watchDtCloud();
        if (!watch.ok) throw new Error(watch.error);
        const lease = dtRefreshSchema.parse(watch.value);
        expect(Date.parse(lease.watchedUntil!)).toBeGreaterThan(t0);

        const pushed: PushMessage[] = [];
        const off = u.api.subscribe((m) => pushed.push(m));
        const info = configured(await u.api.dtRefresh());
        const r = dtRefreshSchema.parse(info.refresh);
        expect(Date.parse(r.updatedAt!)).toBeGreaterThanOrEqual(t0 - 1_000);
        expect(Date.parse(r.nextRefreshAt!)).toBeGreaterThan(Date.parse(r.updatedAt!));
        expect(r.lastError).toBeUndefined();
        expect(r.rateLimitedUntil).toBeUndefined();
        expect(info.connectors.find((c) => c.ours)?.id).toBe(u.ours);
        await new Promise((res) => setTimeout(res, 50));
        off();
        const push = pushed.find((m): m is Extract<PushMessage, { type: 'dtCloud' }> => m.type === 'dtCloud');
        expect(push && configured({ ok: true, value: push.info }).refresh?.updatedAt).toBe(r.updatedAt);

        // getDtCloud answers the same stamp: reading the view is not a refresh
        expect(dtRefreshSchema.parse(configured(await u.api.getDtCloud()).refresh).updatedAt).toBe(r.updatedAt);
      } finally {
        await u.close();
      }
    });

    it('getDtCloud lists the follower\'s changes to our connector, newest first, each with its time, state and URL', async () => {
      const u = await make();
      try {
        const info = configured(await u.api.getDtCloud());
        const changes = info.followerChanges ?? [];
        expect(changes.length).toBeGreaterThan(0);
        for (const c of changes) {
          expect(Number.isFinite(Date.parse(c.at))).toBe(true);
          expect(['waiting', 'syncing', 'active', 'disabled', 'retrying', 'stopped']).toContain(c.state);
          expect(c.project).toBe('prj-dev');
          expect(typeof c.systemDisabled).toBe('boolean');
        }
        expect([...changes].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))).toEqual(changes);
        const last = changes[0]!;
        expect(last).toMatchObject({ state: 'active', connectorId: u.ours, systemDisabled: false });
        expect(last.url).toMatch(/^https?:\/\//);
        expect(info.follower).toMatchObject({ state: 'active', connectorId: u.ours });
      } finally {
        await u.close();
      }
    });

    it('one connector\'s metrics on demand; an unknown one is an error; bad arguments never reach DT', async () => {
      const u = await make();
      try {
        const m = await u.api.dtConnectorMetrics({ project: 'prj-dev', connectorId: u.ours });
        if (!m.ok) throw new Error(m.error);
        expect(dtConnectorMetricsSchema.parse(m.value).successCount).toBeGreaterThanOrEqual(0);
        expect((await u.api.dtConnectorMetrics({ project: 'prj-dev', connectorId: 'nosuchconnector' })).ok).toBe(false);
        expect((await dispatch(u.api, 'dtConnectorMetrics', [{ project: '../x', connectorId: 'a' }])).kind).toBe('invalid-arguments');
        expect((await dispatch(u.api, 'watchDtCloud', [1])).kind).toBe('invalid-arguments');
      } finally {
        await u.close();
      }
    });
  });
}
