import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { InboxApi } from '../../../shared/api/contract';
import type { Connection, ConnectionWatch } from './connection';

const ApiContext = createContext<InboxApi | null>(null);
const ConnectionContext = createContext<ConnectionWatch | null>(null);

/** `connection`: browser mode's watch on the inbox that opened the tab (the desktop's preload has none). */
export function ApiProvider({ api, connection, children }: { api: InboxApi; connection?: ConnectionWatch; children: ReactNode }) {
  return (
    <ApiContext.Provider value={api}>
      <ConnectionContext.Provider value={connection ?? null}>{children}</ConnectionContext.Provider>
    </ApiContext.Provider>
  );
}

export function useApi(): InboxApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}

const noWatch = { subscribe: () => () => undefined, get: (): Connection => 'ok' };

export function useConnection(): Connection {
  const watch = useContext(ConnectionContext) ?? noWatch;
  return useSyncExternalStore((l) => watch.subscribe(l), () => watch.get());
}
