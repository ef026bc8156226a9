/**
 * One writer per data directory. A pid file, not a timed lease: after a crash (kill -9)
 * the next start sees the pid is gone and takes over at once.
 */
import { open, readFile, unlink } from 'node:fs/promises';

export class DataDirBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await unlink(file).catch(() => {});
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new DataDirBusyError(`the data directory is in use by another Connector Inbox (pid ${pid}); stop it or choose another --data-dir`);
      }
      await unlink(file).catch(() => {}); // stale: its process is gone
    }
  }
  throw new DataDirBusyError(`could not lock ${file}`);
}
