/**
 * Replay as the inspector asks for it: stored events (picked by id or by the list's filter)
 * sent to a receiver with the defaults `connector-inbox replay` uses, progress per event.
 */
import { exponentialBackoff } from '../outbound';
import type { SendSummary } from '../simulator/summary';
import type { StoreReadApi } from '../store';
import { runReplay } from './run';
import { storeReplaySource, type StoreSelection } from './store-source';

export interface StoreReplayRequest extends StoreSelection {
  url: URL;
  /** signs each body afresh; unsigned without */
  secret?: string;
  /** events done of the total chosen: once at the start (0), then as deliveries end */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  concurrency?: number;
  timeoutMs?: number;
  maxAttempts?: number;
}

export async function replayFromStore(store: Pick<StoreReadApi, 'summaries' | 'find' | 'exportSource'>, req: StoreReplayRequest): Promise<SendSummary> {
  const source = storeReplaySource(store, req);
  req.onProgress?.(0, source.total);
  return runReplay({
    url: req.url, secret: req.secret, source: source.events, filter: {},
    rate: 0, concurrency: req.concurrency ?? 10, duplicates: 0, reorder: 0,
    timeoutMs: req.timeoutMs ?? 10_000,
    retry: { maxAttempts: req.maxAttempts ?? 5, backoffMs: exponentialBackoff(200, 5000) },
    onProgress: (done) => req.onProgress?.(done, source.total),
    signal: req.signal,
  });
}
