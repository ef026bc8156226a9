/**
 * The open segment's journal: what each group commit appends (and fdatasyncs) instead of
 * rewriting the whole segment file. Rewriting the open segment (up to ~185 kB, temp file,
 * fsync, rename, directory fsync) made a commit's cost grow with the segment and capped
 * ingest at ~1,200 events/s; an append of the batch's few lines is one write and one
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
import { open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from './durable-json-file';
import { isDuplicateRecord, isEventRecord, type DuplicateRecord, type SegmentData, type StoredEventRecord } from './files';

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

/**
 * Appends whole lines durably. Each append opens the file, writes, fdatasyncs and closes:
 * no descriptor stays open between commits (a remount read-only or a replaced file is seen at
 * the next commit), and the open/close costs far less than the fdatasync. A failed append is
 * cut back to the last committed byte, so a half line never stays in front of later ones.
 */
export class JournalWriter {
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
    const fh = await open(this.file, 'a');
    try {
      // A new journal starts empty even if a stale file of that name was left behind.
      if (this.dirty || !this.exists) await fh.truncate(this.length);
      this.dirty = false;
      await fh.writeFile(data); // loops over short writes (a nearly full disk)
      await fh.datasync();
      if (!this.exists) await fsyncDir(dirname(this.file)); // the new name must survive a crash too
    } catch (e) {
      this.dirty = true;
      await fh.truncate(this.length).then(() => { this.dirty = false; }, () => {});
      await fh.close().catch(() => {});
      throw e;
    }
    await fh.close();
    this.exists = true;
    this.length += data.length;
    this.bytesWritten += data.length;
  }

  /**
   * The journal was folded into the segment file: remove it. Not fsynced: if it comes back
   * after a crash, replay skips every record the segment file already holds.
   */
  async remove(): Promise<void> {
    await unlink(this.file).catch(() => {});
    this.exists = false;
    this.length = 0;
    this.dirty = false;
  }
}
