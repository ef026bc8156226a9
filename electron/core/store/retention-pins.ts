/**
 * Readers that need segments to stay on disk (an export, the forward queue) hold retention
 * from a segment on: retention drops only segments below every hold. Meanwhile the store may
 * exceed its cap; the oldest segments go when the holds move on or are released.
 */
import type { DeliveryCursor } from './delivery-log';

export interface RetentionHold {
  /** keep what comes after `cursor` (only forward: a hold never moves back) */
  moveTo(cursor: DeliveryCursor): void;
  /** let retention go on (once; later calls do nothing) */
  release(): void;
}

export class RetentionPins {
  private holds = new Set<{ from: number }>();

  /** @param changed called when a hold moved or went: retention may run again */
  constructor(private readonly changed: () => void) {}

  hold(from: number): RetentionHold {
    const h = { from };
    this.holds.add(h);
    return {
      moveTo: ({ segment }) => {
        if (!this.holds.has(h) || segment <= h.from) return;
        h.from = segment;
        this.changed();
      },
      release: () => {
        if (!this.holds.delete(h)) return;
        this.changed();
      },
    };
  }

  /** The lowest segment number a hold keeps; Infinity when none. */
  floor(): number {
    let min = Infinity;
    for (const h of this.holds) min = Math.min(min, h.from);
    return min;
  }
}
