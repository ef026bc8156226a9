/**
 * The events a check sends: realistic ones from the simulator (every known type, a burst,
 * a pair of the same device and type), plus the two DT may produce that a receiver rarely
 * sees in testing: a type added after the receiver was written, and a body that does not
 * match its token.
 */
import { KNOWN_EVENT_TYPES } from '../../../shared/dt/types';
import { generateEvents, type SimEvent } from '../simulator/generate';

export const BURST_SIZE = 200;
export const BURST_CONCURRENCY = 20;
/** A name no DT type has: DT adds types over time and a receiver must acknowledge them. */
export const FUTURE_TYPE = 'soilMoisture';

export interface CheckEvents {
  /** one of each of the 19 known types */
  allTypes: SimEvent[];
  burst: SimEvent[];
  /** single events for the checks that need a fresh eventId each */
  spare: SimEvent[];
  /** two events of one device and type: [older, newer] */
  pair: [SimEvent, SimEvent];
}

export function checkEvents(seed: number, nowMs: number): CheckEvents {
  const types = KNOWN_EVENT_TYPES.length;
  const spares = 6;
  const count = types + BURST_SIZE + spares;
  // Recent timestamps, one every 100 ms up to about now: what a live connector sends.
  const { events } = generateEvents({ seed, count, devices: 20, startMs: nowMs - count * 100, spacingMs: 100 });
  // generateEvents emits types in shuffled rounds, so the first round holds each type once.
  const allTypes = events.slice(0, types);
  const burst = events.slice(types, types + BURST_SIZE);
  const spare = events.slice(types + BURST_SIZE);
  const two = generateEvents({ seed: (seed + 1) >>> 0, count: 2, devices: 1, types: ['temperature'], startMs: nowMs - 60_000, spacingMs: 30_000 }).events;
  return { allTypes, burst, spare, pair: [two[0]!, two[1]!] };
}

/** The event re-typed as a type DT does not have yet, with data shaped like DT's. */
export function withFutureType(e: SimEvent): SimEvent {
  const body = JSON.parse(e.body) as { event: { eventType: string; data: unknown; timestamp: string } };
  body.event.eventType = FUTURE_TYPE;
  body.event.data = { [FUTURE_TYPE]: { percentage: 41.5, updateTime: body.event.timestamp } };
  return { ...e, eventType: FUTURE_TYPE as SimEvent['eventType'], body: JSON.stringify(body) };
}

/** The same event with one value changed: what a token must no longer match. */
export function tampered(e: SimEvent): string {
  const body = JSON.parse(e.body) as { labels: Record<string, string> };
  body.labels = { ...body.labels, name: `${body.labels.name ?? ''} (altered)` };
  return JSON.stringify(body);
}
