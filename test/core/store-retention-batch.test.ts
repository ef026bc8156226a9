/**
 * Retention past a large cap waits for a batch of surplus segments and drops them in one
 * pass (one tombstones write, one wait for the commits behind it), and what it dropped is
 * still deduped and left out of the device state after a restart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '../../electron/core/store';
import { retentionBatch } from '../../electron/core/store/retention';
import { cleanupTempDirs, storeArrival, tempDir } from './helpers';

afterAll(() => cleanupTempDirs());

describe('retention in batches', () => {
  it('sizes a batch as 1 % of the cap in segments, between 1 and 8', () => {
    expect(retentionBatch(10, 4)).toBe(1);
    expect(retentionBatch(1_000, 5)).toBe(2);
    expect(retentionBatch(100_000, 256)).toBe(3);
    expect(retentionBatch(250_000, 256)).toBe(8);
    expect(retentionBatch(10_000_000, 256)).toBe(8);
  });

  it('keeps the cap, drops two segments at a time for a cap of 1000 in segments of 5, and still dedupes them after a restart', async () => {
    const dir = tempDir();
    const cap = 1_000, seg = 5;
    let s = await EventStore.open(dir, { maxEvents: cap, segmentSize: seg });
    const passes: string[] = [];
    s.on('retention', (m) => passes.push(m));
    const sent = [];
    let tombstoneWrites = 0, lastMtime = 0;
    for (let i = 0; i < cap + 4 * seg + 1; i++) {
      const x = storeArrival();
      sent.push(x);
      expect((await s.ingest(x)).outcome).toBe('accepted');
      expect(s.summaries.length).toBeLessThanOrEqual(cap + 3 * seg);
      try {
        const m = statSync(join(dir, 'tombstones.json')).mtimeMs;
        if (m !== lastMtime) tombstoneWrites++, (lastMtime = m);
      } catch { /* not written yet */ }
    }
    // 1021 events: the first pass waited for 1010 (two surplus segments), the second for 1020
    expect(passes).toEqual([`retention: removed the 10 oldest events (cap ${cap})`, `retention: removed the 10 oldest events (cap ${cap})`]);
    expect(tombstoneWrites).toBe(2);
    expect(s.summaries.length).toBe(cap + 1);
    expect(s.summaries[0]!.eventId).toBe(sent[20]!.eventId);
    expect(s.stats.droppedByRetention).toBe(20);
    await s.close();

    s = await EventStore.open(dir, { maxEvents: cap, segmentSize: seg });
    expect(s.summaries.length).toBe(cap + 1);
    expect((await s.ingest({ ...sent[3]!, receivedAt: new Date().toISOString() })).outcome).toBe('duplicate');
    expect(s.find(sent[3]!.eventId)).toBeUndefined();
    await s.close();
  });
});
