/**
 * Reads full event records (raw body, deliveries) back from segment files on demand.
 * Bodies are not kept in memory: a small LRU of parsed segments serves the detail view
 * and the export, which walks mostly in arrival order.
 */
import { readFile } from 'node:fs/promises';
import type { DeliveryRecord, EventDetail, EventSummary } from '../../../shared/records';
import { parseBody } from '../../../shared/dt/body-text';
import { checkSegment, paths, type SegmentData, type StoredEventRecord } from './disk-format';
import type { SegmentMeta } from './load-state';
import type { RawSpans } from './segment-index';

export class SegmentReader {
  private cache = new Map<number, Promise<SegmentData | null>>();

  constructor(
    private readonly dir: string,
    /** the segment being written, served from memory */
    private readonly live: () => { n: number; data: SegmentData; closing?: { get(n: number): SegmentData | undefined } } | null,
    private readonly cacheSize = 8,
  ) {}

  /** Drop a cached segment (it was rewritten or removed). */
  forget(n: number): void {
    this.cache.delete(n);
  }

  async segment(n: number): Promise<SegmentData | null> {
    const live = this.live();
    if (live && live.n === n) return live.data;
    const closing = live?.closing?.get(n);
    if (closing) return closing; // its journal holds it; its JSON file is being written
    let p = this.cache.get(n);
    if (p) {
      this.cache.delete(n); // refresh LRU position
    } else {
      p = readFile(paths(this.dir).segment(n), 'utf8').then(
        (t) => {
          const d = JSON.parse(t) as unknown;
          return checkSegment(d) ? null : (d as SegmentData);
        },
        () => null, // removed by retention meanwhile, or unreadable: the caller reports it
      );
    }
    this.cache.set(n, p);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  /**
   * The raw bodies of the events with these seqs, cut from the segment file's bytes at the
   * ranges its index gave (no parse of the whole segment: the export needs only bodies).
   * undefined for a seq the segment does not hold, or for all once the file is gone; null when
   * the file no longer matches the ranges (then the caller parses the segment).
   */
  async rawBodies(n: number, raw: RawSpans, seqs: readonly number[]): Promise<(string | undefined)[] | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(paths(this.dir).segment(n));
    } catch {
      return seqs.map(() => undefined); // removed by retention meanwhile
    }
    if (bytes.length !== raw.bytes) return null;
    const out = new Array<string | undefined>(seqs.length);
    for (let k = 0; k < seqs.length; k++) {
      const i = indexOf(raw.seqs, seqs[k]!);
      if (i < 0) continue;
      const body: unknown = JSON.parse(bytes.toString('latin1', raw.at[2 * i], raw.at[2 * i + 1]));
      if (typeof body !== 'string') return null;
      out[k] = body;
    }
    return out;
  }

  async record(segments: readonly SegmentMeta[], seq: number, eventId: string): Promise<StoredEventRecord | null> {
    const meta = findSegment(segments, seq);
    if (!meta) return null;
    const data = await this.segment(meta.n);
    return data?.events.find((e) => e.eventId === eventId) ?? null;
  }

  async duplicates(eventId: string, segmentNumbers: readonly number[]): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for (const n of segmentNumbers) {
      const data = await this.segment(n);
      for (const d of data?.duplicates ?? []) if (d.eventId === eventId) out.push(d.delivery);
    }
    return out;
  }

  /** An event with its body and every delivery of it, for the detail view. */
  async detail(s: EventSummary, segments: readonly SegmentMeta[], dupSegments: readonly number[]): Promise<EventDetail | null> {
    const r = await this.record(segments, s.seq, s.eventId);
    if (!r) return null;
    const dups = await this.duplicates(s.eventId, dupSegments);
    let body: unknown = null;
    try { body = parseBody(r.raw); } catch { /* stored raw is always JSON; keep null if not */ }
    return { ...s, raw: r.raw, body, deliveryLog: [r.delivery, ...dups] };
  }
}

/** Binary search by seq range; segments are in ascending order of both number and seq. */
export function findSegment(segments: readonly SegmentMeta[], seq: number): SegmentMeta | undefined {
  let lo = 0, hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // A segment without events (only duplicate deliveries, or just opened) has no seq range:
    // decide on the nearest segment with events at or left of it.
    let m = mid;
    while (m >= lo && segments[m]!.count === 0) m--;
    if (m < lo) {
      lo = mid + 1;
      continue;
    }
    const s = segments[m]!;
    if (seq < s.firstSeq) hi = m - 1;
    else if (seq > s.lastSeq) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Records in a segment are in seq order (appended as committed). */
export function bySeq(events: readonly StoredEventRecord[], seq: number): StoredEventRecord | undefined {
  let lo = 0, hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = events[mid]!;
    if (e.seq === seq) return e;
    if (e.seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function indexOf(seqs: Float64Array, seq: number): number {
  let lo = 0, hi = seqs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = seqs[mid]!;
    if (v === seq) return mid;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
