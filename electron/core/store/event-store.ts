/**
 * The durable event store: one writer, group commit, segments, dedupe, device state,
 * retention. An ingest resolves only after the lines holding it are appended to the open
 * segment's journal and fdatasynced, so the receiver can acknowledge it; a failed write
 * rolls the memory back and rejects the whole batch, so nothing is acknowledged that is not
 * on disk. The open segment and its journal are open-segment.ts's.
 * Reading is StoreView's (store-view.ts); the rejected deliveries' log lives beside it.
 */
import { EventEmitter } from 'node:events';
import { isCatchUpSource, type DeviceState, type EventSummary, type RejectedDelivery } from '../../../shared/records';
import { applyEvent, deviceKey, snapshotDevice } from '../../../shared/device-state';
import { recordText, setAckMs } from './segment-text';
import { ackLine, duplicateLine, eventLine } from './segment-journal';
import { deliveryOf, recordOf, type Arrival } from './arrival';
import { paths, type DevicesData, type DuplicateRecord, type StoredEventRecord } from './disk-format';
import { loadState, toSummary, type LoadedState } from './load-state';
import { dropOldestSegments, retentionBatch, segmentsPastCap } from './retention';
import { SerialQueue } from './serial';
import { writeFileDurably } from './durable-json-file';
import { KnownReceipt, Receipt, type AckBook, type IngestReceipt } from './receipt';
import { RejectedLog } from './rejected-log';
import { StoreView } from './store-view';
import { StoreStats } from './stats';
import { OpenSegmentWriter } from './open-segment';
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
  private queue: Pending[] = [];
  private commitScheduled = false;
  private writer = new SerialQueue();
  private devicesDirty = false;
  private devicesTimer: NodeJS.Timeout;
  storageError: { message: string; since: string } | null = null;
  closed = false;

  private constructor(
    dir: string, s: LoadedState, stats: StoreStats,
    private readonly open: OpenSegmentWriter, readonly rejected: RejectedLog, private readonly opts: Required<StoreOptions>,
  ) {
    super(dir, s, () => open.onDisk, undefined, stats);
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
    const stats = new StoreStats();
    const open = await OpenSegmentWriter.start(dir, state, stats);
    return new EventStore(dir, state, stats, open, await RejectedLog.open(dir, state.warnings), opts);
  }

  on<K extends keyof StoreEvents>(event: K, listener: (...args: StoreEvents[K]) => void): this {
    this.emitter.on(event, listener as never);
    return this;
  }

  off<K extends keyof StoreEvents>(event: K, listener: (...args: StoreEvents[K]) => void): this {
    this.emitter.off(event, listener as never);
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
    this.open.noteAck(r, ackMs);
    this.stats.latencies.add(ms);
  }

  protected override holdsChanged(): void {
    if (this.closed || this.s.summaries.length <= this.opts.maxEvents) return;
    void this.writer.run(() => this.applyRetention()).catch((e) => this.emitter.emit('retention', `retention failed: ${(e as Error).message}`));
  }

  private async commit(): Promise<void> {
    await this.commitBatch();
    // Idle: let go of the journal's descriptor until the next delivery.
    if (this.queue.length === 0) await this.open.release();
  }

  private async commitBatch(): Promise<void> {
    this.commitScheduled = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      await this.open.rotateIfFull(this.opts.segmentSize);
    } catch (e) {
      return this.failBatch(batch, e as Error);
    }
    const seg = this.open.data;
    const meta = this.s.segments[this.s.segments.length - 1]!;
    const mark = { events: seg.events.length, dups: seg.duplicates.length, seq: this.s.maxSeq };
    const touched = new Map<string, DeviceState | undefined>();
    const inBatch = new Map<string, StoredEventRecord>();
    /** per arrival: its event record, its duplicate record, or null (a catch-up source's known event: nothing written) */
    const records: (StoredEventRecord | DuplicateRecord | null)[] = [];
    const now = this.opts.now();
    const acks = this.open.takeAcks();
    let lines = acks.length ? ackLine(acks) : '';
    for (const { arrival: a } of batch) {
      const known = this.s.byId.has(a.eventId) || inBatch.has(a.eventId) || this.s.tombstones.has(a.eventId, now);
      if (known && isCatchUpSource(a.source)) {
        records.push(null);
        continue;
      }
      if (known) {
        const dup: DuplicateRecord = { eventId: a.eventId, delivery: deliveryOf(a, 'duplicate') };
        lines += duplicateLine(recordText(dup), seg.duplicates.push(dup) - 1);
        records.push(dup);
        continue;
      }
      const key = deviceKey(a.projectId, a.deviceId);
      if (!touched.has(key)) touched.set(key, snapshotDevice(this.s.devices.get(key)));
      const record = recordOf(a, ++this.s.maxSeq);
      const stale = applyEvent(this.s.devices, record);
      record.stale = a.recordedStale ?? stale;
      if (record.stale !== stale) this.s.devices.get(key)!.staleDeliveries += record.stale ? 1 : -1;
      seg.events.push(record);
      lines += eventLine(recordText(record));
      inBatch.set(record.eventId, record);
      records.push(record);
    }
    try {
      await this.open.append(lines);
    } catch (e) {
      this.open.restoreAcks(acks);
      seg.events.length = mark.events;
      seg.duplicates.length = mark.dups;
      this.s.maxSeq = mark.seq;
      for (const [key, before] of touched) before ? this.s.devices.set(key, before) : this.s.devices.delete(key);
      return this.failBatch(batch, e as Error);
    }
    const added: EventSummary[] = [];
    const dupSummaries: EventSummary[] = [];
    const n = this.open.n;
    let k = mark.dups;
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!, r = records[i]!;
      if (r === null) {
        const known = this.s.byId.get(p.arrival.eventId) ?? inBatch.get(p.arrival.eventId) as EventSummary | undefined;
        p.resolve(new KnownReceipt(known ?? toSummary({ ...p.arrival, seq: 0, stale: false })));
        continue;
      }
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

  /** Drops whole oldest segments past the cap, a batch at a time, and below every retention hold; their eventIds stay deduped for 24 h. */
  private async applyRetention(): Promise<void> {
    const segs = segmentsPastCap(this.s, this.opts.maxEvents, this.pins.floor(), retentionBatch(this.opts.maxEvents, this.opts.segmentSize));
    if (segs.length === 0) return;
    // A segment just closed may still be being written whole: unlinked first, it would come back.
    if (segs.some((seg) => this.open.isClosing(seg.n))) await this.open.closed();
    // Device state must not depend on events about to vanish: persist it first, unless
    // devices.json (written every 10 s) already covers them, as it does for old segments.
    if (this.s.devicesThroughSeq < segs[segs.length - 1]!.lastSeq) await this.writeDevices();
    const gone = await dropOldestSegments(this.dir, this.s, segs, this.opts.now());
    for (const e of gone) this.stats.count(e, -1);
    for (const seg of segs) this.reader.forget(seg.n);
    this.stats.droppedByRetention += gone.length;
    this.emitter.emit('retention', `retention: removed the ${gone.length} oldest events (cap ${this.opts.maxEvents})`);
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
      await this.open.closed().catch(() => {}); // the next start folds what could not be written
      // Closed, the open segment is a plain JSON file again (the journal folded in).
      if (this.open.hasUnfolded) await this.open.fold().catch(() => {});
      await this.open.release();
      if (this.devicesDirty) await this.writeDevices().catch(() => {});
    });
    await this.rejected.close();
  }
}
