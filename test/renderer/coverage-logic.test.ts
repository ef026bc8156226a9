/** The coverage strip's geometry and the wording of sources, fills and signatures, without React. */
import { describe, expect, it } from 'vitest';
import { fillBlocker, gapLine, hourTicks, runsOfPass, runText, stripSegments } from '../../renderer/src/logic/coverage';
import { builtBodyNote, eventSourceText, headerSources } from '../../renderer/src/logic/sources';
import { eventFlags } from '../../renderer/src/logic/event-flags';
import { signatureVerdict } from '../../renderer/src/logic/detail';
import type { BackfillRun } from '../../shared/api/backfill';
import { coverageWithGap } from './fake-coverage';

// local times, so the wording is the same in every time zone
const at = (day: number, h: number, m = 0) => new Date(2026, 0, day, h, m).getTime();
const gap = { from: at(4, 18, 2), to: at(5, 8, 41) };
const now = at(5, 10);
const run = (over: Partial<BackfillRun> = {}): BackfillRun => ({
  ...gap, at: now, reason: 'requested', devices: 3, fetched: 40, added: 37, alreadyStored: 3, invalid: 0, reachesStart: true, ...over,
});

describe('the coverage strip', () => {
  it('places each part of the day by its share of the 24 h, a gap telling its times and length', () => {
    const segs = stripSegments(coverageWithGap(now, gap));
    expect(segs.map((s) => s.kind)).toEqual(['before', 'received', 'gap', 'received']);
    expect(segs.reduce((sum, s) => sum + s.width, 0)).toBeCloseTo(100);
    const g = segs.find((s) => s.kind === 'gap')!;
    expect(g.left).toBeCloseTo(((gap.from - (now - 86_400_000)) / 86_400_000) * 100);
    expect(g.title).toBe('Open gap 18:02–08:41, 14 h 39 min');
  });

  it('clips parts to the window (an old gap that began before it)', () => {
    const view = { from: now - 86_400_000, to: now, parts: [{ from: now - 2 * 86_400_000, to: now - 3_600_000, kind: 'gap' as const }] };
    const [g] = stripSegments(view);
    expect(g!.left).toBe(0);
    expect(g!.width).toBeCloseTo((23 / 24) * 100);
  });

  it('ticks every whole hour and labels every third', () => {
    const ticks = hourTicks(at(4, 10, 30), at(5, 10, 30));
    expect(ticks).toHaveLength(24);
    expect(ticks[0]!.at).toBe(at(4, 11));
    expect(ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['12:00', '15:00', '18:00', '21:00', '00:00', '03:00', '06:00', '09:00']);
  });

  it('says a gap in words, with its date when it began more than a day ago', () => {
    expect(gapLine(gap)).toBe('Open gap 18:02–08:41, 14 h 39 min');
    expect(gapLine({ from: at(2, 9), to: at(2, 10) }, now)).toBe('Open gap 2026-01-02 09:00–10:00, 1 h 0 min');
  });

  it('tells why Fill gap cannot run', () => {
    const view = coverageWithGap(now, gap);
    expect(fillBlocker(view)).toBeNull();
    expect(fillBlocker({ ...view, backfill: { ...view.backfill, gaps: [] }, parts: view.parts.filter((p) => p.kind !== 'gap') })).toMatch(/No open gap/);
    expect(fillBlocker({ ...view, backfill: { ...view.backfill, state: 'unavailable', error: 'no DT service account: gaps cannot be filled' } })).toBe('no DT service account: gaps cannot be filled');
  });
});

describe('a fill told', () => {
  it('gives the result, and DT not reaching the gap\'s start as a warning of its own', () => {
    expect(runText(run())).toEqual({ result: 'Filled 37 events missed while the inbox was closed or offline, 18:02–08:41 (3 already stored)', reach: null });
    const short = runText(run({ reachesStart: false, oldestFetched: '2026-01-05T03:10:00.000Z' }));
    expect(short.result).toBe('Filled 37 events missed while the inbox was closed or offline, 18:02–08:41 (3 already stored)');
    expect(short.reach).toMatch(/^DT's history returned nothing before 2026-01-05 03:10 UTC: .*may no longer be held by DT\.$/);
  });

  it('picks the runs a pass added from the status it answers', () => {
    const old = run({ at: now - 60_000 });
    const fresh = run({ at: now });
    expect(runsOfPass([old], { project: 'p', state: 'idle', gaps: [], last: fresh, runs: [fresh, old] })).toEqual([fresh]);
    expect(runsOfPass([], { project: 'p', state: 'idle', gaps: [], last: fresh })).toEqual([fresh]);
  });
});

describe('sources and signatures in words', () => {
  it('lists the header\'s sources compactly: a stream not set up is a dash, a receiving stream is live, an idle import says nothing', () => {
    const base = [
      { kind: 'connector', state: 'receiving', detail: 'd' },
      { kind: 'history', state: 'idle', detail: 'no gaps' },
      { kind: 'import', state: 'idle', detail: 'none' },
    ] as const;
    expect(headerSources([...base]).map((s) => s.text)).toEqual(['Connector receiving', 'History idle', 'Stream —']);
    const streaming = headerSources([...base, { kind: 'stream', state: 'receiving', detail: 'connected' }]);
    expect(streaming.find((s) => s.kind === 'stream')).toMatchObject({ text: 'Stream live', tone: 'ok' });
  });

  it('names each source and marks the bodies the inbox built', () => {
    expect(['connector', 'history', 'stream', 'import', undefined].map((s) => eventSourceText(s as never))).toEqual([
      'Data Connector push', 'DT event history (backfill)', 'DT event stream', 'imported from an export file', 'Data Connector push',
    ]);
    expect(builtBodyNote('connector')).toBeNull();
    expect(builtBodyNote('history')).toBe('Built by the inbox from DT\'s event, not received as bytes');
    expect(builtBodyNote('import')).toBe('Built by the inbox from the export file\'s body, not received as bytes');
  });

  it('never flags a fetched event as unverified; says it was fetched from DT with the service account', () => {
    const e = { stale: false, knownType: true, warnings: [], source: 'history' as const };
    expect(eventFlags({ ...e, signature: 'fetched' })).toEqual([]);
    expect(eventFlags({ ...e, signature: 'unverified' }).map((f) => f.key)).toEqual(['unverified']);
    const v = signatureVerdict({ signature: 'fetched', deliveryLog: [], source: 'history' });
    expect(v.ok).toBe(true);
    expect(v.title).toBe('Fetched from DT with the service account');
  });
});
