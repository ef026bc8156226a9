// Diagnostic for the ingest miss: full-speed runs against the serve harness (100k stored, as part 1)
// with the server's CPU per answered event, by thread (main thread vs libuv pool). --nosecret runs
// without a signature secret (the signature check's share). Run: node bench/diagnostics/ingest-cpu.mjs [--nosecret] [runs]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHarnesses, harness, tmpDir } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { startHarness } from '../lib/procs.mjs';
import { workDir } from '../lib/fixtures.mjs';

const SECRET = 'bench-secret-0123456789';
const noSecret = process.argv.includes('--nosecret');
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
await buildHarnesses();
const { makeSignedBodies } = await import(harness.bodies);
const root = join(tmpDir, 'fixtures', readdirSync(join(tmpDir, 'fixtures'))[0]);
const h = await startHarness({ dataDir: workDir(root, 100_000, 'ingest-cpu'), secrets: noSecret ? [] : [SECRET] });
const threads = (pid) => Object.fromEntries(readdirSync(`/proc/${pid}/task`).map((t) => {
  const f = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
  return [t, (Number(f[11]) + Number(f[12])) * 10];
}));
try {
  await fire(h.url, await makeSignedBodies(2000, SECRET, 1), { amount: 2000 });
  for (let i = 0; i < runs; i++) {
    const pool = await makeSignedBodies(20_000, SECRET, 10 + i);
    const a = threads(h.child.pid);
    const r = await fire(h.url, pool, { duration: 3 });
    const b = threads(h.child.pid);
    const main = String(h.child.pid);
    const us = (t) => ((b[t] - (a[t] ?? 0)) * 1000) / r.ok2xx;
    const others = Object.keys(b).filter((t) => t !== main).reduce((s, t) => s + us(t), 0);
    console.log(JSON.stringify({ eventsPerSec: Math.round(r.okRps), mainThreadCpuUsPerEvent: Math.round(us(main)), otherThreadsCpuUsPerEvent: Math.round(others), non2xx: r.non2xx }));
  }
} finally {
  await h.stop();
}
