/**
 * Turns one delivery (raw bytes + signature header) into a decision, in DT's order:
 * signature on the raw bytes first, then JSON, then the event's required fields.
 * No HTTP here, so the logic is testable and the express layer stays thin.
 */
import type { RejectReason } from '../../../shared/records';
import { validateEventBody, type Problem, type ValidEvent } from '../../../shared/dt/validate';
import type { VerifyResult } from '../signature';
import { bodyForParse } from '../../../shared/dt/body-text';

export type Decision =
  | { kind: 'event'; validated: ValidEvent; raw: string; signature: 'valid' | 'unverified'; notes: string[] }
  | { kind: 'reject'; status: number; error: RejectReason; message: string; diagnosis: string; problems?: Problem[]; eventId?: string };

// ignoreBOM keeps a leading BOM in the text: the stored body is then the bytes received.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decide(
  raw: Uint8Array,
  signatureHeader: string | undefined,
  verify: (raw: Uint8Array, header: string | undefined) => VerifyResult,
): Decision {
  const v = verify(raw, signatureHeader);
  if (!v.ok) return { kind: 'reject', status: 401, error: v.reason, message: v.message, diagnosis: v.diagnosis, eventId: peekEventId(raw) };

  let text: string;
  let parsed: unknown;
  try {
    text = utf8.decode(raw);
  } catch {
    return invalidJson('body is not valid UTF-8', 'DT sends UTF-8 JSON; this body has bytes that are not UTF-8.');
  }
  try {
    parsed = JSON.parse(bodyForParse(text));
  } catch (e) {
    const reason = e instanceof RangeError ? 'JSON nested too deeply' : (e as Error).message;
    return invalidJson(raw.length === 0 ? 'empty body' : `body is not JSON: ${reason}`,
      'DT sends one compact JSON object per event. Check the sender or any proxy that rewrites the body.');
  }
  const cut = { hit: false };
  // Nearly every body is within the limits: then the parsed body itself is validated, no copy.
  const checked = validateEventBody(withinView(parsed, 6) ? parsed : boundedView(parsed, 6, cut));
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
  if (cut.hit) notes.push(`only the first ${VIEW_LIMIT} items of each large array or object were checked`);
  if (checked.warnings.length > MAX_WARNINGS) {
    const more = checked.warnings.length - MAX_WARNINGS;
    checked.warnings = [...checked.warnings.slice(0, MAX_WARNINGS), `…and ${more} more warnings`];
  }
  return { kind: 'event', validated: checked, raw: text, signature: v.status, notes };
}

const VIEW_LIMIT = 1000;
const MAX_WARNINGS = 50;

/**
 * What the validator sees: the body with arrays and objects cut to VIEW_LIMIT entries down to
 * `depth` levels (the schemas go no deeper). zod reports every bad element, so 200k bad samples
 * in one body cost seconds of event loop and hundreds of MB, and were kept as warnings with the
 * event. The raw bytes are stored untouched; own `__proto__` keys stay plain data.
 */
function boundedView(v: unknown, depth: number, cut: { hit: boolean }, path = ''): unknown {
  if (depth === 0 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    if (v.length > VIEW_LIMIT) cut.hit = true;
    return v.slice(0, VIEW_LIMIT).map((x) => boundedView(x, depth - 1, cut, '*'));
  }
  const keys = Object.keys(v);
  // the body and its event keep every key: the required fields may come after any number of others
  const kept = path === '' || path === 'event' ? keys : keys.slice(0, VIEW_LIMIT);
  if (kept.length < keys.length) cut.hit = true;
  const out: Record<string, unknown> = {};
  for (const k of kept) {
    const value = boundedView((v as Record<string, unknown>)[k], depth - 1, cut, path === '' ? k : '*');
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Does the body stay within VIEW_LIMIT entries per array and object (as boundedView cuts them)? */
function withinView(v: unknown, depth: number, path = ''): boolean {
  if (depth === 0 || typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    if (v.length > VIEW_LIMIT) return false;
    for (const x of v) if (!withinView(x, depth - 1, '*')) return false;
    return true;
  }
  let n = 0;
  for (const k in v) {
    if (++n > VIEW_LIMIT && path !== '' && path !== 'event') return false;
    if (!withinView((v as Record<string, unknown>)[k], depth - 1, path === '' ? k : '*')) return false;
  }
  return true;
}

function invalidJson(message: string, diagnosis: string): Decision {
  return { kind: 'reject', status: 400, error: 'invalid_json', message, diagnosis };
}

/** Best effort, for the rejected log: the eventId of a body we refused, without trusting it. */
function peekEventId(raw: Uint8Array): string | undefined {
  const m = /"eventId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(Buffer.from(raw.subarray(0, 4096)).toString('latin1'));
  return m?.[1];
}
