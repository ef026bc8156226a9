/**
 * What the tester was looking at is still there after `serve` is killed (-9) and started
 * again, and after a forwarding setting is saved: the Forwarding panel's 3 h figures, each
 * event's forward attempts, and the ack latencies of the stats. Through the built CLI and the
 * running serve's own API, as the inspector reads them.
 */
import { describe, expect, it } from 'vitest';
import type { ForwardAttemptView, ForwardStatusView } from '../../shared/api/forward';
import type { InboxStats } from '../../shared/api/contract';
import { runningServe } from '../../electron/core/serve-control';
import { signLikeDt } from '../../electron/core/signature';
import { dtBody, post, startServe, tempDir, until, useBuiltCli } from '../core/helpers';
import { startTarget } from '../forward/target';

const SECRET = 'dt-connector-secret';
const built = useBuiltCli();

async function api<T>(dir: string, method: string, ...args: unknown[]): Promise<T> {
  const serve = await until(() => runningServe(dir), 'the serve\'s control file');
  const r = await serve.call<T>(method as never, args, 5_000);
  if (!r.ok) throw new Error(`${method}: ${r.error}`);
  return r.value;
}

const forward = async (dir: string) => (await api<{ forward: ForwardStatusView | null }>(dir, 'getStatus')).forward;

describe('health survives a restart', () => {
  it('kill -9, then start again: forward figures, attempts and ack latencies are as they were', async () => {
    let refusals = 3;
    const t = await startTarget(() => (refusals-- > 0 ? 503 : 200));
    const dir = tempDir('ci-health-serve-');
    const args = ['--secret', SECRET, '--forward-to', t.url];
    const first = await startServe(built.path, dir, args);
    const sent = Array.from({ length: 5 }, () => dtBody({ timestamp: new Date().toISOString() }));
    for (const x of sent) expect((await post(first.url, x.raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(x.raw), SECRET) })).status).toBe(200);
    const before = await until(async () => {
      const f = await forward(dir);
      return f && f.delivered3h === 5 ? f : undefined;
    }, 'five delivered after three refusals', 20_000);
    expect(before.failed3h).toBe(3);
    const attemptsOf = async () => Promise.all(sent.map(async (x) => (await api<ForwardAttemptView[]>(dir, 'getForwardAttempts', x.eventId)).map((a) => a.outcome)));
    const attemptsBefore = await attemptsOf();
    // three refusals, each retried until it was taken: eight attempts, each event's last a 200
    expect(attemptsBefore.flat().filter((o) => o === 503)).toHaveLength(3);
    expect(attemptsBefore.every((list) => list.at(-1) === 200)).toBe(true);
    const stats = await api<InboxStats>(dir, 'getStats');
    expect(stats.ackMsMax).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_500)); // the health log flushes each second
    await first.kill(); // SIGKILL: no shutdown, nothing written on the way out

    const again = await startServe(built.path, dir, args);
    const after = await forward(dir);
    expect(after).toMatchObject({ delivered3h: 5, failed3h: 3, givenUp: 0, failingSince: null, lastOutcome: 200 });
    expect(after!.p99LatencyMs).not.toBeNull();
    expect(after!.lastErrors.map((e) => e.outcome)).toEqual([503, 503, 503]);
    expect(await attemptsOf()).toEqual(attemptsBefore);
    const statsAfter = await api<InboxStats>(dir, 'getStats');
    expect(statsAfter.ackMsMax).toBeCloseTo(stats.ackMsMax!, 1); // kept to 0.1 ms
    await again.kill();
    await t.close();
  }, 60_000);

  it('saving a forwarding setting keeps the figures and the attempts', async () => {
    const t = await startTarget(() => 200);
    const dir = tempDir('ci-health-serve-');
    const s = await startServe(built.path, dir, ['--secret', SECRET, '--forward-to', t.url]);
    const x = dtBody({ timestamp: new Date().toISOString() });
    expect((await post(s.url, x.raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(x.raw), SECRET) })).status).toBe(200);
    await until(async () => ((await forward(dir))?.delivered3h === 1 ? true : undefined), 'one delivered');
    await api(dir, 'setForwarding', { enabled: true, url: t.url, types: ['temperature'], headers: { 'X-Test': 'saved' } });
    const f = await forward(dir);
    expect(f).toMatchObject({ url: t.url, delivered3h: 1, failed3h: 0 });
    expect((await api<ForwardAttemptView[]>(dir, 'getForwardAttempts', x.eventId)).map((a) => a.outcome)).toEqual([200]);
    await s.kill();
    await t.close();
  }, 40_000);
});
