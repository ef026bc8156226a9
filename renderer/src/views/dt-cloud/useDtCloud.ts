import { useCallback, useEffect, useState } from 'react';
import type { DtCloudInfo } from '../../../../shared/api/contract';
import { useApi } from '../../api';
import { useApiResult } from '../../hooks/useApiResult';
import { usePush } from '../../hooks/usePush';

/** the service's lease is 60 s (WATCH_LEASE_MS): renewing every 20 s survives a slow or missed renewal */
const WATCH_RENEW_MS = 20_000;

/**
 * The DT Cloud view's data without driving DT: getDtCloud answers from the service's last
 * refresh (and is re-read on 'events' pushes for the inbox's own counts), each 'dtCloud' push
 * replaces it, and a watch renewed every 20 s keeps the service's 30 s pace while the view is
 * mounted. A closed tab just stops renewing; the service falls back to 5 minutes.
 */
export function useDtCloud() {
  const api = useApi();
  const loaded = useApiResult((a) => a.getDtCloud(), [], (m) => m.type === 'events', 5000);
  const [latest, setLatest] = useState<DtCloudInfo | undefined>(undefined);
  useEffect(() => { if (loaded.data) setLatest(loaded.data); }, [loaded.data]);
  usePush((m) => { if (m.type === 'dtCloud') setLatest(m.info); });

  useEffect(() => {
    const renew = () => { void api.watchDtCloud().catch(() => undefined); };
    renew();
    const t = setInterval(renew, WATCH_RENEW_MS);
    return () => clearInterval(t);
  }, [api]);

  const [refreshError, setRefreshError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void api.dtRefresh().then((r) => {
      if (r.ok) { setLatest(r.value); setRefreshError(null); } else setRefreshError(r.error);
    });
  }, [api]);

  return { data: latest ?? loaded.data, error: refreshError ?? loaded.error, reload: loaded.reload, refresh };
}
