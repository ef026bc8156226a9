/**
 * Forwarding set from the desktop app's Setup view, through the IPC handlers, over the real
 * service forwarding to a real target on 127.0.0.1: saved in settings.json with the secret only
 * encrypted, never answered back, applied at once, and applied again at the next start.
 */
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelFor, type InboxApi } from '../../shared/api/contract';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { registerIpc, type InvokeEventLike } from '../../electron/shell/ipc';
import { applySavedForwarding, withPersistence } from '../../electron/shell/persisted-api';
import { NO_ENCRYPTION_FORWARD_MESSAGE, openSettings, type SafeStorageLike } from '../../electron/shell/settings';
import { dtBody, post, until } from '../core/helpers';
import { startTarget, type Target } from '../forward/target';

const SECRET = 'dt-secret';
const FORWARD_SECRET = 'fwd-Secret-7c1d';
const PAGE = pathToFileURL('/app/index.html').href;

const safeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`),
  decryptString: (b) => [...b.toString().slice(4)].reverse().join(''),
});

let dir: string;
let target: Target;
let services: InboxService[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ci-fwd-settings-'));
  await mkdir(join(dir, 'app')); // Electron's userData folder exists before settings are opened
  target = await startTarget(() => 200);
});
afterEach(async () => {
  for (const s of services) await s.stop();
  services = [];
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

/** The desktop app's wiring, as main.ts does it: settings, the service, the persisted api, IPC. */
async function desktop(available = true) {
  const settings = await openSettings({ dir: join(dir, 'app'), safeStorage: safeStorage(available), env: {} });
  const service = await createInboxService({ dataDir: join(dir, 'data'), port: 0, secrets: [SECRET], mode: 'desktop' });
  services.push(service);
  const api = withPersistence(service.api, settings);
  const problem = await applySavedForwarding(service.api, settings);
  const handlers = new Map<string, (e: InvokeEventLike, ...a: unknown[]) => unknown>();
  registerIpc({ ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: () => undefined }, api, isAppPage: (u) => u === PAGE });
  const invoke = (method: keyof InboxApi, ...args: unknown[]) => handlers.get(channelFor(method as never))!({ senderFrame: { url: PAGE } }, ...args) as Promise<{ ok: boolean; value?: unknown; error?: string }>;
  return { settings, service, invoke, problem };
}

async function deliver(s: InboxService) {
  const b = dtBody({ timestamp: new Date().toISOString() });
  expect((await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) })).status).toBe(200);
  return b.eventId;
}

const signedWith = (token: string, secret: string) => {
  const [h, p, sig] = token.split('.');
  return sig === createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
};

describe('forwarding settings in the desktop app', () => {
  it('saves them with the secret encrypted, never answers the secret, forwards re-signed at once and after a restart', async () => {
    const a = await desktop();
    const r = await a.invoke('setForwarding', { enabled: true, url: target.url, secret: FORWARD_SECRET, types: [], headers: { Authorization: 'Bearer team-token' } });
    expect(r).toEqual({ ok: true, value: { enabled: true, url: target.url, secretConfigured: true, types: [], headers: { Authorization: 'Bearer team-token' } } });

    const file = await readFile(join(dir, 'app', 'settings.json'), 'utf8');
    expect(file).not.toContain(FORWARD_SECRET);
    expect(JSON.parse(file)).toMatchObject({ forward: { enabled: true, url: target.url, types: [], headers: { Authorization: 'Bearer team-token' } }, encrypted: { forwardSecret: expect.any(String) } });
    const answers = JSON.stringify([await a.invoke('getForwarding'), await a.invoke('getStatus'), a.settings.get()]);
    expect(answers).not.toContain(FORWARD_SECRET);

    const first = await deliver(a.service);
    await until(() => target.received.find((x) => x.eventId === first), 'the forwarded delivery');
    const got = target.received.find((x) => x.eventId === first)!;
    expect(signedWith(String(got.headers['x-dt-signature']), FORWARD_SECRET)).toBe(true);
    expect(got.headers.authorization).toBe('Bearer team-token');
    await a.service.stop();

    // the next start applies what was saved, secret included
    const b = await desktop();
    expect(b.problem).toBe(null);
    expect(await b.invoke('getForwarding')).toMatchObject({ ok: true, value: { config: { enabled: true, url: target.url, secretConfigured: true } } });
    const second = await deliver(b.service);
    await until(() => target.received.find((x) => x.eventId === second), 'the delivery after a restart');
    expect(signedWith(String(target.received.find((x) => x.eventId === second)!.headers['x-dt-signature']), FORWARD_SECRET)).toBe(true);

    // secret absent keeps it; null clears it (DT's own signature is passed on), and the file follows
    expect(await b.invoke('setForwarding', { enabled: true, url: target.url, types: ['touch'], headers: {} })).toMatchObject({ ok: true, value: { secretConfigured: true } });
    expect(await b.invoke('setForwarding', { enabled: false, url: target.url, secret: null, types: [], headers: {} })).toMatchObject({ ok: true, value: { enabled: false, secretConfigured: false } });
    expect(JSON.parse(await readFile(join(dir, 'app', 'settings.json'), 'utf8')).encrypted.forwardSecret).toBeUndefined();
    expect((await b.invoke('getStatus')).value).toMatchObject({ forward: null });
  });

  it('refuses to keep a forward secret without encryption, and changes nothing; without a secret it saves', async () => {
    const a = await desktop(false);
    const r = await a.invoke('setForwarding', { enabled: true, url: target.url, secret: FORWARD_SECRET, types: [], headers: {} });
    expect(r).toEqual({ ok: false, error: NO_ENCRYPTION_FORWARD_MESSAGE });
    expect(NO_ENCRYPTION_FORWARD_MESSAGE).toMatch(/no encrypted storage/);
    expect(await a.invoke('getForwarding')).toEqual({ ok: true, value: { config: null, status: null } });
    const text = await readFile(join(dir, 'app', 'settings.json'), 'utf8').catch(() => '');
    expect(text).not.toContain(FORWARD_SECRET);
    expect(await a.invoke('setForwarding', { enabled: true, url: target.url, types: [], headers: {} })).toMatchObject({ ok: true, value: { enabled: true, secretConfigured: false } });
  });

  it('a bad header from the renderer is refused by the handler with what is wrong', async () => {
    const a = await desktop();
    const r = await a.invoke('setForwarding', { enabled: true, url: target.url, types: [], headers: { 'Content-Type': 'text/plain' } });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('header "Content-Type" is set by the forwarder itself') });
    expect(a.settings.get().forward).toBeUndefined();
  });
});
