/**
 * A closed segment's index: its events' summary fields without bodies and headers, about a
 * fifth of the segment's size. Start-up and export read these instead of parsing every
 * body. An index is only trusted while its segment has the size and mtime it recorded;
 * otherwise (missing, stale, damaged) the segment itself is parsed and the index rebuilt.
 */
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileDurably } from './durable-json-file';
import { asciiJson } from './segment-text';
import type { EventSummary } from '../../../shared/records';
import type { SegmentData, StoredEventRecord } from './files';

/**
 * v3: the text is ASCII (non-ASCII escaped as \uXXXX), so it is decoded as latin1 — a plain
 * copy — instead of UTF-8: decoding was an eighth of the start-up at 250k events. v2 indexes
 * (possibly raw UTF-8) do not fit and are rebuilt from their segments once.
 */
export const INDEX_FORMAT = 'connector-inbox-segment-index/3';

/** Events are stored as tuples in this field order: half the bytes of objects, faster to parse. */
export const INDEX_FIELDS = [
  'seq', 'eventId', 'eventType', 'projectId', 'deviceId', 'deviceType', 'deviceName', 'labels', 'timestamp',
  'receivedAt', 'signature', 'warnings', 'stale', 'knownType', 'summary',
] as const satisfies readonly (keyof IndexedEvent)[];

export type IndexedEvent = Omit<StoredEventRecord, 'raw' | 'delivery'>;

export interface SegmentIndex {
  format: typeof INDEX_FORMAT;
  segment: number;
  segmentBytes: number;
  segmentMtimeMs: number;
  fields: readonly string[];
  events: unknown[][];
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
    fields: INDEX_FIELDS,
    events: data.events.map((e) => INDEX_FIELDS.map((f) => e[f] ?? null)),
    duplicates: data.duplicates.map((d) => d.eventId),
  };
  await mkdir(dirname(indexPath(segmentFile)), { recursive: true });
  await writeFileDurably(indexPath(segmentFile), asciiJson(index));
}

/** The index's events if it still describes the segment file, else null. */
export async function readSegmentIndex(segmentFile: string, n: number): Promise<{ events: EventSummary[]; duplicates: string[] } | null> {
  try {
    const [st, bytes] = await Promise.all([stat(segmentFile), readFile(indexPath(segmentFile))]);
    const text = bytes.toString('latin1'); // ASCII by construction (see INDEX_FORMAT)
    const index = JSON.parse(text) as SegmentIndex;
    const fits = index?.format === INDEX_FORMAT && index.segment === n && index.segmentBytes === st.size &&
      index.segmentMtimeMs === st.mtimeMs && Array.isArray(index.events) && Array.isArray(index.duplicates) &&
      index.fields?.join() === INDEX_FIELDS.join();
    if (!fits) return null;
    const shared = new LabelsInterner();
    return { events: index.events.map((t) => fromTuple(t, shared)), duplicates: index.duplicates };
  } catch {
    return null;
  }
}

const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A device's events nearly always carry the same labels: share one object per device and
 * value instead of 250k copies (fewer objects to build and to collect at start-up).
 * Summaries never mutate their labels or warnings, so sharing is safe.
 */
class LabelsInterner {
  private last = new Map<string, Record<string, string>>();

  intern(deviceId: string, labels: Record<string, string>): Record<string, string> {
    const prev = this.last.get(deviceId);
    if (prev && sameLabels(prev, labels)) return prev;
    this.last.set(deviceId, labels);
    return labels;
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

/** A literal (one hidden class, no per-key assignment): this runs 250k times at start-up. */
function fromTuple(t: any[], shared: LabelsInterner): EventSummary {
  return {
    seq: t[0], eventId: t[1], eventType: t[2], projectId: t[3], deviceId: t[4], deviceType: t[5] ?? undefined, deviceName: t[6],
    labels: shared.intern(t[4], t[7]), timestamp: t[8], receivedAt: t[9], deliveries: 1, signature: t[10],
    warnings: t[11]?.length ? t[11] : NO_WARNINGS, stale: t[12], knownType: t[13], summary: t[14],
  };
}

export async function removeSegmentIndex(segmentFile: string): Promise<void> {
  await unlink(indexPath(segmentFile)).catch(() => {});
}
