import { createContext, useContext, type ReactNode } from 'react';
import type { InboxApi } from '../../../shared/api/contract';

const ApiContext = createContext<InboxApi | null>(null);

export function ApiProvider({ api, children }: { api: InboxApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): InboxApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}
