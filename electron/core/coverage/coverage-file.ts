/**
 * coverage.jsonl: one JSON record per line, appended and fsynced. A torn last line (a crash
 * mid-write) or a line that is not a record is skipped, never fatal; the next append starts on
 * a fresh line. Compaction rewrites the file atomically (writeFileDurably) as merged spans.
 */
import { open, readFile } from 'node:fs/promises';
import { writeFileDurably } from '../store/durable-json-file';

export type CoverageRecord =
  | { t: 'open'; p: string; s: string; at: number }
  | { t: 'close'; p: string; s: string; at: number }
  /** still open at `at` (written every beat while a span is open) */
  | { t: 'beat'; at: number }
  | { t: 'span'; p: string; s: string; from: number; to: number }
  | { t: 'filled'; p: string; from: number; to: number; n?: number }
  | { t: 'uncover'; p: string; from: number; to: number };

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 300;

export function parseRecord(v: unknown): CoverageRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  switch (r.t) {
    case 'open': case 'close': return str(r.p) && str(r.s) && num(r.at) ? { t: r.t, p: r.p, s: r.s, at: r.at } : undefined;
    case 'beat': return num(r.at) ? { t: 'beat', at: r.at } : undefined;
    case 'span': return str(r.p) && str(r.s) && num(r.from) && num(r.to) ? { t: 'span', p: r.p, s: r.s, from: r.from, to: r.to } : undefined;
    case 'filled': return str(r.p) && num(r.from) && num(r.to) ? { t: 'filled', p: r.p, from: r.from, to: r.to, n: num(r.n) ? r.n : undefined } : undefined;
    case 'uncover': return str(r.p) && num(r.from) && num(r.to) ? { t: 'uncover', p: r.p, from: r.from, to: r.to } : undefined;
    default: return undefined;
  }
}

export async function readRecords(file: string): Promise<{ records: CoverageRecord[]; skipped: number; endsClean: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0, endsClean: true };
    throw e;
  }
  const records: CoverageRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let r: CoverageRecord | undefined;
    try {
      r = parseRecord(JSON.parse(line));
    } catch {
      r = undefined;
    }
    if (r) records.push(r);
    else skipped++;
  }
  return { records, skipped, endsClean: text.length === 0 || text.endsWith('\n') };
}

/** One append at a time, in order, each fsynced before it resolves. */
export class AppendFile {
  private chain: Promise<void> = Promise.resolve();
  lines = 0;

  constructor(private readonly file: string, private needsNewline: boolean) {}

  append(records: CoverageRecord[]): Promise<void> {
    const run = this.chain.then(async () => {
      const text = (this.needsNewline ? '\n' : '') + records.map((r) => JSON.stringify(r)).join('\n') + '\n';
      const fh = await open(this.file, 'a', 0o600);
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      this.needsNewline = false;
      this.lines += records.length;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  rewrite(records: CoverageRecord[]): Promise<void> {
    const run = this.chain.then(async () => {
      await writeFileDurably(this.file, records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
      this.needsNewline = false;
      this.lines = records.length;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  idle(): Promise<void> {
    return this.chain;
  }
}
