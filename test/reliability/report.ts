/**
 * Figures of the reliability run, for the README table (scripts/reliability-table.mjs).
 * Each test file records its own section; files run in parallel forks, so every update of
 * test-results/reliability.json happens under a lock directory (mkdir is atomic) and lands
 * with a rename, and a reader never sees half a file.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RESULTS_DIR = resolve(__dirname, '../../test-results');
export const RESULTS_FILE = join(RESULTS_DIR, 'reliability.json');

/** One row of the README table: what was done, how much, what was acknowledged vs stored, the outcome. */
export interface ReliabilityRow {
  /** the fault injected or the kind of input tried */
  fault: string;
  /** how many times / how many requests */
  tried: number;
  /** deliveries answered 2xx (where events were sent), else null */
  acknowledged: number | null;
  /** of those, found stored exactly once afterwards (null where not applicable) */
  stored: number | null;
  /** one line: what was observed */
  result: string;
  /** extra figures (seeds, latencies…) kept in the JSON only */
  details?: Record<string, unknown>;
}

function lock(dir: string): () => void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // a crashed writer's lock is stale after a few seconds
      try {
        if (Date.now() - statSync(dir).mtimeMs > 5_000) rmdirSync(dir);
      } catch { /* gone meanwhile */ }
      if (Date.now() > deadline) throw new Error(`could not lock ${dir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** Replaces the rows of `section` in test-results/reliability.json. */
export function recordReliability(section: string, rows: ReliabilityRow[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const unlock = lock(`${RESULTS_FILE}.lock`);
  try {
    let doc: { format: string; updatedAt: string; sections: Record<string, { recordedAt: string; rows: ReliabilityRow[] }> };
    try {
      doc = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
      if (!doc || typeof doc.sections !== 'object') throw new Error('shape');
    } catch {
      doc = { format: 'connector-inbox-reliability/1', updatedAt: '', sections: {} };
    }
    const now = new Date().toISOString();
    doc.updatedAt = now;
    doc.sections[section] = { recordedAt: now, rows };
    const tmp = `${RESULTS_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n');
    renameSync(tmp, RESULTS_FILE);
  } finally {
    unlock();
  }
}

/** Deterministic PRNG (mulberry32) so every random choice is reproducible from the printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Seed from RELIABILITY_SEED (to replay a failure), else from the clock; always printed. */
export function seedFrom(name: string): number {
  const env = process.env.RELIABILITY_SEED;
  const seed = env ? Number(env) : (Date.now() ^ (process.pid << 8)) >>> 0;
  console.log(`[${name}] seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
  return seed;
}
