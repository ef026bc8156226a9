/**
 * The health log on its own: what was flushed is read back at the next open (last record of a
 * key wins), superseded lines do not pile up, bad lines are skipped, old days and oversized
 * detail go, and detail lines are found again by their key.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHealthLog } from '../../electron/core/health-log';
import type { Clock } from '../../shared/clock';
import { cleanupTempDirs, tempDir } from '../core/helpers';

afterAll(cleanupTempDirs);

const DAY = 86_400_000;
/** a clock whose timers never fire on their own: the test flushes */
const still = (at: number): Clock & { at: number } => ({ at, now() { return this.at; }, setTimeout: () => 0, clearTimeout: () => undefined });
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).length;
const dayFile = (dir: string, ms: number) => join(dir, 'health', `${new Date(ms).toISOString().slice(0, 10)}.jsonl`);

describe('the health log', () => {
  it('reads back what was flushed, the last record of each kind, time and id, oldest first', async () => {
    const dir = tempDir('ci-health-');
    const clock = still(Date.parse('2026-12-06T10:00:30Z'));
    const a = await openHealthLog(dir, { clock });
    a.append({ k: 'forward', t: 2, id: 'r1', ok: 1 });
    a.append({ k: 'forward', t: 1, id: 'r1', ok: 5 });
    a.append({ k: 'forward', t: 2, id: 'r1', ok: 3 }); // the same minute again, later: replaces
    a.append({ k: 'forward', t: 2, id: 'r2', ok: 7 }); // another run's record of the minute
    a.append({ k: 'ack', t: 1, n: 2 });
    await a.flush();
    a.append({ k: 'ack', t: 9, n: 4 }); // not flushed before kill -9 would lose it; close flushes
    await a.close();
    const b = await openHealthLog(dir, { clock });
    expect(b.read('forward').map((r) => [r.t, r.id, r.ok])).toEqual([[1, 'r1', 5], [2, 'r1', 3], [2, 'r2', 7]]);
    expect(b.read('ack').map((r) => r.n)).toEqual([2, 4]);
    expect(b.read('nothing')).toEqual([]);
    await b.close();
  });

  it('rewrites a minute each second without the file growing a line per write', async () => {
    const dir = tempDir('ci-health-');
    const clock = still(Date.parse('2026-12-06T10:00:30Z'));
    const log = await openHealthLog(dir, { clock });
    for (let i = 1; i <= 3_000; i++) {
      log.append({ k: 'forward', t: 60_000 * (i % 3), id: 'run', ok: i });
      await log.flush();
    }
    await log.close();
    expect(lines(dayFile(dir, clock.at))).toBeLessThanOrEqual(2 * 3 + 500);
    const again = await openHealthLog(dir, { clock });
    expect(again.read('forward').map((r) => r.ok)).toEqual([3_000, 2_998, 2_999]);
    await again.close();
  });

  it('skips a torn last line and garbage, and keeps the rest', async () => {
    const dir = tempDir('ci-health-');
    const clock = still(Date.parse('2026-12-06T10:00:30Z'));
    const log = await openHealthLog(dir, { clock });
    log.append({ k: 'ack', t: 1, n: 1 });
    log.append({ k: 'ack', t: 2, n: 2 });
    await log.close();
    appendFileSync(dayFile(dir, clock.at), 'not json\n{"k":"ack"}\n{"k":"ack","t":3,"n"');
    const again = await openHealthLog(dir, { clock });
    expect(again.read('ack').map((r) => r.n)).toEqual([1, 2]);
    expect(again.skipped).toBe(3);
    again.append({ k: 'ack', t: 4, n: 4 });
    await again.close();
    const third = await openHealthLog(dir, { clock });
    expect(third.read('ack').map((r) => r.n)).toEqual([1, 2, 4]);
    await third.close();
  });

  it('keeps 7 days: older files go at open, and earlier days are read too', async () => {
    const dir = tempDir('ci-health-');
    const now = Date.parse('2026-12-06T10:00:30Z');
    for (const ago of [8, 6, 1]) {
      const log = await openHealthLog(dir, { clock: still(now - ago * DAY) });
      log.append({ k: 'ack', t: now - ago * DAY, n: ago });
      log.appendDetail('e1', { ago });
      await log.close();
    }
    expect(existsSync(dayFile(dir, now - 8 * DAY))).toBe(true);
    const log = await openHealthLog(dir, { clock: still(now) });
    expect(existsSync(dayFile(dir, now - 8 * DAY))).toBe(false);
    expect(log.read('ack').map((r) => r.n)).toEqual([6, 1]);
    expect(await log.detail('e1')).toEqual([{ ago: 6 }, { ago: 1 }]);
    await log.close();
  });

  it('finds detail lines by key, pending ones included, and bounds the detail in bytes', async () => {
    const dir = tempDir('ci-health-');
    const now = Date.parse('2026-12-06T10:00:30Z');
    const big = 'x'.repeat(2_000);
    for (const ago of [3, 2]) {
      const log = await openHealthLog(dir, { clock: still(now - ago * DAY) });
      for (let i = 0; i < 100; i++) log.appendDetail(`old-${i}`, { big });
      await log.close();
    }
    const log = await openHealthLog(dir, { clock: still(now), detailCapBytes: 300_000 });
    // the oldest day went over the cap; the newer one stays
    expect(readdirSync(join(dir, 'health')).filter((n) => n.startsWith('detail-')).length).toBe(1);
    expect(await log.detail('old-5')).toHaveLength(1);
    log.appendDetail('a "quoted" id', { n: 1 });
    await log.flush();
    log.appendDetail('a "quoted" id', { n: 2 });
    log.appendDetail('a "quoted" id-2', { n: 3 }); // a key that starts like the other is not it
    expect(await log.detail('a "quoted" id')).toEqual([{ n: 1 }, { n: 2 }]);
    await log.close();
  });

  it('never throws at a producer: a record that cannot be written is counted', async () => {
    const dir = tempDir('ci-health-');
    const log = await openHealthLog(dir, { clock: still(Date.now()) });
    log.append({ k: 'ack', t: 1, n: 10n as unknown as number }); // BigInt does not serialize
    await log.flush();
    expect(log.failures.count).toBe(1);
    log.append({ k: 'ack', t: 2, n: 2 });
    await log.close();
    const again = await openHealthLog(dir);
    expect(again.read('ack').map((r) => r.n)).toEqual([2]);
    await again.close();
    writeFileSync(join(dir, 'health', 'notes.txt'), 'a file of ours that is not a day: left alone');
    await (await openHealthLog(dir)).close();
    expect(existsSync(join(dir, 'health', 'notes.txt'))).toBe(true);
  });
});
