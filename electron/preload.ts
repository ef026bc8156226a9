/**
 * The sandboxed preload: implements `InboxApi` over IPC and exposes exactly that object as
 * `window.inboxApi`. The annotation makes any drift from the contract a compile error; raw
 * ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelFor, PUSH_CHANNEL, type InboxApi, type PushMessage } from '../shared/api/contract';

const api: InboxApi = {
  queryEvents: (query) => ipcRenderer.invoke(channelFor('queryEvents'), query),
  getEvent: (eventId) => ipcRenderer.invoke(channelFor('getEvent'), eventId),
  listDevices: () => ipcRenderer.invoke(channelFor('listDevices')),
  getSeries: (deviceId) => ipcRenderer.invoke(channelFor('getSeries'), deviceId),
  listRejected: () => ipcRenderer.invoke(channelFor('listRejected')),
  getStats: () => ipcRenderer.invoke(channelFor('getStats')),
  getStatus: () => ipcRenderer.invoke(channelFor('getStatus')),
  exportEvents: (filter) => ipcRenderer.invoke(channelFor('exportEvents'), filter),
  setSecrets: (secrets) => ipcRenderer.invoke(channelFor('setSecrets'), secrets),
  setTunnelConfig: (config) => ipcRenderer.invoke(channelFor('setTunnelConfig'), config),
  startTunnel: () => ipcRenderer.invoke(channelFor('startTunnel')),
  stopTunnel: () => ipcRenderer.invoke(channelFor('stopTunnel')),
  getNotificationPrefs: () => ipcRenderer.invoke(channelFor('getNotificationPrefs')),
  setNotificationPrefs: (prefs) => ipcRenderer.invoke(channelFor('setNotificationPrefs'), prefs),
  getDtCloud: () => ipcRenderer.invoke(channelFor('getDtCloud')),
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
