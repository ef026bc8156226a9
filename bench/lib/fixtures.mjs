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
  if (existsSync(marker)) return { root, built: false, ms: 0 };
  rmSync(join(tmpDir, 'fixtures'), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const t0 = performance.now();
  execFileSync(process.execPath, [harness.prefill, root, String(SEED), ...sizes.map(String)], { cwd: rootDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = performance.now() - t0;
  writeFileSync(marker, String(ms));
  return { root, built: true, ms };
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
