// Diagnostic for ack latency: how long the store's durable write takes on this disk, alone.
// The same steps as electron/core/store/durable-json-file.ts writeFileDurably (open temp, write,
// fsync, close, rename, open dir, fsync dir, close) for a 185 KB text (the mean size of the open
// segment rewritten per commit: 128 records × ~1.45 kB), every 5 ms for 3 s.
// Run: node bench/diagnostics/durable-write.mjs
import { mkdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpDir } from '../lib/build.mjs';
import { percentile } from '../lib/stats.mjs';

const dir = join(tmpDir, 'durable-write');
mkdirSync(dir, { recursive: true });
const text = 'x'.repeat(185_000);
const steps = { writeAndFsync: [], dirFsync: [], total: [] };
const end = performance.now() + 3000;
while (performance.now() < end) {
  const t0 = performance.now();
  const fh = await open(join(dir, '.seg.tmp'), 'w');
  await fh.write(text, null, 'utf8');
  await fh.sync();
  await fh.close();
  await rename(join(dir, '.seg.tmp'), join(dir, 'seg.json'));
  const t1 = performance.now();
  const d = await open(dir, 'r');
  await d.sync();
  await d.close();
  const t2 = performance.now();
  steps.writeAndFsync.push(t1 - t0);
  steps.dirFsync.push(t2 - t1);
  steps.total.push(t2 - t0);
  await new Promise((r) => setTimeout(r, 5));
}
rmSync(dir, { recursive: true, force: true });
const row = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1).toFixed(2) };
};
console.table(Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, row(v)])));
