/**
 * A durable append-only JSONL file: one JSON record per line. Generic, so the coverage log
 * and the health log share one way of surviving kill -9:
 * - a crash mid-append leaves a torn last line; open() cuts it off (it was never acknowledged,
 *   since an append resolves only after its whole line is written), so the next append starts
 *   on a fresh line and the file stays readable;
 * - a line that is not JSON, or that `parse` does not recognise, is skipped and counted, never
 *   fatal: bad data must not stop the app from starting;
 * - appends run one at a time in call order, so lines never interleave;
 * - rewrite() replaces the whole file atomically (writeFileDurably), for compaction: a reader
 *   or a crash sees the old file or the new one, never a mix.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir, writeFileDurably } from '../store/durable-json-file';

export interface AppendLogOptions<T> {
  /** a stored line's JSON value → the record, or undefined to skip a line it does not know */
  parse: (v: unknown) => T | undefined;
}

export interface AppendOptions {
  /** fsync before resolving: the record survives power loss, not only a process kill */
  sync?: boolean;
}

export interface AppendLog<T> {
  /** the records read when the log was opened, in file order (appends do not change it) */
  readonly records: T[];
  /** lines dropped on open: a torn last line, garbage, or records `parse` did not know */
  readonly skipped: number;
  /** lines in the file now (kept garbage lines included): what compaction should look at */
  readonly size: number;
  append(record: T, opts?: AppendOptions): Promise<void>;
  /** several records in one write (one line each) */
  appendAll(records: readonly T[], opts?: AppendOptions): Promise<void>;
  /** replace the file's contents with `records`, atomically and durably */
  rewrite(records: T[]): Promise<void>;
  /** waits for pending writes, then releases the file; later appends reject */
  close(): Promise<void>;
}

const NL = 0x0a;

function parseLine<T>(line: string, parse: (v: unknown) => T | undefined): T | undefined {
  if (!line.trim()) return undefined;
  try {
    return parse(JSON.parse(line));
  } catch {
    return undefined; // a parse that throws on odd input is treated as an unknown record
  }
}

function toLine(record: unknown): string {
  const json = JSON.stringify(record);
  if (typeof json !== 'string') throw new TypeError('append log: record does not serialize to JSON');
  return json + '\n';
}

interface Loaded<T> { records: T[]; skipped: number; lines: number; keepBytes: number; needsNewline: boolean; existed: boolean }

async function load<T>(file: string, parse: (v: unknown) => T | undefined): Promise<Loaded<T>> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0, lines: 0, keepBytes: 0, needsNewline: false, existed: false };
    throw e;
  }
  // bytes, not characters: a tear can split a multi-byte character, and the cut must be exact
  const lastNl = buf.lastIndexOf(NL);
  const whole = lastNl + 1;
  const records: T[] = [];
  let skipped = 0;
  let lines = 0;
  for (const line of buf.subarray(0, whole).toString('utf8').split('\n').slice(0, -1)) {
    if (!line.trim()) continue;
    lines++;
    const r = parseLine(line, parse);
    if (r === undefined) skipped++;
    else records.push(r);
  }
  let keepBytes = whole;
  let needsNewline = false;
  if (whole < buf.length) {
    const tail = buf.subarray(whole).toString('utf8');
    const r = parseLine(tail, parse);
    if (r !== undefined) {
      // the whole record made it and only its newline is missing: keep it, end the line
      records.push(r);
      lines++;
      keepBytes = buf.length;
      needsNewline = true;
    } else if (tail.trim()) {
      skipped++; // torn: cut off below
    }
  }
  return { records, skipped, lines, keepBytes, needsNewline, existed: true };
}

export async function openAppendLog<T>(file: string, opts: AppendLogOptions<T>): Promise<AppendLog<T>> {
  const loaded = await load(file, opts.parse);
  const fh: FileHandle = await open(file, 'a');
  try {
    const { size } = await fh.stat();
    if (size > loaded.keepBytes) {
      await fh.truncate(loaded.keepBytes);
      await fh.sync();
    }
    // a newly created file's name must survive a crash too, not only its contents
    if (!loaded.existed) await fsyncDir(dirname(file));
  } finally {
    await fh.close().catch(() => undefined);
  }

  let bytes = loaded.keepBytes;
  let needsNewline = loaded.needsNewline;
  let lines = loaded.lines;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>): Promise<void> => {
    const run = chain.then(job);
    chain = run.catch(() => undefined); // one failed write must not block the ones after it
    return run;
  };

  // Opened for each write and closed after it: these logs write a few times a minute (a
  // heartbeat, a flush a second), and a file held open would keep the data directory's file
  // system busy (it could not be remounted read-only, or unmounted) for no gain.
  const writeLine = async (text: string, sync: boolean): Promise<void> => {
    const data = Buffer.from((needsNewline ? '\n' : '') + text, 'utf8');
    const h = await open(file, 'a');
    try {
      await h.writeFile(data);
      if (sync) await h.sync();
    } catch (e) {
      // a short write (disk full) leaves part of a line: cut it back so the next record does
      // not glue onto it; if even that fails, start the next record on a fresh line
      const cut = await h.truncate(bytes).then(() => true, () => false);
      if (!cut) needsNewline = true;
      throw e;
    } finally {
      await h.close().catch(() => undefined);
    }
    bytes += data.length;
    needsNewline = false;
    lines++;
  };

  return {
    records: loaded.records,
    skipped: loaded.skipped,
    get size() { return lines; },
    append(record, o = {}) {
      if (closed) return Promise.reject(new Error(`append log ${file} is closed`));
      let text: string;
      try {
        text = toLine(record);
      } catch (e) {
        return Promise.reject(e);
      }
      return serial(() => writeLine(text, o.sync === true));
    },
    appendAll(records, o = {}) {
      if (closed) return Promise.reject(new Error(`append log ${file} is closed`));
      if (!records.length) return Promise.resolve();
      let text: string;
      try {
        text = records.map(toLine).join('');
      } catch (e) {
        return Promise.reject(e);
      }
      const n = records.length;
      return serial(async () => {
        await writeLine(text, o.sync === true);
        lines += n - 1; // writeLine counted one
      });
    },
    rewrite(records) {
      if (closed) return Promise.reject(new Error(`append log ${file} is closed`));
      let text: string;
      try {
        text = records.map(toLine).join('');
      } catch (e) {
        return Promise.reject(e);
      }
      return serial(async () => {
        bytes = await writeFileDurably(file, text);
        needsNewline = false;
        lines = records.length;
      });
    },
    close() {
      if (closed) return chain;
      closed = true;
      return serial(async () => undefined); // after the pending writes
    },
  };
}
