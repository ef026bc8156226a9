/**
 * The contract's sendTestEvents: a short `send` run against the inbox's own receiver. It signs
 * with the inbox's first secret (never returned, only used) so the events verify like DT's.
 */
import { fail, ok, type Result } from '../../../shared/api/contract';
import type { SendTestEventsRequest, SendTestEventsResult } from '../../../shared/api/test-events';
import { runSend, SEND_DEFAULTS } from './run';

export interface TestEventsDeps {
  /** '' when this inbox runs no receiver */
  receiverUrl: string;
  secrets: () => readonly string[];
}

export function sendTestEventsApi(deps: TestEventsDeps) {
  return async (req: SendTestEventsRequest): Promise<Result<SendTestEventsResult>> => {
    if (!deps.receiverUrl) return fail('this inbox runs no receiver (it receives from DT\'s event stream only): there is nothing to send test events to');
    const secret = deps.secrets()[0];
    try {
      const { summary } = await runSend({
        ...SEND_DEFAULTS, url: new URL(deps.receiverUrl), secret, count: req.count,
        // a handful of devices of every kind, so each view has something to show
        devices: 12, timeoutMs: 5000,
      });
      return ok({ sent: summary.sent, acked: summary.acked, signed: secret !== undefined });
    } catch (e) {
      return fail(`sending test events failed: ${(e as Error).message}`);
    }
  };
}
