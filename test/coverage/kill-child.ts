/**
 * The child process the kill -9 tests SIGKILL: it uses the real modules (bundled by esbuild,
 * since Node 20 cannot run TypeScript) and prints a line once each write has resolved, so the
 * parent knows exactly what was acknowledged before the kill.
 *
 *   append <file>      appends numbered records forever, printing "ack <seq>" after each
 *   coverage <dir> <beatMs>   opens a connector span for "prj-kill", prints "open <at>", then idles
 */
import { openAppendLog } from '../../electron/core/health-log/append-log';
import { openCoverageLog } from '../../electron/core/coverage';

const [mode, target, arg] = process.argv.slice(2);

async function appendForever(file: string): Promise<void> {
  const log = await openAppendLog(file, { parse: (v) => v });
  for (let seq = 0; ; seq++) {
    // lines of varying length (up to 20 KB). A kill here almost never tears a line (the write
    // reaches the page cache in one syscall); torn tails are tested directly in append-log.test.ts
    const pad = 'x'.repeat((seq * 7919) % 20_000);
    await log.append({ seq, pad }, { sync: seq % 3 === 0 });
    process.stdout.write(`ack ${seq}\n`);
  }
}

async function coverSpan(dir: string, beatMs: number): Promise<void> {
  const log = await openCoverageLog(dir, { beatMs });
  const at = Date.now();
  await log.open('prj-kill', 'connector', at);
  process.stdout.write(`open ${at}\n`);
  setInterval(() => undefined, 1_000); // the heartbeat timer is unref'd: keep the process alive
}

if (mode === 'append' && target) void appendForever(target);
else if (mode === 'coverage' && target) void coverSpan(target, Number(arg));
else {
  process.stderr.write(`usage: kill-child append <file> | coverage <dir> <beatMs>\n`);
  process.exit(2);
}
