/**
 * Retention drops whole segments, oldest first; their eventIds stay deduped for 24 h
 * (see tombstones.ts). Pins (see retention-pins.ts) keep the segments a reader still needs.
 */
import { unlink } from 'node:fs/promises';
import type { EventSummary } from '../../../shared/records';
import { paths } from './disk-format';
import type { LoadedState } from './load-state';
import { removeSegmentIndex } from './segment-index';

/** The part of the in-memory index that retention shrinks. */
export type RetainedIndex = Pick<LoadedState, 'segments' | 'summaries' | 'byId' | 'dupSegments' | 'tombstones'>;

/**
 * Removes the oldest segment from the disk, then from the index; returns its number and events.
 * The caller must have persisted anything that depends on them (device state) first.
 */
export async function dropOldestSegment(dir: string, index: RetainedIndex, now: number): Promise<{ n: number; gone: EventSummary[] }> {
  const seg = index.segments[0]!;
  const gone = index.summaries.slice(0, seg.count);
  await index.tombstones.bury(gone, now);
  await unlink(paths(dir).segment(seg.n)).catch(() => {});
  await removeSegmentIndex(paths(dir).segment(seg.n));
  index.summaries.splice(0, seg.count);
  for (const e of gone) {
    index.byId.delete(e.eventId);
    index.dupSegments.delete(e.eventId);
  }
  index.segments.shift();
  return { n: seg.n, gone };
}
