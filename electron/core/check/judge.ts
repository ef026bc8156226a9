/**
 * Turning answers into verdicts: a one-line detail a tester can read at a glance (what
 * came back, from what), and advice that says what to change in the receiver.
 */
import type { CheckId, CheckResult, CheckStatus } from '../../../shared/check-report';
import { snippet } from '../outbound/answer-text';
import type { CheckAnswer } from './post';

export const isAck = (a: CheckAnswer) => typeof a.outcome === 'number' && a.outcome >= 200 && a.outcome < 300;


/** "HTTP 400 \"unknown type\"", "no answer within 10 s", "connection failed (ECONNRESET)" */
export function describe(a: CheckAnswer, timeoutMs: number, withText = true): string {
  if (a.outcome === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (a.outcome === 'error') return `connection failed (${a.error ?? 'closed'})`;
  const text = withText ? snippet(a.text) : '';
  return `HTTP ${a.outcome}${text ? ` "${text}"` : ''}`;
}

/** Up to three labelled failures, then a count of the rest. */
export function listFailures(items: Array<{ label: string; answer: CheckAnswer }>, timeoutMs: number): string {
  const shown = items.slice(0, 3).map((f, i) => `${f.label} (${describe(f.answer, timeoutMs, i === 0)})`);
  return shown.join(', ') + (items.length > 3 ? ` and ${items.length - 3} more` : '');
}

/** Counts per outcome, most frequent first: "HTTP 503 ×10, no answer within 10 s ×2" */
export function outcomeCounts(answers: readonly CheckAnswer[], timeoutMs: number): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const k = describe(a, timeoutMs, false);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
}

const authStatus = (a: CheckAnswer) => a.outcome === 401 || a.outcome === 403;

/** When every refusal was 401/403 and no secret was given, the receiver probably verifies signatures. */
export function secretHint(refused: readonly CheckAnswer[], secretGiven: boolean): string {
  return !secretGiven && refused.length > 0 && refused.every(authStatus)
    ? ' The answers were 401/403: if the receiver checks signatures, run again with its signature secret.'
    : '';
}

export const ADVICE: Record<CheckId, string> = {
  accepts_all_types: 'Answer 2xx to every well-formed event, even of types you do not use: DT retries a non-2xx answer for up to 12 h.',
  unknown_type: 'DT adds event types over time: acknowledge (2xx) and ignore or store types you do not know instead of refusing them, or DT retries them for 12 h.',
  responds_within_10s: 'DT waits at most 10 s for an answer and retries otherwise: acknowledge first and do slow work (databases, other services) after answering, from a queue.',
  burst: 'DT sends events concurrently: make sure the receiver (and anything it waits for before answering) keeps up with 20 at a time.',
  duplicate_delivery: 'DT delivers at least once: deduplicate by event.eventId and answer 2xx to a repeat instead of an error.',
  out_of_order: 'Events can arrive out of order: acknowledge an older event and keep the newer state (compare event.timestamp) rather than refusing it.',
  rejects_bad_signature: 'Verify X-Dt-Signature (an HS256 JWT, key = the signature secret as UTF-8) and answer non-2xx when it does not verify: otherwise anyone who knows the URL can post events.',
  rejects_missing_signature: 'Refuse (non-2xx) a request without X-Dt-Signature when a signature secret is set on the Data Connector.',
  rejects_tampered_body: 'Compare the token\'s checksum_sha256 with the SHA-256 of the exact body bytes received (before any JSON parsing) and refuse a mismatch.',
  rejects_expired_signature: 'Check the token\'s exp claim: an expired token is most likely a replayed request. Accept one only if you deliberately tolerate very late retries.',
};

export const NO_SECRET = {
  detail: 'signatures not checked (no signature secret given)',
  advice: 'Run again with the receiver\'s signature secret (the Data Connector\'s) to check that forged requests are refused.',
};

export function result(id: CheckId, status: CheckStatus, detail: string, advice = ADVICE[id]): CheckResult {
  return { id, status, detail, advice };
}
