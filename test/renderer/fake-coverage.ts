/**
 * Coverage and gap filling as FakeInboxApi plays them: a coverage view the test sets, and a
 * short fill that behaves like the service's gap filler (electron/core/backfill/gap-filler.ts):
 * the history source says 'filling' with progress in status pushes, each gap becomes 'filled',
 * a 'backfill' push follows a fill that stored events, and the call answers when the pass ends.
 */
import { fail, ok, type PushMessage, type Result } from '../../shared/api/contract';
import type { BackfillRun, BackfillStatus, CoverageView, SourceStatus, StripKind, TimeSpan } from '../../shared/api/backfill';
import type { EventSource } from '../../shared/records';
import type { DtRequestBody } from '../../shared/dt/types';
import { timestampToMillis } from '../../shared/dt/timestamp';

/** What a test scripts about the next fills. */
export interface FillScript {
  /** what DT's history "returns": delivered with source history (their timestamps pick the gap; others go to the first) */
  bodies: DtRequestBody[];
  /** when set, the fill waits for it after the first device (to see the progress) */
  gate: Promise<void> | null;
  /** pause between devices, for a browser to see the progress */
  stepMs: number;
  /** merged into every run (e.g. reachesStart: false with an oldestFetched) */
  run: Partial<BackfillRun>;
  /** when set, the fill fails with it after the first device */
  error: string | null;
}

export const emptyFillScript = (): FillScript => ({ bodies: [], gate: null, stepMs: 0, run: {}, error: null });

/** What the fill needs of the fake inbox. */
export interface FillHost {
  coverage: CoverageView | null;
  has(eventId: string): boolean;
  deliver(body: DtRequestBody, opts: { source: EventSource }): void;
  setSource(s: SourceStatus): void;
  pushStatus(): void;
  push(m: PushMessage): void;
}

const HOUR = 3_600_000;

/**
 * A day as a tester sees it: nothing before the inbox first ran, received, an open gap (the
 * inbox was closed), received again up to now. `gap` defaults to 14 h 39 min ending 1.5 h ago.
 */
export function coverageWithGap(now = Date.now(), gap: TimeSpan = { from: now - 1.5 * HOUR - 879 * 60_000, to: now - 1.5 * HOUR }, project = 'prj-dev'): CoverageView {
  const from = now - 24 * HOUR;
  const firstCoveredAt = Math.min(gap.from - HOUR, from + 3 * HOUR);
  const parts = ([
    { from, to: firstCoveredAt, kind: 'before' },
    { from: firstCoveredAt, to: gap.from, kind: 'received' },
    { from: gap.from, to: gap.to, kind: 'gap' },
    { from: gap.to, to: now, kind: 'received' },
  ] as const).filter((p) => p.to > p.from).map((p) => ({ ...p, kind: p.kind as StripKind }));
  return { project, from, to: now, parts, firstCoveredAt, backfill: { project, state: 'idle', gaps: [{ ...gap }] } };
}

export const historySource = (b: BackfillStatus): SourceStatus => {
  const gaps = b.gaps.length ? `${b.gaps.length} open gap${b.gaps.length === 1 ? '' : 's'}` : 'no gaps';
  if (b.state === 'filling') return { kind: 'history', state: 'filling', project: b.project, detail: `filling a gap: ${b.progress?.devicesDone ?? 0}/${b.progress?.devicesTotal ?? '?'} devices, ${b.progress?.added ?? 0} new events` };
  if (b.state === 'failed') return { kind: 'history', state: 'failed', project: b.project, detail: `${gaps}; the last fill failed: ${b.error}` };
  return { kind: 'history', state: 'idle', project: b.project, detail: b.last ? `${gaps}; the last fill brought ${b.last.added} events` : gaps };
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const inGap = (body: DtRequestBody, g: TimeSpan) => {
  const t = timestampToMillis(body.event.timestamp);
  return t >= g.from && t < g.to;
};

/** fillGaps over the host's coverage view: every open gap, oldest first. */
export async function fakeFillGaps(host: FillHost, script: FillScript): Promise<Result<BackfillStatus>> {
  const cov = host.coverage;
  if (!cov) return fail('no DT project is followed: connect one in the DT Cloud view (or serve --dt-project)');
  if (cov.backfill.state === 'unavailable') return fail(cov.backfill.error ?? 'no DT service account: gaps are filled from DT\'s history with one');
  const update = (patch: Partial<BackfillStatus>) => {
    cov.backfill = { ...cov.backfill, ...patch };
    host.setSource(historySource(cov.backfill));
    host.pushStatus();
  };
  const gaps = [...cov.backfill.gaps];
  for (const [i, gap] of gaps.entries()) {
    const bodies = script.bodies.filter((b) => inGap(b, gap) || (i === 0 && !gaps.some((g) => inGap(b, g))));
    const devices = [...new Set(bodies.map((b) => b.event.targetName))];
    const progress = { gap, devicesDone: 0, devicesTotal: Math.max(1, devices.length), fetched: 0, added: 0 };
    update({ state: 'filling', progress: { ...progress }, error: undefined });
    for (const [d, device] of (devices.length ? devices : ['(none)']).entries()) {
      await sleep(script.stepMs);
      for (const b of bodies.filter((x) => x.event.targetName === device)) {
        progress.fetched++;
        if (!host.has(b.event.eventId)) progress.added++;
        host.deliver(b, { source: 'history' });
      }
      progress.devicesDone++;
      update({ progress: { ...progress } });
      if (d === 0 && script.gate) await script.gate;
      if (d === 0 && script.error) {
        update({ state: 'failed', progress: undefined, error: script.error });
        return fail(`the fill failed: ${script.error}`);
      }
    }
    const run: BackfillRun = {
      from: gap.from, to: gap.to, at: Date.now(), reason: 'requested', devices: devices.length, fetched: progress.fetched,
      added: progress.added, alreadyStored: progress.fetched - progress.added, invalid: 0, reachesStart: true, ...script.run,
    };
    cov.parts = cov.parts.map((p) => (p.kind === 'gap' && p.from < gap.to && p.to > gap.from ? { ...p, kind: 'filled' } : p));
    update({ gaps: cov.backfill.gaps.filter((g) => g.from !== gap.from || g.to !== gap.to), last: run, runs: [run, ...(cov.backfill.runs ?? [])].slice(0, 20), progress: undefined });
    if (run.added > 0) host.push({ type: 'backfill', project: cov.project, run: structuredClone(run) });
  }
  update({ state: 'idle', progress: undefined });
  return ok(structuredClone(cov.backfill));
}
