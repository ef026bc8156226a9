/**
 * The request/answer loop of the bench's forked harnesses (fake-harness.ts, backfill-harness.ts):
 * the parent sends {id, cmd, args}, the harness answers {id, value} or {id, error}. `stop`
 * answers, then exits; `load` answers the process's CPU time so far and its event loop's idle
 * and active time (ms), for the parent to take differences. lib/ipc.mjs is the parent's side.
 */
import { performance } from 'node:perf_hooks';

type Handler = (args: any) => unknown;

export function serveIpc(handlers: Record<string, Handler>, onStop: () => Promise<void> = async () => {}): void {
  process.on('message', (m: { id: number; cmd: string; args?: unknown }) => {
    void (async () => {
      try {
        if (m.cmd === 'stop') {
          await onStop();
          process.send!({ id: m.id, value: null }, () => process.exit(0));
          return;
        }
        if (m.cmd === 'load') { // CPU time so far (ms, user + system, every thread) and the event loop's idle/active ms
          const u = process.cpuUsage();
          const { idle, active } = performance.eventLoopUtilization();
          process.send!({ id: m.id, value: { cpuMs: (u.user + u.system) / 1000, idle, active } });
          return;
        }
        const h = handlers[m.cmd];
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        process.send!({ id: m.id, value: (await h(m.args ?? {})) ?? null });
      } catch (e) {
        process.send!({ id: m.id, error: String((e as Error).stack ?? e) });
      }
    })();
  });
  process.send!({ id: 0, value: 'ready' });
}

/** ms since the epoch with sub-ms precision: comparable between the bench's processes */
export const epochMs = (): number => performance.timeOrigin + performance.now();
