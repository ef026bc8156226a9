/**
 * The sandboxed preload: implements `InboxApi` over IPC and exposes exactly that object as
 * `window.inboxApi`. The methods follow from API_METHODS (shared/api/calls.ts), so a method
 * added to the contract reaches the page without an edit here; raw ipcRenderer never does.
 * A sandboxed preload cannot load modules: scripts/build-node.mjs bundles what this imports.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callsVia } from '../shared/api/calls';
import { channelFor, PUSH_CHANNEL, type InboxApi, type PushMessage } from '../shared/api/contract';

const api: InboxApi = {
  ...callsVia((method, args) => ipcRenderer.invoke(channelFor(method), ...args)),
  subscribe(listener) {
    // Only the message crosses into the page, never the IPC event (it carries `sender`).
    const handler = (_event: IpcRendererEvent, message: PushMessage) => listener(message);
    ipcRenderer.on(PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('inboxApi', api);
