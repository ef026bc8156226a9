// Summaries of repeated runs: every figure in the report is a median with its min and max.
export function summarize(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { median: null, min: null, max: null, runs: values.map((x) => x ?? null) };
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median: round(median), min: round(v[0]), max: round(v[v.length - 1]), runs: values.map((x) => round(x)) };
}

export function round(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return x ?? null;
  const a = Math.abs(x);
  const d = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : digits;
  return Math.round(x * 10 ** d) / 10 ** d;
}

/** "1,234 (1,200–1,300)" */
export function fmt(s, unit = '') {
  if (!s || s.median === null) return 'n/a';
  const n = (x) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(x));
  const range = s.min === s.max ? '' : ` (${n(s.min)}–${n(s.max)})`;
  return `${n(s.median)}${unit}${range}`;
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
