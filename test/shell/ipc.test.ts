import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, channelFor, ok, PUSH_CHANNEL, type InboxApi, type PushMessage } from '../../shared/api/contract';
import { appPageGuard, createPusher, registerIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/shell/ipc';

const INDEX = resolve('dist/renderer/index.html');
const APP_URL = pathToFileURL(INDEX).href;

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = (channel: string, url: string | null, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: url === null ? null : { url } }, ...args);
  return { ipcMain, handlers, invoke };
}

function recordingApi() {
  const calls: Array<[string, unknown[]]> = [];
  const api = new Proxy({} as InboxApi, {
    get: (_t, method: string) => async (...args: unknown[]) => {
      calls.push([method, args]);
      if (method === 'getStatus') throw new Error('boom');
      return ok({ method });
    },
  });
  return { api, calls };
}

describe('ipc handlers', () => {
  it('registers one handler per contract method, on the derived channel names', () => {
    const f = fakeIpcMain();
    const off = registerIpc({ ipcMain: f.ipcMain, api: recordingApi().api, isAppPage: appPageGuard(INDEX) });
    expect([...f.handlers.keys()].sort()).toEqual(API_METHODS.map(channelFor).sort());
    off();
    expect(f.handlers.size).toBe(0);
  });

  it('refuses senders that are not our page, before looking at arguments', async () => {
    const f = fakeIpcMain();
    const { api, calls } = recordingApi();
    const lines: string[] = [];
    registerIpc({ ipcMain: f.ipcMain, api, isAppPage: appPageGuard(INDEX), log: (l) => lines.push(l) });
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'file://host' + INDEX, 'devtools://devtools/x', '', null]) {
      const r = await f.invoke(channelFor('getStats'), url);
      expect(r, String(url)).toEqual({ ok: false, error: expect.stringMatching(/^refused/) });
    }
    expect(calls).toEqual([]);
    expect(lines).toHaveLength(6);
    expect(await f.invoke(channelFor('getStats'), `${APP_URL}#/events?x=1`)).toEqual(ok({ method: 'getStats' }));
  });

  it('validates arguments as unknown and answers failures as results', async () => {
    const f = fakeIpcMain();
    const { api, calls } = recordingApi();
    registerIpc({ ipcMain: f.ipcMain, api, isAppPage: appPageGuard(INDEX) });
    const bad = await f.invoke(channelFor('queryEvents'), APP_URL, { filter: {}, offset: -1, limit: 10 });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^invalid arguments for queryEvents/) });
    expect(await f.invoke(channelFor('getEvent'), APP_URL, { $where: 1 })).toMatchObject({ ok: false });
    expect(await f.invoke(channelFor('getStats'), APP_URL, 'extra')).toMatchObject({ ok: false });
    expect(await f.invoke(channelFor('setTunnelConfig'), APP_URL, { authtoken: 'x', evil: true })).toMatchObject({ ok: false });
    const prefs = { types: { touch: true }, maxPerMinute: 5, rejectedEveryMinutes: 5 };
    for (const bad of [{ ...prefs, maxPerMinute: 0 }, { ...prefs, maxPerMinute: 2.5 }, { ...prefs, rejectedEveryMinutes: 100_000 }, { ...prefs, types: { touch: 'yes' } }, { ...prefs, extra: 1 }, { types: {} }]) {
      expect(await f.invoke(channelFor('setNotificationPrefs'), APP_URL, bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid arguments for setNotificationPrefs/) });
    }
    expect(calls).toEqual([]);
    expect(await f.invoke(channelFor('setNotificationPrefs'), APP_URL, prefs)).toEqual(ok({ method: 'setNotificationPrefs' }));
    calls.length = 0;
    expect(await f.invoke(channelFor('getEvent'), APP_URL, 'evt1')).toEqual(ok({ method: 'getEvent' }));
    expect(calls).toEqual([['getEvent', ['evt1']]]);
    // a service that throws still answers with a Result
    expect(await f.invoke(channelFor('getStatus'), APP_URL)).toEqual({ ok: false, error: 'getStatus failed unexpectedly: boom' });
  });

  it('pushes on PUSH_CHANNEL only to a live window', () => {
    const sent: Array<[string, PushMessage]> = [];
    let destroyed = false;
    let wc: { isDestroyed(): boolean; send(c: string, m: PushMessage): void } | null = null;
    const push = createPusher(() => wc);
    const msg: PushMessage = { type: 'openEvent', eventId: 'e1' };
    push(msg); // no window: dropped
    wc = { isDestroyed: () => destroyed, send: (c, m) => sent.push([c, m]) };
    push(msg);
    destroyed = true;
    push(msg);
    expect(sent).toEqual([[PUSH_CHANNEL, msg]]);
  });
});
