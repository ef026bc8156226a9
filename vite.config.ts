import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { withCspMeta } from './shared/csp.ts';

// The renderer (renderer/) builds to dist/renderer; served by Electron from disk or by
// `connector-inbox serve --ui` on 127.0.0.1. Tests: node by default, jsdom per file.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), { name: 'csp-meta', transformIndexHtml: { order: 'pre', handler: withCspMeta } }],
  build: { outDir: '../dist/renderer', emptyOutDir: true },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
