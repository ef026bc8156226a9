/**
 * The records of coverage.jsonl, and their check on read: a record that is not one of these
 * (a foreign line, a field of the wrong type) is skipped, never fatal. The file itself is a
 * health-log append log (torn tails cut, appends fsynced, rewrites atomic).
 */

export type CoverageRecord =
  | { t: 'open'; p: string; s: string; at: number }
  | { t: 'close'; p: string; s: string; at: number }
  /** still open at `at` (written every beat while a span is open) */
  | { t: 'beat'; at: number }
  | { t: 'span'; p: string; s: string; from: number; to: number }
  | { t: 'filled'; p: string; from: number; to: number; n?: number }
  | { t: 'uncover'; p: string; from: number; to: number };

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 300;

export function parseRecord(v: unknown): CoverageRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  switch (r.t) {
    case 'open': case 'close': return str(r.p) && str(r.s) && num(r.at) ? { t: r.t, p: r.p, s: r.s, at: r.at } : undefined;
    case 'beat': return num(r.at) ? { t: 'beat', at: r.at } : undefined;
    case 'span': return str(r.p) && str(r.s) && num(r.from) && num(r.to) ? { t: 'span', p: r.p, s: r.s, from: r.from, to: r.to } : undefined;
    case 'filled': return str(r.p) && num(r.from) && num(r.to) ? { t: 'filled', p: r.p, from: r.from, to: r.to, n: num(r.n) ? r.n : undefined } : undefined;
    case 'uncover': return str(r.p) && num(r.from) && num(r.to) ? { t: 'uncover', p: r.p, from: r.from, to: r.to } : undefined;
    default: return undefined;
  }
}
