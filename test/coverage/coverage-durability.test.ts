/**
 * The coverage log across crashes and months: quitting ends every open span; a kill -9 loses
 * at most one heartbeat of coverage (a real SIGKILLed child, and copies of the file taken
 * mid-life, which is what a kill leaves since every write is on disk before it resolves);
 * compaction keeps the file small without changing a single gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { openCoverageLog, type CoverageLog, type CoverageSource } from '../../electron/core/coverage';
import { cleanupTempDirs, tempDir, until } from '../core/helpers';
import { bundleChild, startChild } from './child';
import { HOUR, MIN, at, clock } from './clock';

const P = 'prj-fridges';
const Q = 'prj-doors';
const QUIET = { beatMs: 24 * HOUR };
const fileOf = (dir: string) => join(dir, 'coverage.jsonl');
const records = async (dir: string) =>
  (await readFile(fileOf(dir), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: string; at?: number });
/** what a kill -9 right now would leave: the file as it is on disk */
async function crashCopy(dir: string): Promise<string> {
  const copy = tempDir('ci-cov-crash-');
  await copyFile(fileOf(dir), fileOf(copy));
  return copy;
}

afterAll(cleanupTempDirs);

describe('quitting', () => {
  it('close() ends every open span at now, durably, stops the heartbeat, and a second close does nothing', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 9));
    const log = await openCoverageLog(dir, { now: c.now, beatMs: 20 });
    await log.open(P, 'connector');
    await log.open(Q, 'stream');
    c.t = at(0, 17);
    await log.close();
    const closes = (await records(dir)).filter((r) => r.t === 'close');
    expect(closes).toHaveLength(2);
    expect(closes.every((r) => r.at === at(0, 17))).toBe(true);
    const after = await readFile(fileOf(dir), 'utf8');
    await new Promise((r) => setTimeout(r, 120)); // six beats' worth: none may come
    await log.close();
    expect(await readFile(fileOf(dir), 'utf8')).toBe(after);

    c.t = at(1, 8);
    const again = await openCoverageLog(dir, { ...QUIET, now: c.now });
    expect(again.openSources(P)).toEqual([]);
    expect(again.gaps(P)).toEqual([{ from: at(0, 17), to: at(1, 8) }]);
    expect(again.gaps(Q)).toEqual([{ from: at(0, 17), to: at(1, 8) }]);
    await again.close();
  });
});

describe('kill -9', () => {
  it('an open span ends at its last heartbeat: at most one beat of coverage is lost', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 9));
    const log = await openCoverageLog(dir, { now: c.now, beatMs: 25 });
    await log.open(P, 'connector');
    c.t = at(0, 15);
    await until(async () => (await records(dir)).some((r) => r.t === 'beat' && r.at === at(0, 15)) || undefined, 'a heartbeat at 15:00');
    const crashed = await crashCopy(dir);
    await log.close();

    c.t = at(0, 15, 10); // started again ten minutes after the crash
    const next = await openCoverageLog(crashed, { ...QUIET, now: c.now });
    expect(next.openSources(P)).toEqual([]);
    expect(next.gaps(P)).toEqual([{ from: at(0, 15), to: at(0, 15, 10) }]);
    await next.close();
  });

  it('a crash before the first heartbeat keeps the span as opened, and the gap runs from there', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 9));
    const log = await openCoverageLog(dir, { ...QUIET, now: c.now });
    await log.open(P, 'connector');
    await log.markFilled(Q, at(0, 1), at(0, 2));
    const crashed = await crashCopy(dir);
    await log.close();
    c.t = at(0, 9, 30);
    const next = await openCoverageLog(crashed, { ...QUIET, now: c.now });
    expect(next.firstCoveredAt(P)).toBe(at(0, 9));
    expect(next.gaps(P)).toEqual([{ from: at(0, 9), to: at(0, 9, 30) }]);
    await next.close();
  });

  it('recovering twice from the same crash gives the same gaps (the repair is written down once)', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 9));
    const log = await openCoverageLog(dir, { now: c.now, beatMs: 25 });
    await log.open(P, 'stream');
    c.t = at(0, 12);
    await until(async () => (await records(dir)).some((r) => r.t === 'beat' && r.at === at(0, 12)) || undefined, 'a heartbeat at 12:00');
    const crashed = await crashCopy(dir);
    await log.close();
    c.t = at(0, 13);
    const first = await openCoverageLog(crashed, { ...QUIET, now: c.now });
    const gaps = first.gaps(P);
    const second = await openCoverageLog(await crashCopy(crashed), { ...QUIET, now: c.now }); // crashed again straight away
    expect(second.gaps(P)).toEqual(gaps);
    expect(gaps).toEqual([{ from: at(0, 12), to: at(0, 13) }]);
    await first.close();
    await second.close();
  });

  describe('a real process SIGKILLed', () => {
    let script: string;
    beforeAll(async () => { script = await bundleChild(); });

    it('loses no more than about one heartbeat of coverage', async () => {
      const dir = tempDir('ci-cov-');
      const beatMs = 200;
      const child = startChild(script, ['coverage', dir, String(beatMs)]);
      const openedAt = Number((await child.waitFor(/^open \d+$/)).slice(5));
      await new Promise((r) => setTimeout(r, 8 * beatMs));
      const killedAt = Date.now();
      await child.kill9();

      const log = await openCoverageLog(dir, QUIET);
      const now = Date.now();
      const gaps = log.gaps('prj-kill', now);
      expect(log.firstCoveredAt('prj-kill')).toBe(openedAt);
      expect(log.openSources('prj-kill')).toEqual([]);
      expect(gaps).toHaveLength(1);
      const lostMs = killedAt - gaps[0]!.from;
      expect(lostMs).toBeGreaterThanOrEqual(0);
      expect(lostMs).toBeLessThanOrEqual(beatMs + 800); // one beat, plus timer and fsync slack on a busy machine
      expect(gaps[0]!.to).toBe(now);
      await log.close();
    });
  });
});

describe('compaction', () => {
  type Op = { kind: 'open' | 'end'; p: string; s: CoverageSource; at: number } | { kind: 'uncover' | 'fill'; p: string; from: number; to: number };
  async function play(log: CoverageLog, ops: Op[]): Promise<void> {
    for (const o of ops) {
      if ('s' in o) await (o.kind === 'open' ? log.open(o.p, o.s, o.at) : log.end(o.p, o.s, o.at));
      else await (o.kind === 'uncover' ? log.uncover(o.p, o.from, o.to) : log.markFilled(o.p, o.from, o.to));
    }
  }
  const view = (log: CoverageLog, now: number) =>
    [P, Q].map((p) => ({ p, gaps: log.gaps(p, now), strip: log.strip(p, now - 48 * HOUR, now, now), first: log.firstCoveredAt(p), open: log.openSources(p).sort() }));

  /** a month of working days: 08:00–17:00 with a lunch-time tunnel drop, a fill and a SYSTEM_DISABLED */
  function month(): Op[] {
    const ops: Op[] = [];
    for (let d = 0; d < 30; d++) {
      ops.push({ kind: 'open', p: P, s: 'connector', at: at(d, 8) }, { kind: 'end', p: P, s: 'connector', at: at(d, 12) });
      ops.push({ kind: 'open', p: P, s: 'connector', at: at(d, 12, 7) }, { kind: 'open', p: Q, s: 'stream', at: at(d, 13) });
      if (d % 3 === 0) ops.push({ kind: 'uncover', p: Q, from: at(d, 14), to: at(d, 14, 30) });
      if (d % 2 === 0) ops.push({ kind: 'fill', p: P, from: at(d - 1, 17), to: at(d, 8) });
      ops.push({ kind: 'end', p: P, s: 'connector', at: at(d, 17) }, { kind: 'end', p: Q, s: 'stream', at: at(d, 17) });
    }
    ops.push({ kind: 'open', p: P, s: 'connector', at: at(30, 8) }); // open at the end: kept open through compaction
    return ops;
  }

  it('a month of records stays under compactAt on disk, and every gap is the same as without compaction', async () => {
    const now = at(30, 9);
    const plainDir = tempDir('ci-cov-');
    const plain = await openCoverageLog(plainDir, { ...QUIET, compactAt: 1e9, now: () => now });
    const compacted = tempDir('ci-cov-');
    const small = await openCoverageLog(compacted, { ...QUIET, compactAt: 150, now: () => now });
    await play(plain, month());
    await play(small, month());
    expect(view(small, now)).toEqual(view(plain, now));
    expect((await records(plainDir)).length).toBeGreaterThan(150); // so compaction really ran
    expect((await records(compacted)).length).toBeLessThanOrEqual(150);
    expect(small.gaps(P, now).length).toBeGreaterThan(5); // the month really has gaps to compare
    // and after a crash (no close) of both: the same again
    const crashed = await Promise.all([plainDir, compacted].map(async (d) => openCoverageLog(await crashCopy(d), { ...QUIET, now: () => now })));
    expect(view(crashed[1]!, now)).toEqual(view(crashed[0]!, now));
    await Promise.all([plain.close(), small.close(), ...crashed.map((l) => l.close())]);
  });

  it('any history gives the same gaps with or without compaction, live and after a restart', async () => {
    const project = fc.constantFrom(P, Q);
    const source = fc.constantFrom<CoverageSource>('connector', 'stream');
    const step = fc.integer({ min: 0, max: 90 }).map((m) => m * MIN);
    const op = fc.oneof(
      fc.record({ kind: fc.constantFrom('open' as const, 'end' as const), p: project, s: source, dt: step }),
      fc.record({ kind: fc.constantFrom('uncover' as const, 'fill' as const), p: project, back: step, len: step, dt: step }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (raw) => {
      let t = at(0, 9);
      const ops: Op[] = raw.map((o) => {
        t += o.dt;
        return 's' in o ? { kind: o.kind, p: o.p, s: o.s, at: t } : { kind: o.kind, p: o.p, from: t - o.back, to: t - o.back + o.len };
      });
      const now = t + HOUR;
      const dirs = [tempDir('ci-cov-prop-'), tempDir('ci-cov-prop-')];
      const logs = [await openCoverageLog(dirs[0]!, { ...QUIET, compactAt: 1e9, now: () => now }), await openCoverageLog(dirs[1]!, { ...QUIET, compactAt: 3, now: () => now })];
      for (const log of logs) await play(log, ops);
      expect(view(logs[1]!, now)).toEqual(view(logs[0]!, now));
      for (const log of logs) await log.close();
      const reopened = [await openCoverageLog(dirs[0]!, { ...QUIET, now: () => now }), await openCoverageLog(dirs[1]!, { ...QUIET, now: () => now })];
      expect(view(reopened[1]!, now)).toEqual(view(reopened[0]!, now));
      for (const log of reopened) await log.close();
    }), {
      numRuns: 25,
      // found in CI: a span opened and ended in the same instant started the project's coverage live, but compaction dropped it
      examples: [[[{ kind: 'open', p: P, s: 'stream', dt: 0 }, { kind: 'end', p: P, s: 'stream', dt: 0 }, { kind: 'uncover', p: Q, back: 0, len: MIN, dt: 0 }, { kind: 'uncover', p: Q, back: 0, len: MIN, dt: 0 }]]],
    });
  });

  // Found by this suite: compaction once wrote an open span as its `open` record only, dropping
  // the heartbeats, so a kill -9 before the next beat turned hours of coverage into a false gap.
  it('a crash just after a compaction still ends the open span at its last heartbeat', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 9));
    const log = await openCoverageLog(dir, { now: c.now, beatMs: 600, compactAt: 4 });
    await log.open(P, 'connector');
    c.t = at(0, 15);
    await until(async () => (await records(dir)).some((r) => r.t === 'beat') || undefined, 'a heartbeat at 15:00');
    // other projects' records push the file past compactAt: it is rewritten
    for (let h = 1; h <= 3; h++) await log.markFilled(Q, at(0, h), at(0, h, 30));
    const crashed = await crashCopy(dir); // before the next beat, 600 ms away
    await log.close();
    // rewritten (appends would end with the fills), the heartbeat kept after the spans
    expect((await records(crashed)).map((r) => r.t)).toEqual(['open', 'filled', 'filled', 'filled', 'beat']);

    c.t = at(0, 15, 10);
    const next = await openCoverageLog(crashed, { ...QUIET, now: c.now });
    expect(next.gaps(P)).toEqual([{ from: at(0, 15), to: at(0, 15, 10) }]);
    await next.close();
  });
});
