/**
 * How a CLI command reaches the `serve` that holds a data directory (one writer per
 * directory): serve writes control.json beside its lock, readable only by the user, with its
 * pid and the loopback API's port and per-launch token; `import` and `dt backfill` then ask
 * the running serve to do the work through the same contract the inspector uses, instead of
 * failing on the lock. The file is removed at a clean stop; a stale one (pid gone) is ignored.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiMethod, Result } from '../../../shared/api/contract';
import { alive } from '../store/dir-lock';

const FORMAT = 'connector-inbox-control/1';
const controlPath = (dir: string) => join(dir, 'control.json');

interface ControlData {
  format: typeof FORMAT;
  pid: number;
  port: number;
  token: string;
}

export async function writeControlFile(dir: string, port: number, token: string): Promise<() => Promise<void>> {
  const file = controlPath(dir);
  await unlink(file).catch(() => undefined);
  // created 0600 from the start: the token is as good as the inspector's URL
  const fh = await open(file, 'wx', 0o600);
  try {
    await fh.writeFile(JSON.stringify({ format: FORMAT, pid: process.pid, port, token } satisfies ControlData));
  } finally {
    await fh.close();
  }
  return () => unlink(file).catch(() => undefined);
}

export interface RunningServe {
  pid: number;
  call<T>(method: ApiMethod, args: unknown[], timeoutMs: number): Promise<Result<T>>;
}

/** The serve running on `dir`, if one is (its control file is there and its pid alive). */
export async function runningServe(dir: string): Promise<RunningServe | undefined> {
  let data: ControlData;
  try {
    data = JSON.parse(await readFile(controlPath(dir), 'utf8')) as ControlData;
  } catch {
    return undefined;
  }
  if (data?.format !== FORMAT || !Number.isInteger(data.pid) || !Number.isInteger(data.port) || typeof data.token !== 'string') return undefined;
  if (data.pid === process.pid || !alive(data.pid)) return undefined;
  return {
    pid: data.pid,
    async call<T>(method: ApiMethod, args: unknown[], timeoutMs: number): Promise<Result<T>> {
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${data.port}/api/${method}`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${data.token}` },
          body: JSON.stringify(args), signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        const why = (e as Error).name === 'TimeoutError' ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : (e as Error).message;
        return { ok: false, error: `the serve running on this data directory (pid ${data.pid}) ${why}` };
      }
      const body = (await res.json().catch(() => null)) as Result<T> | null;
      return body && typeof body === 'object' && 'ok' in body ? body : { ok: false, error: `the running serve answered ${res.status}` };
    },
  };
}
