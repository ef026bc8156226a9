/**
 * For the commands that write to a data directory (import, dt backfill): the serve running on
 * it when there is one (reached through its control file, serve-control), else the directory
 * opened here, locked for the time of the command, with its coverage log.
 */
import { mkdir } from 'node:fs/promises';
import { openCoverageLog, type CoverageLog } from '../core/coverage';
import { EventStore, lockDataDir } from '../core/store';
import { runningServe, type RunningServe } from '../core/serve-control';

export interface LocalInbox {
  store: EventStore;
  coverage: CoverageLog;
}

/** The serve on `dataDir`, or undefined after `work` ran on the directory opened here. */
export async function throughServeOr<T>(dataDir: string, work: (inbox: LocalInbox) => Promise<T>): Promise<{ serve: RunningServe } | { done: T }> {
  const serve = await runningServe(dataDir);
  if (serve) return { serve };
  await mkdir(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir);
  try {
    const store = await EventStore.open(dataDir);
    try {
      const coverage = await openCoverageLog(dataDir);
      try {
        return { done: await work({ store, coverage }) };
      } finally {
        await coverage.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await release();
  }
}
