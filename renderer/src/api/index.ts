/**
 * The renderer's one door to the app. In the desktop app the preload exposes the contract
 * as `window.inboxApi` (contextBridge); in browser mode we talk to the loopback UI server.
 * Components get the api through ApiProvider/useApi so tests can hand them a fake.
 */
import type { InboxApi } from '../../../shared/api/contract';
import { browserEnv, createBrowserBridge } from './browser-bridge';
import { takeToken } from './token';

declare global {
  interface Window {
    inboxApi?: InboxApi;
  }
}

export function pickApi(): InboxApi {
  if (window.inboxApi) return window.inboxApi;
  const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  return createBrowserBridge(browserEnv(token ?? ''));
}

export { ApiProvider, useApi } from './context';
