/**
 * A parsed search (search-query.ts) applied to an event summary: whether it matches (the list,
 * export and replay through filter.ts) and why (the list marks each hit and names its field).
 * Both answers come from the same per-term finders, so what is marked is what matched.
 */
import type { EventSummary } from './records';
import { summaryNumber } from './dt/summary';
import { compare, type SearchQuery, type SearchTerm } from './search-query';

export type HitField = 'eventId' | 'deviceId' | 'deviceName' | 'summary' | 'eventType' | 'label' | 'projectId';

/** Where one term matched: `text` is the field's text, [start, end) the part that matched. */
export interface SearchHit {
  field: HitField;
  /** the field in words: "device name", "label room" */
  label: string;
  text: string;
  start: number;
  end: number;
}

const LABELS: Record<Exclude<HitField, 'label'>, string> = {
  eventId: 'event id', deviceId: 'device id', deviceName: 'device name', summary: 'value', eventType: 'type', projectId: 'project',
};

const hit = (field: Exclude<HitField, 'label'>, text: string, start: number, length: number): SearchHit =>
  ({ field, label: LABELS[field], text, start, end: start + length });

const labelHit = (key: string, value: string, start: number, end: number): SearchHit =>
  ({ field: 'label', label: `label ${key}`, text: `${key}=${value}`, start, end });

/** `needle` lower-cased, inside `v` ignoring case: its index or -1 */
const find = (v: string, needle: string) => v.toLowerCase().indexOf(needle);

/** the fields a row shows first: a hit there is the one worth marking */
const PHRASE_FIELDS = ['deviceName', 'summary', 'eventType', 'eventId', 'deviceId'] as const;

/**
 * The phrase in the fields searched before the grammar existed (and the labels as key=value),
 * field by field: no searchable text is built per event (bench/FINDINGS.md §9).
 */
function findPhrase(e: EventSummary, needle: string): SearchHit | null {
  for (const f of PHRASE_FIELDS) {
    const i = find(e[f], needle);
    if (i >= 0) return hit(f, e[f], i, needle.length);
  }
  for (const k in e.labels) {
    const i = find(`${k}=${e.labels[k]}`, needle);
    if (i >= 0) return labelHit(k, e.labels[k]!, i, i + needle.length);
  }
  return null;
}

function findLabel(e: EventSummary, key: string, value: string | undefined): SearchHit | null {
  for (const k in e.labels) {
    if (k.toLowerCase() !== key.toLowerCase()) continue;
    const v = e.labels[k]!;
    if (value === undefined) return labelHit(k, v, 0, k.length);
    const i = find(v, value);
    if (i >= 0) return labelHit(k, v, k.length + 1 + i, k.length + 1 + i + value.length);
  }
  return null;
}

function findTerm(e: EventSummary, t: SearchTerm): SearchHit | null {
  switch (t.kind) {
    case 'type': return e.eventType.toLowerCase() === t.value ? hit('eventType', e.eventType, 0, e.eventType.length) : null;
    case 'device': {
      const i = find(e.deviceName, t.value);
      if (i >= 0) return hit('deviceName', e.deviceName, i, t.value.length);
      const j = find(e.deviceId, t.value);
      return j >= 0 ? hit('deviceId', e.deviceId, j, t.value.length) : null;
    }
    case 'project': {
      const i = find(e.projectId, t.value);
      return i >= 0 ? hit('projectId', e.projectId, i, t.value.length) : null;
    }
    case 'eventId': {
      const i = find(e.eventId, t.value);
      return i >= 0 ? hit('eventId', e.eventId, i, t.value.length) : null;
    }
    case 'label': return findLabel(e, t.key, t.value);
    case 'number': {
      if (t.name !== 'value' && e.eventType !== t.name) return null;
      const n = summaryNumber(e.eventType, e.summary);
      return n && compare(n.value, t.op, t.value) ? hit('summary', e.summary, n.start, n.end - n.start) : null;
    }
  }
}

/** A predicate built once per query. A query with errors matches nothing (the contract refuses one before it gets here). */
export function compileSearch(q: SearchQuery): (e: EventSummary) => boolean {
  if (q.errors.length) return () => false;
  const { phrase, terms } = q;
  return (e) => (!phrase || findPhrase(e, phrase) !== null) && terms.every((t) => findTerm(e, t) !== null);
}

/** Why an event matches: one hit per term (the phrase first); empty when it does not match or nothing was searched. */
export function explainSearch(q: SearchQuery, e: EventSummary): SearchHit[] {
  if (q.errors.length) return [];
  const hits: SearchHit[] = [];
  if (q.phrase) {
    const h = findPhrase(e, q.phrase);
    if (!h) return [];
    hits.push(h);
  }
  for (const t of q.terms) {
    const h = findTerm(e, t);
    if (!h) return [];
    hits.push(h);
  }
  return hits;
}
