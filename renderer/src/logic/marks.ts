/**
 * A text cut into plain and marked parts, for <mark> spans built as React text nodes (never
 * HTML): the search's hits, ranges that may overlap or run past the text, become sorted,
 * merged, clamped parts that join back into the text exactly.
 */
export interface MarkPart {
  text: string;
  mark: boolean;
}

export function splitMarks(text: string, ranges: ReadonlyArray<readonly [number, number]>): MarkPart[] {
  const clean = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: MarkPart[] = [];
  let at = 0;
  for (const [s, e] of clean) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    const last = parts[parts.length - 1];
    if (last?.mark && from === at) last.text += text.slice(from, e);
    else parts.push({ text: text.slice(from, e), mark: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
