/**
 * Event type names as a person types them (`--forward-types temprature`): an unknown one is
 * refused with the nearest known name and the list, instead of a filter that silently matches
 * nothing. DT may add types; a tester who needs one this version does not know can still
 * receive it (the receiver stores unknown types with a warning), just not name it in a flag.
 */
import { KNOWN_EVENT_TYPES } from './types';

/** edit distance, small strings only */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** the candidate nearest to a mistyped name, when it is near enough to be what was meant */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined, bestD = Infinity;
  for (const t of candidates) {
    const d = distance(name.toLowerCase(), t.toLowerCase());
    if (d < bestD) [best, bestD] = [t, d];
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** the known type nearest to a mistyped one, when it is near enough to be what was meant */
export function nearestType(name: string): string | undefined {
  return nearestName(name, KNOWN_EVENT_TYPES);
}

/** why these type names cannot be used, or undefined when all are known */
export function unknownTypesProblem(names: readonly string[]): string | undefined {
  const unknown = names.filter((n) => !(KNOWN_EVENT_TYPES as readonly string[]).includes(n));
  if (!unknown.length) return undefined;
  const first = unknown[0]!;
  const near = nearestType(first);
  return `unknown event type "${first}"${near ? ` (did you mean ${near}?)` : ''}; known types: ${KNOWN_EVENT_TYPES.join(', ')}`;
}
