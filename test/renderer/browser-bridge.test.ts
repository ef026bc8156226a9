import { describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, type BridgeEnv } from '../../renderer/src/api/browser-bridge';
import { takeToken } from '../../renderer/src/api/token';
import { createConnectionWatch, type Connection } from '../../renderer/src/api/connection';
import type { PushMessage } from '../../shared/api/contract';

function env(responses: Array<{ status: number; body: string }>) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const sources: Array<{ url: string; closed: boolean; onmessage: ((e: MessageEvent) => void) | null; onerror: (() => void) | null; onopen: (() => void) | null; close(): void }> = [];
  const downloads: string[] = [];
  const e: BridgeEnv = {
    token: 'tok en',
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      const r = responses.shift() ?? { status: 200, body: '{"ok":true,"value":null}' };
      return new Response(r.body, { status: r.status });
    }) as typeof fetch,
    openEvents: (url) => {
      const s = { url, closed: false, onmessage: null, onerror: null, onopen: null, close() { this.closed = true; } };
      sources.push(s);
      return s as never;
    },
    download: (url) => downloads.push(url),
  };
  return { e, requests, sources, downloads };
}

describe('browser bridge', () => {
  it('POSTs the argument array with the bearer token and returns the Result', async () => {
    const t = env([{ status: 200, body: '{"ok":true,"value":{"total":1}}' }]);
    const api = createBrowserBridge(t.e);
    const r = await api.getEvent('abc');
    expect(r).toEqual({ ok: true, value: { total: 1 } });
    expect(t.requests[0]!.url).toBe('/api/getEvent');
    expect(t.requests[0]!.init.method).toBe('POST');
    expect(t.requests[0]!.init.body).toBe('["abc"]');
    expect((t.requests[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok en');
  });

  it('turns refusals and network errors into failed Results', async () => {
    const t = env([{ status: 400, body: '{"ok":false,"error":"invalid arguments"}' }, { status: 401, body: 'nope' }]);
    const api = createBrowserBridge(t.e);
    expect(await api.listDevices()).toEqual({ ok: false, error: 'invalid arguments' });
    expect(await api.listDevices()).toMatchObject({ ok: false, error: expect.stringMatching(/^HTTP 401/) });
    const broken = createBrowserBridge({ ...t.e, fetch: (async () => { throw new Error('down'); }) as never });
    expect(await broken.getStats()).toEqual({ ok: false, error: 'cannot reach the inbox: down' });
  });

  it('shares one EventSource among subscribers and closes it with the last one', () => {
    const t = env([]);
    const api = createBrowserBridge(t.e);
    const got: PushMessage[] = [];
    const un1 = api.subscribe((m) => got.push(m));
    const un2 = api.subscribe(() => undefined);
    expect(t.sources).toHaveLength(1);
    expect(t.sources[0]!.url).toBe('/api/push?token=tok%20en');
    t.sources[0]!.onmessage!({ data: '{"type":"exportProgress","done":1,"total":2}' } as MessageEvent);
    t.sources[0]!.onmessage!({ data: 'garbage' } as MessageEvent);
    expect(got).toEqual([{ type: 'exportProgress', done: 1, total: 2 }]);
    // after a reconnect, listeners are told to refetch
    t.sources[0]!.onerror!();
    t.sources[0]!.onopen!();
    expect(got.at(-1)).toEqual({ type: 'events', added: 0, latest: [] });
    un1();
    expect(t.sources[0]!.closed).toBe(false);
    un2();
    expect(t.sources[0]!.closed).toBe(true);
  });

  it('exports by counting first, then downloading with a single-use ticket for the filter (no token in the URL)', async () => {
    const t = env([
      { status: 200, body: '{"ok":true,"value":{"total":10,"matched":4,"offset":0,"rows":[]}}' },
      { status: 200, body: '{"ok":true,"value":{"ticket":"t1+/="}}' },
    ]);
    const api = createBrowserBridge(t.e);
    const r = await api.exportEvents({ types: ['touch'] });
    expect(r).toEqual({ ok: true, value: { count: 4 } });
    expect(JSON.parse(t.requests[0]!.init.body as string)).toEqual([{ filter: { types: ['touch'] }, offset: 0, limit: 0 }]);
    expect(t.requests[1]!.url).toBe('/api/export-ticket');
    expect(JSON.parse(t.requests[1]!.init.body as string)).toEqual([{ types: ['touch'] }]);
    expect((t.requests[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok en');
    const url = new URL(t.downloads[0]!, 'http://x');
    expect(url.pathname).toBe('/api/export');
    expect(url.searchParams.get('ticket')).toBe('t1+/=');
    expect(t.downloads[0]).not.toContain('tok');
  });

  it('does not start a download when no ticket is issued', async () => {
    const t = env([
      { status: 200, body: '{"ok":true,"value":{"total":10,"matched":4,"offset":0,"rows":[]}}' },
      { status: 401, body: '{"ok":false,"error":"unauthorized: missing or wrong token"}' },
    ]);
    const r = await createBrowserBridge(t.e).exportEvents({});
    expect(r).toEqual({ ok: false, error: 'unauthorized: missing or wrong token' });
    expect(t.downloads).toEqual([]);
  });
});

describe('browser bridge: the inbox that opened the tab', () => {
  it('says the inbox stopped while nothing answers, and restarted once it refuses the token for good', async () => {
    const t = env([{ status: 200, body: '{"ok":true,"value":null}' }, { status: 401, body: '{"ok":false,"error":"unauthorized: missing or wrong token"}' }]);
    let up = true;
    const fetchUpOrDown = t.e.fetch;
    const connection = createConnectionWatch();
    const seen: Connection[] = [];
    connection.subscribe((c) => seen.push(c));
    const api = createBrowserBridge({ ...t.e, connection, fetch: ((...a: Parameters<typeof fetch>) => (up ? fetchUpOrDown(...a) : Promise.reject(new TypeError('Failed to fetch')))) as typeof fetch });
    expect((await api.getStats()).ok).toBe(true);
    expect(connection.get()).toBe('ok');

    up = false; // serve stopped: the push stream errors, the bridge asks once what it is
    api.subscribe(() => undefined);
    t.sources[0]!.onerror!();
    await expect.poll(() => connection.get()).toBe('unreachable');

    up = true; // a new run answers on the same port, with another token
    t.sources[0]!.onerror!();
    await expect.poll(() => connection.get()).toBe('restarted');
    // nothing this tab does makes the old token good again
    t.sources[0]!.onopen!();
    expect((await api.getStats()).ok).toBe(true);
    expect(connection.get()).toBe('restarted');
    expect(seen).toEqual(['unreachable', 'restarted']);
  });
});

describe('takeToken', () => {
  it('moves the token from the URL to session storage and strips it from the address bar', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const history = { state: null, replaceState: vi.fn() };
    expect(takeToken({ location: { href: 'http://127.0.0.1:5/?token=abc&x=1#h' }, history, storage })).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#h');
    // a reload has no token in the URL any more
    expect(takeToken({ location: { href: 'http://127.0.0.1:5/' }, history, storage })).toBe('abc');
  });
});
