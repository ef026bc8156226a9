// The parent's side of harness/ipc.ts: forks a bundled harness, `ask(cmd, args)` resolves with
// its answer (rejects with its error), `stop()` ends it (SIGKILL after a grace period).
import { fork } from 'node:child_process';
import { rootDir } from './build.mjs';

export async function forkHarness(file, { timeoutMs = 120_000, execArgv = [] } = {}) {
  const child = fork(file, [], { cwd: rootDir, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const waiting = new Map();
  let next = 0;
  child.on('message', (m) => {
    const w = waiting.get(m.id);
    if (w) {
      waiting.delete(m.id);
      w(m);
    }
  });
  const exited = new Promise((r) => child.once('exit', (code) => {
    for (const w of waiting.values()) w({ error: `harness exited (${code})\n${stderr}` });
    waiting.clear();
    r(code);
  }));
  const wait = (id, cmd, ms) => new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`${cmd}: no answer within ${ms} ms\n${stderr}`));
    }, ms);
    waiting.set(id, (m) => {
      clearTimeout(t);
      if (m.error !== undefined) reject(new Error(`${cmd}: ${m.error}`));
      else resolve(m.value);
    });
  });
  await wait(0, 'ready', timeoutMs);
  return {
    child, pid: child.pid, stderr: () => stderr,
    ask(cmd, args = {}, ms = timeoutMs) {
      if (child.exitCode !== null) return Promise.reject(new Error(`${cmd}: harness exited (${child.exitCode})\n${stderr}`));
      const id = ++next;
      const p = wait(id, cmd, ms);
      child.send({ id, cmd, args });
      return p;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const t = setTimeout(() => child.kill('SIGKILL'), 8_000);
      const id = ++next;
      wait(id, 'stop', 8_000).catch(() => {});
      child.send({ id, cmd: 'stop', args: {} });
      await exited;
      clearTimeout(t);
    },
  };
}
