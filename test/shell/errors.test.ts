/**
 * Core errors carry a code and facts; each entry point words the remedy for its users. The
 * desktop app never tells a user about a command-line flag; the CLI keeps naming its flags.
 */
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { CoreError, StorageError, type CoreErrorCode } from '../../electron/core/errors';
import { acquireLock } from '../../electron/core/store/dir-lock';
import { wordForDesktop } from '../../electron/shell/errors';
import { wordForCli } from '../../electron/cli/errors';

const where = { settingsPath: '/home/u/.config/Connector Inbox/settings.json' };
const FLAG = /(^|\s)--[a-z]/;
let busy: Server;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ci-errors-'));
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
});
afterAll(() => {
  busy.close();
  rmSync(dir, { recursive: true, force: true });
});

const samples: Record<CoreErrorCode, CoreError[]> = {
  port_in_use: [new CoreError('port_in_use', 'port 8080 on 127.0.0.1 is already in use', { port: 8080, host: '127.0.0.1' })],
  data_dir_unusable: [new CoreError('data_dir_unusable', 'cannot use /x as the data directory: ENOTDIR: not a directory', { dir: '/x' })],
  data_dir_busy: [
    new CoreError('data_dir_busy', 'the data directory is in use by another Connector Inbox (pid 42)', { lockFile: '/x/serve.lock', pid: 42 }),
    new CoreError('data_dir_busy', 'the data directory is already in use by this Connector Inbox', { lockFile: '/x/serve.lock', pid: null }),
    new CoreError('data_dir_busy', 'could not lock /x/serve.lock', { lockFile: '/x/serve.lock', pid: null, raced: true }),
  ],
  storage_unavailable: [new StorageError('cannot write to /x: ENOSPC no space left on device', { dir: '/x', cause: 'ENOSPC' })],
};

describe('core errors, worded by each entry point', () => {
  it.each(Object.entries(samples))('%s: the desktop wording names no command-line flag', (_code, errors) => {
    for (const e of errors) {
      const text = wordForDesktop(e, where);
      expect(text).not.toMatch(FLAG);
      expect(text.length).toBeGreaterThan(10);
    }
  });

  it('a taken receiver port: the desktop app points to its receiverPort setting, the CLI to --port', async () => {
    const port = (busy.address() as { port: number }).port;
    const e = await createInboxService({ dataDir: join(dir, 'data'), port, secrets: [], mode: 'desktop' }).then(() => null, (x: unknown) => x);
    expect(CoreError.is(e, 'port_in_use')).toBe(true);
    const desktop = wordForDesktop(e, where);
    expect(desktop).not.toMatch(FLAG);
    expect(desktop).toContain(`Port ${port} is already in use`);
    expect(desktop).toContain('"receiverPort"');
    expect(desktop).toContain(where.settingsPath);
    expect(wordForCli(e)).toBe(`port ${port} on 127.0.0.1 is already in use; choose another with --port`);
  });

  it('a data directory held by another process: no flag in the desktop wording, --data-dir in the CLI', async () => {
    const lock = join(dir, 'serve.lock');
    const release = await acquireLock(lock);
    const e = await acquireLock(lock).then(() => null, (x: unknown) => x);
    await release();
    expect(CoreError.is(e, 'data_dir_busy')).toBe(true);
    expect(wordForDesktop(e, where)).not.toMatch(FLAG);
    expect(wordForCli(e)).toBe('the data directory is already in use by this Connector Inbox; stop it first or choose another --data-dir');
  });

  it('any other error keeps its own message', () => {
    expect(wordForDesktop(new Error('boom'), where)).toBe('boom');
    expect(wordForCli(new Error('boom'))).toBe('boom');
  });
});
