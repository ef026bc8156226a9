/**
 * SIGINT / SIGTERM for the commands that run until stopped (serve, open): the first signal runs
 * `stop` within a 5 s deadline and resolves after it; a second one exits at once (130).
 */
import { INTERRUPTED_EXIT_CODE } from './interrupt';

const DEADLINE_MS = 5_000;

export interface SignalStop {
  /** what the first signal prints after "SIGINT: " */
  stopping: string;
  /** printed once `stop` is done */
  stopped: string;
  stop(): Promise<unknown>;
}

export function stopOnSignals(how: SignalStop): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(INTERRUPTED_EXIT_CODE);
      stopping = true;
      process.stderr.write(`\n${signal}: ${how.stopping}\n`);
      const hard = setTimeout(() => {
        process.stderr.write('did not stop within 5 s; exiting\n');
        process.exit(1);
      }, DEADLINE_MS);
      how.stop().then(() => {
        clearTimeout(hard);
        process.stderr.write(`${how.stopped}\n`);
        resolve();
      }, (e) => {
        process.stderr.write(`stop failed: ${(e as Error).message}\n`);
        process.exit(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
