/**
 * Reads a data directory into the in-memory index the store and the export work from:
 * light summaries of every event (bodies stay on disk), dedupe maps, and device state
 * (devices.json plus a replay of the events stored after it was last written).
 */
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { DeviceState, EventSummary } from '../../../shared/records';
import { applyEvent, deviceKey } from '../../../shared/device-state';
import type { DurableJsonFile } from './durable-json-file';
import {
  JOURNAL_NAME, SEGMENT_FORMAT, SEGMENT_NAME, checkDevices, checkSegment, paths, type DevicesData, type SegmentData,
} from './disk-format';
import { openJsonFile, setAside, type OpenContext } from './open-file';
import { JournalWriter, readJournal, replayJournal } from './segment-journal';
import { serializeSegment } from './segment-text';
import { readSegmentIndex, writeSegmentIndex, type IndexedEvent, type RawSpans } from './segment-index';
import { Tombstones } from './tombstones';

export interface SegmentMeta {
  n: number;
  firstSeq: number;
  lastSeq: number;
  count: number;
  /** where the bodies are in the segment file (from its index), for reads that need only them */
  raw?: RawSpans;
}

export interface OpenSegment {
  n: number;
  db: Low<SegmentData>;
  adapter: DurableJsonFile<SegmentData>;
  journal: JournalWriter;
}

export interface LoadedState {
  segments: SegmentMeta[];
  last: OpenSegment | null;
  summaries: EventSummary[];
  byId: Map<string, EventSummary>;
  /** eventId → segments holding its later deliveries (only for events delivered more than once) */
  dupSegments: Map<string, number[]>;
  deliveries: number;
  devices: Map<string, DeviceState>;
  devicesThroughSeq: number;
  tombstones: Tombstones;
  maxSeq: number;
  warnings: string[];
  /** read-only: closed segments found with a journal (the writer was writing them whole), as read */
  unfolded: Map<number, SegmentData>;
}

export const emptySegment = (n: number): SegmentData => ({ format: SEGMENT_FORMAT, segment: n, events: [], duplicates: [] });

export function toSummary(r: IndexedEvent): EventSummary {
  return {
    seq: r.seq, eventId: r.eventId, eventType: r.eventType, projectId: r.projectId, deviceId: r.deviceId, deviceType: r.deviceType,
    deviceName: r.deviceName, labels: r.labels, timestamp: r.timestamp, receivedAt: r.receivedAt, deliveries: 1,
    signature: r.signature, warnings: r.warnings, stale: r.stale, knownType: r.knownType, summary: r.summary,
    source: r.source ?? 'connector',
  };
}

/** Segment numbers present as a JSON file, a journal or both; and those with a journal. */
export async function listSegments(dir: string): Promise<{ numbers: number[]; journals: Set<number> }> {
  const names = await readdir(paths(dir).segments).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  const numbers = new Set<number>(), journals = new Set<number>();
  for (const f of names) {
    const m = SEGMENT_NAME.exec(f) ?? JOURNAL_NAME.exec(f);
    if (!m) continue;
    numbers.add(Number(m[1]));
    if (f.endsWith('.jsonl')) journals.add(Number(m[1]));
  }
  return { numbers: [...numbers].sort((a, b) => a - b), journals };
}

export async function loadState(dir: string, opts: { readOnly: boolean }): Promise<LoadedState> {
  const p = paths(dir);
  const ctx: OpenContext = { corruptDir: p.corrupt, readOnly: opts.readOnly, warnings: [] };
  if (!opts.readOnly) {
    await mkdir(p.segments, { recursive: true });
    // Temp files are interrupted writes that were never acknowledged (the rename is the commit).
    for (const d of [p.segments, dir, join(dir, 'index')]) {
      for (const f of await readdir(d).catch(() => [] as string[])) if (/^\..+\.tmp$/.test(f)) await unlink(`${d}/${f}`).catch(() => {});
    }
  }
  const state: LoadedState = {
    segments: [], last: null, summaries: [], byId: new Map(), dupSegments: new Map(), deliveries: 0,
    devices: new Map(), devicesThroughSeq: 0, tombstones: null!, maxSeq: 0, warnings: ctx.warnings, unfolded: new Map(),
  };
  /** segments holding duplicate deliveries: kept in the list even without events */
  const withDuplicates = new Set<number>();

  const { numbers, journals } = await listSegments(dir);
  const asideNow: number[] = [];
  const lastNumber = numbers[numbers.length - 1];
  // Index reads are many small files: keep a few in flight so start-up is not a chain of disk waits.
  const ahead = new Map<number, ReturnType<typeof readSegmentIndex>>();
  const prefetch = (i: number) => {
    const m = numbers[i];
    if (m !== undefined && m !== lastNumber && !ahead.has(m)) ahead.set(m, readSegmentIndex(p.segment(m), m));
  };
  for (let i = 0; i < 8; i++) prefetch(i);
  for (const [i, n] of numbers.entries()) {
    prefetch(i + 8);
    // Closed segments: their index is enough (bodies stay on disk until asked for).
    if (n !== lastNumber && !journals.has(n)) {
      const index = await ahead.get(n)!;
      ahead.delete(n);
      if (index) {
        indexSegment(state, n, index.events, index.duplicates, index.raw);
        if (index.duplicates.length) withDuplicates.add(n);
        continue;
      }
    }
    // The journal is read before the JSON file: a writer folding it in meanwhile writes the JSON
    // file first and removes the journal after, so this order never misses a record (and
    // replay skips those the JSON file already holds).
    const journalBytes = journals.has(n) ? await readJournal(p.journal(n)) : null;
    const { db, adapter, corrupt } = await openJsonFile(p.segment(n), checkSegment, () => emptySegment(n), ctx, serializeSegment);
    if (corrupt) asideNow.push(n);
    const journal = journalBytes ? await openJournal(p.journal(n), db, journalBytes, ctx) : new JournalWriter(p.journal(n));
    if (corrupt && db.data.events.length + db.data.duplicates.length === 0) {
      state.segments.push({ n, firstSeq: 0, lastSeq: 0, count: 0 });
      continue;
    }
    indexSegment(state, n, db.data.events.map(toSummary), db.data.duplicates.map((d) => d.eventId));
    if (db.data.duplicates.length) withDuplicates.add(n);
    if (n === lastNumber) {
      state.last = { n, db, adapter, journal };
    } else if (opts.readOnly) {
      if (journalBytes) state.unfolded.set(n, db.data); // its file may not hold it yet: read from here
    } else {
      // Only a crash between folding a full segment and removing its journal leaves one behind
      // an older segment: fold it (again) so that closed segments are plain JSON files.
      if (!journal.empty) await db.write();
      await journal.remove();
      await writeSegmentIndex(p.segment(n), n, db.data).catch(() => {}); // next start is faster
    }
  }
  if (!opts.readOnly) await reportLosses(dir, state, numbers, asideNow, ctx);
  state.segments = state.segments.filter((s) => s.count > 0 || withDuplicates.has(s.n) || s.n === state.last?.n);
  if (numbers.length && !state.last) {
    // The newest segment was set aside: continue after it so a new one never takes its number.
    const n = numbers[numbers.length - 1]! + 1;
    state.last = { n, ...(await openJsonFile(p.segment(n), checkSegment, () => emptySegment(n), ctx, serializeSegment)), journal: new JournalWriter(p.journal(n)) };
    // The store books new events on the last meta: it must be this segment's, or they are
    // looked up in an older file (or, with no other segment, the commit crashes unanswered).
    state.segments.push({ n, firstSeq: 0, lastSeq: 0, count: 0 });
  }

  const devices = await openJsonFile<DevicesData>(p.devices, checkDevices,
    () => ({ format: 'connector-inbox-devices/1', throughSeq: 0, devices: [] }), ctx);
  if (devices.corrupt) ctx.warnings.push('Device state was rebuilt from the stored events; devices whose events retention had removed lost their history');
  for (const d of devices.db.data.devices) state.devices.set(deviceKey(d.projectId, d.deviceId), d);
  state.devicesThroughSeq = devices.db.data.throughSeq;
  replayDevices(state);
  // Events of a segment set aside may be covered by devices.json: new events must still get
  // seqs above its throughSeq, or a restart before the next checkpoint skips them in replay.
  state.maxSeq = Math.max(state.maxSeq, state.devicesThroughSeq);

  state.tombstones = await Tombstones.open(dir, ctx);
  return state;
}

/**
 * Replays a journal into its segment. Lines that cannot be read are reported and the journal
 * kept aside byte for byte (after the readable records are folded into the segment file, so
 * they stay); a torn last line is an append that was never acknowledged and is dropped.
 */
async function openJournal(file: string, db: Low<SegmentData>, bytes: Buffer, ctx: OpenContext): Promise<JournalWriter> {
  const r = replayJournal(db.data, bytes);
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (r.badLines.length) {
    const what = `${name}: line${r.badLines.length > 1 ? 's' : ''} ${r.badLines.slice(0, 5).join(', ')}${r.badLines.length > 5 ? ', …' : ''} could not be read (those records are lost; ${r.applied} others kept)`;
    if (ctx.readOnly) {
      ctx.warnings.push(`${what} — skipped`);
    } else {
      await db.write();
      await setAside(file, ctx, `Corrupt journal ${what}`);
      return new JournalWriter(file);
    }
  }
  if (!ctx.readOnly && r.applied === 0) {
    // Nothing new in it (already folded in, or only a torn line): start the next one clean.
    const stale = new JournalWriter(file, { exists: true, goodBytes: r.goodBytes, torn: r.torn });
    await stale.remove();
    return stale;
  }
  return new JournalWriter(file, { exists: true, goodBytes: r.goodBytes, torn: r.torn });
}

function indexSegment(state: LoadedState, n: number, events: readonly EventSummary[], duplicates: readonly string[], raw: RawSpans | null = null): void {
  let first = Infinity, last = 0;
  for (const s of events) {
    if (state.byId.has(s.eventId)) {
      state.warnings.push(`segment ${n}: event ${s.eventId} stored twice; the later copy is ignored`);
      continue;
    }
    state.summaries.push(s);
    state.byId.set(s.eventId, s);
    state.deliveries++;
    first = Math.min(first, s.seq);
    last = Math.max(last, s.seq);
  }
  for (const eventId of duplicates) {
    const s = state.byId.get(eventId);
    state.deliveries++;
    if (!s) continue; // its event was removed by retention
    s.deliveries++;
    const segs = state.dupSegments.get(eventId) ?? [];
    if (segs[segs.length - 1] !== n) segs.push(n);
    state.dupSegments.set(eventId, segs);
  }
  state.maxSeq = Math.max(state.maxSeq, last);
  state.segments.push({ n, firstSeq: first === Infinity ? 0 : first, lastSeq: last, count: events.length, ...(raw && { raw }) });
}

/** Fold events newer than devices.json into the device state (same rule as at arrival). */
function replayDevices(state: LoadedState): void {
  state.summaries.sort((a, b) => a.seq - b.seq);
  for (const s of state.summaries) {
    if (s.seq <= state.devicesThroughSeq) continue;
    applyEvent(state.devices, s);
  }
}

const pad = (n: number) => `segment-${String(n).padStart(6, '0')}.json`;

/**
 * Says what a start-up lost, once: a segment set aside now, or one missing from the middle of the
 * sequence (deleted by hand). Seqs are consecutive, so the neighbours tell how many events it held.
 * A missing segment is recorded in corrupt/ so that the next start does not report it again.
 */
async function reportLosses(dir: string, state: LoadedState, numbers: number[], asideNow: number[], ctx: OpenContext): Promise<void> {
  if (numbers.length === 0) return;
  const present = new Set(numbers);
  const keptAside = new Set((await readdir(ctx.corruptDir).catch(() => [] as string[]))
    .flatMap((f) => { const m = /^segment-(\d{6,})\.json\./.exec(f); return m ? [Number(m[1])] : []; }));
  const missing: number[] = [];
  for (let n = numbers[0]! + 1; n < numbers[numbers.length - 1]!; n++) if (!present.has(n) && !keptAside.has(n)) missing.push(n);
  const events = (k: number) => `${k} event${k === 1 ? '' : 's'}`;
  const lostAround = (n: number): string => {
    const before = state.segments.filter((s) => s.n < n && s.count > 0).at(-1);
    const own = state.segments.find((s) => s.n === n && s.count > 0);
    const after = state.segments.find((s) => s.n > n && s.count > 0);
    if (own) {
      // Its journal (what came after the file was last written whole) was read: only what the
      // file alone held is gone, the seqs between the previous segment and the journal's first.
      const kept = `the ${events(own.count)} in its journal were kept`;
      const tail = after ? after.firstSeq - own.lastSeq - 1 : 0;
      if (!before && own.firstSeq > 1) return `the events before seq ${own.firstSeq} are lost; ${kept}`;
      const k = own.firstSeq - (before?.lastSeq ?? 0) - 1 + tail;
      if (k === 0) return `nothing is lost: ${kept}`;
      return `${events(k)} received ${tail ? `around seq ${own.firstSeq}–${own.lastSeq}` : `between seq ${before?.lastSeq ?? 0} and ${own.firstSeq}`} are lost; ${kept}`;
    }
    if (!before || !after || after.firstSeq <= before.lastSeq + 1) return 'its events are lost';
    return `${events(after.firstSeq - before.lastSeq - 1)} received between seq ${before.lastSeq} and ${after.firstSeq} are lost`;
  };
  for (const n of asideNow) ctx.warnings.push(`${pad(n)} could not be read: ${lostAround(n)} (DT does not resend acknowledged events)`);
  for (const n of missing) {
    ctx.warnings.push(`${pad(n)} is missing from ${paths(dir).segments} (deleted?): ${lostAround(n)} (DT does not resend acknowledged events)`);
    await mkdir(ctx.corruptDir, { recursive: true });
    const note = { missing: pad(n), noticedAt: new Date().toISOString(), note: 'recorded so that later starts do not report it again' };
    await writeFile(`${ctx.corruptDir}/${pad(n)}.missing-${note.noticedAt.replace(/[:.]/g, '-')}`, JSON.stringify(note) + '\n');
  }
}
