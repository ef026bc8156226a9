/**
 * The open segment's journal: what each group commit appends (and fdatasyncs) instead of
 * rewriting the whole segment file. Rewriting the open segment (up to ~185 kB, temp file,
 * fsync, rename, directory fsync) made a commit's cost grow with the segment and capped
 * ingest (see bench/FINDINGS.md §1); an append of the batch's few lines is one write and one
 * fdatasync. The journal is folded into the segment's lowdb JSON file when the segment is
 * full or the store closes, and then removed, so closed segments are plain JSON as before.
 *
 * One line per record, each self-describing so that replay is idempotent:
 *   {"e":<event record>}               an accepted event (its seq orders it)
 *   {"d":<duplicate record>,"k":<i>}   the i-th duplicate delivery of the segment
 *   {"a":[["e",seq,ms]|["d",i,ms],…]}  ack latencies measured after earlier lines were written
 * A line is committed once it ends with "\n" and the fdatasync returned; only then is any
 * of its deliveries acknowledged. A torn last line is therefore never acknowledged data.
 */
import { close, fdatasync, ftruncate, open, write } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { fsyncDir } from './durable-json-file';
import { isDuplicateRecord, isEventRecord, type DuplicateRecord, type SegmentData, type StoredEventRecord } from './disk-format';

export type AckEntry = ['e', number, number] | ['d', number, number];

export const eventLine = (recordText: string): string => `{"e":${recordText}}\n`;
export const duplicateLine = (recordText: string, k: number): string => `{"d":${recordText},"k":${k}}\n`;
export const ackLine = (acks: readonly AckEntry[]): string => `{"a":${JSON.stringify(acks)}}\n`;

export interface JournalReplay {
  /** records (events and duplicates) added to the segment */
  applied: number;
  /** 1-based numbers of complete lines that are not journal lines */
  badLines: number[];
  /** bytes of whole lines (a torn last line, never acknowledged, is past this) */
  goodBytes: number;
  /** a torn last line was found (a crash during an append) */
  torn: boolean;
}

/** Reads a journal's text, or null when there is none. */
export async function readJournal(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Applies a journal to the segment read from the JSON file. Records already there (the
 * journal was folded in but not yet removed when the process stopped) are skipped: an event
 * by its seq, a duplicate by its position. Lines that cannot be read are skipped and
 * reported; the others are kept.
 */
export function replayJournal(data: SegmentData, bytes: Buffer): JournalReplay {
  const end = bytes.lastIndexOf(0x0a) + 1;
  const out: JournalReplay = { applied: 0, badLines: [], goodBytes: end, torn: end < bytes.length };
  let maxSeq = data.events.reduce((m, e) => Math.max(m, e.seq), 0);
  const dupsBefore = data.duplicates.length;
  const dupByK = new Map<number, DuplicateRecord>();
  const eventBySeq = new Map<number, StoredEventRecord>();
  const acks: AckEntry[] = [];
  const lines = bytes.subarray(0, end).toString('utf8').split('\n');
  lines.pop(); // the empty string after the last "\n"
  lines.forEach((line, i) => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      out.badLines.push(i + 1);
      return;
    }
    const o = v as { e?: unknown; d?: unknown; k?: unknown; a?: unknown };
    if (isEventRecord(o.e)) {
      if (o.e.seq <= maxSeq) return; // already in the JSON file
      maxSeq = o.e.seq;
      data.events.push(o.e);
      eventBySeq.set(o.e.seq, o.e);
      out.applied++;
    } else if (isDuplicateRecord(o.d) && Number.isInteger(o.k)) {
      if ((o.k as number) < dupsBefore) return;
      data.duplicates.push(o.d);
      dupByK.set(o.k as number, o.d);
      out.applied++;
    } else if (Array.isArray(o.a)) {
      acks.push(...(o.a as AckEntry[]));
    } else {
      out.badLines.push(i + 1);
    }
  });
  // Acks of records the JSON file already held are already in it.
  for (const a of acks) {
    if (!Array.isArray(a) || typeof a[2] !== 'number') continue;
    const rec = a[0] === 'e' ? eventBySeq.get(a[1]) : a[0] === 'd' ? dupByK.get(a[1]) : undefined;
    if (rec) rec.delivery.ackMs = a[2];
  }
  return out;
}

const openFd = promisify(open), closeFd = promisify(close), writeFd = promisify(write);
const syncFd = promisify(fdatasync), truncateFd = promisify(ftruncate);

/**
 * Appends whole lines durably: write, fdatasync. The descriptor stays open while commits
 * follow each other (no open and close per commit at full speed) and is released when the
 * store goes idle, so that nothing holds the data directory
 * between bursts (a remount read-only, an unmount, a replaced file are seen at the next
 * commit). A failed append is cut back to the last committed byte, so a half line never
 * stays in front of later ones, and the descriptor is dropped.
 */
export class JournalWriter {
  private fd: number | null = null;
  /** bytes of the file that hold committed lines */
  private length: number;
  /** the file may hold bytes past `length` (a torn line, a failed append): cut them first */
  private dirty: boolean;
  /** the file exists with its directory entry synced */
  private exists: boolean;
  bytesWritten = 0;

  constructor(readonly file: string, state: { exists: boolean; goodBytes: number; torn: boolean } = { exists: false, goodBytes: 0, torn: false }) {
    this.exists = state.exists;
    this.length = state.goodBytes;
    this.dirty = state.torn;
  }

  get empty(): boolean {
    return this.length === 0;
  }

  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    const fd = this.fd ?? (this.fd = await openFd(this.file, 'a'));
    try {
      // A new journal starts empty even if a stale file of that name was left behind.
      if (this.dirty || !this.exists) await truncateFd(fd, this.length);
      this.dirty = false;
      // Loop over short writes: on a nearly full disk write() returns short without an error.
      for (let at = 0; at < data.length;) {
        const n = (await writeFd(fd, data, at, data.length - at)).bytesWritten;
        if (n <= 0) throw Object.assign(new Error('the journal write made no progress'), { code: 'EIO' });
        at += n;
      }
      await syncFd(fd);
      if (!this.exists) await fsyncDir(dirname(this.file)); // the new name must survive a crash too
    } catch (e) {
      this.dirty = true;
      await truncateFd(fd, this.length).then(() => { this.dirty = false; }, () => {});
      await this.release();
      throw e;
    }
    this.exists = true;
    this.length += data.length;
    this.bytesWritten += data.length;
  }

  /** Closes the descriptor (the next append opens the file again). */
  async release(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await closeFd(fd).catch(() => {});
  }

  /**
   * The journal was folded into the segment file: remove it. Not fsynced: if it comes back
   * after a crash, replay skips every record the segment file already holds.
   */
  async remove(): Promise<void> {
    await this.release();
    await unlink(this.file).catch(() => {});
    this.exists = false;
    this.length = 0;
    this.dirty = false;
  }
}
