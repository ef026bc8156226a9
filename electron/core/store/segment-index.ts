/**
 * A closed segment's index: its events' summary fields without bodies and headers, about a
 * fifth of the segment's size. Start-up and export read these instead of parsing every
 * body. An index is only trusted while its segment has the size and mtime it recorded;
 * otherwise (missing, stale, damaged) the segment itself is parsed and the index rebuilt.
 */
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileDurably } from './durable-json-file';
import type { SegmentData, StoredEventRecord } from './files';

export const INDEX_FORMAT = 'connector-inbox-segment-index/1';

export type IndexedEvent = Omit<StoredEventRecord, 'raw' | 'delivery'>;

export interface SegmentIndex {
  format: typeof INDEX_FORMAT;
  segment: number;
  segmentBytes: number;
  segmentMtimeMs: number;
  events: IndexedEvent[];
  /** eventIds of the duplicate deliveries recorded in the segment */
  duplicates: string[];
}

/** Beside segments/, in index/, so that segments/ holds only segments. */
export const indexPath = (segmentFile: string): string =>
  join(dirname(dirname(segmentFile)), 'index', basename(segmentFile).replace(/\.json$/, '.index.json'));

export async function writeSegmentIndex(segmentFile: string, n: number, data: SegmentData): Promise<void> {
  const st = await stat(segmentFile);
  const index: SegmentIndex = {
    format: INDEX_FORMAT, segment: n, segmentBytes: st.size, segmentMtimeMs: st.mtimeMs,
    events: data.events.map(({ raw: _raw, delivery: _delivery, ...fields }) => fields),
    duplicates: data.duplicates.map((d) => d.eventId),
  };
  await mkdir(dirname(indexPath(segmentFile)), { recursive: true });
  await writeFileDurably(indexPath(segmentFile), JSON.stringify(index));
}

/** The index if it still describes the segment file, else null. */
export async function readSegmentIndex(segmentFile: string, n: number): Promise<SegmentIndex | null> {
  try {
    const [st, text] = await Promise.all([stat(segmentFile), readFile(indexPath(segmentFile), 'utf8')]);
    const index = JSON.parse(text) as SegmentIndex;
    const fits = index?.format === INDEX_FORMAT && index.segment === n && index.segmentBytes === st.size &&
      index.segmentMtimeMs === st.mtimeMs && Array.isArray(index.events) && Array.isArray(index.duplicates);
    return fits ? index : null;
  } catch {
    return null;
  }
}

export async function removeSegmentIndex(segmentFile: string): Promise<void> {
  await unlink(indexPath(segmentFile)).catch(() => {});
}
