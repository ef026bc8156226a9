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
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../../shared/clock';
import { nodeClock } from '../node-clock';
import { DayFile, type HealthRecord, DETAIL_FILE, dayOf, keyOf, latest, materialize, MINUTE_FILE, parseAny, parseRecord, prune, scanLines, type LazyRecord } from './day-files';
import { writeFileDurably } from '../store/durable-json-file';

export type { HealthRecord } from './day-files';

export interface HealthLogOptions {
  clock?: Clock;
  retentionDays?: number;
  flushMs?: number;
  /** the detail stream's bound across all its files; the oldest days go first */
  detailCapBytes?: number;
}

export interface HealthLog {
  /** the records of `kind` read at open (the last retentionDays, or those at or after `sinceMs`), oldest first */
  read(kind: string, sinceMs?: number): HealthRecord[];
  /** the same, newest first and parsed as it goes: for a reader that needs only the last few */
  newest(kind: string): Iterable<HealthRecord>;
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
  /** lines of the files read so far that could not be read (torn or garbage) */
  readonly skipped: number;
}

export async function openHealthLog(dataDir: string, opts: HealthLogOptions = {}): Promise<HealthLog> {
  const clock = opts.clock ?? nodeClock;
  const flushMs = opts.flushMs ?? 1_000;
  const dir = join(dataDir, 'health');
  await mkdir(dir, { recursive: true });
  const kept = await prune(dir, clock.now(), opts.retentionDays ?? 7, opts.detailCapBytes ?? 256 * 1024 * 1024);

  const minutes = new DayFile<HealthRecord>((d) => join(dir, `${d}.jsonl`), parseRecord);
  const details = new DayFile<object>((d) => join(dir, `detail-${d}.jsonl`), parseAny);
  let skipped = 0;
  const today = dayOf(clock.now());
  /** today's file: the last record of each key, to compact it when superseded lines pile up */
  let todays = new Map<string, HealthRecord>();
  let todaysDay = today;
  /**
   * The earlier days, oldest first, each scanned only when a read reaches back to it: the
   * forward figures want 3 h, the ack window its last samples, so a start reads a day or two,
   * not seven (bench part `health`).
   */
  const days: Array<{ day: string; file: string; byKind?: Map<string, LazyRecord[]> }> = kept
    .filter((f) => MINUTE_FILE.test(f) && f !== `${today}.jsonl`)
    .map((f) => ({ day: MINUTE_FILE.exec(f)![1]!, file: join(dir, f) }));
  const group = (records: readonly LazyRecord[]) => {
    const byKind = new Map<string, LazyRecord[]>();
    for (const r of records) {
      let list = byKind.get(r.k);
      if (!list) byKind.set(r.k, (list = []));
      list.push(r);
    }
    for (const list of byKind.values()) list.sort((x, y) => x.t - y.t);
    return byKind;
  };
  const scan = (d: (typeof days)[number]): Map<string, LazyRecord[]> => {
    if (d.byKind) return d.byKind;
    let text = '';
    try {
      text = readFileSync(d.file, 'utf8');
    } catch (e) {
      failures.count++;
      failures.last = (e as Error).message;
    }
    const scanned = scanLines(text);
    skipped += scanned.skipped;
    const records = latest(scanned.records);
    // compacted once, so a later start reads only what counts
    if (records.length < scanned.records.length) {
      void writeFileDurably(d.file, records.map((r) => `${r.line ?? JSON.stringify(r.rec)}\n`).join('')).catch((e: Error) => {
        failures.count++;
        failures.last = e.message;
      });
    }
    return (d.byKind = group(records));
  };
  const todayLog = await minutes.current(clock.now()); // today's file: a torn last line is cut off
  skipped += todayLog.skipped;
  const todayRecords = latest(todayLog.records);
  for (const r of todayRecords) todays.set(keyOf(r), r);
  if (todayLog.size > 2 * todayRecords.length + 500) await todayLog.rewrite(todayRecords);
  const todayByKind = group(todayRecords.map((rec) => ({ k: rec.k, t: rec.t, id: rec.id, rec })));

  function* newest(kind: string): Iterable<HealthRecord> {
    for (const byKind of [todayByKind, ...days.map((d) => d).reverse()]) {
      const list = (byKind instanceof Map ? byKind : scan(byKind)).get(kind) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const rec = materialize(list[i]!);
        if (rec) yield rec;
      }
    }
  }
  const read = (kind: string, sinceMs = -Infinity): HealthRecord[] => {
    const out: HealthRecord[] = [];
    const from = dayOf(Math.max(0, Math.min(sinceMs, clock.now())));
    for (const byKind of [...days.filter((d) => !Number.isFinite(sinceMs) || d.day >= from).map(scan), todayByKind]) {
      for (const r of byKind.get(kind) ?? []) {
        if (r.t < sinceMs) continue;
        const rec = materialize(r);
        if (rec) out.push(rec);
      }
    }
    return out;
  };

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
    read,
    newest,
    append: (r) => {
      // kind, time and id first: the next start reads them from the line's start (day-files.ts)
      if (!closed) pending.push(Object.assign({ k: r.k, t: r.t }, r.id !== undefined && { id: r.id }, r) as unknown as HealthRecord);
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
