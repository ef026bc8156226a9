/**
 * Builds what the e2e tests run into a private folder under .tmp/ (gitignored) rather than
 * dist/, so a test run never races another engineer's `npm run build`. The CLI bundle sits
 * next to its renderer exactly as in dist/ and resolves npm packages from the repo.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function buildDir(tag: string): string {
  const dir = join(process.cwd(), '.tmp', `e2e-${tag}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function buildRenderer(outDir: string): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

export async function buildCli(outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  // split per command as scripts/build-node.mjs does, so a path that only breaks in a chunk
  // (dist/cli-chunks/…) breaks here too
  await build({
    entryPoints: { [basename(outfile, '.js')]: 'electron/cli/main.ts' }, outdir: dirname(outfile), splitting: true,
    chunkNames: 'cli-chunks/[name]-[hash]', bundle: true, platform: 'node', target: 'node20',
    packages: 'external', format: 'esm', banner: { js: '#!/usr/bin/env node' }, logLevel: 'error',
  });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
