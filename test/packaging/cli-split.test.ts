/**
 * dist/cli.js loads only the command it runs (electron/cli/commands/index.ts): `export` must
 * not load the server's packages. Which packages a run loads is recorded by a resolve hook
 * preloaded with --import (loaded-packages.mjs). Needs `npm run build:node`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const cli = join(root, 'dist/cli.js');
const work = mkdtempSync(join(tmpdir(), 'ci-split-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function packagesLoaded(args: string[]): string[] {
  const out = join(work, `packages-${Math.random().toString(36).slice(2)}.txt`);
  execFileSync(process.execPath, ['--import', join(root, 'test/packaging/loaded-packages.mjs'), cli, ...args],
    { env: { ...process.env, LOADED_PACKAGES_OUT: out }, stdio: 'pipe' });
  return [...new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean))];
}

describe('the CLI loads only the command it runs', () => {
  it('export loads neither express, fast-jwt, zod nor ngrok', () => {
    mkdirSync(join(work, 'data'));
    const loaded = packagesLoaded(['export', '--data-dir', join(work, 'data'), '--out', join(work, 'x.json')]);
    expect(loaded).toContain('commander'); // the hook did see the run's packages
    for (const heavy of ['express', 'fast-jwt', 'zod', '@ngrok/ngrok']) expect(loaded).not.toContain(heavy);
    expect(JSON.parse(readFileSync(join(work, 'x.json'), 'utf8')).events).toEqual([]);
  });

  it('serve --help still loads the server, and --help lists every command', () => {
    expect(packagesLoaded(['serve', '--help'])).toContain('express');
    const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    for (const c of ['serve', 'export', 'send', 'check', 'replay', 'import', 'open', 'dt']) expect(help).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('a misspelt command is still worded by commander', () => {
    let stderr = '';
    try { execFileSync(process.execPath, [cli, 'exprot'], { stdio: 'pipe' }); } catch (e) { stderr = String((e as { stderr: Buffer }).stderr); }
    expect(stderr).toMatch(/unknown command 'exprot'/);
  });
});
