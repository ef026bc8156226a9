/** Half-open time intervals [from, to) in ms: the arithmetic of coverage and gaps. */
export interface Span {
  from: number;
  to: number;
}

/** Sorted, non-overlapping, touching spans joined; empty ones dropped. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).map((s) => ({ ...s })).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push(s);
  }
  return out;
}

/** What of `a` no span of `b` holds. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const cut = union(b);
  const out: Span[] = [];
  for (const s of union(a)) {
    let from = s.from;
    for (const c of cut) {
      if (c.to <= from || c.from >= s.to) continue;
      if (c.from > from) out.push({ from, to: c.from });
      from = Math.max(from, c.to);
      if (from >= s.to) break;
    }
    if (from < s.to) out.push({ from, to: s.to });
  }
  return out;
}

export function clip(spans: readonly Span[], window: Span): Span[] {
  return spans.map((s) => ({ from: Math.max(s.from, window.from), to: Math.min(s.to, window.to) })).filter((s) => s.to > s.from);
}

export const total = (spans: readonly Span[]): number => union(spans).reduce((n, s) => n + s.to - s.from, 0);
