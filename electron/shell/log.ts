/**
 * One log file in the OS log folder, bounded: at start-up a file over the limit becomes
 * `<name>.1` (replacing the previous one), so at most two files of about `maxBytes` exist.
 * Writes are synchronous: the app logs transitions and failures, not every event, and a
 * synchronous file survives a crash or app.exit() without a flush race.
 */
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export interface AppLog {
  logger: Logger;
  path: string;
  /** a plain `(line) => void` for modules that only need one */
  line: (text: string) => void;
  flush(): Promise<void>;
}

export function rotateIfLarge(path: string, maxBytes: number): boolean {
  try {
    if (statSync(path).size <= maxBytes) return false;
    renameSync(path, `${path}.1`);
    return true;
  } catch {
    return false; // no file yet
  }
}

export function openLog(dir: string, opts: { maxBytes?: number; name?: string; level?: string } = {}): AppLog {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, opts.name ?? 'connector-inbox.log');
  rotateIfLarge(path, opts.maxBytes ?? 5 * 1024 * 1024);
  const destination = pino.destination({ dest: path, sync: true, mkdir: true });
  const logger = pino({ level: opts.level ?? 'info', base: undefined }, destination);
  return {
    logger,
    path,
    line: (text) => logger.info(text),
    flush: () =>
      new Promise<void>((resolve) => {
        try {
          destination.flushSync();
        } catch {
          // not ready yet (nothing written): nothing to flush
        }
        resolve();
      }),
  };
}
