// Bundles the Node side with esbuild: our own TypeScript is bundled, npm packages stay
// external (they are installed next to the app; @ngrok/ngrok is a native module).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
const entries = [
  // The CLI is split: dist/cli.js (the `bin`) loads each command's module from dist/cli-chunks/
  // only when that command runs (electron/cli/commands/index.ts), so `export` loads no server.
  { entryPoints: { cli: 'electron/cli/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'cli-chunks/[name]-[hash]', format: 'esm', banner: { js: '#!/usr/bin/env node' } },
  // Electron main and preload: built only once they exist (the desktop issue adds them).
  { entryPoints: ['electron/main.ts'], outfile: 'dist/main.js', format: 'esm' },
  // A sandboxed preload cannot load modules: one CommonJS file.
  { entryPoints: ['electron/preload.ts'], outfile: 'dist/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] },
];
// chunk names carry a content hash: the previous build's would otherwise pile up and ship
rmSync('dist/cli-chunks', { recursive: true, force: true });
for (const e of entries) {
  if (!Object.values(e.entryPoints).every((p) => existsSync(p))) continue;
  await build({ ...common, ...e });
}
