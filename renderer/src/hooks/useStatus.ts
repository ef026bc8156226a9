import { useState } from 'react';
import type { AppStatus } from '../../../shared/api/contract';
import { useApiResult } from './useApiResult';
import { usePush } from './usePush';

/** The app status: fetched once, then replaced by every 'status' push. */
export function useStatus(): { status: AppStatus | undefined; error: string | null } {
  const loaded = useApiResult((api) => api.getStatus(), []);
  const [pushed, setPushed] = useState<AppStatus | undefined>(undefined);
  usePush((m) => {
    if (m.type === 'status') setPushed(m.status);
  });
  return { status: pushed ?? loaded.data, error: loaded.error };
}
