/**
 * A 429 without Retry-After: the refresher widens its interval with the house backoff
 * (electron/core/backoff.ts: 1 min, 2 min, … on fake time) and is back to 30 s once DT answers.
 * The DT client here is a collaborator that answers 429 on cue; the refresher is the real one.
 */
import { expect, it } from 'vitest';
import { createDtRefresher, type DtClient } from '../../electron/core/dt-cloud';
import { DtCloudError } from '../../electron/core/dt-cloud/errors';
import { ManualClock } from './manual-clock';

it('429 without Retry-After: 1 min, then 2 min, then the 30 s pace again', async () => {
  const clock = new ManualClock(Date.parse('2026-12-07T08:00:00Z'));
  let limited = 0;
  const listed: number[] = [];
  const client = {
    listConnectors: async () => {
      listed.push(clock.now());
      if (limited > 0) { limited--; throw new DtCloudError('rate_limited', 'DT Cloud answered 429 to list the data connectors', 429); }
      return { items: [{ name: 'projects/p/dataconnectors/dc1', displayName: 'Ours', type: 'HTTP_PUSH', status: 'ACTIVE', events: [], labels: [] }], nextPageToken: '' };
    },
    connectorMetrics: async () => ({ successCount: 1, errorCount: 0, latency99p: '0.1s' }),
  } as unknown as DtClient;
  const r = createDtRefresher({ clock, target: () => ({ client, project: 'p', ours: 'dc1' }), random: () => 0.5 });
  const settle = () => new Promise((res) => setTimeout(res, 0));
  const step = async (ms: number) => { for (let t = 0; t < ms; t += 1_000) { clock.advance(1_000); await settle(); } };
  const t0 = clock.now();
  r.watch();
  await settle();
  const renew = async (ms: number) => { for (let t = 0; t < ms; t += 20_000) { r.watch(); await step(20_000); } };
  limited = 2;
  await renew(30_000); // to 40 s: the first 429 at 30 s
  expect(listed.map((t) => t - t0)).toEqual([0, 30_000]);
  expect(Date.parse(r.table()!.refresh.rateLimitedUntil!)).toBe(t0 + 30_000 + 60_000);
  await renew(80_000); // to 120 s: the second 429 at 90 s (1 min later), then 2 min
  expect(listed.map((t) => t - t0)).toEqual([0, 30_000, 90_000]);
  expect(Date.parse(r.table()!.refresh.nextRefreshAt!)).toBe(t0 + 90_000 + 120_000);
  await renew(160_000); // to 280 s: DT answers at 210 s, then every 30 s
  expect(listed.map((t) => t - t0)).toEqual([0, 30_000, 90_000, 210_000, 240_000, 270_000]);
  expect(r.table()!.refresh.rateLimitedUntil).toBeUndefined();
  expect(r.table()!.connectors[0]).toMatchObject({ id: 'dc1', ours: true, metrics: { successCount: 1 } });
  r.stop();
});
