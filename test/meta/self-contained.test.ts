import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideReferences } from './outside-references';

const ROOT = resolve(__dirname, '../..');
const CHECKED = ['test', 'bench', 'scripts', '.ci'];
const TEXT = /\.(m?[jt]sx?|c?js|json|sh|md|ya?ml)$|(^|\/)\.ci\/[^/]+$/;

/** Tracked files when this is a git checkout, else every file (a tarball has no .git). */
function projectFiles(): string[] {
  if (existsSync(join(ROOT, '.git'))) {
    try {
      return execFileSync('git', ['ls-files', '--', ...CHECKED], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch { /* no git binary: walk instead */ }
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (name === 'node_modules' || name === 'tmp' || name === 'results') continue;
      if (statSync(full).isDirectory()) walk(full); else out.push(relative(ROOT, full));
    }
  };
  for (const top of CHECKED) if (existsSync(join(ROOT, top))) walk(join(ROOT, top));
  return out;
}

describe('the repository is self-contained', () => {
  it('no file under test/, bench/, scripts/ or .ci/ reads outside the repository', () => {
    const files = projectFiles().filter((f) => TEXT.test(f));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => outsideReferences(ROOT, f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found.map((r) => `${r.file}:${r.line} ${r.why}: ${r.text}`)).toEqual([]);
  });

  it('catches the ways a file could reach outside, and leaves paths inside alone', () => {
    const up2 = ['..', '..'].join('/');
    const bad: Array<[string, string]> = [
      ['test/fixtures.ts', `export const F = resolve(__dirname, '${up2}/shared/x');`],
      // the call's name is spliced in so that this line is not itself a path call to the scan
      ['test/core/a.test.ts', `const d = ${'join'}(__dirname, '..', '..', '..', 'elsewhere');`],
      ['test/core/a.test.ts', `import x from '${up2}/${up2}/outside/thing';`],
      ['.ci/run', `cp -r ${up2}/x ./x`],
      ['scripts/a.mjs', `readFileSync('${['shared', 'fixtures'].join('/')}/a.json')`],
    ];
    for (const [file, text] of bad) expect(outsideReferences(ROOT, file, text), `${file}: ${text}`).toHaveLength(1);
    const fine: Array<[string, string]> = [
      ['test/renderer/a.test.ts', `import { API } from '${up2}/shared/api/contract';`],
      ['test/core/a.test.ts', `const FIX = resolve(__dirname, '../fixtures/dt');`],
      ['.ci/run', 'cd "$(dirname "$0")/.."'],
      ['bench/lib/build.mjs', "export const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');"],
    ];
    for (const [file, text] of fine) expect(outsideReferences(ROOT, file, text), `${file}: ${text}`).toEqual([]);
  });
});
