import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, createWindowManager, hardenSession, safeExternalUrl, type BrowserWindowLike, type SessionLike,
} from '../../electron/shell/window';

type Handler = (...args: any[]) => any;

/** A BrowserWindow stand-in that records what the code gives it. */
function fakeBrowserWindowClass() {
  const created: FakeWindow[] = [];
  class FakeWindow implements BrowserWindowLike {
    handlers = new Map<string, Handler>();
    wcHandlers = new Map<string, Handler>();
    openHandler: Handler | null = null;
    loaded: Array<[string, unknown]> = [];
    shown = 0;
    destroyed = false;
    sent: unknown[] = [];
    webContents = {
      on: (e: string, h: Handler) => this.wcHandlers.set(e, h),
      once: (e: string, h: Handler) => this.wcHandlers.set(e, h),
      setWindowOpenHandler: (h: Handler) => (this.openHandler = h),
      isDestroyed: () => this.destroyed,
      send: (_c: string, m: unknown) => this.sent.push(m),
    } as unknown as BrowserWindowLike['webContents'];
    constructor(public options: BrowserWindowConstructorOptions) {
      created.push(this);
    }
    loadFile = async (path: string, opts?: unknown) => void this.loaded.push([path, opts]);
    on = (e: string, h: Handler) => this.handlers.set(e, h);
    once = (e: string, h: Handler) => this.handlers.set(e, h);
    show = () => void this.shown++;
    focus = () => undefined;
    isMinimized = () => false;
    restore = () => undefined;
    isDestroyed = () => this.destroyed;
  }
  return { FakeWindow, created };
}

function setup() {
  const { FakeWindow, created } = fakeBrowserWindowClass();
  const external: string[] = [];
  const opened: string[] = [];
  const m = createWindowManager({
    BrowserWindow: FakeWindow, indexHtml: '/app/dist/renderer/index.html', preload: '/app/dist/preload.cjs',
    openExternal: async (u) => void external.push(u), openEvent: (id) => opened.push(id),
  });
  return { m, created, external, opened };
}

describe('inspector window', () => {
  it('is created with the security list', () => {
    const { m, created } = setup();
    m.show();
    const wp = created[0]!.options.webPreferences!;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, preload: '/app/dist/preload.cjs' });
    expect(created[0]!.loaded).toEqual([['/app/dist/renderer/index.html', undefined]]);
  });

  it('denies navigation, webviews and new windows; only parsed http(s) links go to the browser', () => {
    const { m, created, external } = setup();
    m.show();
    const w = created[0]!;
    const prevent = vi.fn();
    w.wcHandlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    w.wcHandlers.get('will-redirect')!({ preventDefault: prevent }, 'file:///etc/passwd');
    w.wcHandlers.get('will-attach-webview')!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(3);
    for (const url of ['https://docs.disruptive-technologies.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'not a url']) {
      expect(w.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(external).toEqual(['https://docs.disruptive-technologies.com/x']);
  });

  it('an export dropped on the window opens as a capture; any other navigation stays blocked', () => {
    const { FakeWindow, created } = fakeBrowserWindowClass();
    const dropped: string[] = [];
    const m = createWindowManager({
      BrowserWindow: FakeWindow, indexHtml: '/app/dist/renderer/index.html', preload: '/app/dist/preload.cjs',
      openExternal: async () => undefined, openEvent: () => undefined, openDroppedFile: (f) => dropped.push(f),
    });
    m.show();
    const prevent = vi.fn();
    const nav = created[0]!.wcHandlers.get('will-navigate')!;
    nav({ preventDefault: prevent }, 'file:///home/tester/captures/monday%20night.JSON');
    nav({ preventDefault: prevent }, 'file:///etc/passwd');
    nav({ preventDefault: prevent }, 'https://evil.example/x.json');
    expect(prevent).toHaveBeenCalledTimes(3); // the page itself never navigates
    expect(dropped).toEqual(['/home/tester/captures/monday night.JSON']);
  });

  it('reuses one window, recreates after close, and opens an event', () => {
    const { m, created, opened } = setup();
    m.show('e1');
    expect(created[0]!.loaded[0]![1]).toEqual({ hash: 'event=e1' });
    created[0]!.wcHandlers.get('did-finish-load')!();
    expect(opened).toEqual(['e1']);
    m.show('e2');
    expect(created).toHaveLength(1);
    expect(opened).toEqual(['e1', 'e2']);
    created[0]!.handlers.get('closed')!();
    expect(m.webContents()).toBeNull(); // the app stays in the tray
    m.show();
    expect(created).toHaveLength(2);
  });

  it('session: every permission denied, CSP header from default-src none', () => {
    let request: Handler = () => undefined, check: Handler = () => true, headers: Handler = () => undefined;
    const s: SessionLike = {
      setPermissionRequestHandler: (h) => void (request = h!),
      setPermissionCheckHandler: (h) => void (check = h!),
      webRequest: { onHeadersReceived: (h) => void (headers = h) },
    };
    hardenSession(s);
    const cb = vi.fn();
    request(null, 'media', cb);
    request(null, 'notifications', cb);
    expect(cb.mock.calls).toEqual([[false], [false]]);
    expect(check(null, 'clipboard-read')).toBe(false);
    const out = vi.fn();
    headers({ responseHeaders: { a: ['b'] } }, out);
    expect(out).toHaveBeenCalledWith({ responseHeaders: { a: ['b'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('safeExternalUrl accepts only absolute http(s)', () => {
    expect(safeExternalUrl('https://ngrok.com/docs')).toBe('https://ngrok.com/docs');
    expect(safeExternalUrl('HTTP://Example.com')).toBe('http://example.com/');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('/relative')).toBeNull();
  });
});
