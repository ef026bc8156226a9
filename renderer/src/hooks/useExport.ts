import { useCallback, useState } from 'react';
import type { EventFilter } from '../../../shared/filter';
import { useApi } from '../api';
import { usePush } from './usePush';

export type ExportState =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; count: number; path?: string }
  | { state: 'error'; error: string };

/** Run exportEvents and follow its 'exportProgress' pushes. */
export function useExport(): { exp: ExportState; run: (filter: EventFilter) => Promise<void> } {
  const api = useApi();
  const [exp, setExp] = useState<ExportState>({ state: 'idle' });
  usePush((m) => {
    if (m.type === 'exportProgress') setExp((s) => (s.state === 'running' ? { state: 'running', done: m.done, total: m.total } : s));
  });
  const run = useCallback(async (filter: EventFilter) => {
    setExp({ state: 'running', done: 0, total: 0 });
    const r = await api.exportEvents(filter);
    setExp(r.ok ? { state: 'done', count: r.value.count, path: r.value.path } : { state: 'error', error: r.error });
  }, [api]);
  return { exp, run };
}
