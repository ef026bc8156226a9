/** The check report FakeInboxApi answers by default: a demo with every status. */
import type { CheckReport } from '../../shared/check-report';

/** A report as a half-finished receiver gets it: most pass, one failure, signatures unchecked. */
export function demoCheckReport(): Omit<CheckReport, 'target'> {
  const pass = (id: CheckReport['results'][number]['id'], detail: string) => ({ id, status: 'pass' as const, detail, advice: '' });
  const results: CheckReport['results'] = [
    pass('accepts_all_types', 'all 19 event types answered 2xx'),
    { id: 'unknown_type', status: 'fail', detail: 'a "soilMoisture" event (a type DT may add) got HTTP 400 "unknown event type soilMoisture"', advice: 'DT adds event types over time: acknowledge (2xx) and ignore or store types you do not know instead of refusing them, or DT retries them for 12 h.' },
    { id: 'responds_within_10s', status: 'warn', detail: 'all 224 requests answered within 10 s, but 3 took over 1 s; slowest 2412 ms (burst co2)', advice: 'DT waits at most 10 s for an answer and retries otherwise: acknowledge first and do slow work (databases, other services) after answering, from a queue.' },
    pass('burst', '200 events, 20 at a time: all acknowledged, slowest 2412 ms'),
    pass('duplicate_delivery', 'the same event delivered twice was acknowledged both times'),
    pass('out_of_order', 'an older event after a newer one of the same device and type was acknowledged'),
    ...(['rejects_bad_signature', 'rejects_missing_signature', 'rejects_tampered_body', 'rejects_expired_signature'] as const).map((id) => ({
      id, status: 'warn' as const, detail: 'signatures not checked (no --secret given)',
      advice: 'Run again with --secret set to the Data Connector\'s signature secret to check that forged requests are refused.',
    })),
  ];
  return { format: 'connector-inbox-check/1', results, summary: { pass: 5, fail: 1, warn: 5 } };
}
