/**
 * "Send test events": the inbox sends simulated DT deliveries to its own receiver, signed with
 * its first signature secret, so a new tester sees the views fill without DT, a tunnel or the
 * CLI on PATH (the desktop app has no `connector-inbox` command).
 */
import { z } from 'zod';

export const MAX_TEST_EVENTS = 1000;

export const sendTestEventsArgsSchema = z.object({
  count: z.number().int().min(1).max(MAX_TEST_EVENTS, { message: `at most ${MAX_TEST_EVENTS} test events at once` }),
}).strict();

export type SendTestEventsRequest = z.infer<typeof sendTestEventsArgsSchema>;

export interface SendTestEventsResult {
  sent: number;
  acked: number;
  /** signed with the inbox's own first secret; false: no secret is set, the events are stored as unverified */
  signed: boolean;
}
