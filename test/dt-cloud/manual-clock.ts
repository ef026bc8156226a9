/** A Clock for tests: timers fire only when the test moves the time (advance), in time order. */
import type { Clock } from '../../shared/clock';

export class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  constructor(public ms = Date.now()) {}
  now = () => this.ms;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.ms + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => { this.timers.delete(h as number); };
  advance(ms: number) {
    this.ms += ms;
    for (const [id, t] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.ms) {
        this.timers.delete(id);
        t.fn();
      }
    }
  }
}
