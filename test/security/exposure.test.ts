/**
 * Who may see the data (docs/security.md). The receiver port — the only thing the tunnel
 * exposes — serves no UI, no API and no stored data. The browser-mode UI server listens on
 * loopback only and refuses a foreign Host (DNS rebinding) or Origin on every route and method,
 * sends no CORS headers, and needs the token. Secrets and the ngrok authtoken never reach the
 * renderer (status, pushes), the log, the data directory or an export; settings.json holds only
 * ciphertext. test/ui-server covers the token/Host/Origin basics against a fake api; this runs
 * them against the real service, for every contract method.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { createTunnel } from '../../electron/core/tunnel';
import { startUiServer, type UiServer } from '../../electron/core/ui-server';
import { registerIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/shell/ipc';
import { openLog } from '../../electron/shell/log';
import { withPersistence } from '../../electron/shell/persisted-api';
import { openSettings, type SafeStorageLike } from '../../electron/shell/settings';
import { API_METHODS, channelFor, type PushMessage } from '../../shared/api/contract';
import { cleanupTempDirs, dtBody, tempDir, until } from '../core/helpers';
import { startTarget } from '../forward/target';
import { fakeConnect, ngrokError } from '../tunnel/fake-connect';

const SECRET = 'Sup3r-Secret-Signing-Key-7f3a9c';
const AUTHTOKEN = '2abcNGROKauthTOKENxyz_5e8d1b0c';
const FORWARD_SECRET = 'Fwd-Secret-For-My-Receiver-0d4e2b';
const MARK = 'tcSENSITIVEmarker';
const services: InboxService[] = [];
const uis: UiServer[] = [];
afterEach(async () => {
  await Promise.all(uis.splice(0).map((u) => u.close()));
  await Promise.all(services.splice(0).map((s) => s.stop(2_000)));
});
afterAll(() => cleanupTempDirs());

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: string }
function raw(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: o.host ?? '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: { host: `127.0.0.1:${port}`, ...o.headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(o.body);
  });
}
const corsHeaders = (h: http.IncomingHttpHeaders) => Object.keys(h).filter((k) => k.startsWith('access-control-'));

async function serviceWithData(secrets = [SECRET]) {
  const dataDir = tempDir('ci-sec-');
  const s = await createInboxService({
    dataDir, port: 0, host: '127.0.0.1', secrets, mode: 'browser',
    makeTunnel: (port) => createTunnel({ port, authtoken: AUTHTOKEN, connect: fakeConnect([{ kind: 'ok', url: 'https://sec.ngrok.app' }]).connect }),
  });
  services.push(s);
  const b = dtBody({ labels: { name: `${MARK} fridge` } });
  const r = await raw(s.port, { method: 'POST', path: '/', headers: { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) }, body: b.raw });
  expect(r.status).toBe(200);
  return { s, dataDir, event: b };
}

/** Every file under a directory, recursively, as bytes decoded leniently. */
function allFiles(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push({ path: p, text: readFileSync(p).toString('latin1') + readFileSync(p).toString('utf8') });
  }
  return out;
}

describe('the receiver port serves nothing but the receiver', () => {
  it('UI, API, asset and export paths give the plain line (GET/HEAD) or a refusal, never data, HTML or CORS', async () => {
    for (const secrets of [[SECRET], []]) {
      const { s, event, dataDir } = await serviceWithData(secrets.length ? secrets : [SECRET]);
      await s.api.setSecrets(secrets); // also with no secret: unsigned POSTs then reach validation
      const paths = ['/', '/index.html', '/api/getStatus', '/api/push', '/api/export', '/api/queryEvents', '/assets/index.js', '/assets/index.css',
        `/api/getEvent?id=${event.eventId}`, '/?token=x', '/../../etc/passwd', '/segments/segment-000001.json', '/rejected.json'];
      for (const path of paths) {
        for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
          const body = method === 'POST' ? (path.includes('queryEvents') ? '[{"filter":{},"offset":0,"limit":10}]' : '[]') : undefined;
          const r = await raw(s.port, { method, path, body, headers: { origin: 'https://evil.example', authorization: 'Bearer anything', 'content-type': 'application/json' } });
          const ctx = `${method} ${path} → ${r.status} ${r.body.slice(0, 120)}`;
          if (method === 'GET' || method === 'HEAD') {
            expect(r.status, ctx).toBe(200);
            expect(r.headers['content-type'], ctx).toMatch(/^text\/plain/);
            if (method === 'GET') expect(r.body.trim().split('\n'), ctx).toHaveLength(1);
          } else if (method === 'POST') {
            // treated as a delivery and refused: 401 (signature) or 422 (not a DT event)
            expect([401, 422], ctx).toContain(r.status);
          } else {
            expect(r.status, ctx).toBe(405);
          }
          expect(r.body, ctx).not.toContain(event.eventId);
          expect(r.body, ctx).not.toContain(MARK);
          expect(r.body, ctx).not.toContain(dataDir);
          expect(r.body.toLowerCase(), ctx).not.toMatch(/<html|<script|<!doctype/);
          expect(r.body, ctx).not.toMatch(/"(ok|value|rows|events|format)"\s*:/);
          expect(corsHeaders(r.headers), ctx).toEqual([]);
        }
      }
      await s.stop(2_000);
      services.splice(services.indexOf(s), 1);
    }
  });

  it('listens on loopback only by default: not reachable on any other interface address', async () => {
    const { s } = await serviceWithData();
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const addr of others) {
      await expect(raw(s.port, { path: '/', host: addr }), addr).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/);
    }
    expect(s.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});

describe('browser-mode UI server against the real service', () => {
  async function withUi() {
    const ctx = await serviceWithData();
    const staticDir = tempDir('ci-sec-static-');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>inbox-ui</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const token = 'sec-token-0123456789abcdefXYZ';
    const ui = await startUiServer({ api: ctx.s.api, port: 0, token, staticDir, exportStream: (f, out, p) => ctx.s.exportToStream(f, out as Writable, p) });
    uis.push(ui);
    return { ...ctx, ui, token };
  }

  it('binds 127.0.0.1 on a port of its own; the token is required by every method', async () => {
    const { s, ui, token } = await withUi();
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(ui.port).not.toBe(s.port);
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const addr of others) await expect(raw(ui.port, { path: '/', host: addr })).rejects.toThrow();
    for (const method of API_METHODS) {
      for (const authorization of [undefined, 'Bearer ', `Bearer ${token}x`, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`, token]) {
        const r = await raw(ui.port, { method: 'POST', path: `/api/${method}`, body: '[]', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });
        expect(r.status, `${method} with ${authorization}`).toBe(401);
      }
    }
  });

  it('DNS rebinding: a foreign Host is refused on every route and contract method, even with the token', async () => {
    const { ui, token, event } = await withUi();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const hosts = [`evil.example:${ui.port}`, 'evil.example', `localhost.evil.example:${ui.port}`, `127.0.0.1.nip.io:${ui.port}`, `[::1]:${ui.port}`, `0.0.0.0:${ui.port}`, `127.0.0.1:${ui.port}.evil.example`, `127.0.0.1:0${ui.port}`];
    const routes: Array<{ method: string; path: string; body?: string }> = [
      ...API_METHODS.map((m) => ({ method: 'POST', path: `/api/${m}`, body: m === 'queryEvents' ? '[{"filter":{},"offset":0,"limit":5}]' : '[]' })),
      { method: 'GET', path: `/api/push?token=${token}` }, { method: 'GET', path: `/api/export?token=${token}` },
      { method: 'GET', path: '/' }, { method: 'GET', path: '/index.html' }, { method: 'GET', path: '/assets/app.js' }, { method: 'OPTIONS', path: '/api/getStatus' },
    ];
    for (const host of hosts) {
      for (const route of routes) {
        const r = await raw(ui.port, { ...route, headers: { ...auth, host } });
        const ctx = `${route.method} ${route.path} Host: ${host} → ${r.status}`;
        expect(r.status, ctx).toBeGreaterThanOrEqual(400);
        expect(r.status, ctx).toBeLessThan(500);
        expect(r.body, ctx).not.toContain(event.eventId);
        expect(r.body, ctx).not.toContain('inbox-ui');
        expect(corsHeaders(r.headers), ctx).toEqual([]);
      }
    }
    // no Host at all (HTTP/1.0 allows it)
    for (const route of routes) {
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = connect(ui.port, '127.0.0.1', () => sock.end(`${route.method} ${route.path} HTTP/1.0\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(route.body ?? '')}\r\n\r\n${route.body ?? ''}`));
        let text = '';
        sock.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text)).on('error', reject);
      });
      expect(reply, `${route.method} ${route.path} without Host`).toMatch(/^HTTP\/1\.[01] 4\d\d/);
      expect(reply).not.toContain(event.eventId);
    }
    // and the same requests with our own Host work, so the refusals above are the Host check
    const okStatus = await raw(ui.port, { method: 'POST', path: '/api/getStatus', body: '[]', headers: auth });
    expect(okStatus.status).toBe(200);
    expect(JSON.parse(okStatus.body).ok).toBe(true);
  });

  it('a foreign Origin or a cross-site fetch is refused on every method; no CORS preflight is granted', async () => {
    const { ui, token } = await withUi();
    for (const method of API_METHODS) {
      for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${ui.port + 1}`, `https://127.0.0.1:${ui.port}`]) {
        const r = await raw(ui.port, { method: 'POST', path: `/api/${method}`, body: '[]', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin } });
        expect(r.status, `${method} from ${origin}`).toBe(403);
        expect(corsHeaders(r.headers)).toEqual([]);
      }
      const pre = await raw(ui.port, { method: 'OPTIONS', path: `/api/${method}`, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
      expect(pre.status).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(pre.headers)).toEqual([]);
    }
    // setSecrets from a foreign page did nothing
    const st = await raw(ui.port, { method: 'POST', path: '/api/getStatus', body: '[]', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    expect(JSON.parse(st.body).value.secretsConfigured).toBe(1);
  });
});

describe('secrets stay secret', () => {
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString: (p) => Buffer.concat([Buffer.from('v10'), Buffer.from(p).map((b) => b ^ 0x5a)]),
    decryptString: (c) => Buffer.from(c.subarray(3).map((b) => b ^ 0x5a)).toString(),
  };

  it('not in settings.json, the log, the data directory, exports, status or pushes — while signed events still verify', async () => {
    const appData = tempDir('ci-sec-app-');
    const log = openLog(join(appData, 'logs'));
    const settings = await openSettings({ dir: appData, safeStorage, env: {} });
    const fake = fakeConnect([
      // ngrok echoes a bad authtoken in its error text
      { kind: 'reject', error: ngrokError(`The authtoken you specified does not look like a proper ngrok authtoken. Your authtoken: ${AUTHTOKEN}`, 'ERR_NGROK_105') },
      { kind: 'ok', url: 'https://sec2.ngrok.app' },
    ]);
    const dataDir = join(appData, 'data');
    const s = await createInboxService({
      dataDir, port: 0, host: '127.0.0.1', secrets: [], mode: 'desktop',
      makeTunnel: (port) => createTunnel({ port, connect: fake.connect, log: log.line, initialBackoffMs: 5 }),
    });
    services.push(s);
    const api = withPersistence(s.api, settings);
    const pushes: PushMessage[] = [];
    api.subscribe((m) => pushes.push(m));

    // the renderer sets them through IPC, as the Setup view does
    const handlers = new Map<string, (e: InvokeEventLike, ...a: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
    const page = pathToFileURL(join(appData, 'index.html')).href;
    registerIpc({ ipcMain, api, isAppPage: (u) => u === page, log: log.line });
    const invoke = (m: (typeof API_METHODS)[number], url: string, ...args: unknown[]) => handlers.get(channelFor(m))!({ senderFrame: { url } }, ...args) as Promise<any>;
    expect((await invoke('setSecrets', 'https://evil.example/', [SECRET])).ok).toBe(false); // refused sender, logged
    expect(await invoke('setSecrets', page, [SECRET])).toEqual({ ok: true, value: { secretsConfigured: 1 } });
    expect((await invoke('setTunnelConfig', page, { authtoken: AUTHTOKEN })).ok).toBe(true);
    await invoke('startTunnel', page); // first attempt: the authtoken error
    await invoke('startTunnel', page); // configure cleared the error: connects
    expect(s.tunnel!.status()).toEqual({ state: 'online', url: 'https://sec2.ngrok.app' });
    expect(fake.calls.at(-1)!.authtoken).toBe(AUTHTOKEN); // it is used…
    const target = await startTarget(() => 200);
    const forwarding = await invoke('setForwarding', page, { enabled: true, url: target.url, secret: FORWARD_SECRET, types: [], headers: {} });
    expect(forwarding).toMatchObject({ ok: true, value: { secretConfigured: true } });

    // …and the secret works: a signed event is accepted, a wrongly signed one refused
    const b = dtBody({ labels: { name: MARK } });
    const ok = await raw(s.port, { method: 'POST', path: '/', headers: { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) }, body: b.raw });
    expect(ok.status).toBe(200);
    const bad = await raw(s.port, { method: 'POST', path: '/', headers: { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), `${SECRET}-wrong`) }, body: b.raw });
    expect(bad.status).toBe(401);
    // the forward secret signs what is forwarded
    await until(() => target.received.find((r) => r.eventId === b.eventId), 'the forwarded delivery');
    const forwarded = String(target.received[0]!.headers['x-dt-signature']).split('.');
    expect(forwarded[2]).toBe(createHmac('sha256', FORWARD_SECRET).update(`${forwarded[0]}.${forwarded[1]}`).digest('base64url'));
    await target.close();

    // what the renderer can get: every read method, and every push so far
    const reads = await Promise.all([
      invoke('getStatus', page), invoke('getStats', page), invoke('listRejected', page), invoke('listDevices', page),
      invoke('queryEvents', page, { filter: {}, offset: 0, limit: 50 }), invoke('getEvent', page, b.eventId),
      invoke('getForwarding', page), invoke('getForwardAttempts', page, b.eventId),
    ]);
    expect(reads.every((r) => r.ok)).toBe(true);
    expect(reads[0].value).toMatchObject({ secretsConfigured: 1, authtokenConfigured: true });
    expect(reads[5].value.deliveryLog[0].headers['x-dt-signature']).toMatch(/^ey/); // the JWT is kept: it is not the secret
    const exported = await invoke('exportEvents', page, {});
    expect(exported.ok && exported.value.count).toBe(1);
    let streamed = '';
    await s.exportToStream({}, new Writable({ write(c, _e, cb) { streamed += String(c); cb(); } }));
    await s.stop(2_000);
    services.splice(services.indexOf(s), 1);
    await log.flush();

    const visible: Array<[string, string]> = [
      ['renderer reads', JSON.stringify(reads)], ['pushes', JSON.stringify(pushes)], ['export stream', streamed],
      ...allFiles(appData).map((f): [string, string] => [f.path, f.text]),
    ];
    expect(visible.map(([p]) => p)).toEqual(expect.arrayContaining([join(appData, 'settings.json'), log.path, join(dataDir, 'rejected.json')]));
    expect(visible.some(([p]) => p.includes(join(dataDir, 'exports')))).toBe(true);
    expect(readFileSync(log.path, 'utf8')).toMatch(/refused setSecrets/);
    for (const [where, text] of visible) {
      expect(text.includes(SECRET), `the signature secret in ${where}`).toBe(false);
      expect(text.includes(AUTHTOKEN), `the ngrok authtoken in ${where}`).toBe(false);
      expect(text.includes(FORWARD_SECRET), `the forward secret in ${where}`).toBe(false);
    }
    // the ciphertext is there, so the settings were in fact saved
    const saved = JSON.parse(readFileSync(join(appData, 'settings.json'), 'utf8'));
    expect(saved.encrypted.secrets).toBeTruthy();
    expect(saved.encrypted.authtoken).toBeTruthy();
    expect(saved.encrypted.forwardSecret).toBeTruthy();
  });
});
