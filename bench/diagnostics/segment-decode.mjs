// Diagnostic for the start-up and export misses: where reading 250k stored events goes.
// Every segment file holds "°C" (in the summary text the store writes), so Node decodes it
// through the slow non-ASCII UTF-8 path into a two-byte string (2× memory); and start-up
// parses every raw body although it keeps only summaries. Compares, over the 250k fixture:
//  as stored | same files with non-ASCII escaped as \uXXXX (pure ASCII, same JSON value)
//  | a summaries-only sidecar per segment (what start-up keeps).
// Run: node bench/diagnostics/segment-decode.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHarnesses } from '../lib/build.mjs';
import { ensureFixtures } from '../lib/fixtures.mjs';

await buildHarnesses();
const dir = join(ensureFixtures().root, '250000', 'segments');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const bufs = files.map((f) => readFileSync(join(dir, f)));
const esc = (s) => s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const ascii = bufs.map((b) => Buffer.from(esc(b.toString('utf8'))));
const sidecars = bufs.map((b) => Buffer.from(esc(JSON.stringify(JSON.parse(b.toString('utf8')).events.map(({ raw, delivery, ...s }) => s)))));
const time = (label, list) => {
  globalThis.gc?.();
  const t0 = performance.now();
  let decode = 0, n = 0;
  for (const b of list) {
    const t = performance.now();
    const s = b.toString('utf8');
    decode += performance.now() - t;
    n += JSON.parse(s).events?.length ?? 1;
  }
  return { label, files: list.length, MB: Math.round(list.reduce((a, b) => a + b.length, 0) / 1e5) / 10, decodeMs: Math.round(decode), totalMs: Math.round(performance.now() - t0) };
};
console.table([time('as stored (non-ASCII)', bufs), time('ASCII-escaped', ascii), time('summaries-only sidecar', sidecars)]);
