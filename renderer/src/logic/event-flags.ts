/** The flags column and badges of an event row: why a tester should look twice. */
import type { EventSummary } from '../../../shared/records';
import { OUT_OF_ORDER } from './terms';

export interface Flag {
  key: 'stale' | 'unverified' | 'unknownType' | 'warnings';
  label: string;
  title: string;
}

/**
 * Only 'unverified' is flagged: 'fetched' (pulled from DT with the service account) has no
 * signature because DT itself answered, which is as trustworthy as a valid one.
 */
export function eventFlags(e: Pick<EventSummary, 'stale' | 'signature' | 'knownType' | 'warnings'> & { source?: EventSummary['source'] }): Flag[] {
  const flags: Flag[] = [];
  if (e.stale) flags.push({ key: 'stale', label: OUT_OF_ORDER.label.toLowerCase(), title: OUT_OF_ORDER.title });
  if (e.signature === 'unverified') {
    const title = e.source === 'import' ? 'Imported from an export file: this inbox checked no signature' : 'No signature secret configured: the sender was not checked';
    flags.push({ key: 'unverified', label: 'unverified', title });
  }
  if (!e.knownType) flags.push({ key: 'unknownType', label: 'unknown type', title: 'An event type this version does not know; stored as received' });
  if (e.warnings.length) flags.push({ key: 'warnings', label: `${e.warnings.length} warning${e.warnings.length > 1 ? 's' : ''}`, title: e.warnings.join('\n') });
  return flags;
}

/** "×3" for an event delivered three times; nothing for a single delivery. */
export function deliveriesBadge(deliveries: number): string | null {
  return deliveries > 1 ? `×${deliveries}` : null;
}
