/**
 * The segment being written: its journal (what each group commit appends and fdatasyncs), the
 * ack latencies waiting for the next append, how far it is on disk (what readers may see as
 * acknowledged), and its rotation: a full segment is written whole (lowdb JSON), indexed, and
 * a new one opened.
 */
import { openJsonFile, type OpenContext } from './open-file';
import { serializeSegment } from './segment-text';
import { JournalWriter, type AckEntry } from './segment-journal';
import { checkSegment, paths, type SegmentData, type StoredEventRecord } from './disk-format';
import { emptySegment, type LoadedState, type OpenSegment } from './load-state';
import { writeSegmentIndex } from './segment-index';
import type { LiveSegment } from './delivery-log';
import type { Receipt } from './receipt';
import type { StoreStats } from './stats';

export class OpenSegmentWriter {
  /** the open segment as far as it is on disk (one object, updated in place) */
  readonly onDisk: LiveSegment;
  /** ack latencies of this segment's records not yet in its journal (appended with the next commit) */
  private pendingAcks: AckEntry[] = [];

  private constructor(private readonly dir: string, private readonly s: LoadedState, private seg: OpenSegment, private readonly stats: StoreStats) {
    this.onDisk = { n: seg.n, data: seg.db.data, events: seg.db.data.events.length, duplicates: seg.db.data.duplicates.length };
  }

  /** Continues the newest segment the load found, or starts segment 1. */
  static async start(dir: string, s: LoadedState, stats: StoreStats): Promise<OpenSegmentWriter> {
    return new OpenSegmentWriter(dir, s, s.last ?? await newSegment(dir, s, 1), stats);
  }

  get n(): number { return this.seg.n; }
  get data(): SegmentData { return this.seg.db.data; }
  get hasUnfolded(): boolean { return !this.seg.journal.empty || this.pendingAcks.length > 0; }

  /** A delivery of this segment was acknowledged after its line was written: append the latency with the next commit. */
  noteAck(r: Receipt, ackMs: number): void {
    if (r.segment === this.seg.n) this.pendingAcks.push(r.k < 0 ? ['e', (r.record as StoredEventRecord).seq, ackMs] : ['d', r.k, ackMs]);
  }

  /** The latencies to append now; give them back with restoreAcks if the append fails. */
  takeAcks(): AckEntry[] {
    return this.pendingAcks.splice(0);
  }

  restoreAcks(acks: AckEntry[]): void {
    this.pendingAcks.unshift(...acks);
  }

  /** Appends and syncs a commit's lines; its records are on disk (acknowledgeable) once this resolves. */
  async append(lines: string): Promise<void> {
    const journal = this.seg.journal, before = journal.bytesWritten;
    await journal.append(lines);
    this.stats.bytesWritten += journal.bytesWritten - before;
    this.onDisk.events = this.data.events.length;
    this.onDisk.duplicates = this.data.duplicates.length;
  }

  /** A full segment is written whole (with the ack latencies recorded since) and closed. */
  async rotateIfFull(segmentSize: number): Promise<void> {
    const data = this.data;
    if (data.events.length + data.duplicates.length < segmentSize) return;
    await this.fold();
    // The index only speeds up later starts and exports; without it they parse the segment.
    await writeSegmentIndex(paths(this.dir).segment(this.seg.n), this.seg.n, data).catch(() => {});
    this.seg = await newSegment(this.dir, this.s, this.seg.n + 1);
    Object.assign(this.onDisk, { n: this.seg.n, data: this.seg.db.data, events: 0, duplicates: 0 });
  }

  /** Folds the journal into the segment's JSON file (one whole durable write), then drops it. */
  async fold(): Promise<void> {
    await this.seg.db.write();
    this.stats.bytesWritten += this.seg.adapter.lastWriteBytes;
    this.pendingAcks.length = 0; // they are in the file now
    await this.seg.journal.remove();
  }

  /** Idle: let go of the journal's descriptor until the next commit. */
  release(): Promise<void> {
    return this.seg.journal.release();
  }
}

async function newSegment(dir: string, s: LoadedState, n: number): Promise<OpenSegment> {
  const ctx: OpenContext = { corruptDir: paths(dir).corrupt, readOnly: false, warnings: s.warnings };
  const file = await openJsonFile(paths(dir).segment(n), checkSegment, () => emptySegment(n), ctx, serializeSegment);
  s.segments.push({ n, firstSeq: 0, lastSeq: 0, count: 0 });
  return { n, ...file, journal: new JournalWriter(paths(dir).journal(n)) };
}
