/**
 * The health log: what the inbox saw of its own work (forwarding's figures and attempts, ack
 * latencies, the connector follower's changes, the emulator's runs), kept in the data folder so
 * that a restart, a crash or saving a setting does not wipe what the tester was looking at.
 *
 * Two streams, one UTC day per file, both under <data dir>/health/:
 * - `YYYY-MM-DD.jsonl`: small records (one per producer per minute, and rare events); all of the
 *   last `retentionDays` are read at open, so this stream must stay small (bench part `health`);
 * - `detail-YYYY-MM-DD.jsonl`: one line per item keyed by an id (a forward attempt by event id),
 *   never read at open but searched when asked (the event detail), and capped in bytes too.
 * Writes are batched and flushed every `flushMs` (1 s): kill -9 loses at most that much. A
 * producer writes its current minute whole each second it changed; a record with the same
 * kind, time and id replaces the one before (last wins), and the files are compacted to the
 * last of each so that superseded lines do not pile up. A write that fails (disk full) is
 * counted, never thrown at the forwarder or the store.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../../shared/clock';
import { nodeClock } from '../node-clock';
import { openAppendLog, type AppendLog } from './append-log';
import { writeFileDurably } from '../store/durable-json-file';

/**
 * k: what the record is (its producer's kind); t: ms since epoch (a minute's start for
 * per-minute ones); id: tells apart records of the same k and t (a run's id): a later record
 * with the same k, t and id replaces the earlier.
 */
export interface HealthRecord { k: string; t: number; id?: string; [field: string]: unknown }

const keyOf = (r: HealthRecord) => `${r.k}\u0000${r.t}\u0000${r.id ?? ''}`;

/** the last record of each key, in the order of their last writes */
function latest(records: readonly HealthRecord[]): HealthRecord[] {
  const m = new Map<string, HealthRecord>();
  for (const r of records) {
    const k = keyOf(r);
    m.delete(k);
    m.set(k, r);
  }
  return [...m.values()];
}

export interface HealthLogOptions {
  clock?: Clock;
  retentionDays?: number;
  flushMs?: number;
  /** the detail stream's bound across all its files; the oldest days go first */
  detailCapBytes?: number;
}

export interface HealthLog {
  /** the records of `kind` read at open (the last retentionDays), oldest first */
  read(kind: string): HealthRecord[];
  /** written with the next flush */
  append<R extends { readonly k: string; readonly t: number; readonly id?: string }>(record: R): void;
  /** a line of the detail stream, found again by `detail(key)` */
  appendDetail(key: string, record: object): void;
  /** every detail line written under `key`, oldest first (pending ones included) */
  detail(key: string): Promise<object[]>;
  /** called before each flush and at close, so producers hand over their finished minutes */
  onFlush(listener: (closing: boolean) => void): () => void;
  flush(): Promise<void>;
  /** flushes (producers asked first), then releases the files */
  close(): Promise<void>;
  /** writes that failed since open, and the last one's message (never fatal) */
  readonly failures: { count: number; last?: string };
  /** lines of the kept files that could not be read at open (torn or garbage) */
  readonly skipped: number;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MINUTE_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
const DETAIL_FILE = /^detail-(\d{4}-\d{2}-\d{2})\.jsonl$/;

function parseRecord(v: unknown): HealthRecord | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as HealthRecord;
  return typeof r.k === 'string' && typeof r.t === 'number' && Number.isFinite(r.t) ? r : undefined;
}

const parseAny = (v: unknown): object | undefined => (v && typeof v === 'object' ? v : undefined);

/** one stream's file of the current day: reopened when the day changes */
class DayFile<T> {
  private log?: AppendLog<T>;
  private day?: string;
  constructor(private readonly path: (day: string) => string, private readonly parse: (v: unknown) => T | undefined) {}

  async current(now: number): Promise<AppendLog<T>> {
    const day = dayOf(now);
    if (this.log && this.day === day) return this.log;
    await this.log?.close();
    this.log = await openAppendLog(this.path(day), { parse: this.parse });
    this.day = day;
    return this.log;
  }

  async close(): Promise<void> {
    await this.log?.close();
    this.log = undefined;
  }
}

async function prune(dir: string, now: number, retentionDays: number, detailCapBytes: number): Promise<string[]> {
  const oldest = dayOf(now - retentionDays * DAY_MS);
  const names = (await readdir(dir)).sort();
  const kept: string[] = [];
  for (const n of names) {
    const day = MINUTE_FILE.exec(n)?.[1] ?? DETAIL_FILE.exec(n)?.[1];
    if (!day) continue;
    if (day < oldest) await unlink(join(dir, n)).catch(() => undefined);
    else kept.push(n);
  }
  // the detail stream is also bounded in bytes: at a high forward rate 7 days would be large
  const details = kept.filter((n) => DETAIL_FILE.test(n));
  const sizes = await Promise.all(details.map((n) => stat(join(dir, n)).then((s) => s.size, () => 0)));
  let total = sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < details.length - 1 && total > detailCapBytes; i++) {
    await unlink(join(dir, details[i]!)).catch(() => undefined);
    total -= sizes[i]!;
    kept.splice(kept.indexOf(details[i]!), 1);
  }
  return kept;
}

function parseLines<T>(text: string, parse: (v: unknown) => T | undefined, out: T[]): number {
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = parse(JSON.parse(line));
      if (r === undefined) skipped++;
      else out.push(r);
    } catch {
      skipped++;
    }
  }
  return skipped;
}

export async function openHealthLog(dataDir: string, opts: HealthLogOptions = {}): Promise<HealthLog> {
  const clock = opts.clock ?? nodeClock;
  const flushMs = opts.flushMs ?? 1_000;
  const dir = join(dataDir, 'health');
  await mkdir(dir, { recursive: true });
  const kept = await prune(dir, clock.now(), opts.retentionDays ?? 7, opts.detailCapBytes ?? 256 * 1024 * 1024);

  const minutes = new DayFile<HealthRecord>((d) => join(dir, `${d}.jsonl`), parseRecord);
  const details = new DayFile<object>((d) => join(dir, `detail-${d}.jsonl`), parseAny);
  const byKind = new Map<string, HealthRecord[]>();
  let skipped = 0;
  const today = dayOf(clock.now());
  /** today's file: the last record of each key, to compact it when superseded lines pile up */
  let todays = new Map<string, HealthRecord>();
  let todaysDay = today;
  for (const n of kept.filter((f) => MINUTE_FILE.test(f))) {
    let records: HealthRecord[];
    if (n === `${today}.jsonl`) {
      const log = await minutes.current(clock.now()); // today's file: a torn last line is cut off
      skipped += log.skipped;
      records = latest(log.records);
      for (const r of records) todays.set(keyOf(r), r);
      if (log.size > 2 * records.length + 500) await log.rewrite(records);
    } else {
      const all: HealthRecord[] = [];
      skipped += parseLines(await readFile(join(dir, n), 'utf8'), parseRecord, all);
      records = latest(all);
      // compacted once, so the next start reads only what counts
      if (records.length < all.length) await writeFileDurably(join(dir, n), records.map((r) => JSON.stringify(r) + '\n').join(''));
    }
    for (const r of records) {
      let list = byKind.get(r.k);
      if (!list) byKind.set(r.k, (list = []));
      list.push(r);
    }
  }
  for (const list of byKind.values()) list.sort((a, b) => a.t - b.t);

  let pending: HealthRecord[] = [];
  let pendingDetail: Array<{ key: string; line: object }> = [];
  const listeners = new Set<(closing: boolean) => void>();
  const failures: { count: number; last?: string } = { count: 0 };
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let timer: unknown;

  const write = async (): Promise<void> => {
    const recs = pending, lines = pendingDetail;
    pending = [];
    pendingDetail = [];
    try {
      if (recs.length) {
        const now = clock.now();
        const log = await minutes.current(now);
        if (dayOf(now) !== todaysDay) {
          todaysDay = dayOf(now);
          todays = new Map();
        }
        await log.appendAll(recs);
        for (const r of recs) todays.set(keyOf(r), r);
        if (log.size > 2 * todays.size + 500) await log.rewrite([...todays.values()]);
      }
      if (lines.length) {
        await (await details.current(clock.now())).appendAll(lines.map(({ key, line }) => ({ key, ...line })));
      }
    } catch (e) {
      failures.count++;
      failures.last = (e as Error).message;
    }
  };

  const flush = (closing = false): Promise<void> => {
    for (const l of listeners) {
      try {
        l(closing);
      } catch (e) {
        failures.count++;
        failures.last = (e as Error).message;
      }
    }
    chain = chain.then(write);
    return chain;
  };

  const tick = () => {
    timer = undefined;
    if (closed) return;
    void flush().finally(() => {
      if (!closed) timer = clock.setTimeout(tick, flushMs);
    });
  };
  timer = clock.setTimeout(tick, flushMs);

  const needle = (key: string) => Buffer.from(`{"key":${JSON.stringify(key)},`);

  return {
    read: (kind) => byKind.get(kind) ?? [],
    append: (r) => {
      if (!closed) pending.push(r as unknown as HealthRecord);
    },
    appendDetail: (key, line) => {
      if (!closed) pendingDetail.push({ key, line });
    },
    async detail(key) {
      await chain;
      const found: object[] = [];
      const files = (await readdir(dir).catch(() => [])).filter((n) => DETAIL_FILE.test(n)).sort();
      const probe = needle(key);
      for (const n of files) {
        const buf = await readFile(join(dir, n)).catch(() => undefined);
        if (!buf) continue;
        // find the lines by their bytes first: parsing a whole day of attempts per lookup would be slow
        for (let at = buf.indexOf(probe); at >= 0; at = buf.indexOf(probe, at + 1)) {
          const end = buf.indexOf(0x0a, at);
          if (at > 0 && buf[at - 1] !== 0x0a) continue;
          try {
            const { key: _key, ...line } = JSON.parse(buf.subarray(at, end < 0 ? buf.length : end).toString('utf8')) as { key: string };
            found.push(line);
          } catch {
            // a torn last line: not an attempt that was kept
          }
        }
      }
      for (const p of pendingDetail) if (p.key === key) found.push(p.line);
      return found;
    },
    onFlush(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    flush: () => flush(),
    async close() {
      if (closed) return chain;
      if (timer !== undefined) clock.clearTimeout(timer);
      await flush(true);
      closed = true;
      await chain;
      await minutes.close().catch(() => undefined);
      await details.close().catch(() => undefined);
    },
    failures,
    get skipped() { return skipped; },
  };
}
