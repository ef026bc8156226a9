/**
 * What a `send` run must leave behind, computed independently of the receiver: the same
 * simulator inputs (seed, count, devices, start) give the same events, so the newest event
 * of each device and type is known without looking at what was stored.
 */
import { generateEvents } from '../../electron/core/simulator/generate';
import { compareTimestamps } from '../../shared/dt/timestamp';

export interface Truth {
  eventIds: string[];
  /** `${deviceId}/${eventType}` → newest event */
  latest: Record<string, { eventId: string; timestamp: string }>;
}

export function expectedAfterSend(o: { seed: number; count: number; devices: number; startMs: number }): Truth {
  const { events } = generateEvents({ seed: o.seed, count: o.count, devices: o.devices, startMs: o.startMs, spacingMs: 1 });
  const latest: Truth['latest'] = {};
  for (const e of events) {
    const k = `${e.deviceId}/${e.eventType}`;
    const cur = latest[k];
    if (!cur || compareTimestamps(e.timestamp, cur.timestamp) > 0) latest[k] = { eventId: e.eventId, timestamp: e.timestamp };
  }
  return { eventIds: events.map((e) => e.eventId), latest };
}

export { compareTimestamps };
