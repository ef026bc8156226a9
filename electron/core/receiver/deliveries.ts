/**
 * Turns one delivery (raw bytes + signature header) into a decision, in DT's order:
 * signature on the raw bytes first, then JSON, then the event's required fields.
 * No HTTP here, so the logic is testable and the express layer stays thin.
 */
import type { RejectReason } from '../../../shared/records';
import { validateEventBody, type Problem, type ValidEvent } from '../../../shared/dt/validate';
import type { VerifyResult } from '../signature';

export type Decision =
  | { kind: 'event'; validated: ValidEvent; raw: string; signature: 'valid' | 'unverified'; notes: string[] }
  | { kind: 'reject'; status: number; error: RejectReason; message: string; diagnosis: string; problems?: Problem[]; eventId?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function decide(
  raw: Uint8Array,
  signatureHeader: string | undefined,
  verify: (raw: Uint8Array, header: string | undefined) => Promise<VerifyResult>,
): Promise<Decision> {
  const v = await verify(raw, signatureHeader);
  if (!v.ok) return { kind: 'reject', status: 401, error: v.reason, message: v.message, diagnosis: v.diagnosis, eventId: peekEventId(raw) };

  let text: string;
  let parsed: unknown;
  try {
    text = utf8.decode(raw);
  } catch {
    return invalidJson('body is not valid UTF-8', 'DT sends UTF-8 JSON; this body has bytes that are not UTF-8.');
  }
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof RangeError ? 'JSON nested too deeply' : (e as Error).message;
    return invalidJson(raw.length === 0 ? 'empty body' : `body is not JSON: ${reason}`,
      'DT sends one compact JSON object per event. Check the sender or any proxy that rewrites the body.');
  }
  const checked = validateEventBody(parsed);
  if (!checked.ok) {
    const list = checked.problems.map((p) => `${p.path || '(body)'}: ${p.message}`).join('; ');
    return {
      kind: 'reject', status: 422, error: 'invalid_event', problems: checked.problems,
      message: `not a DT event: ${list}`,
      diagnosis: 'A DT Data Connector body has event.eventId, event.eventType, event.targetName (projects/<p>/devices/<d>) and event.timestamp (RFC 3339).',
      eventId: typeof (parsed as { event?: { eventId?: unknown } })?.event?.eventId === 'string' ? (parsed as { event: { eventId: string } }).event.eventId : undefined,
    };
  }
  const notes = v.status === 'valid' && v.note ? [`signature: ${v.note}`] : [];
  return { kind: 'event', validated: checked, raw: text, signature: v.status, notes };
}

function invalidJson(message: string, diagnosis: string): Decision {
  return { kind: 'reject', status: 400, error: 'invalid_json', message, diagnosis };
}

/** Best effort, for the rejected log: the eventId of a body we refused, without trusting it. */
function peekEventId(raw: Uint8Array): string | undefined {
  const m = /"eventId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(Buffer.from(raw.subarray(0, 4096)).toString('latin1'));
  return m?.[1];
}
