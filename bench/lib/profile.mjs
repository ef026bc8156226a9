// Reads a V8 .cpuprofile (node --cpu-prof) and lists the top frames by self time and by
// inclusive time, so the report can say where a missed target's time goes.
import { readFileSync } from 'node:fs';

export function topFrames(file, { limit = 12, filter } = {}) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const url = f.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/(bench|dist)\//, '$1/');
    return `${f.functionName || '(anonymous)'} ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map(), incl = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const n = byId.get(id);
    const k = name(n);
    if (n.callFrame.functionName === '(idle)') return;
    total += dt;
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur));
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + dt);
    }
  });
  const top = (m) => [...m].filter(([k]) => !filter || filter(k)).sort((a, b) => b[1] - a[1]).slice(0, limit)
    .map(([frame, us]) => ({ frame, ms: Math.round(us / 1000), pct: Math.round((us / total) * 1000) / 10 }));
  return { busyMs: Math.round(total / 1000), self: top(self), inclusive: top(incl) };
}
