// Diagnostic for a search left active while events stream in: what the service spends to answer
// the inspector's refetch after each new event, over the 100k-event fixture, with the
// incremental MatchCache (electron/core/inbox-api.ts) against a full scan per refetch (what it
// did before). Run: node bench/diagnostics/search-streaming.mjs
import { build } from 'esbuild';
import { join } from 'node:path';
import { buildHarnesses, rootDir, tmpDir } from '../lib/build.mjs';
import { ensureFixtures } from '../lib/fixtures.mjs';

await buildHarnesses();
const out = join(tmpDir, 'search-streaming-lib.mjs');
await build({
  stdin: { contents: "export { compileFilter } from './shared/filter'; export { MatchCache } from './electron/core/inbox-api'; export { loadState } from './electron/core/store/load-state';", resolveDir: rootDir, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning',
});
const { compileFilter, MatchCache, loadState } = await import(out);
const state = await loadState(join(ensureFixtures().root, '100000'), { readOnly: true });
const all = [...state.summaries];
const filter = { text: 'fridge' };
const template = all[all.length - 1];
let seq = template.seq;
const arrive = () => all.push({ ...template, seq: ++seq, eventId: `stream${seq}` });

const full = () => {
  const pred = compileFilter(filter);
  const outList = [];
  for (let i = all.length - 1; i >= 0; i--) if (pred(all[i])) outList.push(all[i]);
  return outList;
};
const cache = new MatchCache();
const time = (f, n) => {
  const xs = [];
  for (let i = 0; i < n; i++) {
    arrive();
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { median: Math.round(xs[n >> 1] * 100) / 100, max: Math.round(xs[n - 1] * 100) / 100 };
};
cache.get(all, filter, 0); // the first answer scans everything either way
const fullMs = time(full, 20), incrementalMs = time(() => cache.get(all, filter, 0), 20);
console.log(JSON.stringify({ events: all.length, filter, fullScanMs: fullMs, incrementalMs, matches: full().length, ratio: Math.round(fullMs.median / Math.max(0.001, incrementalMs.median)) }));
