// Part 3: start-up of the real CLI (`node dist/cli.js serve`, secret, quiet) on 100k and
// 250k stored events: time from spawn until the receiver answers a GET (polled every
// 5 ms), RSS once it answers and peak RSS (VmHWM). Targets at 250k: ≤ 1.5 s, ≤ 400 MB.
import { join } from 'node:path';
import { rootDir } from '../lib/build.mjs';
import { freePort, procMem, spawnProc, waitForGet, sleep } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';
import { SECRET } from './ingest.mjs';

export async function benchStartup(ctx) {
  const { sizes, runs, log } = ctx;
  const out = { config: { sizes, runs, command: 'node dist/cli.js serve --data-dir D --port P --secret S -q' }, bySize: {} };
  for (const size of sizes) {
    const dir = workDir(ctx.fixtures, size, 'startup');
    const ms = [], rss = [], hwm = [];
    for (let i = 0; i < runs; i++) {
      const port = await freePort();
      const t0 = performance.now();
      const p = spawnProc(process.execPath, [join(rootDir, 'dist/cli.js'), 'serve', '--data-dir', dir, '--port', String(port), '--secret', SECRET, '-q']);
      ms.push(await waitForGet(`http://127.0.0.1:${port}/`, t0, { child: p.child }));
      await sleep(50);
      const m = procMem(p.child.pid);
      rss.push(m.rssMB);
      hwm.push(m.hwmMB);
      const r = await p.kill('SIGTERM');
      if (r.code !== 0) throw new Error(`serve exited with ${r.code}: ${p.err()}`);
    }
    out.bySize[size] = { acceptMs: summarize(ms), rssMB: summarize(rss), peakRssMB: summarize(hwm) };
    log(`  ${size}: ${Math.round(out.bySize[size].acceptMs.median)} ms, RSS ${out.bySize[size].rssMB.median} MB`);
  }
  const top = out.bySize[Math.max(...sizes)];
  out.targets = {
    time: { value: top.acceptMs.median, target: `≤ 1500 ms at ${Math.max(...sizes)} (issue 13)`, met: top.acceptMs.median <= 1500 },
    rss: { value: top.peakRssMB.median, target: `peak RSS ≤ 400 MB at ${Math.max(...sizes)}`, met: top.peakRssMB.median <= 400 },
  };
  return out;
}
