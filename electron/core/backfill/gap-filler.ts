/**
 * Fills a project's coverage gaps from DT's history: at start, whenever a source starts
 * covering again (tunnel back, connector re-enabled, stream reconnected) and on demand. One
 * fill at a time; a request during a fill is folded into one more pass. A gap is marked filled
 * only when every device's window is stored, so a crash or a failure mid-fill leaves it open
 * and the next pass completes it (what was stored is deduped then).
 */
import type { CoverageLog, Span } from '../coverage';
import type { DtClient } from '../dt-cloud/client';
import type { Intake } from '../intake';
import { fillWindow, type FillProgress, type FillResult } from './fill-window';
import { compareTimestamps } from '../../../shared/dt/timestamp';
import type { BackfillStatus, BackfillRun } from '../../../shared/api/backfill';

export type FillReason = 'start' | 'covering again' | 'requested';

export interface GapFillerOptions {
  project: string;
  coverage: CoverageLog;
  /** the DT client now; undefined while there is no service account */
  client: () => Pick<DtClient, 'listDevices' | 'deviceEvents'> | undefined;
  intake: Intake;
  /** the connector's event filter and label keys (read from DT at each fill), or the stream's */
  filter: () => Promise<{ eventTypes: string[]; labelKeys?: string[] }>;
  now?: () => number;
  /** gaps shorter than this are left alone (a restart's second or two is not worth 20 calls); default 0 */
  minGapMs?: number;
  onChange?: (s: BackfillStatus) => void;
  /** a pass stored events: one summary for the tray, never one notification per event */
  onFilled?: (run: BackfillRun) => void;
}

export interface GapFiller {
  status(): BackfillStatus;
  /** fills every open gap; resolves when this pass (or the one it joined) ends; never rejects */
  fill(reason: FillReason): Promise<BackfillStatus>;
  /** a window of the user's choice (dt backfill --since/--until); marks it filled when complete and unrestricted */
  fillRange(span: Span, restrict?: { devices?: string[]; eventTypes?: string[] }, onProgress?: (p: FillProgress) => void): Promise<FillResult>;
  stop(): void;
}

export function createGapFiller(o: GapFillerOptions): GapFiller {
  const now = o.now ?? Date.now;
  const abort = new AbortController();
  let st: BackfillStatus = { project: o.project, state: 'idle', gaps: [] };
  let running: Promise<BackfillStatus> | undefined;
  let again = false;

  const gaps = () => o.coverage.gaps(o.project, now(), o.minGapMs ?? 0).map(({ from, to }) => ({ from, to }));
  const set = (patch: Partial<BackfillStatus>) => {
    st = { ...st, ...patch, gaps: gaps() };
    o.onChange?.(st);
  };

  const fillRange: GapFiller['fillRange'] = async (span, restrict, onProgress) => {
    const client = o.client();
    if (!client) throw new Error('no DT service account: set DT_SERVICE_ACCOUNT_KEY_ID, _SECRET and _EMAIL (or connect in the DT Cloud view)');
    const f = await o.filter();
    const eventTypes = restrict?.eventTypes?.length ? restrict.eventTypes : f.eventTypes;
    const result = await fillWindow({ project: o.project, from: span.from, to: span.to, devices: restrict?.devices, eventTypes, labelKeys: f.labelKeys },
      { client, intake: o.intake, now, signal: abort.signal, onProgress });
    // a restricted fill leaves other devices' or types' events unfetched: the gap is not filled by it
    if (!restrict?.devices?.length && !restrict?.eventTypes?.length) await o.coverage.markFilled(o.project, span.from, span.to, result.fetched);
    return result;
  };

  const pass = async (reason: FillReason): Promise<void> => {
    for (const gap of gaps()) {
      if (abort.signal.aborted) return;
      set({ state: 'filling', progress: { gap, devicesDone: 0, devicesTotal: 0, fetched: 0, added: 0 }, error: undefined });
      const r = await fillRange(gap, undefined, (p) => set({ progress: { gap, ...p } }));
      const run: BackfillRun = {
        from: gap.from, to: gap.to, at: now(), reason, devices: r.devicesTotal, fetched: r.fetched, added: r.added,
        alreadyStored: r.alreadyStored, invalid: r.invalid, oldestFetched: r.oldestFetched,
        // nothing back from before this point: either nothing happened, or DT's history no longer holds it
        reachesStart: r.oldestFetched === undefined || compareTimestamps(r.oldestFetched, new Date(gap.from + 3_600_000).toISOString()) <= 0,
      };
      set({ last: run, runs: [run, ...(st.runs ?? [])].slice(0, 20), progress: undefined });
      if (r.added > 0) o.onFilled?.(run);
    }
  };

  const fill = (reason: FillReason): Promise<BackfillStatus> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!o.client()) {
          set({ state: 'unavailable', error: 'no DT service account: gaps cannot be filled from DT\'s history' });
          break;
        }
        try {
          await pass(reason);
          set({ state: 'idle', progress: undefined });
        } catch (e) {
          if (abort.signal.aborted) break;
          // the gap stays open; the next trigger (or Fill gap) tries again
          set({ state: 'failed', progress: undefined, error: (e as Error).message });
          break;
        }
      } while (again && !abort.signal.aborted);
      return st;
    })().finally(() => { running = undefined; });
    return running;
  };

  return {
    // without a service account nothing can be filled: said before anyone presses Fill gap
    status: () => ({ ...st, gaps: gaps(), ...(o.client() || st.state === 'filling' ? {} : { state: 'unavailable' as const, error: 'no DT service account: gaps are filled from DT\'s history with one' }) }),
    fill,
    fillRange,
    stop: () => abort.abort(),
  };
}
