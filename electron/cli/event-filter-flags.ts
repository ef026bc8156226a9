/**
 * --type/--device/--since/--until/--search, the same for `export` and `replay`: one wording in --help,
 * one set of refusals (an unknown type names the nearest known one, as --forward-types does;
 * a window that ends before it starts), one EventFilter for shared/filter.ts to apply.
 */
import { Command, InvalidArgumentError } from 'commander';
import { compareTimestamps } from '../../shared/dt/timestamp';
import { unknownTypesProblem } from '../../shared/dt/type-names';
import type { EventFilter } from '../../shared/filter';
import { searchProblem } from '../../shared/search-query';
import { collect, timestamp } from './options';

export interface EventFilterFlags {
  type?: string[];
  device?: string[];
  since?: string;
  until?: string;
  search?: string;
}

const EXAMPLE_TIME = '2026-12-06T08:00:00Z';

function knownType(value: string, previous?: string[]): string[] {
  const problem = unknownTypesProblem([value]);
  if (problem) throw new InvalidArgumentError(problem);
  return collect(value, previous);
}

/** the Events view's search box, with the same grammar (shared/search-query.ts) and refusals */
function usableSearch(value: string): string {
  const problem = searchProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

export function addEventFilterOptions(cmd: Command): Command {
  return cmd
    .option('--type <eventType>', 'only this event type (repeatable)', knownType)
    .option('--device <deviceId>', 'only this device (repeatable)', collect)
    .option('--since <time>', `only events at or after this event time (RFC 3339, e.g. ${EXAMPLE_TIME})`, timestamp)
    .option('--until <time>', `only events at or before this event time (RFC 3339, e.g. ${EXAMPLE_TIME})`, timestamp)
    .option('--search <text>', 'only events the Events view\'s search finds: words (id, device, labels, type, value), type:T, device:D, label:K[=V], project:P, eventId:E, temperature>20 / co2>=1000 / value<5 (> >= < <= =); terms ANDed', usableSearch);
}

/** The filter the flags ask for; refuses a window that would silently match nothing. */
export function eventFilterOf(flags: EventFilterFlags): EventFilter {
  if (flags.since && flags.until && compareTimestamps(flags.since, flags.until) > 0) {
    throw new InvalidArgumentError(`--since ${flags.since} is later than --until ${flags.until}: no event can match; swap them or widen the window`);
  }
  return {
    ...(flags.type && { types: flags.type }), ...(flags.device && { devices: flags.device }),
    ...(flags.since && { since: flags.since }), ...(flags.until && { until: flags.until }),
    ...(flags.search?.trim() && { text: flags.search.trim() }),
  };
}
