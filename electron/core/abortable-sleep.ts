/**
 * The one wait used by pacing, retries and reconnects: resolves after `ms`, or at once when
 * `signal` aborts (Ctrl-C in the CLI, Stop in the UI, the service stopping), so no wait
 * outlives a stop. Resolves rather than rejects on abort: callers check `signal.aborted`.
 */
import { setTimeout as wait } from 'node:timers/promises';

export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  try {
    await wait(ms, undefined, { signal });
  } catch (e) {
    if (!signal?.aborted) throw e;
  }
}
