/**
 * What the coverage log says about a project's day, as the gap filler and the strip read it:
 * the one gap of a closed night, SYSTEM_DISABLED carving a hole out of a covered span, fills
 * closing gaps wholly or in part, the strip's classification, and records that are bad on disk.
 * Beat timers are set far off here; coverage-durability.test.ts covers crashes and compaction.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCoverageLog } from '../../electron/core/coverage';
import { cleanupTempDirs, tempDir } from '../core/helpers';
import { HOUR, MIN, at, clock } from './clock';

const P = 'prj-fridges';
const Q = 'prj-doors';
const QUIET = { beatMs: 24 * HOUR };
const lineCount = async (dir: string) => (await readFile(join(dir, 'coverage.jsonl'), 'utf8')).split('\n').filter(Boolean).length;

afterAll(cleanupTempDirs);

/** covered 09:00–18:00 on day 0, the app quit at 18:00 and started again at 08:40 on day 1 */
async function closedNight() {
  const dir = tempDir('ci-cov-');
  const c = clock(at(0, 9));
  const day0 = await openCoverageLog(dir, { ...QUIET, now: c.now });
  await day0.open(P, 'connector');
  c.t = at(0, 18);
  await day0.close();
  c.t = at(1, 8, 40);
  const day1 = await openCoverageLog(dir, { ...QUIET, now: c.now });
  await day1.open(P, 'connector');
  return { dir, c, log: day1 };
}

describe('gaps', () => {
  it('a closed night is exactly one gap, from quitting to starting again', async () => {
    const { c, log } = await closedNight();
    c.t = at(1, 9, 15);
    expect(log.gaps(P)).toEqual([{ from: at(0, 18), to: at(1, 8, 40) }]);
    expect(log.firstCoveredAt(P)).toBe(at(0, 9));
    await log.close();
  });

  it('nothing before the project was first covered is a gap, and an open span covers up to now', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    expect(log.gaps(P, at(0, 12))).toEqual([]);
    await log.open(P, 'stream', at(0, 10));
    expect(log.gaps(P, at(0, 12))).toEqual([]);
    expect(log.openSources(P)).toEqual(['stream']);
    await log.close();
  });

  it('a tunnel drop of 20 minutes is a gap; one shorter than minGapMs is not reported', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    await log.open(P, 'connector', at(0, 9));
    await log.end(P, 'connector', at(0, 10));
    await log.open(P, 'connector', at(0, 10, 20));
    await log.end(P, 'connector', at(0, 11));
    await log.open(P, 'connector', at(0, 11, 0) + 30_000);
    const now = at(0, 12);
    expect(log.gaps(P, now)).toEqual([{ from: at(0, 10), to: at(0, 10, 20) }, { from: at(0, 11), to: at(0, 11) + 30_000 }]);
    expect(log.gaps(P, now, MIN)).toEqual([{ from: at(0, 10), to: at(0, 10, 20) }]);
    await log.close();
  });

  it('time held by either source is covered: the stream bridges the connector being down', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    await log.open(P, 'connector', at(0, 9));
    await log.open(P, 'stream', at(0, 11));
    await log.end(P, 'connector', at(0, 12));
    await log.open(P, 'connector', at(0, 13));
    await log.end(P, 'stream', at(0, 14));
    expect(log.gaps(P, at(0, 15))).toEqual([]);
    expect(log.openSources(P)).toEqual(['connector']);
    await log.close();
  });

  it('SYSTEM_DISABLED: the period DT dropped is a gap even though a span held it, and stays one after a restart', async () => {
    const dir = tempDir('ci-cov-');
    const c = clock(at(0, 15));
    const log = await openCoverageLog(dir, { ...QUIET, now: c.now });
    await log.open(P, 'connector', at(0, 9));
    // at 14:00 DT disabled the connector and dropped what it had queued since 11:00
    await log.uncover(P, at(0, 11), at(0, 14));
    await log.end(P, 'connector', at(0, 14));
    await log.open(P, 'connector', at(0, 14, 5));
    expect(log.gaps(P)).toEqual([{ from: at(0, 11), to: at(0, 14, 5) }]);
    await log.close();
    c.t = at(0, 16); // quit at 15:00, started again at 16:00
    const again = await openCoverageLog(dir, { ...QUIET, now: c.now });
    expect(again.gaps(P)).toEqual([{ from: at(0, 11), to: at(0, 14, 5) }, { from: at(0, 15), to: at(0, 16) }]);
    await again.close();
  });

  it('a fill of the whole gap closes it for good; a partial fill leaves the rest open', async () => {
    const { dir, c, log } = await closedNight();
    c.t = at(1, 9);
    await log.markFilled(P, at(0, 20), at(0, 23), 1234);
    expect(log.gaps(P)).toEqual([{ from: at(0, 18), to: at(0, 20) }, { from: at(0, 23), to: at(1, 8, 40) }]);
    await log.markFilled(P, at(0, 18) - MIN, at(0, 20) + MIN); // the filler's minute of margin either side
    await log.markFilled(P, at(0, 23), at(1, 8, 40));
    expect(log.gaps(P)).toEqual([]);
    await log.close();
    const again = await openCoverageLog(dir, { ...QUIET, now: c.now });
    expect(again.gaps(P, at(1, 9))).toEqual([]);
    await again.close();
  });

  it('projects are independent: one project covered says nothing about another', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    await log.open(P, 'connector', at(0, 9));
    await log.open(Q, 'stream', at(0, 12));
    await log.end(P, 'connector', at(0, 13));
    await log.uncover(Q, at(0, 12), at(0, 12, 30));
    await log.markFilled(P, at(0, 13), at(0, 14));
    expect(log.gaps(P, at(0, 16))).toEqual([{ from: at(0, 14), to: at(0, 16) }]);
    expect(log.gaps(Q, at(0, 16))).toEqual([{ from: at(0, 12), to: at(0, 12, 30) }]);
    expect(log.projects().sort()).toEqual([Q, P].sort());
    expect(log.openSources(P)).toEqual([]);
    expect(log.openSources(Q)).toEqual(['stream']);
    expect(log.firstCoveredAt(Q)).toBe(at(0, 12));
    expect(log.firstCoveredAt('prj-never')).toBeUndefined();
    expect(log.gaps('prj-never', at(0, 16))).toEqual([]);
    await log.close();
  });

  it('opening a source that is open, or ending one that is not, changes nothing and writes nothing', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    await log.open(P, 'connector', at(0, 9));
    const lines = await lineCount(dir);
    await log.open(P, 'connector', at(0, 10)); // the span still started at 09:00
    await log.end(P, 'stream', at(0, 10));
    await log.end(Q, 'connector', at(0, 10));
    expect(await lineCount(dir)).toBe(lines);
    await log.end(P, 'connector', at(0, 11));
    await log.end(P, 'connector', at(0, 12)); // already ended at 11:00
    expect(log.gaps(P, at(0, 13))).toEqual([{ from: at(0, 11), to: at(0, 13) }]);
    await log.close();
  });
});

describe('strip', () => {
  it('classifies the last 24 h: received, filled and gap, in order and without overlap', async () => {
    const { c, log } = await closedNight();
    c.t = at(1, 10);
    await log.markFilled(P, at(0, 20), at(0, 22));
    const parts = log.strip(P, c.t - 24 * HOUR, c.t);
    expect(parts).toEqual([
      { from: at(0, 10), to: at(0, 18), kind: 'received' },
      { from: at(0, 18), to: at(0, 20), kind: 'gap' },
      { from: at(0, 20), to: at(0, 22), kind: 'filled' },
      { from: at(0, 22), to: at(1, 8, 40), kind: 'gap' },
      { from: at(1, 8, 40), to: at(1, 10), kind: 'received' },
    ]);
    await log.close();
  });

  it('shows the time before the project was first covered as before, and a dropped period as gap', async () => {
    const dir = tempDir('ci-cov-');
    const log = await openCoverageLog(dir, QUIET);
    await log.open(P, 'connector', at(0, 9));
    await log.uncover(P, at(0, 10), at(0, 11));
    const parts = log.strip(P, at(0, 8), at(0, 12), at(0, 12));
    expect(parts).toEqual([
      { from: at(0, 8), to: at(0, 9), kind: 'before' },
      { from: at(0, 9), to: at(0, 10), kind: 'received' },
      { from: at(0, 10), to: at(0, 11), kind: 'gap' },
      { from: at(0, 11), to: at(0, 12), kind: 'received' },
    ]);
    // a project never covered is "before" all along
    expect(log.strip(Q, at(0, 8), at(0, 12), at(0, 12))).toEqual([{ from: at(0, 8), to: at(0, 12), kind: 'before' }]);
    await log.close();
  });

  it('the parts of any window tile it exactly, up to now', async () => {
    const { c, log } = await closedNight();
    c.t = at(1, 10);
    await log.uncover(P, at(0, 12), at(0, 13));
    await log.markFilled(P, at(0, 12, 30), at(0, 19));
    for (const [from, to] of [[at(0, 0), at(1, 10)], [at(0, 12, 10), at(0, 12, 50)], [at(0, 17), at(1, 9)], [at(1, 9), at(1, 10)]] as const) {
      const parts = log.strip(P, from, to);
      expect(parts[0]!.from, `window ${from}`).toBe(from);
      expect(parts[parts.length - 1]!.to).toBe(to);
      parts.forEach((p, i) => {
        expect(p.to).toBeGreaterThan(p.from);
        if (i > 0) expect(p.from).toBe(parts[i - 1]!.to);
      });
    }
    await log.close();
  });
});

describe('bad data on disk', () => {
  it('skips records with wrong types, garbage and a torn last line; the rest still counts and new records append cleanly', async () => {
    const dir = tempDir('ci-cov-');
    const file = join(dir, 'coverage.jsonl');
    const good = { t: 'span', p: P, s: 'connector', from: at(0, 9), to: at(0, 12) };
    await writeFile(file, [
      JSON.stringify(good),
      JSON.stringify({ t: 'span', p: P, s: 'connector', from: 'yesterday', to: at(0, 18) }),
      JSON.stringify({ t: 'filled', p: P, from: null, to: at(0, 18) }),
      JSON.stringify({ t: 'uncover', p: 42, from: at(0, 9), to: at(0, 10) }),
      JSON.stringify({ t: 'open', p: P, s: 'connector', at: 'soon' }),
      JSON.stringify({ t: 'teleport', p: P }),
      'this is not json',
      '"a string"',
      JSON.stringify({ t: 'span', p: P, s: 'connector', from: at(0, 13), to: at(0, 14) }),
      '{"t":"close","p":"prj-fridges","s":"conn',
    ].join('\n'));
    const log = await openCoverageLog(dir, QUIET);
    expect(log.gaps(P, at(0, 15))).toEqual([{ from: at(0, 12), to: at(0, 13) }, { from: at(0, 14), to: at(0, 15) }]);
    await log.markFilled(P, at(0, 12), at(0, 13));
    await log.close();
    const again = await openCoverageLog(dir, QUIET);
    expect(again.gaps(P, at(0, 15))).toEqual([{ from: at(0, 14), to: at(0, 15) }]);
    await again.close();
  });

  it('an empty file is an empty log', async () => {
    const dir = tempDir('ci-cov-');
    await writeFile(join(dir, 'coverage.jsonl'), '');
    const log = await openCoverageLog(dir, QUIET);
    expect(log.projects()).toEqual([]);
    await log.close();
  });
});
