/**
 * The segment being written: its journal (what each group commit appends and fdatasyncs), the
 * ack latencies waiting for the next append, how far it is on disk (what readers may see as
 * acknowledged), and its rotation: a new segment is opened at once and the full one is written
 * whole (lowdb JSON) and indexed behind the commits, in order, served from memory meanwhile.
 * Its journal already holds every record, so a crash before its JSON file is written loses
 * nothing: the next start folds that journal (load-state.ts). Writing it on the commit path made
 * every commit behind a rotation wait for four fsyncs: at full speed a quarter of the throughput
 * (bench/FINDINGS.md §11).
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
import { SerialQueue } from './serial';

export class OpenSegmentWriter {
  /** the open segment as far as it is on disk (one object, updated in place) */
  readonly onDisk: LiveSegment;
  /** ack latencies of this segment's records not yet in its journal (appended with the next commit) */
  private pendingAcks: AckEntry[] = [];
  /** full segments whose JSON file is not written yet, by number (readers get their data through onDisk.closing) */
  private readonly unwritten = new Map<number, OpenSegment>();
  private readonly closer = new SerialQueue();

  private constructor(private readonly dir: string, private readonly s: LoadedState, private seg: OpenSegment, private readonly stats: StoreStats) {
    this.onDisk = { n: seg.n, data: seg.db.data, events: seg.db.data.events.length, duplicates: seg.db.data.duplicates.length, closing: { get: (n) => this.unwritten.get(n)?.db.data } };
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

  /**
   * A full segment is closed: the next commit goes to a new one, and the full one is written
   * whole (with the ack latencies recorded by then) and indexed behind it.
   */
  async rotateIfFull(segmentSize: number): Promise<void> {
    const data = this.data;
    if (data.events.length + data.duplicates.length < segmentSize) return;
    const full = this.seg;
    const next = await newSegment(this.dir, this.s, full.n + 1);
    this.unwritten.set(full.n, full);
    this.pendingAcks.length = 0; // latencies are on the records in memory: the whole write keeps them
    this.seg = next;
    Object.assign(this.onDisk, { n: next.n, data: next.db.data, events: 0, duplicates: 0 });
    void this.closer.run(() => this.close(full, { throws: false }));
  }

  /** Writes a full segment whole and indexes it; on failure it stays in memory, its journal on disk. */
  private async close(full: OpenSegment, opts: { throws: boolean }): Promise<void> {
    try {
      await fold(full, this.stats);
    } catch (e) {
      if (opts.throws) throw e;
      return; // closed() or the next start folds it again
    }
    this.unwritten.delete(full.n);
    // The index only speeds up later starts and exports; without it they parse the segment.
    await writeSegmentIndex(paths(this.dir).segment(full.n), full.n, full.db.data).catch(() => {});
  }

  /**
   * Resolves when every full segment is written (retention and close wait for it). One whose
   * write failed is tried again here, and the error thrown if it fails again.
   */
  async closed(): Promise<void> {
    await this.closer.idle();
    for (const full of [...this.unwritten.values()]) await this.closer.run(() => this.close(full, { throws: true }));
  }

  /** whether segment n is still being written whole */
  isClosing(n: number): boolean {
    return this.unwritten.has(n);
  }

  /** Folds the open segment's journal into its JSON file (one whole durable write), then drops it. */
  async fold(): Promise<void> {
    await fold(this.seg, this.stats);
    this.pendingAcks.length = 0; // they are in the file now
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

/** Writes a segment whole (its journal folded in), then removes the journal. */
async function fold(seg: OpenSegment, stats: StoreStats): Promise<void> {
  await seg.db.write();
  stats.bytesWritten += seg.adapter.lastWriteBytes;
  await seg.journal.remove();
}
