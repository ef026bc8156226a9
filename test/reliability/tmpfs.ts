/**
 * A tiny tmpfs for real ENOSPC and EROFS (root ignores chmod, so permissions cannot fake them).
 * Needs root and CAP_SYS_ADMIN; where the mount is refused, `mountTmpfs` says why and the
 * caller skips with that reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  readOnly(on: boolean): void;
  unmount(): void;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

export function mountTmpfs(sizeKiB: number): Tmpfs | { refused: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ci-rel-tmpfs-'));
  try {
    if (process.platform !== 'linux') throw new Error(`tmpfs needs Linux (this is ${process.platform})`);
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    return { refused: `cannot mount a tmpfs (${stderr || (e as Error).message.split('\n')[0]})` };
  }
  let mounted = true;
  return {
    dir,
    readOnly: (on) => run('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir]),
    unmount: () => {
      if (!mounted) return;
      mounted = false;
      try {
        run('umount', [dir]);
      } catch {
        run('umount', ['-l', dir]); // still busy: detach now, freed when the last file closes
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
