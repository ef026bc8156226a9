/**
 * Packs the unpacked Linux app with electron-builder, offline: a stand-in "Electron" folder
 * (a script with the fuse sentinel in it, so the fuse step has something real to flip) replaces
 * the download, and dependencies are not rebuilt. Then the asar and the fuses are inspected.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(p: string, o?: object): string[]; extractFile(p: string, f: string): Buffer };

const root = process.cwd();
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses looks for this in the binary
// Electron's defaults for the first 8 fuses, as ASCII '0'/'1'
const DEFAULT_WIRE = '10110001';
const FUSE_NAMES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar'];

let work: string;
let appDir: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ci-pack-'));
  const fake = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', fake]);
  writeFileSync(join(fake, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in electron\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(DEFAULT_WIRE)]), { mode: 0o755 });
  writeFileSync(join(fake, 'version'), '45.5.0');
  // Our bundles are cheap to rebuild; the renderer is built only when missing.
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: root, stdio: 'pipe' });
  if (!existsSync(join(root, 'dist/renderer/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'pipe' });
  const out = join(work, 'out');
  const started = Date.now();
  execFileSync(
    'npx',
    ['electron-builder', '--linux', 'dir', '--publish', 'never', `-c.electronDist=${fake}`, `-c.directories.output=${out}`, '-c.npmRebuild=false'],
    { cwd: root, stdio: 'pipe', timeout: 90_000, env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  console.log(`electron-builder --linux dir took ${Date.now() - started} ms`);
  appDir = join(out, 'linux-unpacked');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged Linux app (unpacked dir)', () => {
  it('app.asar holds main, preload, the renderer, the tray icons and production dependencies only', () => {
    const files = asar.listPackage(join(appDir, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    for (const f of ['/package.json', '/dist/main.js', '/dist/preload.cjs', '/dist/renderer/index.html', '/build/icons/tray-idle-32.png', '/build/icons/trayTemplate@2x.png', '/node_modules/@ngrok/ngrok/index.js', '/node_modules/lowdb/package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    // the CLI's commands load from dist/cli-chunks (scripts/build-node.mjs): without them `dist/cli.js` fails on every command
    expect(files).toContain('/dist/cli.js');
    expect(files.some((f) => f.startsWith('/dist/cli-chunks/') && f.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => f.startsWith('/dist/') && f.endsWith('.map'))).toEqual([]); // our source maps stay out
    expect(files.filter((f) => /^\/(electron|test|shared|renderer|scripts)\//.test(f))).toEqual([]); // no sources
    expect(files.filter((f) => /^\/node_modules\/(electron|electron-builder|vitest|vite|typescript)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(asar.extractFile(join(appDir, 'resources/app.asar'), 'package.json').toString());
    expect(pkg.main).toBe('dist/main.js');
  });

  it('the ngrok native module is unpacked next to the asar', () => {
    const node = join(appDir, 'resources/app.asar.unpacked/node_modules/@ngrok/ngrok-linux-x64-gnu/ngrok.linux-x64-gnu.node');
    expect(existsSync(node), node).toBe(true);
  });

  it('the fuses are flipped in the executable', () => {
    const bin = readFileSync(join(appDir, 'connector-inbox'));
    const at = bin.indexOf(SENTINEL) + SENTINEL.length;
    const wire = bin.subarray(at + 2, at + 2 + 6).toString();
    const fuses = Object.fromEntries(FUSE_NAMES.map((n, i) => [n, wire[i] === '1']));
    expect(fuses).toEqual({
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true,
    });
  });
});
