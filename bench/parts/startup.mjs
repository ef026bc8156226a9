// Part 3: start-up of the real CLI (`node dist/cli.js serve`, secret, quiet) on 100k and
// 250k stored events: time from spawn until the receiver answers a GET (polled every
// 5 ms), RSS once it answers and peak RSS (VmHWM). Each inbox run is paired with a run of
// baseline Z (baselines/startup-floor.mjs: node, express, the same index files parsed into
// summaries and the eventId Map, nothing else) on the same folder, just before it.
// Targets at 250k: ≤ 1.25 × Z (median of per-pair ratios; bench/FINDINGS.md §11: an absolute
// 1500 ms moves with the VM, Z with it), peak RSS ≤ 400 MB. The ms figure stays in the report.
import { join } from 'node:path';
import { benchDir, rootDir } from '../lib/build.mjs';
import { freePort, procMem, spawnProc, waitForGet, sleep } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

export const RATIO_TARGET = 1.25;

async function timeToGet(args) {
  const port = await freePort();
  const t0 = performance.now();
  const p = spawnProc(process.execPath, [...args, String(port)]);
  const ms = await waitForGet(`http://127.0.0.1:${port}/`, t0, { child: p.child });
  await sleep(50);
  const m = procMem(p.child.pid);
  const r = await p.kill('SIGTERM');
  if (r.code !== 0) throw new Error(`${args.join(' ')} exited with ${r.code}: ${p.err()}`);
  return { ms, ...m };
}

export async function benchStartup(ctx) {
  const { sizes, runs, log } = ctx;
  const out = { config: { sizes, runs, command: 'node dist/cli.js serve --data-dir D --port P --secret S -q', floor: 'node bench/baselines/startup-floor.mjs D P' }, bySize: {} };
  for (const size of sizes) {
    const dir = workDir(ctx.fixtures, size, 'startup');
    const ms = [], rss = [], hwm = [], floor = [], ratio = [];
    for (let i = 0; i < runs; i++) {
      const z = await timeToGet([join(benchDir, 'baselines/startup-floor.mjs'), dir]);
      const x = await timeToGet([join(rootDir, 'dist/cli.js'), 'serve', '--data-dir', dir, '--secret', SECRET, '-q', '--port']);
      floor.push(z.ms);
      ms.push(x.ms);
      rss.push(x.rssMB);
      hwm.push(x.hwmMB);
      ratio.push(x.ms / z.ms);
    }
    out.bySize[size] = { acceptMs: summarize(ms), rssMB: summarize(rss), peakRssMB: summarize(hwm), floorMs: summarize(floor), overFloor: summarize(ratio) };
    const b = out.bySize[size];
    log(`  ${size}: ${Math.round(b.acceptMs.median)} ms (Z ${Math.round(b.floorMs.median)} ms, inbox / Z ${b.overFloor.median.toFixed(2)}), RSS ${b.rssMB.median} MB`);
  }
  const top = out.bySize[Math.max(...sizes)];
  out.targets = {
    time: { value: top.overFloor.median, target: `≤ ${RATIO_TARGET} × baseline Z at ${Math.max(...sizes)} (median of per-pair ratios; ${Math.round(top.acceptMs.median)} ms, Z ${Math.round(top.floorMs.median)} ms)`, met: top.overFloor.median <= RATIO_TARGET },
    rss: { value: top.peakRssMB.median, target: `peak RSS ≤ 400 MB at ${Math.max(...sizes)}`, met: top.peakRssMB.median <= 400 },
  };
  return out;
}
