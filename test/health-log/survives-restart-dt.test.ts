/**
 * The DT Cloud view's memory survives `serve` being killed (-9) and started again: the
 * connector follower's changes (with the URL it pointed at) and the emulator's published →
 * received table, read from the running serve's own API as the inspector reads them. Against
 * the fake DT Cloud on 127.0.0.1 through the built CLI.
 */
import { describe, expect, it } from 'vitest';
import type { DtCloudInfo } from '../../shared/api/contract';
import type { DtEmulationView } from '../../shared/api/dt-cloud';
import { runningServe } from '../../electron/core/serve-control';
import { tempDir, until, useBuiltCli } from '../core/helpers';
import { serveFollowing, useFakeDtCloudEnv } from '../dt-cloud/serve-following';

const built = useBuiltCli();
const dt = useFakeDtCloudEnv();

async function api<T>(dir: string, method: string, ...args: unknown[]): Promise<T> {
  const serve = await until(() => runningServe(dir), 'the serve\'s control file');
  const r = await serve.call<T>(method as never, args, 10_000);
  if (!r.ok) throw new Error(`${method}: ${r.error}`);
  return r.value;
}

const dtInfo = async (dir: string) => {
  const info = await api<DtCloudInfo>(dir, 'getDtCloud');
  if (!info.configured) throw new Error('DT Cloud not configured');
  return info;
};

describe('DT Cloud health survives a restart', () => {
  it('kill -9, then start again: the follower\'s changes and the last emulation table are still reported', async () => {
    const dir = tempDir('ci-dt-health-serve-');
    const first = await serveFollowing(built.path, dir);
    const run = await api<DtEmulationView>(dir, 'dtEmulate', { project: 'prj-dev', type: 'temperature', count: 2 });
    expect(run.published).toHaveLength(2);
    await dt.fake.idle();
    const before = await until(async () => {
      const info = await dtInfo(dir);
      return info.emulation?.published.every((p) => p.receivedAt) ? info : undefined;
    }, 'both emulated events received', 10_000, 200);
    expect(before.followerChanges?.[0]).toMatchObject({ state: 'active', url: first.url });
    await new Promise((r) => setTimeout(r, 1_500)); // the health log flushes each second
    await first.serve.kill(); // SIGKILL: nothing written on the way out

    const second = await serveFollowing(built.path, dir);
    const after = await dtInfo(dir);
    // the table of the run before the restart, its arrivals matched again from the store
    expect(after.emulation).toMatchObject({ deviceId: run.deviceId, type: 'temperature' });
    expect(after.emulation!.published.map((p) => [p.n, p.publishedAt, p.eventId])).toEqual(before.emulation!.published.map((p) => [p.n, p.publishedAt, p.eventId]));
    expect(after.emulation!.published.every((p) => p.receivedAt && p.latencyMs !== undefined)).toBe(true);
    // this run's changes on top of the first run's: the old URL is still there, newest first
    const changes = after.followerChanges!;
    expect(changes[0]).toMatchObject({ state: 'active', url: second.url });
    expect(changes.some((c) => c.state === 'active' && c.url === first.url)).toBe(true);
    expect(changes.findIndex((c) => c.url === second.url)).toBeLessThan(changes.findIndex((c) => c.url === first.url));
    await second.serve.kill();
  });
});
