// Diagnostic for the ingest miss: the same full-speed ingest (10 connections, unique signed
// events, 100k stored) with the store's segmentSize at 256 (default) and 64. A commit rewrites
// the whole open segment, so its cost (JSON.stringify + bytes written) scales with the segment's
// fill, not with the batch. Run: node bench/diagnostics/segment-size.mjs
import { buildHarnesses, harness } from '../lib/build.mjs';
import { ensureFixtures, workDir, cleanWork } from '../lib/fixtures.mjs';
import { startHarness } from '../lib/procs.mjs';
import { fire } from '../lib/load.mjs';
import { summarize } from '../lib/stats.mjs';

await buildHarnesses();
const fx = ensureFixtures();
const { makeSignedBodies } = await import(harness.bodies);
const secret = 'bench-secret-0123456789';
let seed = 777;
const out = {};
for (const segmentSize of [256, 64]) {
  const h = await startHarness({ dataDir: workDir(fx.root, 100_000, `seg${segmentSize}`), secrets: [secret], segmentSize });
  await fire(h.url, await makeSignedBodies(1000, secret, seed++), { amount: 1000 });
  const rps = [], bytes = [], perCommit = [];
  for (let i = 0; i < 3; i++) {
    const pool = await makeSignedBodies(12_000, secret, seed++);
    await h.reset();
    const r = await fire(h.url, pool, { duration: 4 });
    const s = await h.stats();
    rps.push(r.okRps);
    bytes.push(s.segBytes / s.stored);
    perCommit.push(s.stored / s.commits);
  }
  await h.stop();
  out[segmentSize] = { eventsPerSec: summarize(rps), segmentBytesPerEvent: summarize(bytes), eventsPerCommit: summarize(perCommit) };
}
cleanWork();
console.log(JSON.stringify(out, null, 1));
