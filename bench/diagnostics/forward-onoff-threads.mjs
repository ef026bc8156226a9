// Diagnostic for issue 11: the inbox without and with forwarding, 3 pairs of 4 s at full speed,
// CPU per event by thread over the runs only (not the drain after), the target process's CPU, and
// how many deliveries were forwarded during each run. Run: node bench/diagnostics/forward-onoff-threads.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHarnesses, harness, tmpDir, benchDir } from '../lib/build.mjs';
import { fire } from '../lib/load.mjs';
import { startHarness, spawnProc, freePort, sleep } from '../lib/procs.mjs';
import { workDir } from '../lib/fixtures.mjs';
const SECRET = 'bench-secret-0123456789';
await buildHarnesses();
const { makeSignedBodies } = await import(harness.bodies);
const root = join(tmpDir, 'fixtures', readdirSync(join(tmpDir, 'fixtures'))[0]);
const port = await freePort();
const t = spawnProc(process.execPath, [join(benchDir, 'baselines', 'bare-http.mjs'), String(port)]);
while (!t.out().includes('listening')) await sleep(10);
const plain = await startHarness({ dataDir: workDir(root, 100_000, 'oo-off'), secrets: [SECRET] });
const fwd = await startHarness({ dataDir: workDir(root, 100_000, 'oo-on'), secrets: [SECRET], forwardTo: `http://127.0.0.1:${port}/hook` });
const thr = (pid) => Object.fromEntries(readdirSync(`/proc/${pid}/task`).map((tid) => { const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' '); return [tid, (Number(f[11]) + Number(f[12])) * 10]; }));
const tcpu = () => { const f = readFileSync(`/proc/${t.child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const drained = async () => { for (;;) { const s = await fwd.forwardStatus(); if (s.forward.queueDepth === 0) return; await sleep(50); } };
async function run(h, seed) {
  const a = thr(h.child.pid), ta = tcpu(), s0 = await fwd.forwardStatus();
  const r = await fire(h.url, await makeSignedBodies(12000, SECRET, seed), { duration: 4 });
  const b = thr(h.child.pid), tb = tcpu(), s1 = await fwd.forwardStatus();
  const main = String(h.child.pid);
  const per = (k) => Math.round(((b[k] - (a[k] ?? 0)) * 1000) / r.ok2xx);
  const other = Object.keys(b).filter((k) => k !== main).reduce((x, k) => x + per(k), 0);
  return { eps: Math.round(r.okRps), main: per(main), other, threads: Object.keys(b).filter((k) => k !== main).map((k) => per(k)).join(' '), target: Math.round(((tb - ta) * 1000) / r.ok2xx), fwdDuring: s1.forward.delivered3h - s0.forward.delivered3h };
}
for (const h of [plain, fwd]) await fire(h.url, await makeSignedBodies(2000, SECRET, 1), { amount: 2000 });
await drained();
for (let i = 0; i < 3; i++) {
  const off = await run(plain, 300 + i);
  const on = await run(fwd, 400 + i);
  await drained();
  console.log(JSON.stringify({ off, on, ratio: +(on.eps / off.eps).toFixed(3) }));
}
await plain.stop(); await fwd.stop(); await t.kill();
