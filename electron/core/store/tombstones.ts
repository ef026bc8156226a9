/**
 * eventIds of events removed by retention, remembered for 24 h (tombstones.json) so that a
 * late DT retry of one is still answered "duplicate" and not stored again.
 */
import type { EventSummary } from '../../../shared/records';
import { writeFileDurably } from './durable-json-file';
import { checkTombstones, paths, type TombstonesData } from './disk-format';
import { openJsonFile, type OpenContext } from './open-file';

export const DEDUPE_WINDOW_MS = 24 * 3600_000;

export class Tombstones {
  private constructor(private readonly file: string, private readonly ids: Map<string, number>) {}

  static async open(dir: string, ctx: OpenContext): Promise<Tombstones> {
    const { db } = await openJsonFile<TombstonesData>(paths(dir).tombstones, checkTombstones,
      () => ({ format: 'connector-inbox-tombstones/1', ids: {} }), ctx);
    return new Tombstones(paths(dir).tombstones, new Map(Object.entries(db.data.ids)));
  }

  /** Is this eventId a tombstone younger than the dedupe window? */
  has(eventId: string, now: number): boolean {
    return now - (this.ids.get(eventId) ?? -Infinity) < DEDUPE_WINDOW_MS;
  }

  /** Remembers removed events (those still inside the window), forgets expired ones, and persists. */
  async bury(gone: readonly EventSummary[], now: number): Promise<void> {
    for (const e of gone) {
      const at = Date.parse(e.receivedAt);
      if (now - at < DEDUPE_WINDOW_MS) this.ids.set(e.eventId, at);
    }
    for (const [id, at] of this.ids) if (now - at >= DEDUPE_WINDOW_MS) this.ids.delete(id);
    const data: TombstonesData = { format: 'connector-inbox-tombstones/1', ids: Object.fromEntries(this.ids) };
    await writeFileDurably(this.file, JSON.stringify(data));
  }
}
