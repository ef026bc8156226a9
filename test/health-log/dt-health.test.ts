/**
 * The DT Cloud view's memory across restarts: the connector follower's changes (not every
 * status: a retry countdown is not a change) and the last emulator run come back from the log.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openHealthLog } from '../../electron/core/health-log';
import { createDtHealth } from '../../electron/core/dt-cloud/dt-health';
import type { FollowerStatus } from '../../electron/core/dt-cloud';
import { cleanupTempDirs, tempDir } from '../core/helpers';

afterAll(cleanupTempDirs);

const status = (over: Partial<FollowerStatus>): FollowerStatus => ({ state: 'active', project: 'prj', connectorId: 'c1', url: 'https://a.example/', systemDisabled: false, ...over });

describe('DT Cloud health', () => {
  it('keeps the follower\'s changes and the last emulation through a restart', async () => {
    const dir = tempDir('ci-dt-health-');
    let t = Date.parse('2026-12-06T08:00:00Z');
    const log = await openHealthLog(dir);
    const h = createDtHealth(log, () => t);
    h.follower(status({ state: 'syncing', url: undefined }));
    t += 1_000;
    h.follower(status({}));
    h.follower(status({})); // the same again: not a change
    t += 60_000;
    h.follower(status({ state: 'retrying', lastError: 'DT Cloud answered 503', nextRetryInMs: 2_000 }));
    h.follower(status({ state: 'retrying', lastError: 'DT Cloud answered 503', nextRetryInMs: 4_000 })); // a countdown, not a change
    t += 60_000;
    h.follower(status({ state: 'active', systemDisabled: true }));
    h.emulated({ project: 'prj', deviceId: 'emu1', deviceKind: 'temperature', type: 'temperature', published: [{ n: 1, publishedAt: new Date(t).toISOString() }] });
    await log.close();

    const again = createDtHealth(await openHealthLog(dir));
    expect(again.changes().map((c) => [c.state, c.systemDisabled, c.error ?? ''])).toEqual([
      ['active', true, ''], ['retrying', false, 'DT Cloud answered 503'], ['active', false, ''], ['syncing', false, ''],
    ]);
    expect(again.changes()[0]!.at).toBe('2026-12-06T08:02:01.000Z');
    expect(again.lastEmulation()).toMatchObject({ deviceId: 'emu1', published: [{ n: 1 }] });
  });
});
