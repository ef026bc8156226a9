/**
 * The renderer's one door to the app. In the desktop app the preload exposes the contract
 * as `window.inboxApi` (contextBridge); in browser mode we talk to the loopback UI server.
 * Components get the api through ApiProvider/useApi so tests can hand them a fake.
 */
import type { InboxApi } from '../../../shared/api/contract';
import { browserEnv, createBrowserBridge } from './browser-bridge';
import { createConnectionWatch, type ConnectionWatch } from './connection';
import { takeToken } from './token';

declare global {
  interface Window {
    inboxApi?: InboxApi;
  }
}

export function pickApi(): { api: InboxApi; connection?: ConnectionWatch } {
  if (window.inboxApi) return { api: window.inboxApi };
  const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  const connection = createConnectionWatch();
  return { api: createBrowserBridge({ ...browserEnv(token ?? ''), connection }), connection };
}

export { ApiProvider, useApi, useConnection } from './context';
