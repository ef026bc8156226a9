/**
 * The durable event store: one writer, group commit, segments, dedupe, device state,
 * retention. An ingest resolves only after the lines holding it are appended to the open
 * segment's journal and fdatasynced, so the receiver can acknowledge it; a failed write
 * rolls the memory back and rejects the whole batch, so nothing is acknowledged that is not
 * on disk. A full segment is written whole (lowdb JSON) and its journal removed.
 * Reading is StoreView's (store-view.ts); the rejected deliveries' log lives beside it.
 */
import { EventEmitter } from 'node:events';
import type { DeviceState, EventSummary, RejectedDelivery } from '../../../shared/records';
import { applyEvent, deviceKey, snapshotDevice } from '../../../shared/device-state';
import { openJsonFile, type OpenContext } from './open-file';
import { recordText, serializeSegment, setAckMs } from './segment-text';
import { ackLine, duplicateLine, eventLine, JournalWriter, type AckEntry } from './segment-journal';
import { deliveryOf, recordOf, type Arrival } from './arrival';
import { checkSegment, paths, type DevicesData, type DuplicateRecord, type StoredEventRecord } from './files';
import { emptySegment, loadState, toSummary, type LoadedState, type OpenSegment } from './load-state';
import { writeSegmentIndex } from './segment-index';
import { dropOldestSegment } from './retention';
import { SerialQueue } from './serial';
import { writeFileDurably } from './durable-json-file';
import { Receipt, type AckBook, type IngestReceipt } from './receipt';
import { RejectedLog } from './rejected-log';
import { StoreView } from './store-view';
import type { LiveSegment } from './delivery-log';
import { StorageError } from '../errors';

export interface StoreOptions {
  /** retention cap; oldest segments are dropped past it */
  maxEvents?: number;
  /** records (events + duplicate deliveries) per segment file: bounds the cost of one write */
  segmentSize?: number;
  now?: () => number;
}

interface Pending {
  arrival: Arrival;
  resolve(r: IngestReceipt): void;
  reject(e: Error): void;
}

export interface StoreEvents {
  stored: [added: EventSummary[], duplicates: EventSummary[]];
  storage: [ok: boolean, message?: string];
  retention: [message: string];
}

export class EventStore extends StoreView implements AckBook {
  private readonly emitter = new EventEmitter<StoreEvents>();
  private open: OpenSegment;
  /** the open segment as far as it is on disk (one object, updated in place) */
  private readonly onDisk: LiveSegment;
  private queue: Pending[] = [];
  private commitScheduled = false;
  private writer = new SerialQueue();
  private devicesDirty = false;
  private devicesTimer: NodeJS.Timeout;
  /** ack latencies of the open segment's records not yet in its journal (appended with the next commit) */
  private pendingAcks: AckEntry[] = [];
  storageError: { message: string; since: string } | null = null;
  closed = false;

  private constructor(dir: string, s: LoadedState, open: OpenSegment, readonly rejected: RejectedLog, private readonly opts: Required<StoreOptions>) {
    const onDisk: LiveSegment = { n: open.n, data: open.db.data, events: open.db.data.events.length, duplicates: open.db.data.duplicates.length };
    super(dir, s, () => onDisk);
    this.open = open;
    this.onDisk = onDisk;
    this.devicesTimer = setInterval(() => void this.flushDevices().catch(() => {}), 10_000);
    this.devicesTimer.unref();
  }

  static async open(dir: string, options: StoreOptions = {}): Promise<EventStore> {
    const opts = {
      maxEvents: options.maxEvents ?? 250_000,
      segmentSize: options.segmentSize ?? 256,
      now: options.now ?? Date.now,
    };
    const state = await loadState(dir, { readOnly: false });
    const open = state.last ?? await newSegment(dir, state, 1);
    const rejected = await RejectedLog.open(dir, state.warnings);
    return new EventStore(dir, state, open, rejected, opts);
  }

  on<K extends keyof StoreEvents>(event: K, listener: (...args: StoreEvents[K]) => void): this {
    this.emitter.on(event, listener as never);
    return this;
  }

  /** Store one accepted delivery; resolves once it is durable. Rejects with StorageError. */
  ingest(arrival: Arrival): Promise<IngestReceipt> {
    if (this.closed) return Promise.reject(new StorageError('the store is shutting down', { dir: this.dir }));
    return new Promise((resolve, reject) => {
      this.queue.push({ arrival, resolve, reject });
      if (!this.commitScheduled) {
        this.commitScheduled = true;
        void this.writer.run(() => this.commit());
      }
    });
  }

  /** Log a refused delivery (bounded, see rejected-log.ts). */
  reject(entry: Omit<RejectedDelivery, 'id'>): RejectedDelivery {
    return this.rejected.add(entry);
  }

  /** A receipt's answer went out: keep the latency (persisted with the next write). */
  acked(r: Receipt, ms: number): void {
    const ackMs = Math.round(ms * 10) / 10;
    setAckMs(r.record, ackMs);
    if (r.segment === this.open.n) this.pendingAcks.push(r.k < 0 ? ['e', (r.record as StoredEventRecord).seq, ackMs] : ['d', r.k, ackMs]);
    this.stats.latencies.add(ms);
  }

  protected override holdsChanged(): void {
    if (this.closed || this.s.summaries.length <= this.opts.maxEvents) return;
    void this.writer.run(() => this.applyRetention()).catch((e) => this.emitter.emit('retention', `retention failed: ${(e as Error).message}`));
  }

  private async commit(): Promise<void> {
    await this.commitBatch();
    // Idle: let go of the journal's descriptor until the next delivery.
    if (this.queue.length === 0) await this.open.journal.release();
  }

  private async commitBatch(): Promise<void> {
    this.commitScheduled = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      await this.rotateIfFull();
    } catch (e) {
      return this.failBatch(batch, e as Error);
    }
    const seg = this.open.db.data;
    const meta = this.s.segments[this.s.segments.length - 1]!;
    const mark = { events: seg.events.length, dups: seg.duplicates.length, seq: this.s.maxSeq };
    const touched = new Map<string, DeviceState | undefined>();
    const inBatch = new Map<string, StoredEventRecord>();
    /** per arrival: its event record, or its duplicate record */
    const records: (StoredEventRecord | DuplicateRecord)[] = [];
    const now = this.opts.now();
    const acks = this.pendingAcks.splice(0);
    let lines = acks.length ? ackLine(acks) : '';
    for (const { arrival: a } of batch) {
      const known = this.s.byId.has(a.eventId) || inBatch.has(a.eventId) || this.s.tombstones.has(a.eventId, now);
      if (known) {
        const dup: DuplicateRecord = { eventId: a.eventId, delivery: deliveryOf(a, 'duplicate') };
        lines += duplicateLine(recordText(dup), seg.duplicates.push(dup) - 1);
        records.push(dup);
        continue;
      }
      const key = deviceKey(a.projectId, a.deviceId);
      if (!touched.has(key)) touched.set(key, snapshotDevice(this.s.devices.get(key)));
      const record = recordOf(a, ++this.s.maxSeq);
      record.stale = applyEvent(this.s.devices, record);
      seg.events.push(record);
      lines += eventLine(recordText(record));
      inBatch.set(record.eventId, record);
      records.push(record);
    }
    const written = this.open.journal.bytesWritten;
    try {
      await this.open.journal.append(lines);
    } catch (e) {
      this.pendingAcks.unshift(...acks);
      seg.events.length = mark.events;
      seg.duplicates.length = mark.dups;
      this.s.maxSeq = mark.seq;
      for (const [key, before] of touched) before ? this.s.devices.set(key, before) : this.s.devices.delete(key);
      return this.failBatch(batch, e as Error);
    }
    this.stats.bytesWritten += this.open.journal.bytesWritten - written;
    this.onDisk.events = seg.events.length;
    this.onDisk.duplicates = seg.duplicates.length;
    const added: EventSummary[] = [];
    const dupSummaries: EventSummary[] = [];
    const n = this.open.n;
    let k = mark.dups;
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!, r = records[i]!;
      this.s.deliveries++;
      if ('seq' in r) {
        const summary = toSummary(r);
        this.s.summaries.push(summary);
        this.s.byId.set(summary.eventId, summary);
        this.stats.count(summary);
        if (meta.count === 0) meta.firstSeq = r.seq;
        meta.lastSeq = r.seq;
        meta.count++;
        added.push(summary);
        p.resolve(new Receipt('accepted', summary, r, n, -1, this));
        continue;
      }
      // A tombstoned id (event removed by retention) has no summary: answer from the arrival.
      const live = this.s.byId.get(r.eventId);
      const summary = live ?? inBatch.get(r.eventId) as EventSummary | undefined;
      if (live) {
        live.deliveries++;
        const segs = this.s.dupSegments.get(live.eventId) ?? [];
        if (segs[segs.length - 1] !== n) segs.push(n);
        this.s.dupSegments.set(live.eventId, segs);
        dupSummaries.push(live);
      }
      p.resolve(new Receipt('duplicate', summary ?? toSummary({ ...p.arrival, seq: 0, stale: false }), r, n, k++, this));
    }
    this.devicesDirty = true;
    if (this.storageError) {
      this.storageError = null;
      this.emitter.emit('storage', true);
    }
    this.emitter.emit('stored', added, dupSummaries);
    if (this.s.summaries.length > this.opts.maxEvents) await this.applyRetention().catch((e) => this.emitter.emit('retention', `retention failed: ${(e as Error).message}`));
  }

  private failBatch(batch: Pending[], e: Error): void {
    const message = `cannot write to ${this.dir}: ${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim();
    if (!this.storageError) {
      this.storageError = { message, since: new Date(this.opts.now()).toISOString() };
      this.emitter.emit('storage', false, message);
    }
    for (const p of batch) p.reject(new StorageError(message, { dir: this.dir, cause: (e as NodeJS.ErrnoException).code }));
  }

  /** A full segment is written whole (with the ack latencies recorded since) and closed. */
  private async rotateIfFull(): Promise<void> {
    const seg = this.open.db.data;
    if (seg.events.length + seg.duplicates.length < this.opts.segmentSize) return;
    await this.compact();
    // The index only speeds up later starts and exports; without it they parse the segment.
    await writeSegmentIndex(paths(this.dir).segment(this.open.n), this.open.n, seg).catch(() => {});
    this.open = await newSegment(this.dir, this.s, this.open.n + 1);
    Object.assign(this.onDisk, { n: this.open.n, data: this.open.db.data, events: 0, duplicates: 0 });
  }

  /** Folds the journal into the segment's JSON file (one whole durable write), then drops it. */
  private async compact(): Promise<void> {
    await this.open.db.write();
    this.stats.bytesWritten += this.open.adapter.lastWriteBytes;
    this.pendingAcks.length = 0; // they are in the file now
    await this.open.journal.remove();
  }

  /** Drops whole oldest segments past the cap, and below every retention hold; their eventIds stay deduped for 24 h. */
  private async applyRetention(): Promise<void> {
    const now = this.opts.now();
    const floor = this.pins.floor();
    let dropped = 0;
    while (this.s.summaries.length - (this.s.segments[0]?.count ?? 0) >= this.opts.maxEvents && this.s.segments.length > 1 && this.s.segments[0]!.n < floor) {
      // Device state must not depend on events about to vanish: persist it first.
      await this.writeDevices();
      const { n, gone } = await dropOldestSegment(this.dir, this.s, now);
      for (const e of gone) this.stats.count(e, -1);
      this.reader.forget(n);
      dropped += gone.length;
    }
    if (dropped) {
      this.stats.droppedByRetention += dropped;
      this.emitter.emit('retention', `retention: removed the ${dropped} oldest events (cap ${this.opts.maxEvents})`);
    }
  }

  private async writeDevices(): Promise<void> {
    const data: DevicesData = { format: 'connector-inbox-devices/1', throughSeq: this.s.maxSeq, devices: this.devices };
    await writeFileDurably(paths(this.dir).devices, JSON.stringify(data));
    this.s.devicesThroughSeq = data.throughSeq;
    this.devicesDirty = false;
  }

  /** devices.json is a checkpoint: events after it are replayed at start, so it is written lazily. */
  flushDevices(): Promise<void> {
    return this.writer.run(async () => {
      if (this.devicesDirty) await this.writeDevices();
    });
  }

  /** Finish pending writes (persisting the latest ack latencies), checkpoint the devices, flush the rejected log. */
  async close(): Promise<void> {
    if (this.closed) return this.writer.idle();
    this.closed = true;
    clearInterval(this.devicesTimer);
    await this.writer.idle();
    await this.writer.run(async () => {
      // Closed, the open segment is a plain JSON file again (the journal folded in).
      if (!this.open.journal.empty || this.pendingAcks.length) await this.compact().catch(() => {});
      await this.open.journal.release();
      if (this.devicesDirty) await this.writeDevices().catch(() => {});
    });
    await this.rejected.close();
  }
}

async function newSegment(dir: string, s: LoadedState, n: number): Promise<OpenSegment> {
  const ctx: OpenContext = { corruptDir: paths(dir).corrupt, readOnly: false, warnings: s.warnings };
  const file = await openJsonFile(paths(dir).segment(n), checkSegment, () => emptySegment(n), ctx, serializeSegment);
  s.segments.push({ n, firstSeq: 0, lastSeq: 0, count: 0 });
  return { n, ...file, journal: new JournalWriter(paths(dir).journal(n)) };
}
