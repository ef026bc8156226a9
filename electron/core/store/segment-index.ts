/**
 * A closed segment's index: its events' summary fields without bodies and headers, about a
 * tenth of the segment's size, and where each raw body lies in the segment file. Start-up
 * reads these instead of parsing every body, and the export reads only the bodies' bytes.
 * An index is only trusted while its segment has the size and mtime it recorded;
 * otherwise (missing, stale, damaged) the segment itself is parsed and the index rebuilt.
 */
import { readFile as readFileCb, stat as statCb } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { writeFileDurably } from './durable-json-file';
import { asciiJson } from './segment-text';
import type { EventSummary } from '../../../shared/records';
import type { SegmentData, StoredEventRecord } from './disk-format';
import { INDEX_V3, INDEX_V3_FIELDS, fromV3Tuple, LabelsInterner } from './segment-index-v3';

/**
 * v4: repeated values (types, ids, names, labels, summaries) are written once per index in
 * `strings` / `labels` and the tuples hold their positions: fewer, shorter strings to parse
 * and to keep (start-up is mostly JSON.parse and the garbage collector: bench/FINDINGS.md §4). Each
 * tuple ends with the byte range of the event's raw body (a JSON string literal) in the
 * segment file, or -1, -1. Like v3 the text is ASCII and decoded as latin1. v3 indexes (no
 * ranges) are still read; earlier ones are rebuilt from their segments once.
 * v5 adds the event's source at the end of each tuple (a position in `strings`; -1 for
 * `connector`); v4 indexes are read as they are, every event in them from the connector.
 */
export const INDEX_FORMAT = 'connector-inbox-segment-index/5';
const INDEX_V4 = 'connector-inbox-segment-index/4';

const INDEX_V4_FIELDS = [...INDEX_V3_FIELDS, 'rawStart', 'rawEnd'] as const;
export const INDEX_FIELDS = [...INDEX_V4_FIELDS, 'source'] as const;
/** fields written as a position in `strings` (-1: undefined; in this order in the tuple); labels are a position in `labels` */
const CODED_V4 = ['eventType', 'projectId', 'deviceId', 'deviceType', 'deviceName', 'signature', 'summary'] as const;
const CODED = [...CODED_V4, 'source'] as const;

export type IndexedEvent = Omit<StoredEventRecord, 'raw' | 'delivery'>;

export interface SegmentIndex {
  format: typeof INDEX_FORMAT | typeof INDEX_V4;
  segment: number;
  segmentBytes: number;
  segmentMtimeMs: number;
  fields: readonly string[];
  coded: readonly string[];
  strings: string[];
  labels: Record<string, string>[];
  events: unknown[][];
  /** eventIds of the duplicate deliveries recorded in the segment */
  duplicates: string[];
}

/**
 * Where each event's raw body is in the segment file (which must still be `bytes` long):
 * the body of the event with seq `seqs[i]` is the JSON string literal at bytes
 * `at[2i]`…`at[2i + 1]`.
 */
export interface RawSpans {
  bytes: number;
  seqs: Float64Array;
  at: Uint32Array;
}

/** Beside segments/, in index/, so that segments/ holds only segments. */
export const indexPath = (segmentFile: string): string =>
  join(dirname(dirname(segmentFile)), 'index', basename(segmentFile).replace(/\.json$/, '.index.json'));

/** Positions of distinct values, by value (labels by their JSON text). */
class Table<T> {
  readonly values: T[] = [];
  private readonly at = new Map<string, number>();
  of(v: T | undefined, key: string | undefined): number {
    if (v === undefined || key === undefined) return -1;
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.values.push(v) - 1;
      this.at.set(key, i);
    }
    return i;
  }
}

export async function writeSegmentIndex(segmentFile: string, n: number, data: SegmentData): Promise<void> {
  // The ranges come from the bytes on disk (not from memory, where an ack latency may have
  // changed a record since), read through one descriptor so that size and text agree.
  const fh = await open(segmentFile, 'r');
  let st, bytes;
  try {
    st = await fh.stat();
    bytes = await fh.readFile();
  } finally {
    await fh.close();
  }
  const strings = new Table<string>(), labels = new Table<Record<string, string>>();
  let from = 0, spans = true;
  const events = data.events.map((e) => {
    const str = (v: string | undefined) => strings.of(v, v);
    // Any bytes equal to the body's literal decode to the body; a segment written before
    // segments were ASCII may not contain it, and then none of its ranges is recorded.
    const literal = asciiJson(e.raw);
    const at = spans ? bytes.indexOf(literal, from, 'latin1') : -1;
    if (at < 0) spans = false;
    else from = at + literal.length;
    return [
      e.seq, e.eventId, str(e.eventType), str(e.projectId), str(e.deviceId), str(e.deviceType), str(e.deviceName),
      labels.of(e.labels, JSON.stringify(e.labels)), e.timestamp, e.receivedAt, str(e.signature),
      e.warnings.length ? e.warnings : 0, e.stale, e.knownType, str(e.summary), at, at < 0 ? -1 : from, str(e.source),
    ];
  });
  if (!spans) for (const t of events) t[15] = t[16] = -1;
  const index: SegmentIndex = {
    format: INDEX_FORMAT, segment: n, segmentBytes: st.size, segmentMtimeMs: st.mtimeMs,
    fields: INDEX_FIELDS, coded: CODED, strings: strings.values, labels: labels.values, events,
    duplicates: data.duplicates.map((d) => d.eventId),
  };
  await mkdir(dirname(indexPath(segmentFile)), { recursive: true });
  await writeFileDurably(indexPath(segmentFile), asciiJson(index));
}

export interface ReadIndex {
  events: EventSummary[];
  duplicates: string[];
  /** null: an index without ranges (v3, or a segment that is not ASCII) */
  raw: RawSpans | null;
}

// The callback API: fewer round trips through the thread pool than fs/promises' FileHandle.
const statP = promisify(statCb), readFileP = promisify(readFileCb);

/** The index's events if it still describes the segment file, else null. */
export async function readSegmentIndex(segmentFile: string, n: number): Promise<ReadIndex | null> {
  try {
    const [st, bytes] = await Promise.all([statP(segmentFile), readFileP(indexPath(segmentFile))]);
    const text = bytes.toString('latin1'); // ASCII by construction (see INDEX_FORMAT)
    const index = JSON.parse(text) as SegmentIndex | (Omit<SegmentIndex, 'format'> & { format: typeof INDEX_V3 });
    const fits = index?.segment === n && index.segmentBytes === st.size && index.segmentMtimeMs === st.mtimeMs &&
      Array.isArray(index.events) && Array.isArray(index.duplicates);
    if (!fits) return null;
    if (index.format === INDEX_V3 && index.fields?.join() === INDEX_V3_FIELDS.join()) {
      const shared = new LabelsInterner();
      return { events: index.events.map((t) => fromV3Tuple(t, shared)), duplicates: index.duplicates, raw: null };
    }
    const v5 = index.format === INDEX_FORMAT && index.fields?.join() === INDEX_FIELDS.join() && index.coded?.join() === CODED.join();
    const v4 = index.format === INDEX_V4 && index.fields?.join() === INDEX_V4_FIELDS.join() && index.coded?.join() === CODED_V4.join();
    if (!(v5 || v4) || !Array.isArray(index.strings) || !Array.isArray(index.labels)) return null;
    return decode(index, st.size);
  } catch {
    return null;
  }
}

const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];

function decode(index: SegmentIndex, bytes: number): ReadIndex {
  const S = index.strings, L = index.labels, count = index.events.length;
  const events = new Array<EventSummary>(count);
  const seqs = new Float64Array(count), at = new Uint32Array(2 * count);
  let spans = count > 0;
  for (let i = 0; i < count; i++) {
    const t = index.events[i] as any[];
    // A literal (one hidden class, no per-key assignment): this runs 250k times at start-up.
    events[i] = {
      seq: t[0], eventId: t[1], eventType: S[t[2]]!, projectId: S[t[3]]!, deviceId: S[t[4]]!, deviceType: t[5] < 0 ? undefined : S[t[5]],
      deviceName: S[t[6]]!, labels: L[t[7]]!, timestamp: t[8], receivedAt: t[9], deliveries: 1, signature: S[t[10]] as EventSummary['signature'],
      warnings: t[11] === 0 ? NO_WARNINGS : t[11], stale: t[12], knownType: t[13], summary: S[t[14]]!,
      // v4 tuples end before the source (undefined ≥ 0 is false): every event then came from the connector
      source: t[17] >= 0 ? S[t[17]] as EventSummary['source'] : 'connector',
    };
    seqs[i] = t[0];
    if (t[15] < 0) spans = false;
    at[2 * i] = t[15];
    at[2 * i + 1] = t[16];
  }
  return { events, duplicates: index.duplicates, raw: spans ? { bytes, seqs, at } : null };
}

export async function removeSegmentIndex(segmentFile: string): Promise<void> {
  await unlink(indexPath(segmentFile)).catch(() => {});
}
