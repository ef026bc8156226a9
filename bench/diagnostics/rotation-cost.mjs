// Diagnostic for the ingest miss of 2026-12-07 (bench/FINDINGS.md §11): full-speed ingest
// (10 connections, unique signed events, 100k stored) with the default 256-record segments
// against segments too large to fill in a run (no rotation at all), alternating, 3 pairs.
// The ratio is what rotation costs: a full segment written whole, indexed, and a new one opened.
// Run: node bench/diagnostics/rotation-cost.mjs
import { buildHarnesses, harness } from '../lib/build.mjs';
import { ensureFixtures, workDir } from '../lib/fixtures.mjs';
import { startHarness } from '../lib/procs.mjs';
import { fire } from '../lib/load.mjs';
import { SECRET } from '../parts/ingest.mjs';

await buildHarnesses();
const fx = ensureFixtures();
const { makeSignedBodies } = await import(harness.bodies);
let seed = 8000;
const ratios = [];
for (let round = 0; round < 3; round++) {
  const rps = {};
  for (const segmentSize of [undefined, 1_000_000]) {
    const h = await startHarness({ dataDir: workDir(fx.root, 100_000, 'rot'), secrets: [SECRET], segmentSize });
    try {
      await fire(h.url, await makeSignedBodies(1000, SECRET, seed++), { amount: 1000 });
      rps[segmentSize ?? 256] = Math.round((await fire(h.url, await makeSignedBodies(24000, SECRET, seed++), { duration: 4 })).okRps);
    } finally {
      await h.stop();
    }
  }
  ratios.push(rps[256] / rps[1_000_000]);
  console.log(`round ${round + 1}: 256-record segments ${rps[256]} ev/s, no rotation ${rps[1_000_000]} ev/s, ratio ${ratios.at(-1).toFixed(2)}`);
}
console.log(`median ratio ${ratios.sort((a, b) => a - b)[1].toFixed(2)}`);
