/**
 * Where forwarding stands, durably: the position up to which every acknowledged delivery has
 * been delivered to the target (or given up on, too old). After a crash or restart the
 * forwarder resumes after it, so nothing acknowledged to DT is skipped; what was delivered but
 * not yet recorded here is delivered again, which is DT's at-least-once promise too.
 * A small file of its own, written durably (temp file, fsync, rename), never by the store.
 */
import { readFile } from 'node:fs/promises';
import { writeFileDurably } from '../store/durable-json-file';

interface CursorDoc { format: 'connector-inbox-forward/1'; url: string; cursor: unknown }

export class ForwardCursorFile {
  constructor(private readonly file: string) {}

  /** The saved cursor (the store's mark) for `url`, or null when none was saved for that target (or unreadable). */
  async read(url: string): Promise<unknown | null> {
    try {
      const doc = JSON.parse(await readFile(this.file, 'utf8')) as Partial<CursorDoc>;
      if (doc.format !== 'connector-inbox-forward/1' || doc.url !== url || doc.cursor === undefined) return null;
      return doc.cursor;
    } catch {
      return null;
    }
  }

  async write(url: string, cursor: unknown): Promise<void> {
    const doc: CursorDoc = { format: 'connector-inbox-forward/1', url, cursor };
    await writeFileDurably(this.file, JSON.stringify(doc));
  }
}
