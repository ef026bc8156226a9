/**
 * One writer per data directory. A pid file, not a timed lease: after a crash (kill -9)
 * the next start sees the pid is gone and takes over at once.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CoreError } from '../errors';
import { paths } from './disk-format';

/** Locks held by this process: its own pid in the file does not tell them from a stale one. */
const held = new Set<string>();

/** A start that has created the file but not yet written its pid; a crash there leaves it empty. */
const EMPTY_GRACE_MS = 1_000;

/** A process with this pid exists (EPERM: it does, owned by someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(file: string): Promise<string | null> {
  return readFile(file, 'utf8').then((t) => t.trim(), () => null);
}

/** Takes the data directory for this process (one writer); resolves with its release. @throws CoreError data_dir_busy */
export function lockDataDir(dir: string): Promise<() => Promise<void>> {
  return acquireLock(paths(dir).lock);
}

/** `emptyGraceMs`: how long an empty lock file (another start between creating it and writing its pid) is waited for. */
export async function acquireLock(file: string, emptyGraceMs = EMPTY_GRACE_MS): Promise<() => Promise<void>> {
  const key = resolve(file);
  if (held.has(key)) {
    throw new CoreError('data_dir_busy', 'the data directory is already in use by this Connector Inbox', { lockFile: file, pid: null });
  }
  held.add(key); // reserved before any await: a concurrent call in this process sees it
  try {
    await takeLock(file, emptyGraceMs);
  } catch (e) {
    held.delete(key);
    throw e;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    held.delete(key);
    await unlink(file).catch(() => {});
  };
}

async function takeLock(file: string, emptyGraceMs: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(String(process.pid));
      } catch (e) {
        await fh.close().catch(() => {});
        await unlink(file).catch(() => {});
        throw e;
      }
      await fh.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text = await readPid(file);
      // Another start may be between creating the file and writing its pid: give it a moment.
      for (const deadline = Date.now() + emptyGraceMs; text === '' && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 20));
        text = await readPid(file);
      }
      if (text === null) continue; // gone meanwhile: try again
      const pid = Number(text);
      if (pid && pid !== process.pid && alive(pid)) {
        throw new CoreError('data_dir_busy', `the data directory is in use by another Connector Inbox (pid ${pid})`, { lockFile: file, pid });
      }
      await unlink(file).catch(() => {}); // stale: its process is gone (or an earlier run with our pid)
    }
  }
  throw new CoreError('data_dir_busy', `could not lock ${file}`, { lockFile: file, pid: null, raced: true });
}
