// Diagnostic for the ingest miss: CPU per stored event of the store alone (journal append +
// fdatasync per group, rotation, index, device state, summaries), 100k events stored before.
// Needs the bench fixtures (run the bench once). Run: node bench/diagnostics/store-cost.mjs [events] [runs]
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rootDir, tmpDir } from '../lib/build.mjs';
import { workDir } from '../lib/fixtures.mjs';

const [events = '20000', runs = '3'] = process.argv.slice(2);
const out = join(tmpDir, 'store-cost.mjs');
await build({ bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning', absWorkingDir: rootDir, entryPoints: ['bench/diagnostics/store-cost-entry.ts'], outfile: out });
const root = join(tmpDir, 'fixtures', readdirSync(join(tmpDir, 'fixtures'))[0]);
for (let r = 0; r < Number(runs); r++) {
  process.stdout.write(execFileSync(process.execPath, [out, workDir(root, 100_000, 'store-cost'), events], { encoding: 'utf8' }));
}
