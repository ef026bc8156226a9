/**
 * The periods the inbox covered each DT project, kept durably in the data directory so that
 * the gaps (app closed, tunnel down, connector disabled, stream dropped, a crash) are known
 * at the next start and filled from DT's history. While a source is open a heartbeat is
 * written every beatMs: after kill -9 the open span ends at its last heartbeat, so at most
 * beatMs of coverage is lost, which the next fill fetches again (deduped, harmless).
 */
import { join } from 'node:path';
import { openAppendLog } from '../health-log/append-log';
import { parseRecord, type CoverageRecord } from './coverage-file';
import { clip, subtract, union, type Span } from './intervals';

export type CoverageSource = 'connector' | 'stream';
export type { Span } from './intervals';
export interface StripPart extends Span { kind: 'received' | 'filled' | 'gap' | 'before' }

export interface CoverageLog {
  open(project: string, source: CoverageSource, at?: number): Promise<void>;
  /** the source stopped receiving at `at` */
  end(project: string, source: CoverageSource, at?: number): Promise<void>;
  uncover(project: string, from: number, to: number): Promise<void>;
  markFilled(project: string, from: number, to: number, fetched?: number): Promise<void>;
  gaps(project: string, now?: number, minGapMs?: number): Span[];
  strip(project: string, from: number, to: number, now?: number): StripPart[];
  firstCoveredAt(project: string): number | undefined;
  openSources(project: string): CoverageSource[];
  projects(): string[];
  /** ends every open span now (the app quits), durably; then stops the heartbeat */
  close(): Promise<void>;
}

export interface CoverageOptions {
  now?: () => number;
  beatMs?: number;
  compactAt?: number;
}

interface ProjectState {
  spans: Span[];
  filled: Span[];
  uncovered: Span[];
  /** source → open span: since, and the last time it was known alive */
  open: Map<string, { from: number; seen: number }>;
}

export async function openCoverageLog(dataDir: string, opts: CoverageOptions = {}): Promise<CoverageLog> {
  const now = opts.now ?? Date.now;
  const compactAt = opts.compactAt ?? 2_000;
  const file = join(dataDir, 'coverage.jsonl');
  const out = await openAppendLog<CoverageRecord>(file, { parse: parseRecord });
  const records = out.records;
  const state = new Map<string, ProjectState>();
  const of = (p: string): ProjectState => {
    let s = state.get(p);
    if (!s) state.set(p, (s = { spans: [], filled: [], uncovered: [], open: new Map() }));
    return s;
  };
  // replay: an open without its close (a crash) ends at the last heartbeat seen after it
  for (const r of records) apply(r);
  function apply(r: CoverageRecord): void {
    switch (r.t) {
      case 'open': if (!of(r.p).open.has(r.s)) of(r.p).open.set(r.s, { from: r.at, seen: r.at }); break;
      case 'close': {
        const o = of(r.p).open.get(r.s);
        if (o) { of(r.p).spans.push({ from: o.from, to: Math.max(o.from, r.at) }); of(r.p).open.delete(r.s); }
        break;
      }
      case 'beat': for (const s of state.values()) for (const o of s.open.values()) o.seen = Math.max(o.seen, r.at); break;
      case 'span': of(r.p).spans.push({ from: r.from, to: r.to }); break;
      case 'filled': of(r.p).filled.push({ from: r.from, to: r.to }); break;
      case 'uncover': of(r.p).uncovered.push({ from: r.from, to: r.to }); break;
    }
  }
  let crashed = false;
  for (const s of state.values()) {
    for (const o of s.open.values()) s.spans.push({ from: o.from, to: o.seen });
    crashed ||= s.open.size > 0;
    s.open.clear();
  }

  const compacted = (): CoverageRecord[] => {
    const list: CoverageRecord[] = [];
    for (const [p, s] of state) {
      const spans = union(s.spans);
      // an empty span (opened and ended, or crashed, in the same instant) covered nothing but still starts the
      // project's coverage, and union drops it: keep the earliest one, or the gap from it vanishes
      const start = Math.min(...s.spans.map((x) => x.from));
      if (s.spans.length && !(spans[0] && spans[0].from <= start)) list.push({ t: 'span', p, s: 'any', from: start, to: start });
      for (const x of spans) list.push({ t: 'span', p, s: 'any', from: x.from, to: x.to });
      for (const x of union(s.filled)) list.push({ t: 'filled', p, from: x.from, to: x.to });
      for (const x of union(s.uncovered)) list.push({ t: 'uncover', p, from: x.from, to: x.to });
      for (const [src, o] of s.open) list.push({ t: 'open', p, s: src, at: o.from });
    }
    // the open spans' last heartbeat too: without it a crash right after a compaction would end them where they began
    const seen = Math.max(-Infinity, ...[...state.values()].flatMap((s) => [...s.open.values()].map((o) => o.seen)));
    if (Number.isFinite(seen)) list.push({ t: 'beat', at: seen });
    return list;
  };
  // every record durable before its call resolves (appends run in order, so the last one's fsync covers the batch)
  const append = async (rs: CoverageRecord[]) => {
    for (let i = 0; i < rs.length; i++) await out.append(rs[i]!, { sync: i === rs.length - 1 });
  };
  const write = async (rs: CoverageRecord[]) => {
    await append(rs);
    if (out.size > compactAt) await out.rewrite(compacted());
  };
  // after a crash the spans it ended are put on record as spans: their opens, replayed later, would take later heartbeats
  if (records.length > compactAt || crashed) await out.rewrite(compacted());

  let timer: NodeJS.Timeout | undefined;
  const anyOpen = () => [...state.values()].some((s) => s.open.size > 0);
  const beat = () => {
    const at = now();
    for (const s of state.values()) for (const o of s.open.values()) o.seen = at;
    void write([{ t: 'beat', at }]).catch(() => undefined);
  };
  const heartbeat = () => {
    if (anyOpen() && !timer) {
      timer = setInterval(beat, opts.beatMs ?? 30_000);
      timer.unref();
    } else if (!anyOpen() && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  let closed = false;

  const covered = (s: ProjectState, at: number): Span[] =>
    subtract([...s.spans, ...[...s.open.values()].map((o) => ({ from: o.from, to: Math.max(o.from, at) }))], s.uncovered);
  const first = (s: ProjectState): number | undefined => {
    const froms = [...s.spans.map((x) => x.from), ...[...s.open.values()].map((o) => o.from)];
    return froms.length ? Math.min(...froms) : undefined;
  };

  const log: CoverageLog = {
    async open(p, source, at = now()) {
      if (closed || of(p).open.has(source)) return;
      of(p).open.set(source, { from: at, seen: at });
      heartbeat();
      await write([{ t: 'open', p, s: source, at }]);
    },
    async end(p, source, at = now()) {
      const s = of(p);
      const o = s.open.get(source);
      if (!o) return;
      s.open.delete(source);
      s.spans.push({ from: o.from, to: Math.max(o.from, at) });
      heartbeat();
      await write([{ t: 'close', p, s: source, at }]);
    },
    async uncover(p, from, to) {
      if (to <= from) return;
      of(p).uncovered.push({ from, to });
      await write([{ t: 'uncover', p, from, to }]);
    },
    async markFilled(p, from, to, fetched) {
      if (to <= from) return;
      of(p).filled.push({ from, to });
      await write([{ t: 'filled', p, from, to, n: fetched }]);
    },
    gaps(p, at = now(), minGapMs = 0) {
      const s = state.get(p);
      const start = s && first(s);
      if (!s || start === undefined) return [];
      return subtract([{ from: start, to: at }], [...covered(s, at), ...s.filled]).filter((g) => g.to - g.from >= minGapMs);
    },
    strip(p, from, to, at = now()) {
      const s = state.get(p);
      const start = s && first(s);
      const window = { from, to };
      if (!s || start === undefined) return [{ from, to, kind: 'before' }];
      const received = clip(union(covered(s, at)), window);
      const filled = clip(subtract(s.filled, received), window);
      const before = clip([{ from, to: start }], window);
      const gaps = clip(subtract([{ from: start, to: Math.min(to, at) }], [...received, ...filled]), window);
      return [
        ...before.map((x) => ({ ...x, kind: 'before' as const })), ...received.map((x) => ({ ...x, kind: 'received' as const })),
        ...filled.map((x) => ({ ...x, kind: 'filled' as const })), ...gaps.map((x) => ({ ...x, kind: 'gap' as const })),
      ].sort((a, b) => a.from - b.from);
    },
    firstCoveredAt: (p) => { const s = state.get(p); return s && first(s); },
    openSources: (p) => [...(state.get(p)?.open.keys() ?? [])] as CoverageSource[],
    projects: () => [...state.keys()].filter((p) => first(state.get(p)!) !== undefined),
    async close() {
      if (closed) return out.close();
      const at = now();
      const ends: CoverageRecord[] = [];
      for (const [p, s] of state) {
        for (const [src, o] of s.open) { s.spans.push({ from: o.from, to: at }); ends.push({ t: 'close', p, s: src, at }); }
        s.open.clear();
      }
      closed = true;
      heartbeat();
      if (ends.length) await append(ends);
      await out.close();
    },
  };
  return log;
}
