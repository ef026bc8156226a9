// CPU profiles for the analysis of missed targets (run with --profile, default in full mode):
//  - the serve harness under saturating ingest (10 connections, unique signed events, 100k stored)
//  - the CLI's start-up on 250k stored events (until it answers, then SIGTERM)
// Each writes a .cpuprofile into bench/tmp/profiles and returns its top frames.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rootDir, tmpDir } from './build.mjs';
import { fire } from './load.mjs';
import { freePort, spawnProc, startHarness, waitForGet } from './procs.mjs';
import { topFrames } from './profile.mjs';
import { workDir } from './fixtures.mjs';

function profDir(name) {
  const d = join(tmpDir, 'profiles', name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}
const newest = (d) => join(d, readdirSync(d).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1));

export async function profileIngest(ctx, secret) {
  const d = profDir('ingest');
  const h = await startHarness({ dataDir: workDir(ctx.fixtures, 100_000, 'prof'), secrets: [secret] });
  const file = join(d, 'ingest.cpuprofile');
  try {
    const pool = await ctx.makePool(ctx.poolPerRun);
    await fire(h.url, await ctx.makePool(1000), { amount: 1000 }); // warm-up
    await h.profStart();
    const r = await fire(h.url, pool, { duration: ctx.seconds });
    await h.profStop(file);
    return { eventsPerSec: Math.round(r.okRps), file, ...topFrames(file, { limit: 16 }) };
  } finally {
    await h.stop();
  }
}

export async function profileStartup(ctx, size, secret) {
  const d = profDir('startup');
  const dir = workDir(ctx.fixtures, size, 'prof');
  const port = await freePort();
  const t0 = performance.now();
  const p = spawnProc(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${d}`, join(rootDir, 'dist/cli.js'), 'serve', '--data-dir', dir, '--port', String(port), '--secret', secret, '-q']);
  const ms = await waitForGet(`http://127.0.0.1:${port}/`, t0, { child: p.child });
  await p.kill('SIGTERM');
  return { acceptMs: Math.round(ms), file: newest(d), ...topFrames(newest(d), { limit: 14 }) };
}
