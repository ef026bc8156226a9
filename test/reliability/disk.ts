/**
 * Reads a data directory straight from disk, the way a restart would, to check what a fault
 * left behind: every segment file parses and has the segment shape, every journal line is
 * whole and readable, and how often each eventId is stored.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSegment, JOURNAL_NAME, paths, SEGMENT_NAME, type SegmentData } from '../../electron/core/store/disk-format';
import { replayJournal } from '../../electron/core/store/segment-journal';

export interface DiskState {
  files: string[];
  /** eventId → number of event records holding it (must be 1) */
  stored: Map<string, number>;
  duplicates: number;
  /** files that do not parse or do not have the segment shape, with why */
  bad: string[];
}

export function readSegments(dataDir: string): DiskState {
  const dir = paths(dataDir).segments;
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => SEGMENT_NAME.test(f) || JOURNAL_NAME.test(f)).sort();
  } catch { /* no segments yet */ }
  const state: DiskState = { files: names, stored: new Map(), duplicates: 0, bad: [] };
  const numbers = [...new Set(names.map((f) => Number((SEGMENT_NAME.exec(f) ?? JOURNAL_NAME.exec(f))![1])))];
  for (const n of numbers) {
    const f = `segment-${String(n).padStart(6, '0')}.json`;
    let data: unknown = { format: 'connector-inbox-segment/1', segment: n, events: [], duplicates: [] };
    if (existsSync(join(dir, f))) {
      try {
        data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      } catch (e) {
        state.bad.push(`${f}: ${(e as Error).message}`);
        continue;
      }
    }
    const problem = checkSegment(data);
    if (problem) {
      state.bad.push(`${f}: ${problem}`);
      continue;
    }
    const seg = data as SegmentData;
    if (existsSync(join(dir, `${f}l`))) {
      const r = replayJournal(seg, readFileSync(join(dir, `${f}l`)));
      if (r.badLines.length || r.torn) state.bad.push(`${f}l: lines ${r.badLines.join(', ')} unreadable${r.torn ? ', a torn last line' : ''}`);
    }
    for (const e of seg.events) state.stored.set(e.eventId, (state.stored.get(e.eventId) ?? 0) + 1);
    state.duplicates += seg.duplicates.length;
  }
  return state;
}

/**
 * Every JSON file of the data directory root and segments/ parses (temp files excluded), and
 * every journal line is whole (ends with a newline) and parses.
 */
export function unparsableFiles(dataDir: string): string[] {
  const out: string[] = [];
  for (const d of [dataDir, paths(dataDir).segments]) {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const f of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      try {
        JSON.parse(readFileSync(join(d, f), 'utf8'));
      } catch (e) {
        out.push(`${join(d, f)}: ${(e as Error).message}`);
      }
    }
    for (const f of names.filter((n) => n.endsWith('.jsonl'))) {
      const text = readFileSync(join(d, f), 'utf8');
      if (text && !text.endsWith('\n')) out.push(`${join(d, f)}: the last line is not whole`);
      text.split('\n').slice(0, -1).forEach((line, i) => {
        try {
          JSON.parse(line);
        } catch (e) {
          out.push(`${join(d, f)} line ${i + 1}: ${(e as Error).message}`);
        }
      });
    }
  }
  return out;
}
