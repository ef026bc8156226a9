// Diagnostic for start-up cost: wall time of `node dist/cli.js export --out x.json` on an empty
// data directory (nothing to read, so the figure is module loading plus the store's open), and
// which npm packages the process loaded. Build first (npm run build:node).
// Run: node bench/diagnostics/export-startup.mjs [runs=15]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpDir } from '../lib/build.mjs';
import { percentile } from '../lib/stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli.js');
const runs = Number(process.argv[2] ?? 15);
const dir = join(tmpDir, 'export-startup');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'data'), { recursive: true });
const times = [];
for (let i = 0; i < runs; i++) {
  const out = join(dir, `x${i}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'export', '--data-dir', join(dir, 'data'), '--out', out], { stdio: 'pipe' });
  times.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`export failed: ${r.stderr}`);
}
// the packages loaded, from the reporter the packaging test also uses
const report = join(root, 'test/packaging/loaded-packages.mjs');
execFileSync(process.execPath, ['--import', report, cli, 'export', '--data-dir', join(dir, 'data'), '--out', join(dir, 'pkgs.json')],
  { env: { ...process.env, LOADED_PACKAGES_OUT: join(dir, 'packages.txt') }, stdio: 'pipe' });
const packages = [...new Set(readFileSync(join(dir, 'packages.txt'), 'utf8').trim().split('\n'))].sort();
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ runs, medianMs: +percentile(sorted, 50).toFixed(1), minMs: +sorted[0].toFixed(1), maxMs: +sorted.at(-1).toFixed(1), packages }, null, 1));
