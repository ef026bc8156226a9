/**
 * The connector follower against the fake DT Cloud, with a manual clock and a public-URL
 * source the test moves: it points one connector at the URL, follows URL changes, disables
 * after 5 min without a URL and re-enables, retries when DT fails, reports SYSTEM_DISABLED,
 * disables on stop, and never waits on a silent DT past the stop deadline.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectorFollower, createDtClient, endpointsFromEnv, serviceAccountFromEnv, type ConnectorFollower, type FollowerClock, type FollowerStatus, type PublicUrlSource } from '../../electron/core/dt-cloud';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { nodeClock } from '../../electron/core/node-clock';
import { until } from '../core/helpers';
import { ManualClock } from './manual-clock';

class Urls implements PublicUrlSource {
  private listeners = new Set<(u: string | undefined) => void>();
  constructor(private url: string | undefined) {}
  current = () => this.url;
  onChange(l: (u: string | undefined) => void) {
    this.listeners.add(l);
    return () => { this.listeners.delete(l); };
  }
  set(u: string | undefined) {
    this.url = u;
    for (const l of this.listeners) l(u);
  }
}

let fake: FakeDtCloud;
let clock: ManualClock;
const followers: ConnectorFollower[] = [];
beforeEach(async () => {
  fake = await startFakeDtCloud();
  clock = new ManualClock();
});
afterEach(async () => {
  await Promise.all(followers.splice(0).map((f) => f.stop(1_000)));
  await fake.close();
});

function follower(urls: PublicUrlSource, over: { connectorId?: string; env?: Record<string, string>; clock?: FollowerClock; timeoutMs?: number; random?: () => number } = {}) {
  const env = { ...fake.env, ...over.env };
  const client = createDtClient({ account: serviceAccountFromEnv(env), endpoints: endpointsFromEnv(env), timeoutMs: over.timeoutMs, sleep: async () => {} });
  const f = createConnectorFollower({
    client, project: 'prj-dev', displayName: 'Connector Inbox (test-host)', signatureSecret: 'inbox-secret-0123456789',
    urls, clock: over.clock ?? clock, connectorId: over.connectorId, random: over.random ?? (() => 0.5), // 0.5: no jitter
  });
  const seen: FollowerStatus[] = [];
  f.onStatus((s) => seen.push(s));
  followers.push(f);
  f.start();
  return { f, seen };
}
const settled = (f: ConnectorFollower, state: FollowerStatus['state']) => until(() => (f.status().state === state ? f.status() : undefined), `follower ${state}`);
const only = () => {
  const all = fake.connectorsOf('prj-dev');
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('following the public URL', () => {
  it('creates one connector at the URL with the inbox secret; a URL change updates it; a restart reuses it', async () => {
    const urls = new Urls('https://one.example/');
    const { f } = follower(urls);
    await settled(f, 'active');
    expect(only()).toMatchObject({ displayName: 'Connector Inbox (test-host)', status: 'ACTIVE', labels: ['name'], httpConfig: { url: 'https://one.example/', signatureSecret: 'inbox-secret-0123456789' } });
    urls.set('https://two.example/');
    await until(() => (only().httpConfig?.url === 'https://two.example/' ? true : undefined), 'the new URL at DT');
    await settled(f, 'active');
    expect(f.status()).toMatchObject({ url: 'https://two.example/', connectorId: only().name.split('/').pop() });
    await f.stop(2_000);
    expect(only().status).toBe('USER_DISABLED');
    const again = follower(new Urls('https://three.example/'));
    await settled(again.f, 'active');
    expect(only()).toMatchObject({ status: 'ACTIVE', httpConfig: { url: 'https://three.example/' } });
  });

  it('a connector the user disabled stays disabled when the URL changes, until resync', async () => {
    const urls = new Urls('https://one.example/');
    const { f } = follower(urls);
    await settled(f, 'active');
    const id = only().name.split('/').pop()!;
    // the user disables it (what the DT Cloud view does: hold, then DT's update)
    f.hold();
    await createDtClient({ account: serviceAccountFromEnv(fake.env), endpoints: endpointsFromEnv(fake.env), sleep: async () => {} }).updateConnector('prj-dev', id, { status: 'USER_DISABLED' });
    await f.refresh();
    expect(f.status().state).toBe('disabled');
    urls.set('https://two.example/');
    // a step that re-applies the URL starts at once (state 'syncing'); held, none starts
    expect(f.status().state).toBe('disabled');
    await f.refresh();
    expect(only()).toMatchObject({ status: 'USER_DISABLED', httpConfig: { url: 'https://one.example/' } });
    // Enable (or Connect) resyncs: the new URL, ACTIVE
    await f.resync();
    expect(only()).toMatchObject({ status: 'ACTIVE', httpConfig: { url: 'https://two.example/' } });
  });

  it('waits for a URL before touching DT', async () => {
    const urls = new Urls(undefined);
    const { f } = follower(urls);
    clock.advance(60_000);
    expect(fake.requests).toHaveLength(0);
    urls.set('https://late.example/');
    await settled(f, 'active');
    expect(only().status).toBe('ACTIVE');
  });

  it('disables after 5 minutes without a URL, and re-enables when it is back', async () => {
    const urls = new Urls('https://one.example/');
    const { f } = follower(urls);
    await settled(f, 'active');
    urls.set(undefined);
    clock.advance(4 * 60_000 + 59_000);
    expect(f.status().state).toBe('active'); // a short outage is ridden out: no step started
    expect(only().status).toBe('ACTIVE');
    clock.advance(1_000);
    await settled(f, 'disabled');
    expect(only().status).toBe('USER_DISABLED');
    urls.set('https://one.example/');
    await settled(f, 'active');
    expect(only().status).toBe('ACTIVE');
  });
});

describe('when DT misbehaves', () => {
  it('a failure is shown with the next retry; the retry (backoff on the clock) succeeds', async () => {
    fake.failing = { remaining: 1, status: 503 };
    const { f } = follower(new Urls('https://one.example/'));
    const s = await settled(f, 'retrying');
    expect(s.lastError).toMatch(/503/);
    expect(s.nextRetryInMs).toBe(2_000);
    expect(fake.connectorsOf('prj-dev')).toHaveLength(0);
    clock.advance(2_000);
    await settled(f, 'active');
    expect(f.status().lastError).toBeUndefined();
    expect(only().status).toBe('ACTIVE');
  });

  it('retries wait 2 s doubling to 60 s, spread ±20 % so many inboxes do not retry DT together', async () => {
    fake.failing = { remaining: 6, status: 503 };
    const { f } = follower(new Urls('https://one.example/'), { random: () => 0 }); // the low end of the spread
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = await until(() => (f.status().state === 'retrying' && f.status().nextRetryInMs !== waits.at(-1) ? f.status() : undefined), `retry ${i + 1}`);
      waits.push(s.nextRetryInMs!);
      clock.advance(s.nextRetryInMs!);
    }
    expect(waits).toEqual([1_600, 3_200, 6_400, 12_800, 25_600, 48_000]); // the sixth: 64 s capped at 60 s, less 20 %
    await settled(f, 'active');
  });

  it('SYSTEM_DISABLED is reported: found at start (then re-enabled) and noticed by the poll', async () => {
    fake.addConnector('prj-dev', { displayName: 'Connector Inbox (test-host)', status: 'SYSTEM_DISABLED', httpConfig: { url: 'https://old.example/' } });
    const { f, seen } = follower(new Urls('https://one.example/'));
    await settled(f, 'active');
    expect(seen.some((s) => s.systemDisabled)).toBe(true);
    expect(f.status().systemDisabled).toBe(false);
    only().status = 'SYSTEM_DISABLED'; // DT gives up on it while we run
    clock.advance(5 * 60_000);
    await settled(f, 'disabled');
    expect(f.status().systemDisabled).toBe(true);
  });

  it('stop against a silent DT returns by the deadline and says the connector may still be active', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const dead = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const { f } = follower(new Urls('https://one.example/'), { env: { DT_IDENTITY_URL: `${dead}/oauth2/token` }, clock: nodeClock, timeoutMs: 60_000, connectorId: 'dc1' });
      await f.stop(300);
      expect(f.status()).toMatchObject({ state: 'stopped', lastError: expect.stringMatching(/did not answer within 300 ms.*may still be ACTIVE/) });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

