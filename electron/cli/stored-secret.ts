/**
 * The signature secret `dt connect` generates when the inbox has none, kept where `serve`
 * finds it. The CLI has no OS keychain (the desktop app uses safeStorage), so it is a file
 * in the data directory readable only by the user (0600), written atomically; it never
 * leaves this machine except in the connector's configuration at DT.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newSignatureSecret } from '../core/signature-secret';
import { secretsFrom } from './options';

export const secretFile = (dataDir: string) => join(dataDir, 'signature-secret');

export async function readStoredSecret(dataDir: string): Promise<string | undefined> {
  try {
    const s = (await readFile(secretFile(dataDir), 'utf8')).trim();
    return s || undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the stored signature secret ${secretFile(dataDir)}: ${(e as Error).message}`);
  }
}

export async function storeSecret(dataDir: string, secret: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = secretFile(dataDir);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${secret}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600); // an umask cannot widen it, but a pre-existing tmp could have other bits
  await rename(tmp, path);
  return path;
}

/** The inbox's secret: --secret, else $CONNECTOR_INBOX_SECRET (its first), else the stored one, else a new stored one. */
export async function inboxSecret(flags: { secret?: string; dataDir: string }): Promise<{ secret: string; source: string; storedAt?: string }> {
  const given = secretsFrom(flags.secret ? [flags.secret] : undefined);
  if (given.length) return { secret: given[0]!, source: flags.secret ? '--secret' : 'CONNECTOR_INBOX_SECRET' };
  const stored = await readStoredSecret(flags.dataDir);
  if (stored) return { secret: stored, source: 'stored' };
  const secret = newSignatureSecret();
  return { secret, source: 'generated', storedAt: await storeSecret(flags.dataDir, secret) };
}
