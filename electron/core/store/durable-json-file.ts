/**
 * A lowdb adapter that makes a write durable before it resolves: write a temp file,
 * fsync it, rename it over the target, fsync the directory. lowdb's own JSONFile
 * renames atomically but never fsyncs, and "acknowledged means durable" needs both.
 * A reader (another process exporting) therefore always sees a whole old or whole new file.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class CorruptFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${basename(file)}: ${reason}`);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function writeFileDurably(file: string, text: string): Promise<number> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const data = Buffer.from(text, 'utf8');
  const fh = await open(tmp, 'w');
  try {
    // writeFile loops until every byte is written: a single write() on a nearly full disk
    // returns short without an error, and renaming that half file over the segment would
    // lose acknowledged events.
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {}); // give the space back; the old file is untouched
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
  await fsyncDir(dirname(file));
  return data.length;
}

/**
 * @param check validates the parsed shape; a file that is not JSON or fails the check
 *   raises CorruptFileError so the caller can set it aside instead of overwriting it.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** bytes written by the last write, for the write-cost benchmark */
  lastWriteBytes = 0;

  constructor(
    readonly file: string,
    private readonly check: (data: unknown) => string | null,
    private readonly serialize: (data: T) => string = JSON.stringify,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CorruptFileError(this.file, text.length === 0 ? 'empty file' : `not valid JSON (${(e as Error).message})`);
    }
    const problem = this.check(data);
    if (problem) throw new CorruptFileError(this.file, problem);
    return data as T;
  }

  async write(data: T): Promise<void> {
    this.lastWriteBytes = await writeFileDurably(this.file, this.serialize(data));
  }
}
