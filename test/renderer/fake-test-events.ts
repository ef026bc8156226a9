/** The fake's sendTestEvents: the simulator's own events, delivered as the receiver would store them. */
import { ok, type Result } from '../../shared/api/contract';
import type { SendTestEventsRequest, SendTestEventsResult } from '../../shared/api/test-events';
import type { DtRequestBody } from '../../shared/dt/types';
import { generateEvents } from '../../electron/core/simulator/generate';
import type { DeliverOptions } from './fake-deliver';

export type { SendTestEventsRequest };

export function fakeSendTestEvents(req: SendTestEventsRequest, secrets: number, deliver: (b: DtRequestBody, o: DeliverOptions) => void): Result<SendTestEventsResult> {
  const { events } = generateEvents({ seed: 7, count: req.count, devices: 12, startMs: Date.now() - req.count, spacingMs: 1 });
  for (const e of events) deliver(JSON.parse(e.body) as DtRequestBody, { signature: secrets > 0 ? 'valid' : 'unverified' });
  return ok({ sent: events.length, acked: events.length, signed: secrets > 0 });
}
