/**
 * The forwarder: reads acknowledged deliveries from the store after its durable cursor and
 * delivers each to the tester's receiver the way DT does (exact bytes, a fresh X-Dt-Signature,
 * a 2xx within 10 s delivers, anything else is retried with backoff until the event is 12 h
 * old, at most `concurrency` in flight). It never touches the receiver's path: the store acks
 * DT first, and the forwarder only learns of the delivery afterwards.
 */
import { timestampToMillis } from '../../../shared/dt/timestamp';
import { signLikeDt } from '../signature';
import { backoffDelay } from '../backoff';
import { DEFAULT_BACKOFF, type Backoff } from './backoff';
import type { ForwardCursorFile } from './cursor-file';
import { ForwardHealth } from './forward-health';
import { nodeClock } from '../node-clock';
import { type Clock, type ForwardAttempt, type ForwardItem, type ForwardPoint, type ForwardSettings, type ForwardSource, type ForwardStatus, type PostFn } from './types';

export const FORWARD_DEFAULTS = { maxAgeMs: 12 * 60 * 60_000, concurrency: 4 } as const;
/** Deliveries held in memory beyond the cursor: bounds memory when the target is down for hours. */
const WINDOW = 2_000;
const BATCH = 256;
/** How far a reordered delivery is held back behind the ones after it. */
const REORDER_HOLD_MS = 1_500;
const SAVE_EVERY_MS = 250;
/** While DT's side is busy: one request at a time, one per BUSY_GAP_MS at most; the window refilled when it runs low. */
const BUSY_GAP_MS = 20, BUSY_LOW_WATER = 64;

interface Entry { item: ForwardItem; tries: number; dueAt: number; busy: boolean; done: boolean; copies: number }

export interface ForwarderDeps {
  source: ForwardSource;
  post: PostFn;
  cursorFile: ForwardCursorFile;
  clock?: Clock;
  random?: () => number;
  backoff?: Backoff;
  /** Called after every attempt and cursor move; consumers throttle. */
  onChange?: () => void;
  /** true while DT's side is busy: then one request at a time (delivery-pressure.ts) */
  saturated?: () => boolean;
  /** where attempts and the 3 h figures go: the controller's, which outlives this forwarder */
  health?: ForwardHealth;
}

export class Forwarder {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly health: ForwardHealth;
  private readonly entries = new Map<number, Entry>();
  private readonly url: URL;
  private cursor: ForwardPoint = { pos: 0, mark: null };
  private loadedTo: ForwardPoint = { pos: 0, mark: null };
  private inFlight = 0;
  private timer: unknown = null;
  private loading = false;
  private loadAgain = false;
  /** the window filled up before the source ran dry: read on as deliveries finish */
  private behind = false;
  private lastSendAt = -Infinity;
  /** failures in a row; while > 0 only one probe at a time goes out, at the backoff's pace */
  private failures = 0;
  private probeAt = 0;
  private saveTimer: unknown = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private savedPos = -1;
  private readonly idle = new Set<() => void>();

  constructor(private readonly settings: ForwardSettings, private readonly deps: ForwarderDeps) {
    this.url = new URL(settings.url);
    this.clock = deps.clock ?? nodeClock;
    this.random = deps.random ?? Math.random;
    this.health = deps.health ?? new ForwardHealth();
  }

  /** Resumes after the saved cursor for this target; a new target starts at what arrives next. */
  async start(): Promise<void> {
    const saved = await this.deps.cursorFile.read(this.settings.url);
    this.cursor = this.loadedTo = await this.deps.source.open(saved);
    this.deps.source.pin(this.cursor.mark);
    if (saved === null) await this.persist();
    else this.savedPos = this.cursor.pos;
    this.unsubscribe = this.deps.source.onAcknowledged(() => {
      // during DT's bursts, not a read-back per commit: the window is refilled as it runs low
      if (this.entries.size >= BUSY_LOW_WATER && this.deps.saturated?.()) this.behind = true;
      else void this.load();
    });
    await this.load();
  }

  /** Stops sending; waits for requests in flight up to `deadlineMs`, then saves the cursor. */
  async stop(deadlineMs = 3_000): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    if (this.saveTimer !== null) this.clock.clearTimeout(this.saveTimer);
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const t = this.clock.setTimeout(resolve, deadlineMs);
        this.idle.add(() => { this.clock.clearTimeout(t); resolve(); });
      });
    }
    await this.persist();
    this.deps.source.pin(null);
  }

  status(): ForwardStatus {
    let waiting = 0;
    for (const e of this.entries.values()) if (!e.done) waiting++;
    const unseen = Math.max(0, this.deps.source.head() - this.loadedTo.pos);
    return { url: this.settings.url, queueDepth: waiting + unseen, inFlight: this.inFlight, lastOutcome: this.health.metrics.lastOutcome, ...this.health.metrics.snapshot(this.clock.now()) };
  }

  /** The attempts made for one event (newest last), for its detail view. */
  attempts(eventId: string): ForwardAttempt[] {
    return this.health.attempts(eventId);
  }

  private async load(): Promise<void> {
    if (this.stopped) return;
    if (this.loading) {
      this.loadAgain = true; // an ack during a read: read once more when it ends
      return;
    }
    this.loading = true;
    try {
      for (this.loadAgain = true; this.loadAgain && !this.stopped;) {
        this.loadAgain = false;
        await this.loadWindow();
      }
    } finally {
      this.loading = false;
    }
    this.advance();
    this.pump();
  }

  private async loadWindow(): Promise<void> {
    this.behind = false;
    while (!this.stopped) {
      if (this.entries.size >= WINDOW) {
        this.behind = true;
        break;
      }
      const ask = Math.min(BATCH, WINDOW - this.entries.size);
      const items = await this.deps.source.since(this.loadedTo, ask);
      if (!items.length) break;
      const now = this.clock.now();
      for (const item of items) {
        this.loadedTo = { pos: item.pos, mark: item.mark };
        const wanted = (!this.settings.types?.length || this.settings.types.includes(item.eventType)) &&
          (item.source !== 'history' || this.settings.backfilled !== false);
        const hold = (this.settings.delayMs ?? 0) + (this.random() < (this.settings.reorder ?? 0) ? REORDER_HOLD_MS : 0);
        const copies = this.random() < (this.settings.duplicates ?? 0) ? 1 : 0;
        this.entries.set(item.pos, { item, tries: 0, dueAt: now + hold, busy: false, done: !wanted, copies });
      }
    }
  }

  /**
   * Starts what is due, up to the concurrency; sleeps until the next due time otherwise.
   * While the target fails, one delivery at a time probes it at the backoff's pace instead of
   * every queued delivery retrying on its own: a dead target costs one request a minute, not a
   * storm that competes with the receiver for the CPU. The first success lets the backlog go.
   */
  private pump(): void {
    if (this.stopped) return;
    if (this.timer !== null) { this.clock.clearTimeout(this.timer); this.timer = null; }
    const now = this.clock.now();
    if (this.failures > 0) {
      if (this.inFlight > 0) return;
      if (now < this.probeAt) return this.wakeIn(this.probeAt - now);
      this.giveUpTooOld(now);
      for (const e of this.entries.values()) {
        if (!e.done && !e.busy) {
          void this.send(e);
          return;
        }
      }
      return;
    }
    // DT's side first: during its bursts, forwarding goes on one request at a time, spaced out
    const busy = this.deps.saturated?.() ?? false;
    const limit = busy ? 1 : this.settings.concurrency ?? FORWARD_DEFAULTS.concurrency;
    if (busy && this.inFlight === 0 && this.lastSendAt + BUSY_GAP_MS > now) return this.wakeIn(this.lastSendAt + BUSY_GAP_MS - now);
    let next = Infinity;
    for (const e of this.entries.values()) {
      if (this.inFlight >= limit) break;
      if (e.done || e.busy) continue;
      if (e.dueAt <= now) void this.send(e);
      else next = Math.min(next, e.dueAt);
    }
    if (this.inFlight < limit && next < Infinity) this.wakeIn(next - now);
  }

  private wakeIn(ms: number): void {
    this.timer = this.clock.setTimeout(() => { this.timer = null; this.pump(); }, ms);
  }

  private async send(e: Entry): Promise<void> {
    e.busy = true;
    e.tries++;
    this.lastSendAt = this.clock.now();
    this.inFlight++;
    const headers: Record<string, string> = { ...this.settings.headers, 'Content-Type': 'application/json' };
    const signature = this.settings.secret ? await signLikeDt(Buffer.from(e.item.raw, 'utf8'), this.settings.secret) : e.item.signature;
    if (signature) headers['X-Dt-Signature'] = signature;
    const r = await this.deps.post(this.url, e.item.raw, headers);
    this.inFlight--;
    e.busy = false;
    const now = this.clock.now();
    const ok = typeof r.outcome === 'number' && r.outcome >= 200 && r.outcome < 300;
    // the event's age only matters when it failed (parsing its timestamp per delivery showed in profiles)
    const tooOld = !ok && now - eventMillis(e.item, now) >= (this.settings.maxAgeMs ?? FORWARD_DEFAULTS.maxAgeMs);
    const next: ForwardAttempt['next'] = ok ? 'delivered' : tooOld ? 'given_up' : 'retry';
    const attempt: ForwardAttempt = { at: new Date(now).toISOString(), pos: e.item.pos, eventId: e.item.eventId, outcome: r.outcome, latencyMs: Math.round(r.latencyMs * 10) / 10, answer: r.answer, next };
    this.health.record(attempt, now);
    if (ok) {
      if (this.failures > 0) for (const x of this.entries.values()) x.dueAt = Math.min(x.dueAt, now); // the backlog goes now
      this.failures = 0;
    } else if (!tooOld) {
      this.failures++;
      this.probeAt = now + backoffDelay(this.failures, this.deps.backoff ?? DEFAULT_BACKOFF, this.random);
    }
    if (ok && e.copies > 0) {
      e.copies--; // DT's at-least-once: the same delivery once more, a moment later
      e.tries = 0;
      e.dueAt = now + REORDER_HOLD_MS * this.random();
    } else if (ok || tooOld) {
      e.done = true; // given up: counted by health.record (its attempt says so)
    } else {
      e.dueAt = now + backoffDelay(e.tries, this.deps.backoff ?? DEFAULT_BACKOFF, this.random);
    }
    if (this.inFlight === 0) for (const f of this.idle) f();
    this.advance();
    this.deps.onChange?.();
    if (this.behind && this.entries.size < WINDOW / 2) void this.load();
    this.pump();
  }

  /** While probing, deliveries past the max age are given up without another try. */
  private giveUpTooOld(now: number): void {
    const maxAge = this.settings.maxAgeMs ?? FORWARD_DEFAULTS.maxAgeMs;
    for (const e of this.entries.values()) {
      if (!e.done && !e.busy && now - eventMillis(e.item, now) >= maxAge) {
        e.done = true;
        this.health.metrics.gaveUp(now);
      }
    }
    this.advance();
  }

  /**
   * Moves the cursor over the finished head of the window. Saved at most every SAVE_EVERY_MS:
   * a crash in between re-sends what was delivered since (at-least-once), and at full ingest
   * speed a durable write per delivery would cost the receiver's disk more than forwarding.
   * Everything up to the saved cursor may then leave the store; the cursor moves the pin.
   */
  private advance(): void {
    for (const [pos, e] of this.entries) {
      if (!e.done) break;
      this.entries.delete(pos);
      this.cursor = { pos, mark: e.item.mark };
    }
    if (this.cursor.pos !== this.savedPos && this.saveTimer === null && !this.stopped) {
      this.saveTimer = this.clock.setTimeout(() => {
        this.saveTimer = null;
        void this.persist();
      }, SAVE_EVERY_MS);
    }
  }

  private async persist(): Promise<void> {
    const c = this.cursor;
    if (c.pos === this.savedPos) return;
    try {
      await this.deps.cursorFile.write(this.settings.url, c.mark);
      this.savedPos = c.pos;
      this.deps.source.pin(c.mark);
    } catch {
      // a full disk: kept in memory, saved at the next move; the pin stays where it was saved
    }
  }
}

function eventMillis(item: ForwardItem, fallback: number): number {
  const ms = timestampToMillis(item.timestamp);
  return Number.isFinite(ms) ? ms : fallback;
}
