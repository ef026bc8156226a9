import { useCallback, useState } from 'react';
import type { EventFilter } from '../../../shared/filter';
import { useApi } from '../api';
import { usePush } from './usePush';

export type ExportState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; count: number; path?: string }
  | { state: 'error'; error: string };

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * Run exportEvents and follow 'exportProgress' pushes. Progress is kept apart from the
 * outcome: in browser mode exportEvents resolves as soon as the download starts, and the
 * progress of the streamed file keeps coming after that.
 */
export function useExport(): { exp: ExportState; progress: ExportProgress | null; run: (filter: EventFilter) => Promise<void> } {
  const api = useApi();
  const [exp, setExp] = useState<ExportState>({ state: 'idle' });
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  usePush((m) => {
    if (m.type === 'exportProgress') setProgress(m.done >= m.total ? null : { done: m.done, total: m.total });
  });
  const run = useCallback(async (filter: EventFilter) => {
    setExp({ state: 'running' });
    setProgress(null);
    const r = await api.exportEvents(filter);
    setExp(r.ok ? { state: 'done', count: r.value.count, path: r.value.path } : { state: 'error', error: r.error });
  }, [api]);
  return { exp, progress, run };
}
