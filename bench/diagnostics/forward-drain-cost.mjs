// Diagnostic for issue 11: CPU per forwarded delivery by thread while only forwarding runs
// (a backlog left by a 12k-event burst drains to a bare node:http target). Run: node bench/diagnostics/forward-drain-cost.mjs [--prof]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHarnesses, harness, tmpDir, benchDir } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { startHarness, spawnProc, freePort, sleep } from '../lib/procs.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { topFrames } from '../lib/profile.mjs';
const prof = process.argv.includes('--prof');
const SECRET = 'bench-secret-0123456789';
await buildHarnesses();
const { makeSignedBodies } = await import(harness.bodies);
const root = join(tmpDir, 'fixtures', readdirSync(join(tmpDir, 'fixtures'))[0]);
const port = await freePort();
const t = spawnProc(process.execPath, [join(benchDir, 'baselines', 'bare-http.mjs'), String(port)]);
while (!t.out().includes('listening')) await sleep(10);
const h = await startHarness({ dataDir: workDir(root, 100_000, 'drain'), secrets: [SECRET], forwardTo: `http://127.0.0.1:${port}/hook` });
const threads = (pid) => Object.fromEntries(readdirSync(`/proc/${pid}/task`).map((tid) => {
  const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [tid, (Number(f[11]) + Number(f[12])) * 10];
}));
try {
  for (let k = 0; k < (prof ? 1 : 3); k++) {
    await fire(h.url, await makeSignedBodies(12000, SECRET, 90 + k), { amount: 12000 });
    if (prof) await h.profStart();
    const s0 = await h.forwardStatus(), a = threads(h.child.pid), t0 = performance.now();
    let s;
    for (;;) { s = await h.forwardStatus(); if (s.forward.queueDepth === 0) break; await sleep(100); }
    if (prof) { await h.profStop(join(tmpDir, 'forward-drain.cpuprofile')); const tf = topFrames(join(tmpDir, 'forward-drain.cpuprofile'), { limit: 40 }); for (const x of tf.self) console.log(x.pct.toFixed(1).padStart(5), x.frame); for (const x of tf.inclusive) console.log('incl', x.pct.toFixed(1).padStart(5), x.frame); }
    const b = threads(h.child.pid), n = s.forward.delivered3h - s0.forward.delivered3h;
    const main = String(h.child.pid);
    const per = (k) => (((b[k] - (a[k] ?? 0)) * 1000) / n).toFixed(0);
    const others = Object.keys(b).filter((k) => k !== main).map((k) => per(k)).filter((x) => x > 2);
    console.log(`forwarded ${n} at ${Math.round(n / ((performance.now() - t0) / 1000))}/s: main ${per(main)} µs/delivery; other threads ${others.join(' ')}`);
  }
} finally { await h.stop(); await t.kill(); }
