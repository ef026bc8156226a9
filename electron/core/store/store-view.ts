/**
 * The store's read API: what callers ask it, never handing its segments, readers or file
 * layout back to it. The writing store (event-store.ts) and the read-only one that the CLI's
 * export opens beside a running serve (openReadOnly) answer the same questions.
 */
import type { DeviceState, EventDetail, EventSummary } from '../../../shared/records';
import type { ExportSource } from '../export';
import { readDeliveries, type DeliveryCursor, type DeliveryPage, type LiveSegment } from './delivery-log';
import { loadState, type LoadedState } from './load-state';
import { RetentionPins, type RetentionHold } from './retention-pins';
import { bySeq, findSegment, SegmentReader } from './segment-reader';
import { StoreStats } from './stats';

export interface StoreReadApi {
  /** what the start-up found damaged or missing, worded for a person */
  readonly warnings: readonly string[];
  /** every stored event, oldest seq first; grows at the end, retention removes from the start */
  readonly summaries: readonly EventSummary[];
  readonly devices: DeviceState[];
  /** deliveries stored (events and their duplicates) */
  readonly deliveries: number;
  readonly stats: StoreStats;
  find(eventId: string): EventSummary | undefined;
  /** the event with its body and every delivery of it */
  getEvent(eventId: string): Promise<EventDetail | null>;
  /** the body exactly as received; null once retention removed it */
  body(summary: EventSummary): Promise<string | null>;
  /** what an export reads; holds retention until the source is released */
  exportSource(): ExportSource;
  /** up to `limit` acknowledged deliveries (events and duplicates) after `cursor` (null: from the oldest stored) */
  deliveriesAfter(cursor: DeliveryCursor | null, limit?: number): Promise<DeliveryPage>;
  /** keeps every segment after `cursor` (null: all) from retention until released or moved on */
  holdRetention(cursor: DeliveryCursor | null): RetentionHold;
  /** the cursor after every delivery acknowledged so far: where a reader "from now on" starts */
  endOfDeliveries(): DeliveryCursor;
}

export class StoreView implements StoreReadApi {
  protected readonly reader: SegmentReader;
  protected readonly pins = new RetentionPins(() => this.holdsChanged());

  constructor(
    readonly dir: string,
    protected readonly s: LoadedState,
    protected readonly live: () => LiveSegment | null,
    cacheSize?: number,
    readonly stats = new StoreStats(),
  ) {
    this.reader = new SegmentReader(dir, live, cacheSize);
    for (const e of s.summaries) this.stats.count(e);
  }

  get warnings(): readonly string[] { return this.s.warnings; }
  get summaries(): readonly EventSummary[] { return this.s.summaries; }
  get devices(): DeviceState[] { return [...this.s.devices.values()]; }
  get deliveries(): number { return this.s.deliveries; }

  find(eventId: string): EventSummary | undefined {
    return this.s.byId.get(eventId);
  }

  getEvent(eventId: string): Promise<EventDetail | null> {
    const s = this.s.byId.get(eventId);
    return s ? this.reader.detail(s, this.s.segments, this.s.dupSegments.get(eventId) ?? []) : Promise.resolve(null);
  }

  async body(summary: EventSummary): Promise<string | null> {
    return (await this.reader.record(this.s.segments, summary.seq, summary.eventId))?.raw ?? null;
  }

  exportSource(): ExportSource {
    const hold = this.pins.hold(0);
    return {
      summaries: this.s.summaries, devices: this.devices,
      readBodies: (events, from) => this.readBodies(events, from),
      release: () => hold.release(),
    };
  }

  deliveriesAfter(cursor: DeliveryCursor | null, limit = 1000): Promise<DeliveryPage> {
    return readDeliveries({
      segments: this.s.segments, live: this.live, segment: (n) => this.reader.segment(n),
      body: async (eventId) => {
        const s = this.s.byId.get(eventId);
        return s ? this.body(s) : null;
      },
    }, cursor, limit);
  }

  holdRetention(cursor: DeliveryCursor | null): RetentionHold {
    return this.pins.hold(cursor?.segment ?? 0);
  }

  endOfDeliveries(): DeliveryCursor {
    const live = this.live();
    if (live) return { segment: live.n, events: live.events, duplicates: live.duplicates };
    // read-only: every listed segment is whole; a cursor at the next number skips them all
    return { segment: (this.s.segments.at(-1)?.n ?? 0) + 1, events: 0, duplicates: 0 };
  }

  /** A hold moved on or went: the writing store applies retention again. */
  protected holdsChanged(): void {}

  /**
   * The bodies of events[from…] stored in the segment of events[from] (one read for the run):
   * bodies[i] belongs to events[from + i], undefined when it is gone.
   */
  private async readBodies(events: readonly EventSummary[], from: number): Promise<(string | undefined)[]> {
    const seg = findSegment(this.s.segments, events[from]!.seq);
    let to = from + 1;
    while (seg && to < events.length && events[to]!.seq >= seg.firstSeq && events[to]!.seq <= seg.lastSeq) to++;
    const live = this.live();
    if (seg?.raw && seg.n !== live?.n) {
      const seqs = events.slice(from, to).map((e) => e.seq);
      // A JSON.parse error means the file is not what the index described: parse it whole.
      const bodies = await this.reader.rawBodies(seg.n, seg.raw, seqs).catch(() => null);
      if (bodies) return bodies;
    }
    const data = seg ? await this.reader.segment(seg.n) : null;
    const bodies = new Array<string | undefined>(to - from);
    for (let k = from; k < to; k++) {
      const r = data ? bySeq(data.events, events[k]!.seq) : undefined;
      bodies[k - from] = r && r.eventId === events[k]!.eventId ? r.raw : undefined;
    }
    return bodies;
  }
}

/**
 * Opens a data directory to read it without locking or changing it (the CLI's export while a
 * serve runs: files are replaced atomically, never half-written). The open segment is read
 * once, with its journal, as it is now.
 */
export async function openReadOnly(dir: string): Promise<StoreReadApi> {
  const state = await loadState(dir, { readOnly: true });
  const last = state.last;
  const live: LiveSegment | null = last
    ? { n: last.n, data: last.db.data, events: last.db.data.events.length, duplicates: last.db.data.duplicates.length, closing: state.unfolded }
    : null;
  return new StoreView(dir, state, () => live, 0);
}
