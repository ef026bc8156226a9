/**
 * The contract's replayEvents over a store: resolves the target ('forward' = the forward
 * target with its secret), runs one replay at a time and pushes its progress. A secret typed
 * for another URL lives only for the run: it is not stored, logged or answered back.
 */
import { fail, ok, type InboxApi, type PushMessage, type Result } from '../../../shared/api/contract';
import type { DeliverySummary, ReplayRequest } from '../../../shared/api/replay';
import type { StoreReadApi } from '../store';
import { replayFromStore } from './from-store';

export interface ReplayApiDeps {
  store: Pick<StoreReadApi, 'summaries' | 'find' | 'exportSource'>;
  /** the forward target and its secret, or null when forwarding is off */
  forwardTarget: () => { url: string; secret?: string } | null;
  push: (m: PushMessage) => void;
  /** aborted when the service stops: a replay in progress ends at once */
  signal?: AbortSignal;
  /** tests shorten these */
  timeoutMs?: number;
  maxAttempts?: number;
}

/** About this many progress pushes per run, however many events. */
const PROGRESS_STEPS = 200;

export const NO_FORWARD_TARGET = 'no forward target set: set one up (serve --forward-to) or replay to another URL';

export function replayEventsApi(deps: ReplayApiDeps): InboxApi['replayEvents'] {
  return replayApi(deps).replayEvents;
}

/** replayEvents and its Stop: Stop aborts the run's own signal, which the service's stop also ends. */
export function replayApi(deps: ReplayApiDeps): Pick<InboxApi, 'replayEvents' | 'stopReplay'> {
  let running = false;
  let current: AbortController | null = null;
  const stopReplay = async (): Promise<Result<{ stopped: boolean }>> => {
    if (!current) return ok({ stopped: false });
    current.abort();
    return ok({ stopped: true });
  };
  const replayEvents = async (req: ReplayRequest): Promise<Result<DeliverySummary>> => {
    const target = req.to === 'forward' ? deps.forwardTarget() : req.to;
    if (!target) return fail(NO_FORWARD_TARGET);
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return fail(`"${target.url}" is not a URL (expected e.g. http://127.0.0.1:9000/dt)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`expected an http:// or https:// URL, got ${url.protocol}//`);
    if (running) return fail('a replay is already running: wait for its summary');
    running = true;
    current = new AbortController();
    const signal = deps.signal ? AbortSignal.any([deps.signal, current.signal]) : current.signal;
    let pushed = -1;
    try {
      const summary = await replayFromStore(deps.store, {
        eventIds: req.eventIds, filter: req.filter, url, secret: target.secret, signal,
        timeoutMs: deps.timeoutMs, maxAttempts: deps.maxAttempts,
        onProgress: (done, total) => {
          if (done === 0 || done === total || done - pushed >= Math.max(1, Math.ceil(total / PROGRESS_STEPS))) {
            pushed = done;
            deps.push({ type: 'replayProgress', done, total });
          }
        },
      });
      return ok(summary);
    } catch (e) {
      return fail(`replay failed: ${(e as Error).message}`);
    } finally {
      running = false;
      current = null;
    }
  };
  return { replayEvents, stopReplay };
}
