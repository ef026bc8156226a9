import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxApi, PushMessage, Result } from '../../../shared/api/contract';
import { useApi } from '../api';
import { coalesce } from '../logic/coalesce';
import { usePush } from './usePush';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Initial fetch + refetch on matching pushes (at most every `intervalMs`) + cleanup.
 * Answers that arrive after a newer request started are dropped.
 */
export function useApiResult<T>(
  load: (api: InboxApi) => Promise<Result<T>>,
  deps: readonly unknown[],
  refreshOn?: (m: PushMessage) => boolean,
  intervalMs = 500,
): Loaded<T> {
  const api = useApi();
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const mine = ++seq.current;
    void loadRef.current(api).then(
      (r) => {
        if (mine !== seq.current) return;
        setState((s) => (r.ok ? { data: r.value, error: null, loading: false } : { data: s.data, error: r.error, loading: false }));
      },
      (e: unknown) => mine === seq.current && setState((s) => ({ data: s.data, error: String(e), loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ...deps]);

  useEffect(() => {
    reload();
    return () => {
      seq.current++; // drop answers after unmount or deps change
    };
  }, [reload]);

  const refresher = useRef(coalesce(() => reload(), intervalMs));
  useEffect(() => {
    refresher.current = coalesce(() => reload(), intervalMs);
    return () => refresher.current.cancel();
  }, [reload, intervalMs]);

  usePush((m) => {
    if (refreshOn?.(m)) refresher.current.trigger();
  });

  return { ...state, reload };
}
