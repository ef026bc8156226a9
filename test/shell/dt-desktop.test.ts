/**
 * DT Cloud in the desktop app, without Electron: the service account saved in settings (secret
 * encrypted, refused without encryption, never answered), the saved project followed, a
 * signature secret made and saved for the connector, SYSTEM_DISABLED in the tray and as a
 * notification whose click re-enables, and the quit disabling the connector. Against the fake
 * DT Cloud and the real inbox service; the tray model's DT state is checked as data.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSettings, type SafeStorageLike } from '../../electron/shell/settings';
import { withPersistence } from '../../electron/shell/persisted-api';
import { createDesktopDt, wireDtAlerts, withDtCredentials } from '../../electron/shell/dt-desktop';
import { dtAlert } from '../../electron/shell/dt-alerts';
import { desktopUrls, withPublicUrl } from '../../electron/shell/public-url';
import { trayView, type TrayInput } from '../../electron/shell/tray-model';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import type { TunnelController } from '../../electron/core/tunnel';
import type { TunnelStatus } from '../../shared/api/contract';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { until } from '../core/helpers';
import { appStatus } from './fixtures';

const safeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`),
  decryptString: (b) => Buffer.from([...b.toString().slice(4)].reverse().join('')).toString(),
});

describe('tray and notification for SYSTEM_DISABLED', () => {
  const input = (over: Partial<TrayInput> = {}): TrayInput => ({ status: appStatus({ state: 'online', url: 'https://a.ngrok.app' }), events: 0, rejected: 0, activity: false, pause: null, now: 0, ...over });
  it('the tray turns to error with a re-enable item only while DT has the connector SYSTEM_DISABLED', () => {
    const down = trayView(input({ dt: { connectorId: 'dc7', systemDisabled: true } }));
    expect(down.icon).toBe('error');
    expect(down.tooltip).toContain('DT connector SYSTEM_DISABLED');
    expect(down.menu[1]).toEqual({ label: 'DT disabled connector dc7 — re-enable', action: 'dtReenable' });
    const fine = trayView(input({ dt: { connectorId: 'dc7', systemDisabled: false } }));
    expect(fine.icon).toBe('online');
    expect(fine.menu.some((m) => m.action === 'dtReenable')).toBe(false);
  });
  it('notifies once, on the change to SYSTEM_DISABLED', () => {
    expect(dtAlert(undefined, { connectorId: 'dc7', systemDisabled: true })?.body).toMatch(/dc7 was set SYSTEM_DISABLED .* Click to re-enable it/);
    expect(dtAlert({ systemDisabled: true }, { connectorId: 'dc7', systemDisabled: true })).toBeUndefined();
    expect(dtAlert({ systemDisabled: true }, { connectorId: 'dc7', systemDisabled: false })).toBeUndefined();
  });
});

describe('desktop DT Cloud against the fake', () => {
  let fake: FakeDtCloud;
  let dir: string;
  const stops: Array<() => Promise<void>> = [];
  beforeAll(async () => { fake = await startFakeDtCloud({ delivery: { backoffMs: 20 } }); });
  afterAll(() => fake.close());
  afterEach(async () => {
    for (const s of stops.splice(0).reverse()) await s();
    await rm(dir, { recursive: true, force: true });
  });

  async function desktop(encryption = true) {
    dir = await mkdtemp(join(tmpdir(), 'ci-dtdesk-'));
    const { DT_API_URL, DT_EMULATOR_URL, DT_IDENTITY_URL } = fake.env;
    const env = { DT_API_URL, DT_EMULATOR_URL, DT_IDENTITY_URL };
    const settings = await openSettings({ dir, safeStorage: safeStorage(encryption), env });
    let url: string | undefined;
    const listeners = new Set<(s: TunnelStatus) => void>();
    const status = (): TunnelStatus => (url ? { state: 'online', url } : { state: 'off' });
    const tunnel = { status, onStatus: (l: (s: TunnelStatus) => void) => { listeners.add(l); return () => listeners.delete(l); } } as unknown as TunnelController;
    const logs: string[] = [];
    let setSecrets: ((s: string[]) => ReturnType<InboxService['api']['setSecrets']>) | undefined;
    const urls = desktopUrls(settings, () => tunnel);
    const dt = createDesktopDt({ settings, tunnel, urls, env, log: (l) => logs.push(l), setSecrets: (s) => setSecrets!(s) });
    const service = await createInboxService({ dataDir: join(dir, 'data'), port: 0, secrets: settings.secrets(), mode: 'desktop', dtCloud: dt });
    const persisted = withPersistence(service.api, settings);
    setSecrets = persisted.setSecrets;
    const api = withPublicUrl(withDtCredentials(persisted, settings, dt), settings, urls);
    url = service.receiverUrl;
    for (const l of listeners) l(status());
    stops.push(() => service.stop(2_000), () => dt.stop(2_000));
    return { api, dt, settings, service, logs };
  }

  it('credentials saved encrypted, project followed with a saved secret, SYSTEM_DISABLED reported and re-enabled in one click, quit disables', async () => {
    const { api, dt, settings, service, logs } = await desktop();
    expect(await api.getDtCloud()).toMatchObject({ ok: true, value: { configured: false, credentials: null, canSetCredentials: true, hint: expect.stringMatching(/enter the service account/) } });
    expect(await api.dtSetCredentials({ keyId: fake.account.keyId, email: fake.account.email })).toMatchObject({ ok: false, error: expect.stringMatching(/key secret is needed/) });
    const saved = await api.dtSetCredentials({ keyId: fake.account.keyId, email: fake.account.email, secret: fake.account.secret });
    expect(saved).toEqual({ ok: true, value: { keyId: fake.account.keyId, email: fake.account.email, source: 'settings' } });

    const tray: Array<{ systemDisabled: boolean } | null> = [];
    const notes: Array<{ body: string; click: () => void }> = [];
    wireDtAlerts({ dt, api, log: () => {}, tray: { update: (p) => tray.push(p.dt) }, notify: (_t, body, click) => notes.push({ body, click }) });

    const connected = await api.dtConnect({ project: 'prj-dev' });
    expect(connected).toMatchObject({ ok: true, value: { configured: true, follower: { state: 'active', url: service.receiverUrl } } });
    expect(settings.get().dt).toMatchObject({ project: 'prj-dev', keyId: fake.account.keyId });
    const [made] = settings.secrets();
    expect(made).toMatch(/^[\w-]{43}$/);
    const conn = fake.connectorsOf('prj-dev')[0]!;
    expect(conn.httpConfig!.signatureSecret).toBe(made);

    // an emulated event is verified with the secret made for the connector
    expect((await api.dtEmulate({ project: 'prj-dev', type: 'touch', count: 1 })).ok).toBe(true);
    await fake.idle();
    await until(() => (service.store.summaries[0]?.signature === 'valid' ? true : undefined), 'a verified event', 5_000);

    conn.status = 'SYSTEM_DISABLED';
    await api.dtRefresh(); // a refresh of the table (the service's schedule, or Refresh) reads the connector and the follower learns it
    expect(tray.at(-1)).toMatchObject({ systemDisabled: true });
    expect(notes).toHaveLength(1);
    notes[0]!.click();
    await until(() => (conn.status === 'ACTIVE' ? true : undefined), 'the connector ACTIVE again', 5_000);
    await until(() => (tray.at(-1)?.systemDisabled === false ? true : undefined), 'the tray back to normal', 5_000);

    const file = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain(fake.account.secret);
    expect(file).not.toContain(made);
    const all = JSON.stringify([saved, connected, await api.getDtCloud(), logs]);
    expect(all).not.toContain(fake.account.secret);
    expect(all).not.toContain(made);

    await dt.stop(3_000);
    expect(conn.status).toBe('USER_DISABLED');
  });

  it('Setup\'s public URL: https only with a clear error, saved, followed instead of the tunnel\'s; cleared, the tunnel\'s again', async () => {
    const { api, service } = await desktop();
    await api.dtSetCredentials({ keyId: fake.account.keyId, email: fake.account.email, secret: fake.account.secret });
    expect(await api.dtConnect({ project: 'prj-dev' })).toMatchObject({ ok: true, value: { follower: { state: 'active', url: service.receiverUrl } } });
    const ours = () => fake.connectorsOf('prj-dev').find((c) => c.displayName === 'Connector Inbox (test)') ?? fake.connectorsOf('prj-dev')[0]!;
    const tunnelUrl = ours().httpConfig!.url;
    expect(await api.getPublicUrl()).toEqual({ ok: true, value: { publicUrl: null } });

    expect(await api.setPublicUrl('http://inbox.example.com/')).toMatchObject({ ok: false, error: expect.stringMatching(/must start with https:\/\/.*only over HTTPS/) });
    expect(await api.setPublicUrl('inbox.example.com')).toMatchObject({ ok: false, error: expect.stringMatching(/is not a URL/) });
    expect(await api.getPublicUrl()).toEqual({ ok: true, value: { publicUrl: null } }); // nothing saved
    expect(ours().httpConfig!.url).toBe(tunnelUrl);

    const mine = 'https://inbox.example.com/dt';
    expect(await api.setPublicUrl(` ${mine} `)).toEqual({ ok: true, value: { publicUrl: mine } });
    await until(() => (ours().httpConfig!.url === mine ? true : undefined), 'the connector on the saved URL', 5_000);
    expect((await openSettings({ dir, safeStorage: safeStorage() })).get().publicUrl).toBe(mine); // saved for the next start
    expect(await api.getDtCloud()).toMatchObject({ ok: true, value: { follower: { url: mine } } });

    expect(await api.setPublicUrl('')).toEqual({ ok: true, value: { publicUrl: null } });
    await until(() => (ours().httpConfig!.url === tunnelUrl ? true : undefined), 'the connector back on the tunnel\'s URL', 5_000);
    expect(await api.getPublicUrl()).toEqual({ ok: true, value: { publicUrl: null } });
  });

  it('refuses to save the key secret without encryption, and saves nothing', async () => {
    const { api, settings } = await desktop(false);
    const r = await api.dtSetCredentials({ keyId: 'k1', email: 'a@b.example', secret: 'plain-secret' });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/no encrypted storage.*DT_SERVICE_ACCOUNT_SECRET/) });
    expect(settings.dtAccount()).toBeUndefined();
    expect(await readFile(join(dir, 'settings.json'), 'utf8').catch(() => '')).not.toContain('plain-secret');
  });
});
