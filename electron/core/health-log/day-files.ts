/**
 * The health log's files: one per UTC day and stream, pruned by age (and the detail stream by
 * bytes), and the small-records files scanned without parsing every line: a record's kind,
 * time and id are read from the start of its line (the log writes them first), and the rest
 * is parsed only when someone reads that kind and period.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openAppendLog, type AppendLog } from './append-log';

/**
 * k: what the record is (its producer's kind); t: ms since epoch (a minute's start for
 * per-minute ones); id: tells apart records of the same k and t (a run's id): a later record
 * with the same k, t and id replaces the earlier.
 */
export interface HealthRecord { k: string; t: number; id?: string; [field: string]: unknown }

export const DAY_MS = 86_400_000;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const MINUTE_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;
export const DETAIL_FILE = /^detail-(\d{4}-\d{2}-\d{2})\.jsonl$/;

export function parseRecord(v: unknown): HealthRecord | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as HealthRecord;
  return typeof r.k === 'string' && typeof r.t === 'number' && Number.isFinite(r.t) ? r : undefined;
}

export const parseAny = (v: unknown): object | undefined => (v && typeof v === 'object' ? v : undefined);

/** one stream's file of the current day: reopened when the day changes */
export class DayFile<T> {
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

export async function prune(dir: string, now: number, retentionDays: number, detailCapBytes: number): Promise<string[]> {
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

/** A record of a small-records file: its key read from the line's start, the rest parsed on demand. */
export interface LazyRecord { k: string; t: number; id?: string; line?: string; rec?: HealthRecord }

export const keyOf = (r: { k: string; t: number; id?: string }) => `${r.k}\u0000${r.t}\u0000${r.id ?? ''}`;

const HEAD = /^\{"k":"([^"\\]*)","t":(-?\d+)(?:,"id":"([^"\\]*)")?[,}]/;

/** the lines of one file; a line whose start is not the log's own form is parsed at once */
export function scanLines(text: string): { records: LazyRecord[]; skipped: number } {
  const records: LazyRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const m = HEAD.exec(line);
    if (m) {
      records.push({ k: m[1]!, t: Number(m[2]), ...(m[3] !== undefined && { id: m[3] }), line });
      continue;
    }
    let rec: HealthRecord | undefined;
    try {
      rec = parseRecord(JSON.parse(line));
    } catch {
      rec = undefined;
    }
    if (rec) records.push({ k: rec.k, t: rec.t, ...(rec.id !== undefined && { id: rec.id }), rec });
    else skipped++;
  }
  return { records, skipped };
}

/** the record itself, parsed now if it was not yet; undefined when its line turns out bad */
export function materialize(r: LazyRecord): HealthRecord | undefined {
  if (r.rec) return r.rec;
  try {
    r.rec = parseRecord(JSON.parse(r.line!));
  } catch {
    r.rec = undefined;
  }
  r.line = undefined;
  return r.rec;
}

/** the last record of each key, in the order of their last writes */
export function latest<T extends { k: string; t: number; id?: string }>(records: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const r of records) {
    const k = keyOf(r);
    m.delete(k);
    m.set(k, r);
  }
  return [...m.values()];
}
