/**
 * Reads a data directory straight from disk, the way a restart would, to check what a fault
 * left behind: every segment file parses and has the segment shape, and how often each
 * eventId is stored.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSegment, paths, SEGMENT_NAME, type SegmentData } from '../../electron/core/store/files';

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
    names = readdirSync(dir).filter((f) => SEGMENT_NAME.test(f)).sort();
  } catch { /* no segments yet */ }
  const state: DiskState = { files: names, stored: new Map(), duplicates: 0, bad: [] };
  for (const f of names) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      state.bad.push(`${f}: ${(e as Error).message}`);
      continue;
    }
    const problem = checkSegment(data);
    if (problem) {
      state.bad.push(`${f}: ${problem}`);
      continue;
    }
    const seg = data as SegmentData;
    for (const e of seg.events) state.stored.set(e.eventId, (state.stored.get(e.eventId) ?? 0) + 1);
    state.duplicates += seg.duplicates.length;
  }
  return state;
}

/** Every JSON file of the data directory root and segments/ parses (temp files excluded). */
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
  }
  return out;
}
