/**
 * The sandboxed preload, bundled as scripts/build-node.mjs bundles it, run in a bare context
 * with a stand-in `electron` (the real one needs the Electron binary). A sandboxed preload can
 * load nothing but Electron's own modules, and the page must get exactly the contract.
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { API_METHODS, channelFor, PUSH_CHANNEL, type InboxApi, type PushMessage } from '../../shared/api/contract';

async function loadPreload() {
  const out = await build({
    entryPoints: ['electron/preload.ts'], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    external: ['electron'], write: false, logLevel: 'error',
  });
  const required: string[] = [];
  const invoked: Array<[string, unknown[]]> = [];
  const handlers = new Map<string, (event: unknown, message: PushMessage) => void>();
  const exposed: Record<string, unknown> = {};
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => { invoked.push([channel, args]); return { ok: true, value: channel }; },
      on: (channel: string, h: (event: unknown, message: PushMessage) => void) => handlers.set(channel, h),
      removeListener: (channel: string) => handlers.delete(channel),
    },
  };
  const module = { exports: {} };
  runInNewContext(out.outputFiles[0]!.text, { module, exports: module.exports, require: (id: string) => { required.push(id); if (id === 'electron') return electron; throw new Error(`a sandboxed preload cannot load ${id}`); } });
  return { required, invoked, handlers, exposed };
}

describe('preload', () => {
  it('loads only electron and exposes exactly the contract as window.inboxApi', async () => {
    const p = await loadPreload();
    expect(p.required).toEqual(['electron']);
    expect(Object.keys(p.exposed)).toEqual(['inboxApi']);
    expect(Object.keys(p.exposed.inboxApi as object).sort()).toEqual([...API_METHODS, 'subscribe'].sort());
  });

  it('each method invokes its own channel with the arguments it was given', async () => {
    const p = await loadPreload();
    const api = p.exposed.inboxApi as InboxApi;
    expect(await api.getEvent('evt1')).toEqual({ ok: true, value: channelFor('getEvent') });
    await api.queryEvents({ filter: { text: 'x' }, offset: 5, limit: 10 });
    await api.getStats();
    expect(p.invoked).toEqual([
      [channelFor('getEvent'), ['evt1']],
      [channelFor('queryEvents'), [{ filter: { text: 'x' }, offset: 5, limit: 10 }]],
      [channelFor('getStats'), []],
    ]);
  });

  it('subscribe hands the page the pushed message only, and unsubscribes', async () => {
    const p = await loadPreload();
    const got: unknown[] = [];
    const off = (p.exposed.inboxApi as InboxApi).subscribe((m) => got.push(m));
    p.handlers.get(PUSH_CHANNEL)!({ sender: 'secret ipc event' }, { type: 'openEvent', eventId: 'e9' });
    expect(got).toEqual([{ type: 'openEvent', eventId: 'e9' }]);
    off();
    expect(p.handlers.has(PUSH_CHANNEL)).toBe(false);
  });
});
