/**
 * The Events list's window onto the store: rows are fetched by page through queryEvents as
 * the virtual list scrolls. On every refetch (new events shift all offsets by one, since
 * offset 0 is the newest) we bump a generation: old pages stay on screen until the new
 * ones land, and answers from an older generation are dropped.
 */
import type { EventSummary } from '../../../shared/records';

export class RowCache {
  private pages = new Map<number, { gen: number; rows: EventSummary[] }>();
  private inflight = new Map<number, number>(); // page → generation requested
  generation = 0;

  constructor(readonly pageSize = 100, private readonly maxPages = 50) {}

  /** Filter changed: nothing old is worth showing. */
  reset(): void {
    this.pages.clear();
    this.inflight.clear();
    this.generation += 1;
  }

  /** Data changed under us: keep old rows visible, refetch what is on screen. */
  invalidate(): void {
    this.inflight.clear();
    this.generation += 1;
  }

  row(index: number): EventSummary | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  /** Pages covering [start, end] that are missing or from an older generation, and not in flight. */
  pagesToFetch(start: number, end: number): number[] {
    const out: number[] = [];
    if (end < start) return out;
    for (let p = Math.floor(start / this.pageSize); p <= Math.floor(end / this.pageSize); p++) {
      const have = this.pages.get(p);
      if ((!have || have.gen !== this.generation) && this.inflight.get(p) !== this.generation) out.push(p);
    }
    return out;
  }

  markInflight(page: number): number {
    this.inflight.set(page, this.generation);
    return this.generation;
  }

  /** Returns false (and stores nothing) when the answer belongs to an older generation. */
  store(page: number, gen: number, rows: EventSummary[]): boolean {
    if (gen !== this.generation) return false;
    this.inflight.delete(page);
    this.pages.delete(page); // re-insert: Map order doubles as recency for eviction
    this.pages.set(page, { gen, rows });
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    return true;
  }

  failed(page: number): void {
    this.inflight.delete(page);
  }

  /** Position of a loaded row, by eventId. */
  indexOf(eventId: string): number {
    for (const [p, { rows }] of this.pages) {
      const i = rows.findIndex((r) => r.eventId === eventId);
      if (i >= 0) return p * this.pageSize + i;
    }
    return -1;
  }
}
