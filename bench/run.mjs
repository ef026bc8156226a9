#!/usr/bin/env node
// `npm run bench` (after `npm run build`): runs every part, writes bench/results/latest.{md,json}.
//   --quick          ≈ 1 minute: fewer, shorter runs (figures are indicative only)
//   --only=a,b       run some parts: ingest, writeCost, startup, export, inspector, dedupe, forward, backfill, health
//   --profile / --no-profile   CPU profiles of the ingest path and of start-up (default: on in full mode)
//   --out=NAME       write bench/results/NAME.{md,json} instead of latest
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { benchDir, buildHarnesses, harness, rootDir } from './lib/build.mjs';
import { cleanWork, ensureFixtures } from './lib/fixtures.mjs';
import { loadAverage } from './lib/procs.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { profileIngest, profileStartup } from './lib/profile-runs.mjs';
import { benchIngest, SECRET } from './parts/ingest.mjs';
import { benchWriteCost } from './parts/write-cost.mjs';
import { benchStartup } from './parts/startup.mjs';
import { benchExport } from './parts/export.mjs';
import { benchInspector } from './parts/inspector.mjs';
import { benchDedupe } from './parts/dedupe.mjs';
import { benchForward } from './parts/forward.mjs';
import { benchBackfill } from './parts/backfill.mjs';
import { benchHealth } from './parts/health.mjs';

const argv = process.argv.slice(2);
// an unknown flag (or --help) prints the usage above instead of starting a 12-minute full run
const usage = `usage: node bench/run.mjs [--quick] [--only=a,b] [--profile|--no-profile] [--out=NAME]
  --quick          ≈ 1 minute: fewer, shorter runs (figures are indicative only)
  --only=a,b       run some parts: ingest, writeCost, startup, export, inspector, dedupe, forward, backfill, health
  --profile / --no-profile   CPU profiles of the ingest path and of start-up (default: on in full mode)
  --out=NAME       write bench/results/NAME.{md,json} instead of latest`;
const unknown = argv.filter((a) => !['--quick', '--profile', '--no-profile'].includes(a) && !a.startsWith('--only=') && !a.startsWith('--out='));
if (unknown.length) {
  const help = unknown.every((a) => a === '--help' || a === '-h');
  (help ? process.stdout : process.stderr).write(`${help ? '' : `unknown option ${unknown.join(' ')}\n`}${usage}\n`);
  process.exit(help ? 0 : 2);
}
const quick = argv.includes('--quick');
const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const profile = argv.includes('--profile') || (!quick && !only && !argv.includes('--no-profile'));
// (declared before the parts table: the inspector part also profiles the page when on)
// a quick run writes quick.*: the committed latest.* stays the report of a full run
const outName = argv.find((a) => a.startsWith('--out='))?.slice(6) ?? (quick ? 'quick' : 'latest');
const log = (s) => process.stderr.write(`${s}\n`);

const P = quick
  // pools sized well above what a run can send (the inbox now takes 3,000–4,000 events/s here):
  // a repeated body is a duplicate, cheaper than a new event, and the report flags a wrapped pool
  ? { ingest: { runs: 2, seconds: 2, rateSeconds: 3, rate: 200, poolPerRun: 12_000 },
      writeCost: { sizes: [1_000, 250_000], runs: 1, perRun: 512, rate: 200 },
      startup: { sizes: [250_000], runs: 1 }, export: { runs: 1 }, inspector: { runs: 1, streamSeconds: 3 }, dedupe: { count: 1_000 },
      forward: { runs: 2, seconds: 2, rate: 200, rateSeconds: 3, poolPerRun: 12_000 },
      backfill: { runs: 1, events: 10_000, devices: 20, hours: 3, streamEvents: 3_000, pingIntervalS: 1 }, health: { runs: 3 } }
  : { ingest: { runs: 5, seconds: 4, rateSeconds: 6, rate: 200, poolPerRun: 24_000 },
      writeCost: { sizes: [1_000, 10_000, 100_000, 250_000], runs: 5, perRun: 1_024, rate: 200 },
      startup: { sizes: [100_000, 250_000], runs: 5 }, export: { runs: 3 }, inspector: { runs: 3, streamSeconds: 5 }, dedupe: { count: 3_000 },
      forward: { runs: 5, seconds: 4, rate: 200, rateSeconds: 6, poolPerRun: 24_000 },
      backfill: { runs: 3, events: 10_000, devices: 20, hours: 3, streamEvents: 3_000, pingIntervalS: 1 }, health: { runs: 9 } };

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
    // the results themselves do not count: a run overwrites them
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results'], { cwd: rootDir, encoding: 'utf8' }).trim();
    return dirty ? `${head} (+ uncommitted changes in the tree)` : head;
  } catch {
    return 'unknown';
  }
}

const t0 = performance.now();
const env = {
  date: new Date().toISOString(), cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
  memGB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version,
  commit: gitCommit(), loadStart: loadAverage(),
};
log(`bench: ${quick ? 'quick' : 'full'} run on ${env.cpu} × ${env.cores}, Node ${env.node}, load ${env.loadStart.join(' ')}`);
await buildHarnesses();
// the backfill and health parts need no pre-filled data directories: a run of them alone builds none
const fx = only && only.every((p) => p === 'backfill' || p === 'health') ? undefined : ensureFixtures();
env.fixtures = !fx ? 'none (not needed by the parts run)' : `${fx.built ? `built in this run in ${Math.round(fx.ms / 1000)} s (seed-determined, reused by later runs)` : 'reused from an earlier run (same prefill code)'}; segment files${fx.indexes ? ' + closed-segment indexes (the store\'s writeSegmentIndex)' : ''} + devices.json`;
log(`fixtures: ${env.fixtures}`);
const { makeSignedBodies } = await import(harness.bodies);
let seed = Date.now() % 1_000_000;
const makePool = (n) => makeSignedBodies(n, SECRET, seed++);
const ctxBase = { fixtures: fx?.root, makePool, log };

const parts = {
  ingest: () => benchIngest({ ...ctxBase, ...P.ingest }),
  writeCost: () => benchWriteCost({ ...ctxBase, ...P.writeCost }),
  startup: () => benchStartup({ ...ctxBase, ...P.startup }),
  export: () => benchExport({ ...ctxBase, ...P.export }),
  dedupe: () => benchDedupe({ ...ctxBase, ...P.dedupe }),
  forward: () => benchForward({ ...ctxBase, ...P.forward }),
  inspector: () => benchInspector({ ...ctxBase, ...P.inspector, profile }),
  backfill: () => benchBackfill({ ...ctxBase, ...P.backfill }),
  health: () => benchHealth({ ...ctxBase, ...P.health }),
};
const unknownParts = (only ?? []).filter((p) => !(p in parts));
if (unknownParts.length) {
  process.stderr.write(`unknown part ${unknownParts.join(', ')}; parts: ${Object.keys(parts).join(', ')}\n`);
  process.exit(2);
}
const R = { quick, env, params: P, parts: {} };
for (const [name, run] of Object.entries(parts)) {
  if (only && !only.includes(name)) continue;
  log(`— ${name}`);
  const s = performance.now();
  try {
    R.parts[name] = await run();
  } catch (e) {
    log(`  FAILED: ${e.stack}`);
    R.parts[name] = { error: String(e.stack ?? e) };
  }
  R.parts[name].seconds = Math.round((performance.now() - s) / 100) / 10;
  cleanWork();
}
if (profile) {
  log('— profiles');
  R.profiles = {};
  for (const [name, run] of [
    ['serve harness, full-speed ingest, 100k stored', () => profileIngest({ ...ctxBase, ...P.ingest }, SECRET)],
    ['serve start-up, 250k stored', () => profileStartup(ctxBase, 250_000, SECRET)],
  ]) {
    try {
      R.profiles[name] = await run();
    } catch (e) {
      R.profiles[name] = { error: String(e.message ?? e) };
    }
  }
  cleanWork();
}
R.env.loadEnd = loadAverage();
R.totalMs = performance.now() - t0;
mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results', `${outName}.json`), JSON.stringify(R, null, 2) + '\n');
writeFileSync(join(benchDir, 'results', `${outName}.md`), renderMarkdown(R));
log(`wrote bench/results/${outName}.md and .json in ${Math.round(R.totalMs / 1000)} s`);
