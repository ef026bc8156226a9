/**
 * Reads segment indexes of format 3 (written until the read path moved to format 4, see
 * segment-index.ts): one tuple of plain values per event, no body ranges. Data directories
 * keep them until their segments go, so they stay readable.
 */
import type { EventSummary, SignatureStatus } from '../../../shared/records';

export const INDEX_V3 = 'connector-inbox-segment-index/3';

/** Events are stored as tuples in this field order: half the bytes of objects, faster to parse. */
export const INDEX_V3_FIELDS = [
  'seq', 'eventId', 'eventType', 'projectId', 'deviceId', 'deviceType', 'deviceName', 'labels', 'timestamp',
  'receivedAt', 'signature', 'warnings', 'stale', 'knownType', 'summary',
] as const;

const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A device's events nearly always carry the same labels: share one object per device and
 * value instead of 250k copies (fewer objects to build and to collect at start-up).
 * Summaries never mutate their labels or warnings, so sharing is safe.
 */
export class LabelsInterner {
  private last = new Map<string, Record<string, string>>();

  intern(deviceId: string, labels: Record<string, string>): Record<string, string> {
    const prev = this.last.get(deviceId);
    if (prev && sameLabels(prev, labels)) return prev;
    this.last.set(deviceId, labels);
    return labels;
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

export function fromV3Tuple(t: any[], shared: LabelsInterner): EventSummary {
  return {
    seq: t[0], eventId: t[1], eventType: t[2], projectId: t[3], deviceId: t[4], deviceType: t[5] ?? undefined, deviceName: t[6],
    labels: shared.intern(t[4], t[7]), timestamp: t[8], receivedAt: t[9], deliveries: 1, signature: t[10] as SignatureStatus,
    warnings: t[11]?.length ? t[11] : NO_WARNINGS, stale: t[12], knownType: t[13], summary: t[14], source: 'connector',
  };
}
