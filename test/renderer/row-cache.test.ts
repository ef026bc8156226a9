import { describe, expect, it } from 'vitest';
import { RowCache } from '../../renderer/src/logic/row-cache';
import type { EventSummary } from '../../shared/records';

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ eventId: `e${from + i}` }) as EventSummary);

describe('RowCache', () => {
  it('asks only for missing pages of the visible range and serves rows by index', () => {
    const c = new RowCache(10);
    expect(c.pagesToFetch(5, 25)).toEqual([0, 1, 2]);
    const g = c.markInflight(0);
    c.markInflight(1);
    expect(c.pagesToFetch(5, 25)).toEqual([2]); // in flight pages are not asked twice
    expect(c.store(0, g, rows(0, 10))).toBe(true);
    expect(c.row(3)?.eventId).toBe('e3');
    expect(c.row(13)).toBeUndefined();
    expect(c.indexOf('e7')).toBe(7);
  });

  it('keeps old rows visible after invalidate but refetches them, dropping late answers', () => {
    const c = new RowCache(10);
    const g0 = c.markInflight(0);
    c.store(0, g0, rows(0, 10));
    const lateGen = c.markInflight(1);
    c.invalidate();
    expect(c.row(0)?.eventId).toBe('e0');
    expect(c.pagesToFetch(0, 15)).toEqual([0, 1]);
    expect(c.store(1, lateGen, rows(10, 10))).toBe(false);
    expect(c.row(10)).toBeUndefined();
    c.reset();
    expect(c.row(0)).toBeUndefined();
  });

  it('evicts the least recently stored pages beyond its bound', () => {
    const c = new RowCache(10, 3);
    for (let p = 0; p < 5; p++) c.store(p, c.markInflight(p), rows(p * 10, 10));
    expect(c.row(0)).toBeUndefined();
    expect(c.row(45)?.eventId).toBe('e45');
  });
});
