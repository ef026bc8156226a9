/**
 * What a receiver answered, in words a tester reads: untrusted text made one short line, and
 * a failed attempt's reason ("connection refused (127.0.0.1:9)", "401 bad signature") so a
 * summary says why instead of counting bare statuses.
 */
import type { AttemptResult } from './post';

/** The receiver's answer is untrusted text: no control characters, one short line. */
export function snippet(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** how much of an answer's body the summaries keep for its reason */
export const REASON_ANSWER_BYTES = 512;

/** why an attempt was not acknowledged; undefined for a 2xx */
export function failureReason(a: AttemptResult, target: URL, timeoutMs: number): string | undefined {
  const host = target.host;
  if (typeof a.outcome === 'number') {
    if (a.outcome >= 200 && a.outcome < 300) return undefined;
    const text = a.answer ? snippet(a.answer.body.toString('utf8'), 120) : '';
    return `${a.outcome} ${text || '(no reason in the answer)'}`;
  }
  if (a.outcome === 'timeout') return `no full answer within ${timeoutMs} ms (${host})`;
  if (a.outcome === 'aborted') return undefined; // the run was stopped: its summary says so
  switch (a.error) {
    case 'ECONNREFUSED': return `connection refused (${host})`;
    case 'ECONNRESET': return `connection reset (${host})`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `host not found (${target.hostname})`;
    default: return `connection failed (${host}): ${a.error ?? 'closed'}`;
  }
}
