/**
 * The bounded log of rejected deliveries (bad signature, bad body). Bounded in memory and
 * on disk so that a flood from the public URL cannot grow either; written at most once
 * per second, because a lost rejection record costs nothing that DT will not retry.
 */
import type { RejectedDelivery } from '../../../shared/records';
import { checkRejected, paths, type RejectedData } from './disk-format';
import { openJsonFile } from './open-file';
import type { Low } from 'lowdb';

export class RejectedLog {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** all rejections since the log began, including those that fell off the end */
  total = 0;

  private constructor(private readonly db: Low<RejectedData>, private readonly limit: number) {
    this.total = db.data.nextId - 1;
  }

  static async open(dir: string, warnings: string[], limit = 1000): Promise<RejectedLog> {
    const { db } = await openJsonFile<RejectedData>(paths(dir).rejected, checkRejected,
      () => ({ format: 'connector-inbox-rejected/1', nextId: 1, entries: [] }), { corruptDir: paths(dir).corrupt, readOnly: false, warnings });
    return new RejectedLog(db, limit);
  }

  add(entry: Omit<RejectedDelivery, 'id'>): RejectedDelivery {
    const data = this.db.data;
    const full = { id: data.nextId++, ...entry };
    data.entries.push(full);
    if (data.entries.length > this.limit) data.entries.splice(0, data.entries.length - this.limit);
    this.total++;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.writing = this.db.write().catch(() => {}); // retried with the next rejection
      }, 1000);
      this.timer.unref();
    }
    return full;
  }

  /** newest first */
  list(): RejectedDelivery[] {
    return [...this.db.data.entries].reverse();
  }

  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.db.write().catch(() => {});
    }
    await this.writing;
  }
}
