// Bundles the Node side with esbuild: our own TypeScript is bundled, npm packages stay
// external (they are installed next to the app; @ngrok/ngrok is a native module).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['electron/cli/main.ts'], outfile: 'dist/cli.js', format: 'esm', banner: { js: '#!/usr/bin/env node' } },
  // Electron main and preload: built only once they exist (the desktop issue adds them).
  { entryPoints: ['electron/main.ts'], outfile: 'dist/main.js', format: 'esm' },
  // A sandboxed preload cannot load modules: one CommonJS file.
  { entryPoints: ['electron/preload.ts'], outfile: 'dist/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] },
];
for (const e of entries) {
  if (!existsSync(e.entryPoints[0])) continue;
  await build({ ...common, ...e });
}
