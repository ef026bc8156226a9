/**
 * Opens one lowdb file of the data directory. A file that cannot be read as what it
 * should be is never overwritten: it is moved to corrupt/ (kept, not deleted) and the
 * caller starts from the default, with a loud warning. Read-only callers (export from
 * another process) only report it.
 */
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { CorruptFileError, DurableJsonFile } from './durable-json-file';

export interface OpenContext {
  corruptDir: string;
  readOnly: boolean;
  warnings: string[];
}

export async function setAside(file: string, ctx: OpenContext, why: string): Promise<string> {
  await mkdir(ctx.corruptDir, { recursive: true });
  const target = join(ctx.corruptDir, `${basename(file)}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await rename(file, target);
  ctx.warnings.push(`${why} — kept aside as ${target}`);
  return target;
}

export async function openJsonFile<T>(
  file: string,
  check: (d: unknown) => string | null,
  defaults: () => T,
  ctx: OpenContext,
  serialize?: (data: T) => string,
): Promise<{ db: Low<T>; adapter: DurableJsonFile<T>; corrupt: boolean }> {
  const adapter = new DurableJsonFile<T>(file, check, serialize);
  const db = new Low<T>(adapter, defaults());
  try {
    await db.read();
    return { db, adapter, corrupt: false };
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    if (ctx.readOnly) ctx.warnings.push(`${e.message} — skipped`);
    else await setAside(file, ctx, `Corrupt file ${e.message}`);
    db.data = defaults();
    return { db, adapter, corrupt: true };
  }
}
