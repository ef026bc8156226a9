/**
 * The sentences a fill from DT's history is told in, the same in the tray, serve's output and
 * the inspector: "Filled 37 events missed while the inbox was closed, 18:02–08:41".
 */
import type { BackfillRun } from './api/backfill';

const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The result and, when DT's history may not reach the gap's start, the warning after it. */
export function backfillSentence(run: BackfillRun): string {
  const reach = reachSentence(run);
  return reach ? `${resultSentence(run)}. ${reach}` : resultSentence(run);
}

/** What a run added: "Filled 37 events missed while the inbox was closed or offline, 18:02–08:41". */
export function resultSentence(run: BackfillRun): string {
  const n = `${run.added} event${run.added === 1 ? '' : 's'}`;
  const where = `${hhmm(run.from)}–${hhmm(run.to)}`;
  const head = run.reason === 'dt backfill' ? `Filled ${n} from DT's history, ${where}` : `Filled ${n} missed while the inbox was closed or offline, ${where}`;
  const known = run.alreadyStored ? ` (${run.alreadyStored} already stored)` : '';
  return `${head}${known}`;
}

/** Said when DT returned nothing from the gap's first hour: it may no longer hold it (how far back it reaches is not documented). */
export function reachSentence(run: BackfillRun): string {
  if (run.reachesStart || !run.oldestFetched) return '';
  return `DT's history returned nothing before ${run.oldestFetched.slice(0, 16).replace('T', ' ')} UTC: earlier events of the gap, if any, may no longer be held by DT`;
}
