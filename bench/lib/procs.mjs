// Child processes for the benchmark: the serve harness (fork + IPC), plain spawns,
// free ports, polling until a receiver answers, and /proc memory figures.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { harness, rootDir } from './build.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** /proc/<pid>/status figures in MB (VmRSS, VmHWM = peak RSS). */
export function procMem(pid) {
  try {
    const t = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s*(\\d+)`).exec(t)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function procCpuMs(pid) {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time of a process's main thread only (its JS event loop; not workers or the libuv pool). */
export function mainThreadCpuMs(pid) {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(file) {
  try {
    const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/** One GET; resolves with the status code or null (refused, reset). */
export function getOnce(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => {
      req.destroy();
      resolve(null);
    });
  });
}

/** Polls every `everyMs` until a GET answers 200; returns ms since `since` (performance.now()). */
export async function waitForGet(url, since, { everyMs = 5, timeoutMs = 60_000, child } = {}) {
  for (;;) {
    if ((await getOnce(url, 500)) === 200) return performance.now() - since;
    if (child && child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before answering`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Starts the serve harness; resolves once it listens. `extraExecArgv` e.g. ['--cpu-prof']. */
export async function startHarness(opts, { execArgv = [], timeoutMs = 120_000 } = {}) {
  const child = fork(harness.serve, [JSON.stringify(opts)], { cwd: rootDir, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const waiting = new Map();
  child.on('message', (m) => {
    const w = waiting.get(m.cmd);
    if (w) {
      waiting.delete(m.cmd);
      w(m);
    }
  });
  child.on('exit', (code) => {
    for (const [cmd, w] of waiting) w({ cmd, failed: `harness exited (${code}) before ${cmd}\n${stderr}` });
    waiting.clear();
  });
  const expect = (cmd) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`harness: no ${cmd} within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    waiting.set(cmd, (m) => {
      clearTimeout(t);
      if (m.failed) reject(new Error(m.failed));
      else resolve(m);
    });
  });
  const ready = await expect('ready');
  const ask = (cmd, extra = {}) => {
    const p = expect(cmd);
    child.send({ cmd, ...extra });
    return p;
  };
  return {
    child, port: ready.port, url: `http://127.0.0.1:${ready.port}/`, startupMs: ready.startupMs, total: ready.total,
    ui: ready.uiPort ? { port: ready.uiPort, token: ready.uiToken } : undefined,
    reset: () => ask('reset'),
    stats: () => ask('stats'),
    forwardStatus: () => ask('forwardStatus'),
    profStart: () => ask('profStart'),
    gc: () => ask('gc'),
    profStop: (file) => ask('profStop', { file }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      const p = expect('stopped').catch(() => {});
      child.send({ cmd: 'stop' });
      await p;
      await exited;
    },
    stderr: () => stderr,
  };
}

/** Spawns a plain process (a baseline server, the CLI); resolves when `ready(stdoutSoFar)` is true. */
export function spawnProc(cmd, args, { env, cwd = rootDir } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return {
    child, exited,
    out: () => out, err: () => err,
    async kill(signal = 'SIGTERM', graceMs = 6000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return [];
  }
}
