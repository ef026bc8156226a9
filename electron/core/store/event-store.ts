/**
 * The durable event store: one writer, group commit, segments, dedupe, device state,
 * retention. An ingest resolves only after the lines holding it are appended to the open
 * segment's journal and fdatasynced, so the receiver can acknowledge it; a failed write
 * rolls the memory back and rejects the whole batch, so nothing is acknowledged that is not
 * on disk. A full segment is written whole (lowdb JSON) and its journal removed.
 */
import { EventEmitter } from 'node:events';
import type { DeviceState, EventDetail, EventSummary } from '../../../shared/records';
import { applyEvent, deviceKey, snapshotDevice } from '../../../shared/device-state';
import { openJsonFile, type OpenContext } from './open-file';
import { addAckToText, recordText, serializeSegment } from './segment-text';
import { ackLine, duplicateLine, eventLine, JournalWriter, type AckEntry } from './segment-journal';
import { deliveryOf, recordOf, type Arrival, type IngestResult, type StoredAt } from './arrival';

export type { Arrival, IngestResult } from './arrival';
import { checkSegment, paths, type DevicesData, type DuplicateRecord, type StoredEventRecord } from './files';
import { emptySegment, loadState, toSummary, type LoadedState, type OpenSegment } from './load-state';
import { SegmentReader } from './segment-reader';
import { writeSegmentIndex } from './segment-index';
import { dropOldestSegment, isTombstoned } from './retention';
import { SerialQueue } from './serial';
import { writeFileDurably } from './durable-json-file';
import { LatencyWindow } from './latency-window';

export class StorageError extends Error {}

export interface StoreOptions {
  /** retention cap; oldest segments are dropped past it */
  maxEvents?: number;
  /** records (events + duplicate deliveries) per segment file: bounds the cost of one write */
  segmentSize?: number;
  now?: () => number;
}


interface Pending {
  arrival: Arrival;
  resolve(r: IngestResult): void;
  reject(e: Error): void;
}

export interface StoreEvents {
  stored: [added: EventSummary[], duplicates: EventSummary[]];
  storage: [ok: boolean, message?: string];
  retention: [message: string];
}

export class EventStore extends EventEmitter<StoreEvents> {
  readonly reader: SegmentReader;
  private open!: OpenSegment;
  private queue: Pending[] = [];
  private commitScheduled = false;
  private writer = new SerialQueue();
  private devicesDirty = false;
  private devicesTimer: NodeJS.Timeout;
  private staleCount = 0;
  private byType = new Map<string, number>();
  readonly latencies = new LatencyWindow();
  /** ack latencies of the open segment's records not yet in its journal (appended with the next commit) */
  private pendingAcks: AckEntry[] = [];
  /** bytes written to segment files and journals since the store opened (benchmark) */
  private compactedBytes = 0;
  storageError: { message: string; since: string } | null = null;
  droppedByRetention = 0;
  /** exports in progress: retention waits for them, so an export gets every event it listed */
  private pins = 0;
  closed = false;

  private constructor(readonly dir: string, private s: LoadedState, private readonly opts: Required<StoreOptions>) {
    super();
    this.reader = new SegmentReader(dir, () => ({ n: this.open.n, data: this.open.db.data }));
    for (const e of s.summaries) this.countIn(e);
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
    const store = new EventStore(dir, state, opts);
    if (state.last) store.open = state.last;
    else store.open = await store.newSegment(1);
    return store;
  }

  get warnings(): readonly string[] { return this.s.warnings; }
  get summaries(): readonly EventSummary[] { return this.s.summaries; }
  get segments() { return this.s.segments; }
  get deliveries(): number { return this.s.deliveries; }
  get stale(): number { return this.staleCount; }
  get typeCounts(): ReadonlyMap<string, number> { return this.byType; }
  get devices(): DeviceState[] { return [...this.s.devices.values()]; }
  /** bytes written to segments (journal appends and whole-segment writes) since open (benchmark) */
  get bytesWritten(): number { return this.compactedBytes + this.journalBytes + this.open.journal.bytesWritten; }
  private journalBytes = 0;

  find(eventId: string): EventSummary | undefined {
    return this.s.byId.get(eventId);
  }

  /** Store one accepted delivery; resolves once it is durable. Rejects with StorageError. */
  ingest(arrival: Arrival): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new StorageError('the store is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ arrival, resolve, reject });
      if (!this.commitScheduled) {
        this.commitScheduled = true;
        void this.writer.run(() => this.commit());
      }
    });
  }

  /** The answer to an ingest went out: remember how long it took (persisted with the next write). */
  recordAck(result: Pick<IngestResult, 'delivery' | 'stored'>, ms: number): void {
    const { delivery, stored } = result;
    delivery.ackMs = Math.round(ms * 10) / 10;
    addAckToText(stored.record);
    if (stored.segment === this.open.n) {
      this.pendingAcks.push(stored.k < 0 ? ['e', (stored.record as StoredEventRecord).seq, delivery.ackMs] : ['d', stored.k, delivery.ackMs]);
    }
    this.latencies.add(ms);
  }

  getEvent(eventId: string): Promise<EventDetail | null> {
    const s = this.s.byId.get(eventId);
    return s ? this.reader.detail(s, this.s.segments, this.s.dupSegments.get(eventId) ?? []) : Promise.resolve(null);
  }

  /**
   * Holds retention until the returned function is called (once): an export lists its events
   * first and reads their segments after, seconds later. Meanwhile the store may exceed its cap;
   * the oldest segments go when the last pin is released.
   */
  pinSegments(): () => void {
    this.pins++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.pins > 0 || this.closed || this.s.summaries.length <= this.opts.maxEvents) return;
      void this.writer.run(() => this.applyRetention()).catch((e) => this.emit('retention', `retention failed: ${(e as Error).message}`));
    };
  }

  private countIn(e: EventSummary, sign = 1): void {
    if (e.stale) this.staleCount += sign;
    this.byType.set(e.eventType, (this.byType.get(e.eventType) ?? 0) + sign);
  }

  private async newSegment(n: number): Promise<OpenSegment> {
    const ctx: OpenContext = { corruptDir: paths(this.dir).corrupt, readOnly: false, warnings: this.s.warnings };
    const file = await openJsonFile(paths(this.dir).segment(n), checkSegment, () => emptySegment(n), ctx, serializeSegment);
    const seg = { n, ...file, journal: new JournalWriter(paths(this.dir).journal(n)) };
    this.s.segments.push({ n, firstSeq: 0, lastSeq: 0, count: 0 });
    return seg;
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
    /** per arrival: its event record, or its duplicate record, and where it is */
    const results: StoredAt[] = [];
    const now = this.opts.now();
    const acks = this.pendingAcks.splice(0);
    let lines = acks.length ? ackLine(acks) : '';
    const n = this.open.n;
    for (const { arrival: a } of batch) {
      const known = this.s.byId.has(a.eventId) || inBatch.has(a.eventId) || isTombstoned(this.s, a.eventId, now);
      if (known) {
        const dup: DuplicateRecord = { eventId: a.eventId, delivery: deliveryOf(a, 'duplicate') };
        const k = seg.duplicates.push(dup) - 1;
        lines += duplicateLine(recordText(dup), k);
        results.push({ record: dup, segment: n, k });
        continue;
      }
      const key = deviceKey(a.projectId, a.deviceId);
      if (!touched.has(key)) touched.set(key, snapshotDevice(this.s.devices.get(key)));
      const record = recordOf(a, ++this.s.maxSeq);
      record.stale = applyEvent(this.s.devices, record);
      seg.events.push(record);
      lines += eventLine(recordText(record));
      inBatch.set(record.eventId, record);
      results.push({ record, segment: n, k: -1 });
    }
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
    const added: EventSummary[] = [];
    const dupSummaries: EventSummary[] = [];
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!, stored = results[i]!, r = stored.record;
      this.s.deliveries++;
      if ('seq' in r) {
        const summary = toSummary(r);
        this.s.summaries.push(summary);
        this.s.byId.set(summary.eventId, summary);
        this.countIn(summary);
        if (meta.count === 0) meta.firstSeq = r.seq;
        meta.lastSeq = r.seq;
        meta.count++;
        added.push(summary);
        p.resolve({ outcome: 'accepted', summary, delivery: r.delivery, stored });
        continue;
      }
      // A tombstoned id (event removed by retention) has no summary: answer from the arrival.
      const live = this.s.byId.get(r.eventId);
      const summary = live ?? inBatch.get(r.eventId) as EventSummary | undefined;
      if (live) {
        live.deliveries++;
        const segs = this.s.dupSegments.get(live.eventId) ?? [];
        if (segs[segs.length - 1] !== this.open.n) segs.push(this.open.n);
        this.s.dupSegments.set(live.eventId, segs);
        dupSummaries.push(live);
      }
      p.resolve({ outcome: 'duplicate', summary: summary ?? toSummary({ ...p.arrival, seq: 0, stale: false }), delivery: r.delivery, stored });
    }
    this.devicesDirty = true;
    if (this.storageError) {
      this.storageError = null;
      this.emit('storage', true);
    }
    this.emit('stored', added, dupSummaries);
    if (this.s.summaries.length > this.opts.maxEvents) await this.applyRetention().catch((e) => this.emit('retention', `retention failed: ${(e as Error).message}`));
  }

  private failBatch(batch: Pending[], e: Error): void {
    const message = `cannot write to ${this.dir}: ${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim();
    if (!this.storageError) {
      this.storageError = { message, since: new Date(this.opts.now()).toISOString() };
      this.emit('storage', false, message);
    }
    for (const p of batch) p.reject(new StorageError(message));
  }

  /** A full segment is written whole (with the ack latencies recorded since) and closed. */
  private async rotateIfFull(): Promise<void> {
    const seg = this.open.db.data;
    if (seg.events.length + seg.duplicates.length < this.opts.segmentSize) return;
    await this.compact();
    // The index only speeds up later starts and exports; without it they parse the segment.
    await writeSegmentIndex(paths(this.dir).segment(this.open.n), this.open.n, seg).catch(() => {});
    this.journalBytes += this.open.journal.bytesWritten;
    this.open = await this.newSegment(this.open.n + 1);
  }

  /** Folds the journal into the segment's JSON file (one whole durable write), then drops it. */
  private async compact(): Promise<void> {
    await this.open.db.write();
    this.compactedBytes += this.open.adapter.lastWriteBytes;
    this.pendingAcks.length = 0; // they are in the file now
    await this.open.journal.remove();
  }

  /** Drops whole oldest segments past the cap; their eventIds stay deduped for 24 h. */
  private async applyRetention(): Promise<void> {
    if (this.pins > 0) return; // an export is reading; the release runs this again
    const now = this.opts.now();
    let dropped = 0;
    while (this.s.summaries.length - (this.s.segments[0]?.count ?? 0) >= this.opts.maxEvents && this.s.segments.length > 1) {
      // Device state must not depend on events about to vanish: persist it first.
      await this.writeDevices();
      const { n, gone } = await dropOldestSegment(this.dir, this.s, now);
      for (const e of gone) this.countIn(e, -1);
      this.reader.forget(n);
      dropped += gone.length;
    }
    if (dropped) {
      this.droppedByRetention += dropped;
      this.emit('retention', `retention: removed the ${dropped} oldest events (cap ${this.opts.maxEvents})`);
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

  /** Finish pending writes (persisting the latest ack latencies) and checkpoint the devices. */
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
  }
}
