import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TunnelStatus } from '../../shared/api/contract';
import { createTunnel, type TunnelOptions } from '../../electron/core/tunnel';
import { fakeConnect, ngrokError, type Step } from './fake-connect';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(steps: Step[], extra: Partial<TunnelOptions> = {}) {
  const fake = fakeConnect(steps);
  const tunnel = createTunnel({ port: 8080, authtoken: 'tok', connect: fake.connect, ...extra });
  const seen: TunnelStatus[] = [];
  tunnel.onStatus((s) => seen.push(s));
  return { tunnel, seen, ...fake };
}

describe('tunnel state machine', () => {
  it('goes online with the listener URL and forwards only to the receiver port', async () => {
    const { tunnel, seen, calls } = setup([{ kind: 'ok', url: 'https://abc.ngrok.app', delayMs: 100 }], { domain: 'abc.ngrok.app' });
    const started = tunnel.start();
    expect(tunnel.status()).toEqual({ state: 'connecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(100);
    await expect(started).resolves.toEqual({ state: 'online', url: 'https://abc.ngrok.app' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ addr: 8080, authtoken: 'tok', domain: 'abc.ngrok.app' });
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'online']);
  });

  it('refuses to start without an authtoken and never calls connect', async () => {
    const { tunnel, calls } = setup([], { authtoken: undefined });
    const s = await tunnel.start();
    expect(s).toMatchObject({ state: 'error', code: 'no_authtoken' });
    expect(s.state === 'error' && s.message).toMatch(/dashboard\.ngrok\.com/);
    expect(calls).toHaveLength(0);
    tunnel.configure({ authtoken: 'new' });
    expect(tunnel.status()).toEqual({ state: 'off' });
    expect(tunnel.isConfigured()).toEqual({ authtoken: true });
  });

  it.each([
    ['ERR_NGROK_105', 'authtoken_rejected'],
    ['ERR_NGROK_107', 'authtoken_rejected'],
    ['ERR_NGROK_4018', 'no_authtoken'],
    ['ERR_NGROK_320', 'domain_not_yours'],
  ])('does not retry the unrecoverable %s', async (code, expected) => {
    const { tunnel, calls } = setup([{ kind: 'reject', error: ngrokError('nope', code) }], { domain: 'mine.example' });
    const s = await (async () => {
      const p = tunnel.start();
      await vi.advanceTimersByTimeAsync(0);
      return p;
    })();
    expect(s).toMatchObject({ state: 'error', code: expected });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toHaveLength(1);
  });

  it('retries offline failures with capped exponential backoff, then gives up with an actionable error', async () => {
    const err = () => ngrokError('failed to connect session: failed to establish tcp connection');
    const steps: Step[] = Array.from({ length: 6 }, () => ({ kind: 'reject' as const, error: err() }));
    const { tunnel, seen, calls } = setup(steps, { initialBackoffMs: 1000, maxBackoffMs: 4000, maxAttempts: 6 });
    const first = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    await expect(first).resolves.toMatchObject({ state: 'reconnecting', attempt: 2, retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(6);
    const delays = seen.filter((s) => s.state === 'reconnecting').map((s) => (s.state === 'reconnecting' ? s.retryInMs : 0));
    expect(delays).toEqual([1000, 2000, 4000, 4000, 4000]);
    const last = tunnel.status();
    expect(last).toMatchObject({ state: 'error', code: 'offline' });
    expect(last.state === 'error' && last.message).toMatch(/offline.*Gave up after 6 attempts/s);
  });

  it('times out a hanging connect, retries, and closes the listener that arrives late', async () => {
    const { tunnel, listeners, releases, calls } = setup(
      [{ kind: 'late', url: 'https://late.ngrok.app' }, { kind: 'ok', url: 'https://second.ngrok.app' }],
      { connectTimeoutMs: 15_000, initialBackoffMs: 500 },
    );
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(14_999);
    expect(tunnel.status().state).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toMatchObject({ state: 'reconnecting', message: expect.stringMatching(/within 15 s/) });
    await vi.advanceTimersByTimeAsync(501);
    expect(tunnel.status()).toEqual({ state: 'online', url: 'https://second.ngrok.app' });
    releases[0]!(); // the first attempt finally answers
    await vi.advanceTimersByTimeAsync(0);
    const late = listeners.find((l) => l.opts === calls[0]);
    expect(late?.closed).toBe(true);
    expect(tunnel.status()).toEqual({ state: 'online', url: 'https://second.ngrok.app' });
  });

  it('never reports online without a URL', async () => {
    const { tunnel, listeners } = setup([{ kind: 'ok', url: null }], { maxAttempts: 1 });
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    await expect(p).resolves.toMatchObject({ state: 'error', code: 'unknown' });
    expect(listeners[0]?.closed).toBe(true);
  });

  it('after a drop waits for ngrok to restore the session, then starts over if it does not', async () => {
    const { tunnel, listeners, calls } = setup(
      [{ kind: 'ok', url: 'https://a.ngrok.app' }, { kind: 'ok', url: 'https://b.ngrok.app' }],
      { reconnectGraceMs: 10_000 },
    );
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    await p;
    // ngrok restores its own session within the grace period: back online, no new connect
    calls[0]!.onStatusChange('closed');
    expect(tunnel.status()).toMatchObject({ state: 'reconnecting', retryInMs: 10_000 });
    calls[0]!.onStatusChange('connected');
    expect(tunnel.status()).toEqual({ state: 'online', url: 'https://a.ngrok.app' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(1);
    // it does not: the old listener is closed and a new one connected
    calls[0]!.onStatusChange('closed');
    await vi.advanceTimersByTimeAsync(10_001);
    expect(listeners[0]!.closed).toBe(true);
    expect(calls).toHaveLength(2);
    expect(tunnel.status()).toEqual({ state: 'online', url: 'https://b.ngrok.app' });
  });

  it('ignores status changes fired during a failing connect (ngrok reports "closed" before rejecting)', async () => {
    const steps: Step[] = [{ kind: 'reject', error: ngrokError('failed to establish tcp connection'), delayMs: 10 }];
    const { tunnel, calls } = setup(steps, { maxAttempts: 1 });
    void tunnel.start();
    calls[0]!.onStatusChange('closed');
    expect(tunnel.status()).toEqual({ state: 'connecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(tunnel.status()).toMatchObject({ state: 'error', code: 'offline' });
  });

  it('stop() cancels a pending retry and an attempt in flight, and closes what arrives later', async () => {
    const { tunnel, calls, releases, listeners } = setup([{ kind: 'late', url: 'https://x.ngrok.app' }]);
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(tunnel.stop()).resolves.toEqual({ state: 'off' });
    await expect(p).resolves.toEqual({ state: 'off' });
    releases[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(listeners[0]!.closed).toBe(true);
    expect(tunnel.status()).toEqual({ state: 'off' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() closes the live listener even when close() hangs (bounded)', async () => {
    const { tunnel, listeners } = setup([{ kind: 'ok', url: 'https://x.ngrok.app' }], { closeTimeoutMs: 2000 });
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    await p;
    listeners[0]!.close = () => new Promise(() => undefined);
    const stopped = tunnel.stop();
    expect(tunnel.status()).toEqual({ state: 'off' });
    await vi.advanceTimersByTimeAsync(2000);
    await expect(stopped).resolves.toEqual({ state: 'off' });
  });

  it('start() while running is idempotent', async () => {
    const { tunnel, calls } = setup([{ kind: 'ok', url: 'https://x.ngrok.app', delayMs: 50 }]);
    void tunnel.start();
    await expect(tunnel.start()).resolves.toEqual({ state: 'connecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toHaveLength(1);
  });

  it('session limit retries (the other session may end)', async () => {
    const { tunnel } = setup([{ kind: 'reject', error: ngrokError('limited to 1 simultaneous ngrok agent sessions', 'ERR_NGROK_108') }]);
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    await expect(p).resolves.toMatchObject({ state: 'reconnecting', message: expect.stringMatching(/one agent session/) });
    await tunnel.stop();
  });
});

describe('tunnel messages never carry the authtoken', () => {
  it('an unknown ngrok error quoting the token is shown with the token masked', async () => {
    const token = '2xSECRETtokenVALUE_abcdef123456';
    const { tunnel } = setup([{ kind: 'reject', error: ngrokError(`weird failure for authtoken ${token} (code 9)`) }], { authtoken: token, maxAttempts: 1 });
    const p = tunnel.start();
    await vi.advanceTimersByTimeAsync(0);
    const s = await p;
    expect(s.state).toBe('error');
    expect(JSON.stringify(s)).not.toContain(token);
    expect(JSON.stringify(s)).toContain('[authtoken]');
  });
});
