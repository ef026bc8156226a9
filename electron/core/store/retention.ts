/**
 * Retention drops whole segments, oldest first; their eventIds stay deduped for 24 h
 * (see tombstones.ts). Pins (see retention-pins.ts) keep the segments a reader still needs.
 * It waits until a batch of segments is past the cap (up to 1 % of the cap, at most 8
 * segments: 2,048 events over 250,000) and drops them in one pass: one tombstones write per
 * pass instead of one per segment, and the commits behind it wait once per batch, not once a
 * segment (bench/FINDINGS.md §11).
 */
import { unlink } from 'node:fs/promises';
import type { EventSummary } from '../../../shared/records';
import { paths } from './disk-format';
import type { LoadedState, SegmentMeta } from './load-state';
import { removeSegmentIndex } from './segment-index';

/** The part of the in-memory index that retention shrinks. */
export type RetainedIndex = Pick<LoadedState, 'segments' | 'summaries' | 'byId' | 'dupSegments' | 'tombstones'>;

/** How many surplus segments a pass waits for: 1 for small caps (tests, tiny stores). */
export function retentionBatch(maxEvents: number, segmentSize: number): number {
  return Math.min(8, Math.max(1, Math.floor((maxEvents * 0.01) / segmentSize)));
}

/**
 * The oldest segments that can go: while the rest still hold `maxEvents`, never the open (last)
 * one, never one at or above `floor` (a reader's pin). Empty until `batch` of them can go.
 */
export function segmentsPastCap(index: Pick<RetainedIndex, 'segments' | 'summaries'>, maxEvents: number, floor: number, batch: number): SegmentMeta[] {
  const out: SegmentMeta[] = [];
  let left = index.summaries.length;
  for (const seg of index.segments.slice(0, -1)) {
    if (left - seg.count < maxEvents || seg.n >= floor) break;
    out.push(seg);
    left -= seg.count;
  }
  return out.length >= batch ? out : [];
}

/**
 * Removes the oldest `segs.length` segments (from segmentsPastCap) from the disk, then from the
 * index; returns their events. The caller must have persisted anything that depends on them
 * (device state) first.
 */
export async function dropOldestSegments(dir: string, index: RetainedIndex, segs: readonly SegmentMeta[], now: number): Promise<EventSummary[]> {
  const count = segs.reduce((a, s) => a + s.count, 0);
  const gone = index.summaries.slice(0, count);
  await index.tombstones.bury(gone, now);
  for (const seg of segs) {
    await unlink(paths(dir).segment(seg.n)).catch(() => {});
    await removeSegmentIndex(paths(dir).segment(seg.n));
  }
  index.summaries.splice(0, count);
  for (const e of gone) {
    index.byId.delete(e.eventId);
    index.dupSegments.delete(e.eventId);
  }
  index.segments.splice(0, segs.length);
  return gone;
}
