// Part 4: `node dist/cli.js export` of 100k events to a file, under /usr/bin/time -v
// (peak RSS = "Maximum resident set size"; else VmHWM sampled from /proc). The memory
// target is about streaming: the export's peak RSS minus that of the same command with a
// filter that matches nothing (same start-up, same in-memory index, no output) must stay
// below the size of the file written. Target time: ≤ 2 s.
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rootDir, tmpDir } from '../lib/build.mjs';
import { procMem, spawnProc, sleep } from '../lib/procs.mjs';
import { summarize } from '../lib/stats.mjs';
import { workDir } from '../lib/fixtures.mjs';

const TIME = '/usr/bin/time';

async function runExport(dir, outFile, extra = []) {
  rmSync(outFile, { force: true });
  const args = [join(rootDir, 'dist/cli.js'), 'export', '--data-dir', dir, '--out', outFile, ...extra];
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const p = useTime ? spawnProc(TIME, ['-v', process.execPath, ...args]) : spawnProc(process.execPath, args);
  let sampled = 0;
  if (!useTime) {
    while (p.child.exitCode === null) {
      sampled = Math.max(sampled, procMem(p.child.pid).hwmMB || 0);
      await sleep(20);
    }
  }
  const r = await p.exited;
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`export failed (${r.code}): ${p.err()}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(p.err())?.[1] ?? NaN);
  const head = Buffer.alloc(1024);
  const fd = openSync(outFile, 'r');
  readSync(fd, head, 0, 1024, 0);
  closeSync(fd);
  const count = Number(/"count":(\d+)/.exec(head.toString('utf8'))?.[1] ?? NaN);
  return { ms, peakMB: useTime ? kb / 1024 : sampled, bytes: statSync(outFile).size, count, via: useTime ? 'time -v' : '/proc VmHWM' };
}

export async function benchExport(ctx) {
  const { runs, log } = ctx;
  const dir = workDir(ctx.fixtures, 100_000, 'export');
  const file = join(tmpDir, 'work', 'export-100k.json');
  const full = [], empty = [];
  for (let i = 0; i < runs; i++) {
    full.push(await runExport(dir, file));
    empty.push(await runExport(dir, file, ['--since', '2999-01-01T00:00:00Z']));
  }
  const sizeMB = full[0].bytes / 1048576;
  const growth = full.map((f, i) => f.peakMB - empty[i].peakMB);
  const out = {
    config: { events: 100_000, runs, peakVia: full[0].via },
    ms: summarize(full.map((f) => f.ms)),
    peakRssMB: summarize(full.map((f) => f.peakMB)),
    emptyFilterPeakRssMB: summarize(empty.map((f) => f.peakMB)),
    emptyFilterMs: summarize(empty.map((f) => f.ms)),
    growthMB: summarize(growth),
    fileMB: Math.round(sizeMB * 10) / 10,
    exported: full[0].count,
    emptyFilterExported: empty[0].count,
  };
  rmSync(file, { force: true });
  log(`  export 100k: ${Math.round(out.ms.median)} ms, peak ${out.peakRssMB.median} MB (index only ${out.emptyFilterPeakRssMB.median} MB), file ${out.fileMB} MB`);
  out.targets = {
    time: { value: out.ms.median, target: '≤ 2000 ms (issue 13)', met: out.ms.median <= 2000 && full.every((f) => f.count === 100_000) },
    memory: { value: out.growthMB.median, target: `peak RSS growth < file size (${out.fileMB} MB)`, met: out.growthMB.median < sizeMB },
  };
  return out;
}
