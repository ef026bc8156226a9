/**
 * Retention drops whole segments, oldest first. A dropped event's eventId stays known for
 * 24 h (tombstones.json), so a late DT retry of it is still answered "duplicate".
 */
import { unlink } from 'node:fs/promises';
import type { EventSummary } from '../../../shared/records';
import { writeFileDurably } from './durable-json-file';
import { paths, type TombstonesData } from './files';
import type { LoadedState } from './load-state';
import { removeSegmentIndex } from './segment-index';

export const DEDUPE_WINDOW_MS = 24 * 3600_000;

/** Is this eventId a tombstone younger than the dedupe window? */
export function isTombstoned(s: LoadedState, eventId: string, now: number): boolean {
  return now - (s.tombstones.get(eventId) ?? -Infinity) < DEDUPE_WINDOW_MS;
}

/**
 * Removes the oldest segment from the index and the disk; returns its number and events.
 * The caller must have persisted anything that depends on them (device state) first.
 */
export async function dropOldestSegment(dir: string, s: LoadedState, now: number): Promise<{ n: number; gone: EventSummary[] }> {
  const seg = s.segments[0]!;
  const gone = s.summaries.splice(0, seg.count);
  for (const e of gone) {
    s.byId.delete(e.eventId);
    s.dupSegments.delete(e.eventId);
    const at = Date.parse(e.receivedAt);
    if (now - at < DEDUPE_WINDOW_MS) s.tombstones.set(e.eventId, at);
  }
  for (const [id, at] of s.tombstones) if (now - at >= DEDUPE_WINDOW_MS) s.tombstones.delete(id);
  const tomb: TombstonesData = { format: 'connector-inbox-tombstones/1', ids: Object.fromEntries(s.tombstones) };
  await writeFileDurably(paths(dir).tombstones, JSON.stringify(tomb));
  await unlink(paths(dir).segment(seg.n)).catch(() => {});
  await removeSegmentIndex(paths(dir).segment(seg.n));
  s.segments.shift();
  return { n: seg.n, gone };
}
