/**
 * The interval arithmetic behind gaps and the strip, checked against a model that is obviously
 * right: sets of whole milliseconds on a small grid. Any disagreement would show up as a gap
 * the inbox fills twice or, worse, a period it never fills.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip, subtract, total, union, type Span } from '../../electron/core/coverage';

const GRID = 40;
const span = fc.tuple(fc.integer({ min: 0, max: GRID }), fc.integer({ min: 0, max: GRID })).map(([a, b]): Span => ({ from: a, to: b }));
const spans = fc.array(span, { maxLength: 8 });

/** the model: which grid cells [i, i+1) a list of spans holds */
const cells = (list: readonly Span[]): boolean[] => Array.from({ length: GRID }, (_, i) => list.some((s) => s.from <= i && i + 1 <= s.to));
const fromCells = (c: boolean[]): Span[] => {
  const out: Span[] = [];
  c.forEach((on, i) => {
    const last = out[out.length - 1];
    if (!on) return;
    if (last && last.to === i) last.to = i + 1;
    else out.push({ from: i, to: i + 1 });
  });
  return out;
};
/** sorted, non-empty, neither overlapping nor touching: the one way to write a set */
const normal = (list: Span[]): boolean => list.every((s, i) => s.to > s.from && (i === 0 || list[i - 1]!.to < s.from));

describe('union', () => {
  it('joins overlapping and touching spans and drops empty ones', () => {
    expect(union([{ from: 5, to: 7 }, { from: 1, to: 3 }, { from: 3, to: 4 }, { from: 9, to: 9 }, { from: 6, to: 8 }])).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 8 },
    ]);
  });

  it('does not change its input', () => {
    const input = [{ from: 1, to: 3 }, { from: 2, to: 5 }];
    union(input);
    expect(input).toEqual([{ from: 1, to: 3 }, { from: 2, to: 5 }]);
  });

  it('is the set union, in normal form', () => {
    fc.assert(fc.property(spans, (a) => {
      const u = union(a);
      expect(normal(u)).toBe(true);
      expect(u).toEqual(fromCells(cells(a)));
    }));
  });
});

describe('subtract', () => {
  it('cuts a hole, trims ends and removes what is fully covered', () => {
    const day = [{ from: 0, to: 24 }];
    expect(subtract(day, [{ from: 9, to: 18 }])).toEqual([{ from: 0, to: 9 }, { from: 18, to: 24 }]);
    expect(subtract(day, [{ from: -5, to: 2 }, { from: 20, to: 30 }])).toEqual([{ from: 2, to: 20 }]);
    expect(subtract(day, [{ from: 0, to: 24 }])).toEqual([]);
    expect(subtract(day, [])).toEqual(day);
  });

  it('is the set difference, in normal form', () => {
    fc.assert(fc.property(spans, spans, (a, b) => {
      const d = subtract(a, b);
      expect(normal(d)).toBe(true);
      const ca = cells(a), cb = cells(b);
      expect(d).toEqual(fromCells(ca.map((on, i) => on && !cb[i])));
    }));
  });

  it('what is left and what was cut add up to the whole', () => {
    fc.assert(fc.property(spans, spans, (a, b) => {
      expect(total(subtract(a, b)) + total(subtract(a, subtract(a, b)))).toBe(total(a));
      expect(union([...subtract(a, b), ...b])).toEqual(union([...a, ...b]));
    }));
  });
});

describe('clip', () => {
  it('keeps only what lies inside the window', () => {
    expect(clip([{ from: 0, to: 5 }, { from: 8, to: 12 }, { from: 20, to: 30 }], { from: 4, to: 10 })).toEqual([
      { from: 4, to: 5 },
      { from: 8, to: 10 },
    ]);
  });

  it('is the intersection with the window', () => {
    fc.assert(fc.property(spans, span, (a, w) => {
      const c = clip(union(a), w);
      expect(normal(c)).toBe(true);
      const cw = cells([w]);
      expect(c).toEqual(fromCells(cells(a).map((on, i) => on && cw[i]!)));
    }));
  });
});

describe('total', () => {
  it('counts overlapping time once', () => {
    expect(total([{ from: 0, to: 10 }, { from: 5, to: 15 }, { from: 20, to: 21 }, { from: 30, to: 29 }])).toBe(16);
  });

  it('is the number of milliseconds held', () => {
    fc.assert(fc.property(spans, (a) => {
      expect(total(a)).toBe(cells(a).filter(Boolean).length);
    }));
  });
});
