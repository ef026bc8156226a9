import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ENCRYPTION_MESSAGE, openSettings, type SafeStorageLike } from '../../electron/shell/settings';
import { withPersistence } from '../../electron/shell/persisted-api';
import { ok, type InboxApi, type NotificationPrefs } from '../../shared/api/contract';
import { DEFAULT_NOTIFICATION_PREFS } from '../../electron/shell/notification-policy';

/** Reversible but not plain text, like the OS keychain's ciphertext. */
const safeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`),
  decryptString: (b) => {
    const s = b.toString();
    if (!s.startsWith('enc:')) throw new Error('bad ciphertext');
    return [...s.slice(4)].reverse().join('');
  },
});

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'ci-settings-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('round-trips settings and encrypted secrets; nothing secret in plain text', async () => {
    const s = await openSettings({ dir, safeStorage: safeStorage(), env: {} });
    expect(s.get()).toMatchObject({ receiverPort: 8080, tunnelAutoStart: false, retention: { maxEvents: 100_000 } });
    await s.update({ receiverPort: 9090, tunnelDomain: 'inbox.ngrok.app' });
    expect(await s.setSecrets(['s3cret-one', ' s3cret-two '])).toEqual(ok({ secretsConfigured: 2 }));
    expect(await s.setAuthtoken('2abcTOKENxyz')).toEqual(ok({ authtokenConfigured: true }));
    const file = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('s3cret');
    expect(file).not.toContain('TOKEN');
    expect(JSON.stringify(s.get())).not.toContain('enc:');

    const again = await openSettings({ dir, safeStorage: safeStorage(), env: {} });
    expect(again.get()).toMatchObject({ receiverPort: 9090, tunnelDomain: 'inbox.ngrok.app' });
    expect(again.secrets()).toEqual(['s3cret-one', 's3cret-two']);
    expect(again.authtoken()).toBe('2abcTOKENxyz');
    expect(again.warnings).toEqual([]);
  });

  it('refuses to store secrets without encryption, and the environment still works', async () => {
    const s = await openSettings({ dir, safeStorage: safeStorage(false), env: { CONNECTOR_INBOX_SECRET: 'from-env', NGROK_AUTHTOKEN: 'env-token' } });
    const r = await s.setSecrets(['plain']);
    expect(r).toEqual({ ok: false, error: NO_ENCRYPTION_MESSAGE });
    expect(NO_ENCRYPTION_MESSAGE).toMatch(/CONNECTOR_INBOX_SECRET/);
    expect((await s.setAuthtoken('tok')).ok).toBe(false);
    expect(s.secrets()).toEqual(['from-env']);
    expect(s.authtoken()).toBe('env-token');
    expect(await s.setSecrets([])).toEqual(ok({ secretsConfigured: 1 })); // clearing needs no encryption
    const files = await readdir(dir);
    const text = files.includes('settings.json') ? await readFile(join(dir, 'settings.json'), 'utf8') : '';
    expect(text).not.toContain('plain');
  });

  it('sets a corrupt file aside and starts from defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{"receiverPort": "not json');
    const s = await openSettings({ dir, safeStorage: safeStorage(), env: {}, now: () => 42 });
    expect(s.get().receiverPort).toBe(8080);
    expect(s.warnings[0]).toMatch(/moved to .*settings\.json\.corrupt-42/);
    expect(await readdir(dir)).toContain('settings.json.corrupt-42');
  });

  it('warns when stored secrets cannot be decrypted (keyring changed)', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ encrypted: { secrets: Buffer.from('garbage').toString('base64') } }));
    const s = await openSettings({ dir, safeStorage: safeStorage(), env: {} });
    expect(s.secrets()).toEqual([]);
    expect(s.warnings[0]).toMatch(/could not be decrypted/);
  });

  it('the desktop api saves before applying, and refuses as a whole when it cannot save', async () => {
    const applied: unknown[] = [];
    const base = {
      setSecrets: async (list: string[]) => (applied.push(list), ok({ secretsConfigured: list.length })),
      setTunnelConfig: async (c: object) => (applied.push(c), ok({ authtokenConfigured: true })),
      subscribe: () => () => undefined,
    } as unknown as InboxApi;
    const good = withPersistence(base, await openSettings({ dir, safeStorage: safeStorage(), env: { CONNECTOR_INBOX_SECRET: 'env' } }));
    expect(await good.setSecrets(['a'])).toEqual(ok({ secretsConfigured: 2 }));
    await good.setTunnelConfig({ authtoken: 'tok', domain: ' x.ngrok.app ' });
    expect(applied).toEqual([['a', 'env'], { authtoken: 'tok', domain: 'x.ngrok.app' }]);

    applied.length = 0;
    const dir2 = await mkdtemp(join(tmpdir(), 'ci-settings-'));
    const bad = withPersistence(base, await openSettings({ dir: dir2, safeStorage: safeStorage(false), env: {} }));
    expect((await bad.setSecrets(['a'])).ok).toBe(false);
    expect((await bad.setTunnelConfig({ authtoken: 'tok' })).ok).toBe(false);
    expect(applied).toEqual([]);
    await rm(dir2, { recursive: true, force: true });
  });

  it('notification choices from the Setup view are saved, applied at once, and kept across a restart', async () => {
    const applied: NotificationPrefs[] = [];
    const base = { subscribe: () => () => undefined } as unknown as InboxApi;
    const api = withPersistence(base, await openSettings({ dir, safeStorage: safeStorage(), env: {} }), (p) => applied.push(p));
    const before = await api.getNotificationPrefs();
    expect(before).toEqual(ok(DEFAULT_NOTIFICATION_PREFS));
    const mine: NotificationPrefs = { types: { touch: false, temperature: true }, maxPerMinute: 12, rejectedEveryMinutes: 30 };
    expect(await api.setNotificationPrefs(mine)).toEqual(ok(mine));
    expect(applied).toEqual([mine]);
    const again = withPersistence(base, await openSettings({ dir, safeStorage: safeStorage(), env: {} }));
    expect(await again.getNotificationPrefs()).toEqual(ok(mine));
  });
});
