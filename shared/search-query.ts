/**
 * The Events search box's grammar, pure: plain words (one phrase, searched as before in id,
 * device, labels, type and value), `field:value` terms and numeric comparisons on the listed
 * value (`temperature>20`). Terms and the phrase are ANDed. A term this grammar cannot use is an
 * error naming what is known, never a search that silently matches nothing.
 */
import { NUMERIC_TYPES } from './dt/summary';
import { nearestName } from './dt/type-names';

export type SearchOp = '>' | '>=' | '<' | '<=' | '=';
export const SEARCH_OPS: readonly SearchOp[] = ['>', '>=', '<', '<=', '='];

/** `field:value` fields, as typed (the name is case-insensitive) */
export const SEARCH_FIELDS = ['type', 'device', 'label', 'project', 'eventId'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The names a comparison takes: any numeric value, or one event type's. */
export const NUMBER_NAMES: readonly string[] = ['value', ...NUMERIC_TYPES];

export type SearchTerm =
  /** values lower-cased: the match ignores case */
  | { kind: Exclude<SearchField, 'label'>; value: string }
  | { kind: 'label'; key: string; value?: string }
  /** name: an event type, or `value` for any type with a number */
  | { kind: 'number'; name: string; op: SearchOp; value: number };

export interface SearchQuery {
  /** the plain words as one phrase, lower-cased; '' when there are none */
  phrase: string;
  terms: SearchTerm[];
  /** one line per term that cannot be used */
  errors: string[];
}

const EXAMPLES: Record<SearchField, string> = {
  type: 'type:temperature', device: 'device:fridge', label: 'label:room=kitchen or label:room', project: 'project:abc', eventId: 'eventId:c3k',
};

const fieldOf = (name: string): SearchField | undefined => SEARCH_FIELDS.find((f) => f.toLowerCase() === name.toLowerCase());
const numberNameOf = (name: string): string | undefined => NUMBER_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());

const knownLine = `known: ${SEARCH_FIELDS.map((f) => `${f}:`).join(' ')} and comparisons (> >= < <= =) on ${NUMBER_NAMES.join(', ')}`;

function unknown(name: string): string {
  const near = nearestName(name, [...SEARCH_FIELDS, ...NUMBER_NAMES]);
  return `unknown field '${name}'${near ? ` (did you mean ${near}?)` : ''}; ${knownLine}`;
}

/** a number as typed: 20, -4.5, .5 (not '', not 1e3, not 0x10) */
function numberOf(text: string): number | undefined {
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
}

const unquote = (v: string) => (v.startsWith('"') ? v.slice(1, v.length > 1 && v.endsWith('"') ? -1 : undefined) : v);

/** Words split at spaces; `name:"two words"` keeps its quoted value whole (an unclosed quote runs to the end). */
function tokens(text: string): string[] {
  return text.match(/[^\s"]+:"[^"]*("|$)|\S+/g) ?? [];
}

type Parsed = { term: SearchTerm } | { error: string } | { word: string };

function parseField(name: string, raw: string): Parsed {
  const field = fieldOf(name);
  if (!field && raw.includes(':')) return { word: `${name}:${raw}` }; // a MAC or IPv6 address, a URL: words
  if (!field) {
    const num = numberNameOf(name);
    return { error: num ? `${name} is compared, not matched: e.g. ${num}>20 or ${num}=21.5 (> >= < <= =)` : unknown(name) };
  }
  const value = unquote(raw).trim();
  if (!value) return { error: `${name}: needs a value, e.g. ${EXAMPLES[field]}` };
  if (field !== 'label') return { term: { kind: field, value: value.toLowerCase() } };
  const i = value.indexOf('=');
  if (i === 0) return { error: `label: needs a key before '=', e.g. ${EXAMPLES.label}` };
  return { term: i < 0 ? { kind: 'label', key: value } : { kind: 'label', key: value.slice(0, i), value: value.slice(i + 1).toLowerCase() } };
}

function parseToken(t: string): Parsed {
  const field = /^([A-Za-z][\w-]*):(.*)$/s.exec(t);
  if (field) return parseField(field[1]!, field[2]!);
  const cmp = /^([A-Za-z]\w*)(>=|<=|>|<|=)(.*)$/s.exec(t);
  if (cmp) {
    const [, name, op, rhs] = cmp as unknown as [string, string, SearchOp, string];
    const value = numberOf(rhs);
    const known = numberNameOf(name);
    if (known) {
      return value === undefined ? { error: `${name}${op} needs a number, e.g. ${known}${op}20` } : { term: { kind: 'number', name: known, op, value } };
    }
    // `room=kitchen` stays a word, as it always searched the labels; `temprature>20` is a mistake
    if (op !== '=' && (value !== undefined || rhs === '')) return { error: unknown(name) };
  }
  return { word: t };
}

export function parseSearch(text: string): SearchQuery {
  const words: string[] = [];
  const terms: SearchTerm[] = [];
  const errors: string[] = [];
  for (const t of tokens(text)) {
    const p = parseToken(t);
    if ('term' in p) terms.push(p.term);
    else if ('error' in p) errors.push(p.error);
    else words.push(t);
  }
  // no terms: the text as typed, as it was searched before the grammar existed
  const phrase = terms.length || errors.length ? words.join(' ') : text.trim();
  return { phrase: phrase.toLowerCase(), terms, errors };
}

/** Why a search cannot be used (its errors, one per line), or undefined. */
export function searchProblem(text: string): string | undefined {
  const { errors } = parseSearch(text);
  return errors.length ? errors.join('\n') : undefined;
}

export function compare(a: number, op: SearchOp, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '=': return a === b;
  }
}
