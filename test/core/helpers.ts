/**
 * Helpers for the core tests: temp data directories, DT-like bodies built from the shared
 * fixtures, HTTP on 127.0.0.1, and the CLI bundle run as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { InboxService } from '../../electron/core/inbox-service';
import { eventFixtures } from '../fixtures';

export const REPO = resolve(__dirname, '../..');

const dirs: string[] = [];
/** A fresh directory under the OS temp dir; removed by `cleanupTempDirs`. */
export function tempDir(prefix = 'ci-core-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

const fixtures = eventFixtures();
let counter = 0;

export interface BodyOptions {
  type?: string;
  eventId?: string;
  deviceId?: string;
  projectId?: string;
  timestamp?: string;
  labels?: Record<string, string>;
}

/** A compact DT body of the given type, from the fixture, with its ids and time replaced. */
export function dtBody(o: BodyOptions = {}): { raw: string; eventId: string; deviceId: string; projectId: string; timestamp: string; type: string } {
  const type = o.type ?? 'temperature';
  const f = fixtures.get(type);
  if (!f) throw new Error(`no fixture for ${type}`);
  const body = structuredClone(f) as { event: Record<string, unknown>; labels: Record<string, string>; metadata: Record<string, string> };
  const eventId = o.eventId ?? `tcevt${process.pid}x${String(++counter).padStart(8, '0')}`;
  const projectId = o.projectId ?? 'tcprj00000000000000a';
  const deviceId = o.deviceId ?? (body.metadata.deviceId as string);
  const timestamp = o.timestamp ?? (body.event.timestamp as string);
  body.event.eventId = eventId;
  body.event.targetName = `projects/${projectId}/devices/${deviceId}`;
  body.event.timestamp = timestamp;
  const data = body.event.data as Record<string, Record<string, unknown>>;
  if (data[type] && typeof data[type] === 'object' && 'updateTime' in data[type]!) data[type]!.updateTime = timestamp;
  body.metadata = { ...body.metadata, deviceId, projectId };
  if (o.labels) body.labels = o.labels;
  return { raw: JSON.stringify(body), eventId, deviceId, projectId, timestamp, type };
}

export interface Reply {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

export async function post(url: string, body: string | Uint8Array, headers: Record<string, string> = {}, method = 'POST'): Promise<Reply> {
  const r = await fetch(url, { method, body: method === 'GET' || method === 'HEAD' ? undefined : body, headers, signal: AbortSignal.timeout(15_000) });
  const text = await r.text();
  let json: unknown = undefined;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, text, json, headers: r.headers };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 5_000, stepMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * Bundles the CLI (same esbuild options as scripts/build-node.mjs) into a private file
 * inside the repository, so that npm packages resolve and a concurrent build of dist/
 * (or a half-edited Electron entry elsewhere) cannot break or race this test file.
 */
export async function buildCli(): Promise<{ cli: string; remove: () => void }> {
  const { build } = await import('esbuild');
  const dir = join(REPO, 'dist', 'test-core');
  const cli = join(dir, `cli-${process.pid}-${Date.now()}.js`);
  await build({
    entryPoints: [join(REPO, 'electron/cli/main.ts')], outfile: cli, format: 'esm', bundle: true, platform: 'node',
    target: 'node20', packages: 'external', logLevel: 'error', absWorkingDir: REPO,
  });
  return { cli, remove: () => rmSync(cli, { force: true }) };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (bounded). */
export function runCli(cli: string, args: string[], timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONNECTOR_INBOX_SECRET: '' } });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`connector-inbox ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running, and wait for the exit */
  kill: () => Promise<void>;
}

const running = new Set<ChildProcess>();
/** Kills every serve child still running (afterEach/afterAll safety net). */
export async function killAllServes(): Promise<void> {
  await Promise.all([...running].map((c) => new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode !== null) return r();
    c.once('exit', () => r());
    c.kill('SIGKILL');
  })));
  running.clear();
}

/** Starts `serve --port 0` and resolves once it prints where it listens. */
export function startServe(cli: string, dataDir: string, extra: string[] = [], timeoutMs = 10_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir, '--quiet', ...extra], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONNECTOR_INBOX_SECRET: '' },
  });
  running.add(child);
  let out = '', err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => {
    running.delete(child);
    r({ code, signal });
  }));
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => { err += s; });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      // the banner's next line (the data directory) may come in a later chunk: wait for it
      if (m && /Data directory:.*\n/.test(out)) {
        clearTimeout(timer);
        resolvePromise({
          child, url: m[1]!, stdout: () => out, stderr: () => err, exited,
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/**
 * Per test file: the CLI is built once before its tests; afterwards every `serve` child is
 * killed, the build removed and the temp dirs cleaned. `path` is the built CLI.
 */
export function useBuiltCli(): { readonly path: string } {
  const state = { path: '', remove: () => {} };
  beforeAll(async () => {
    const b = await buildCli();
    state.path = b.cli;
    state.remove = b.remove;
  });
  afterAll(async () => {
    await killAllServes();
    state.remove();
    cleanupTempDirs();
  });
  return { get path() { return state.path; } };
}

/** Services a test creates go here; they are stopped (and serve children killed) after each test. */
export function stopAfterEach(): InboxService[] {
  const services: InboxService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.stop(2_000)));
    await killAllServes();
  });
  return services;
}

let arrivals = 0;
/** What the receiver hands the store for one accepted delivery (no HTTP): for store-level tests. */
export function storeArrival(o: { eventId?: string; deviceId?: string; path?: string } = {}): import('../../electron/core/store').Arrival {
  const n = ++arrivals;
  const eventId = o.eventId ?? `tcarrival${process.pid}x${String(n).padStart(6, '0')}`;
  const deviceId = o.deviceId ?? 'tcdevarrival';
  const timestamp = new Date(Date.UTC(2025, 2, 14, 10, 0, n % 60)).toISOString().replace('Z', '000Z');
  const raw = JSON.stringify({
    event: { eventId, targetName: `projects/tcprj/devices/${deviceId}`, eventType: 'temperature', data: { temperature: { value: 20 + (n % 5), updateTime: timestamp } }, timestamp },
    labels: { name: 'Fridge' }, metadata: { deviceId, projectId: 'tcprj', deviceType: 'temperature', productNumber: '' },
  });
  const receivedAt = new Date().toISOString();
  return {
    eventId, eventType: 'temperature', projectId: 'tcprj', deviceId, deviceType: 'temperature', deviceName: 'Fridge',
    labels: { name: 'Fridge' }, timestamp, receivedAt, signature: 'valid', warnings: [], knownType: true, summary: '20 °C', raw, source: 'connector',
    delivery: { receivedAt, path: o.path ?? '/', headers: { 'content-type': 'application/json' }, remoteAddress: '127.0.0.1', status: 200 },
  };
}
