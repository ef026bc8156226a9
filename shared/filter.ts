/**
 * The one event filter used by the list, the export, replay and the CLI. Pure, so the
 * service can evaluate it over 100k summaries without touching the disk.
 */
import type { EventSummary } from './records';
import { compareTimestamps } from './dt/timestamp';
import { parseSearch } from './search-query';
import { compileSearch } from './search-match';

export interface EventFilter {
  types?: string[];
  /** deviceId values */
  devices?: string[];
  /** `key=value` or `key` (has the label) */
  labels?: string[];
  /**
   * The search box (shared/search-query.ts): words searched in eventId, device id/name, labels,
   * type and summary, ignoring case, and terms such as `device:fridge` or `temperature>20`
   */
  text?: string;
  /** event timestamp bounds, inclusive, RFC 3339 */
  since?: string;
  until?: string;
  duplicatesOnly?: boolean;
  staleOnly?: boolean;
  unverifiedOnly?: boolean;
  warningsOnly?: boolean;
}

export function isEmptyFilter(f: EventFilter): boolean {
  return !(
    f.types?.length || f.devices?.length || f.labels?.length || f.text?.trim() || f.since || f.until ||
    f.duplicatesOnly || f.staleOnly || f.unverifiedOnly || f.warningsOnly
  );
}

/** The part of a filter an export file's event can answer: what it is, where from, when. */
export type WhatWhenFilter = Pick<EventFilter, 'types' | 'devices' | 'since' | 'until'>;
export type WhatWhenEvent = Pick<EventSummary, 'eventType' | 'deviceId' | 'timestamp'>;

/**
 * --type/--device/--since/--until as one predicate: the store's events (list, export, replay
 * from a data directory) and an export file's events (replay --from) pass through this same one.
 */
export function compileWhatWhen(f: WhatWhenFilter): (e: WhatWhenEvent) => boolean {
  const types = f.types?.length ? new Set(f.types) : null;
  const devices = f.devices?.length ? new Set(f.devices) : null;
  return (e) =>
    (!types || types.has(e.eventType)) && (!devices || devices.has(e.deviceId)) &&
    (!f.since || compareTimestamps(e.timestamp, f.since) >= 0) && (!f.until || compareTimestamps(e.timestamp, f.until) <= 0);
}

/** Build a predicate once per query (sets, lower-cased needle) rather than per row. */
export function compileFilter(f: EventFilter): (e: EventSummary) => boolean {
  const whatWhen = compileWhatWhen(f);
  const labels = f.labels?.length
    ? f.labels.map((l) => {
        const i = l.indexOf('=');
        return i < 0 ? { key: l, value: undefined } : { key: l.slice(0, i), value: l.slice(i + 1) };
      })
    : null;
  const search = f.text?.trim() ? compileSearch(parseSearch(f.text)) : null;
  return (e) => {
    if (!whatWhen(e)) return false;
    if (f.duplicatesOnly && e.deliveries < 2) return false;
    if (f.staleOnly && !e.stale) return false;
    if (f.unverifiedOnly && e.signature !== 'unverified') return false;
    if (f.warningsOnly && e.warnings.length === 0) return false;
    if (labels) {
      for (const { key, value } of labels) {
        if (!(key in e.labels)) return false;
        if (value !== undefined && e.labels[key] !== value) return false;
      }
    }
    if (search && !search(e)) return false;
    return true;
  };
}
