/**
 * A validated DT request body → what the store ingests. Written once: the receiver calls it
 * for a connector's body; the pulled sources call it (through from-event.ts) for the body
 * they built, so every source's events have the same fields, summaries and warnings.
 */
import type { DeliveryRecord, EventSource, SignatureStatus } from '../../../shared/records';
import { deviceDisplayName, summarizeEvent } from '../../../shared/dt/summary';
import type { ValidEvent } from '../../../shared/dt/validate';
import type { Arrival } from '../store';

export interface BodyFacts {
  validated: ValidEvent;
  /** the body's text: as received, or as built */
  raw: string;
  signature: SignatureStatus;
  /** notes the caller adds to the validator's warnings (a signature note, a cut view) */
  notes?: string[];
  delivery: Omit<DeliveryRecord, 'outcome' | 'source'>;
  source: EventSource;
}

export function arrivalFromBody(f: BodyFacts): Arrival {
  const { event, labels: rawLabels, metadata } = f.validated.body;
  const labels = rawLabels && typeof rawLabels === 'object' && !Array.isArray(rawLabels) ? stringValues(rawLabels) : {};
  return {
    eventId: event.eventId, eventType: event.eventType, projectId: f.validated.projectId, deviceId: f.validated.deviceId,
    deviceType: typeof metadata?.deviceType === 'string' ? metadata.deviceType : undefined,
    deviceName: deviceDisplayName(labels, f.validated.deviceId), labels, timestamp: event.timestamp,
    receivedAt: f.delivery.receivedAt, signature: f.signature,
    warnings: f.notes?.length ? [...f.validated.warnings, ...f.notes] : f.validated.warnings,
    knownType: f.validated.knownType, summary: summarizeEvent(f.validated.body), raw: f.raw, delivery: f.delivery, source: f.source,
  };
}

/** Label values as text (a sender may put anything there); own `__proto__` keys stay plain data. */
function stringValues(o: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    let text: string;
    try {
      text = typeof v === 'string' ? v : String(JSON.stringify(v)).slice(0, 1024);
    } catch {
      text = '(not representable: nested too deeply)'; // JSON.stringify overflows the stack at ~10k levels
    }
    Object.defineProperty(out, k, { value: text, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
