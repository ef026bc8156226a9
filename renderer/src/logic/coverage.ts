/**
 * The coverage strip's geometry and wording: where each part of the last 24 h sits, the hour
 * ticks, each open gap in words, why Fill gap cannot run, a fill's progress and its result.
 * Times are local wall-clock, as in the tray's and serve's sentences (shared/backfill-text.ts).
 */
import type { BackfillProgress, BackfillRun, BackfillStatus, CoverageView, StripKind, TimeSpan } from '../../../shared/api/backfill';
import { reachSentence, resultSentence } from '../../../shared/backfill-text';
import { formatCount, formatDuration } from './format';

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "18:02"; with the date when the time is more than a day before `ref` (an old gap's start). */
export function clock(ms: number, ref?: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return ref !== undefined && ref - ms > 24 * HOUR ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}` : hm;
}

/** "18:02–08:41"; a dated end loses its date when it is the start's day ("2026-01-02 09:00–10:00"). */
export function spanText(s: TimeSpan, ref?: number): string {
  const from = clock(s.from, ref);
  const to = clock(s.to, ref);
  return from.length > 5 && to.length > 5 && from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from}–${to}`;
}

export const STRIP_LABELS: Record<StripKind, string> = {
  received: 'Received',
  filled: 'Filled from DT\'s history',
  gap: 'Open gap',
  before: 'Before the inbox first covered the project',
};

/** "Open gap 18:02–08:41, 14 h 39 min" */
export const gapLine = (g: TimeSpan, ref?: number): string => `Open gap ${spanText(g, ref)}, ${formatDuration(g.to - g.from)}`;

export interface Segment {
  kind: StripKind;
  /** percent of the strip's width */
  left: number;
  width: number;
  title: string;
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));

/** The parts placed on the strip, clipped to its window; what each is on hover. */
export function stripSegments(view: Pick<CoverageView, 'from' | 'to' | 'parts'>): Segment[] {
  const span = Math.max(1, view.to - view.from);
  return view.parts
    .map((p) => ({ ...p, from: Math.max(p.from, view.from), to: Math.min(p.to, view.to) }))
    .filter((p) => p.to > p.from)
    .map((p) => {
      const left = clamp(((p.from - view.from) / span) * 100);
      return {
        kind: p.kind, left, width: clamp(((p.to - view.from) / span) * 100) - left,
        title: p.kind === 'gap' ? gapLine(p) : `${STRIP_LABELS[p.kind]} ${spanText(p)}, ${formatDuration(p.to - p.from)}`,
      };
    });
}

/** A tick at every whole hour inside the window; every `labelEvery` hours it carries its time. */
export function hourTicks(from: number, to: number, labelEvery = 3): Array<{ at: number; left: number; label?: string }> {
  const span = Math.max(1, to - from);
  const first = new Date(from);
  first.setMinutes(0, 0, 0);
  const ticks: Array<{ at: number; left: number; label?: string }> = [];
  for (let t = first.getTime() + (first.getTime() < from ? HOUR : 0); t <= to; t += HOUR) {
    const hour = new Date(t).getHours();
    ticks.push({ at: t, left: ((t - from) / span) * 100, ...(hour % labelEvery === 0 ? { label: `${pad(hour)}:00` } : {}) });
  }
  return ticks;
}

/** The open gaps to list: the filler's (all of them, oldest first), else the strip's. */
export function openGaps(view: CoverageView): TimeSpan[] {
  if (view.backfill.gaps.length) return view.backfill.gaps;
  return view.parts.filter((p) => p.kind === 'gap').map(({ from, to }) => ({ from, to }));
}

/** Why Fill gap cannot be pressed now; null when it can. */
export function fillBlocker(view: CoverageView): string | null {
  const b = view.backfill;
  if (b.state === 'unavailable') return b.error ?? 'No DT service account: gaps are filled from DT\'s history with one (DT Cloud view).';
  if (b.state === 'filling') return 'A fill is running.';
  if (openGaps(view).length === 0) return 'No open gap in the last 24 h: nothing to fill.';
  return null;
}

/** "Filling 18:02–08:41: 3 of 12 devices, 140 events fetched, 37 new" */
export function progressText(p: BackfillProgress): string {
  const devices = p.devicesTotal ? `${p.devicesDone} of ${p.devicesTotal} devices` : 'listing devices';
  return `Filling ${spanText(p.gap)}: ${devices}, ${formatCount(p.fetched)} events fetched, ${formatCount(p.added)} new`;
}

/**
 * A run told in two parts: the result, and apart from it the warning that DT's history may
 * not reach the gap's start (backfillSentence joins them with ". "; the UI shows the warning apart).
 */
export function runText(run: BackfillRun): { result: string; reach: string | null } {
  const reach = reachSentence(run);
  return { result: resultSentence(run), reach: reach ? `${reach}.` : null };
}

const sameRun = (a: BackfillRun, b: BackfillRun) => a.at === b.at && a.from === b.from && a.to === b.to;

/** The runs a pass added: in `after` (newest first) but not in what was known before it started. */
export function runsOfPass(before: readonly BackfillRun[], after: BackfillStatus): BackfillRun[] {
  const all = after.runs ?? (after.last ? [after.last] : []);
  return all.filter((r) => !before.some((b) => sameRun(b, r)));
}

/** Why a fill ran, in words (the service's reasons; any other is shown as it is). */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'start': return 'the inbox started';
    case 'covering again': return 'receiving again';
    case 'requested': return 'Fill gap';
    case 'dt backfill': return 'dt backfill';
    default: return reason;
  }
}
