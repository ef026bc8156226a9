import { useCallback, useState } from 'react';
import type { DeliverySummary, ReplayRequest } from '../../../shared/api/replay';
import { useApi } from '../api';
import { usePush } from './usePush';

export type ReplayRun =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; summary: DeliverySummary }
  | { state: 'error'; error: string };

/** Runs replayEvents and follows its 'replayProgress' pushes while it runs. */
export function useReplay(): { run: ReplayRun; progress: { done: number; total: number } | null; start: (req: ReplayRequest) => Promise<void>; stop: () => void } {
  const api = useApi();
  const [run, setRun] = useState<ReplayRun>({ state: 'idle' });
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  usePush((m) => {
    if (m.type === 'replayProgress') setProgress({ done: m.done, total: m.total });
  });
  const start = useCallback(async (req: ReplayRequest) => {
    setRun({ state: 'running' });
    setProgress(null);
    const r = await api.replayEvents(req);
    setRun(r.ok ? { state: 'done', summary: r.value } : { state: 'error', error: r.error });
  }, [api]);
  // the running replayEvents answers with what went out (stopped: true); that answer ends the run
  const stop = useCallback(() => { void api.stopReplay(); }, [api]);
  return { run, progress, start, stop };
}
