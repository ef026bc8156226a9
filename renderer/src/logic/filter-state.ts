/**
 * The Events view's filter as the user edits it, its persistence (it survives a restart)
 * and its translation into the contract's EventFilter. Relative ranges ("last hour") are
 * stored as such and turned into timestamps at query time.
 */
import type { EventFilter } from '../../../shared/filter';

export const RANGES = ['all', '15m', '1h', '24h', '7d', 'custom'] as const;
export type RangeKey = (typeof RANGES)[number];

export const RANGE_LABELS: Record<RangeKey, string> = {
  all: 'Any time', '15m': 'Last 15 min', '1h': 'Last hour', '24h': 'Last 24 h', '7d': 'Last 7 days', custom: 'Custom…',
};

const RANGE_MS: Partial<Record<RangeKey, number>> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

export interface FilterState {
  types: string[];
  devices: string[];
  /** `key` or `key=value` */
  labels: string[];
  text: string;
  range: RangeKey;
  /** custom range bounds, ISO 8601 (empty = open) */
  since: string;
  until: string;
  duplicatesOnly: boolean;
  staleOnly: boolean;
  unverifiedOnly: boolean;
  warningsOnly: boolean;
}

export const EMPTY_FILTER: FilterState = {
  types: [], devices: [], labels: [], text: '', range: 'all', since: '', until: '',
  duplicatesOnly: false, staleOnly: false, unverifiedOnly: false, warningsOnly: false,
};

export function toEventFilter(s: FilterState, now: number = Date.now()): EventFilter {
  const f: EventFilter = {};
  if (s.types.length) f.types = [...s.types];
  if (s.devices.length) f.devices = [...s.devices];
  if (s.labels.length) f.labels = [...s.labels];
  if (s.text.trim()) f.text = s.text.trim();
  const span = RANGE_MS[s.range];
  if (span !== undefined) f.since = new Date(now - span).toISOString();
  if (s.range === 'custom') {
    if (s.since) f.since = s.since;
    if (s.until) f.until = s.until;
  }
  if (s.duplicatesOnly) f.duplicatesOnly = true;
  if (s.staleOnly) f.staleOnly = true;
  if (s.unverifiedOnly) f.unverifiedOnly = true;
  if (s.warningsOnly) f.warningsOnly = true;
  return f;
}

export function activeFilterCount(s: FilterState): number {
  return (
    s.types.length + s.devices.length + s.labels.length + (s.text.trim() ? 1 : 0) + (s.range !== 'all' ? 1 : 0) +
    [s.duplicatesOnly, s.staleOnly, s.unverifiedOnly, s.warningsOnly].filter(Boolean).length
  );
}

/** "room=kitchen, name" → ['room=kitchen', 'name'] */
export function parseLabelList(text: string): string[] {
  return text.split(',').map((l) => l.trim()).filter(Boolean).slice(0, 100);
}

export function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

const KEY = 'connector-inbox.filter.v1';

const strings = (v: unknown, max: number): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 1000).slice(0, max) : [];
const str = (v: unknown): string => (typeof v === 'string' && v.length <= 1000 ? v : '');

/** Whatever is stored (an older version, hand edits) is sanitised field by field. */
export function loadFilter(storage: Pick<Storage, 'getItem'>): FilterState {
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return { ...EMPTY_FILTER };
    raw = parsed as Record<string, unknown>;
  } catch {
    return { ...EMPTY_FILTER };
  }
  return {
    types: strings(raw.types, 100),
    devices: strings(raw.devices, 1000),
    labels: strings(raw.labels, 100),
    text: str(raw.text),
    range: (RANGES as readonly unknown[]).includes(raw.range) ? (raw.range as RangeKey) : 'all',
    since: str(raw.since),
    until: str(raw.until),
    duplicatesOnly: raw.duplicatesOnly === true,
    staleOnly: raw.staleOnly === true,
    unverifiedOnly: raw.unverifiedOnly === true,
    warningsOnly: raw.warningsOnly === true,
  };
}

export function saveFilter(storage: Pick<Storage, 'setItem'>, s: FilterState): void {
  try {
    storage.setItem(KEY, JSON.stringify(s));
  } catch {
    /* storage full or disabled: the filter just won't survive a restart */
  }
}
