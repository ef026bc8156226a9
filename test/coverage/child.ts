/**
 * Runs kill-child.ts as a real process that the test can SIGKILL: bundled once per test file
 * with esbuild (a devDependency) into a temp .mjs, because Node 20 cannot run TypeScript and
 * no TS runner is installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tempDir } from '../core/helpers';

export async function bundleChild(): Promise<string> {
  const outfile = join(tempDir('ci-cov-child-'), 'kill-child.mjs');
  await build({ entryPoints: [join(__dirname, 'kill-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent' });
  return outfile;
}

export interface Child {
  proc: ChildProcess;
  /** the lines printed so far */
  lines: string[];
  /** resolves with the first printed line matching `re` */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL, resolved once the process is gone and all it printed has been read */
  kill9(): Promise<void>;
}

export function startChild(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  // 'close', not 'exit': the lines printed just before the kill are still in the pipe at exit
  const exited = new Promise<void>((r) => proc.once('close', () => r()));
  return {
    proc,
    lines,
    waitFor(re, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child printed no ${re} in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const hit = lines.find((l) => re.test(l));
          if (hit !== undefined) { clearTimeout(timer); resolve(hit); } else waiters.push(check);
        };
        check();
      });
    },
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
