/**
 * A paced run (`send --rate`) makes its events as it goes: none may be sent before its own
 * event time, or the inbox rightly shows "before the event time (clock skew?)" on simulated
 * events. Timestamps are jittered (±50 % per gap) and --reorder/--duplicates move deliveries,
 * so an event's time can run ahead of its delivery slot; the run then starts its clock earlier
 * by the largest lead, which keeps the events' spacing and jitter as they are.
 */
import type { SimEvent } from './generate';
import type { Schedule } from './schedule';
import { timestampToMillis } from '../../../shared/dt/timestamp';

/** ms by which some event's time is later than the start of its first delivery slot (0 if none) */
export function leadOverSchedule(events: readonly SimEvent[], schedule: Schedule, startMs: number, spacingMs: number): number {
  const firstSlot = new Map<number, number>();
  schedule.deliveries.forEach((d, k) => { if (!firstSlot.has(d.index)) firstSlot.set(d.index, k); });
  let lead = 0;
  for (const [index, k] of firstSlot) {
    lead = Math.max(lead, timestampToMillis(events[index]!.timestamp) - (startMs + k * spacingMs));
  }
  return Math.ceil(lead);
}
