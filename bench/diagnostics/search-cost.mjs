// Diagnostic for the inspector's search time: the server-side cost of one text search over
// 100k summaries (shared/filter.ts compileFilter: builds and lower-cases a haystack string per
// row per query) versus a type filter, and versus matching against a precomputed lower-case
// key per summary. Run: node bench/diagnostics/search-cost.mjs
import { build } from 'esbuild';
import { join } from 'node:path';
import { rootDir, tmpDir } from '../lib/build.mjs';
import { buildHarnesses } from '../lib/build.mjs';
import { ensureFixtures } from '../lib/fixtures.mjs';

await buildHarnesses();
const out = join(tmpDir, 'search-cost-lib.mjs');
await build({
  stdin: { contents: "export { compileFilter } from './shared/filter'; export { loadState } from './electron/core/store/load-state';", resolveDir: rootDir, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning',
});
const { compileFilter, loadState } = await import(out);
const state = await loadState(join(ensureFixtures().root, '100000'), { readOnly: true });
const all = state.summaries;
const median = (f) => {
  const xs = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return Math.round(xs.sort((a, b) => a - b)[3] * 10) / 10;
};
const key = (e) => `${e.eventId}\n${e.deviceId}\n${e.deviceName}\n${e.summary}\n${e.eventType}\n${Object.entries(e.labels).map(([k, v]) => `${k}=${v}`).join('\n')}`.toLowerCase();
const keys = new Map(all.map((e) => [e, key(e)]));
console.table({
  'text search "RH" (compileFilter)': { ms: median(() => all.filter(compileFilter({ text: 'RH' })).length) },
  'type filter temperature (compileFilter)': { ms: median(() => all.filter(compileFilter({ types: ['temperature'] })).length) },
  'text search with precomputed keys': { ms: median(() => all.filter((e) => keys.get(e).includes('rh')).length) },
});
