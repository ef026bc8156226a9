// Bundles the TypeScript harnesses (which import the core from source, as dist/cli.js does)
// into bench/tmp with the same esbuild settings as scripts/build-node.mjs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const rootDir = dirname(benchDir);
export const tmpDir = join(benchDir, 'tmp');

export const harness = {
  serve: join(tmpDir, 'serve-harness.mjs'),
  prefill: join(tmpDir, 'prefill.mjs'),
  bodies: join(tmpDir, 'bodies.mjs'),
  truth: join(tmpDir, 'truth.mjs'),
  fake: join(tmpDir, 'fake-harness.mjs'),
  backfill: join(tmpDir, 'backfill-harness.mjs'),
  health: join(tmpDir, 'health-harness.mjs'),
};

export async function buildHarnesses() {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning', absWorkingDir: rootDir };
  await Promise.all([
    build({ ...common, entryPoints: ['bench/harness/serve-harness.ts'], outfile: harness.serve }),
    build({ ...common, entryPoints: ['bench/harness/prefill.ts'], outfile: harness.prefill }),
    build({ ...common, entryPoints: ['bench/harness/bodies.ts'], outfile: harness.bodies }),
    build({ ...common, entryPoints: ['bench/harness/truth.ts'], outfile: harness.truth }),
    build({ ...common, entryPoints: ['bench/harness/fake-harness.ts'], outfile: harness.fake }),
    build({ ...common, entryPoints: ['bench/harness/backfill-harness.ts'], outfile: harness.backfill }),
    build({ ...common, entryPoints: ['bench/harness/health-harness.ts'], outfile: harness.health }),
  ]);
}
