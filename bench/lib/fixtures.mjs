// Pre-filled data directories (see harness/prefill.ts), built once per version of the
// prefill code and reused; each use gets a hard-linked copy (`cp -al`): the store never
// modifies a file in place (it writes a temp file and renames it over), so the template
// stays intact whatever the copy goes through.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harness, rootDir, tmpDir } from './build.mjs';

export const FIXTURE_SIZES = [1_000, 10_000, 100_000, 250_000];
const SEED = 20251127;

/** Ensures the templates exist; returns { root, built: boolean, ms }. */
export function ensureFixtures(sizes = FIXTURE_SIZES) {
  const hash = createHash('sha256').update(readFileSync(harness.prefill)).update(String(sizes)).digest('hex').slice(0, 12);
  const root = join(tmpDir, 'fixtures', hash);
  const marker = join(root, 'READY');
  if (existsSync(marker)) {
    let info = {};
    try { info = JSON.parse(readFileSync(marker, 'utf8')); } catch { /* older marker */ }
    return { root, built: false, ms: 0, indexes: info.indexes };
  }
  rmSync(join(tmpDir, 'fixtures'), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [harness.prefill, root, String(SEED), ...sizes.map(String)], { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  const info = { ...JSON.parse(out.trim().split('\n').at(-1)), ms };
  writeFileSync(marker, JSON.stringify(info));
  return { root, built: true, ms, indexes: info.indexes };
}

let n = 0;
/** A fresh working copy of the `size` template. */
export function workDir(root, size, label = 'w') {
  const dir = join(tmpDir, 'work', `${label}-${size}-${process.pid}-${++n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(tmpDir, 'work'), { recursive: true });
  execFileSync('cp', ['-al', join(root, String(size)), dir]);
  return dir;
}

export function emptyDir(label) {
  const dir = join(tmpDir, 'work', `${label}-${process.pid}-${++n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function cleanWork() {
  rmSync(join(tmpDir, 'work'), { recursive: true, force: true });
}
