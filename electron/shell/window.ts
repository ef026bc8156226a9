/**
 * The inspector window, created on demand (the app lives in the tray). Hardened: isolated,
 * sandboxed preload, no Node in the page, strict CSP, no navigation, no new windows, no
 * permissions; external http(s) links go to the system browser after parsing.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { WebContentsLike } from './ipc';

/** The page's policy (shared/csp.ts), also sent as a header where Electron lets us. */
export { CONTENT_SECURITY_POLICY };

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Connector Inbox',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The URL to hand to the system browser, or null: only absolute http(s) URLs. */
export function safeExternalUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

type Prevent = { preventDefault(): void };

/** The part of Electron's `Session` we harden. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** The part of Electron's `BrowserWindow` we use. */
export interface BrowserWindowLike {
  webContents: WebContentsLike & {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Prevent, url: string) => void): unknown;
    on(event: 'will-attach-webview', listener: (event: Prevent) => void): unknown;
    once(event: 'did-finish-load', listener: () => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
  loadFile(path: string, options?: { hash?: string }): Promise<void>;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  openExternal(url: string): Promise<void>;
  indexHtml: string;
  preload: string;
  /** sent once a window is shown for an event (new windows: after load) */
  openEvent(eventId: string): void;
  /** a .json file dropped on the window (the page does not take drops, so Electron navigates to it) */
  openDroppedFile?(path: string): void;
  log?: (line: string) => void;
}

export interface WindowManager {
  /** show (creating if needed) and optionally open the inspector on one event */
  show(eventId?: string): void;
  webContents(): WebContentsLike | null;
}

export function createWindowManager(deps: WindowDeps): WindowManager {
  let win: BrowserWindowLike | null = null;

  const create = (eventId?: string): BrowserWindowLike => {
    const w = new deps.BrowserWindow(windowOptions(deps.preload));
    const deny = (event: Prevent, url: string) => {
      event.preventDefault();
      const dropped = droppedJsonFile(url);
      if (dropped && deps.openDroppedFile) return deps.openDroppedFile(dropped);
      deps.log?.(`window: blocked navigation to ${url.slice(0, 200)}`);
    };
    w.webContents.on('will-navigate', deny);
    w.webContents.on('will-redirect', deny);
    w.webContents.on('will-attach-webview', (event) => event.preventDefault());
    w.webContents.setWindowOpenHandler(({ url }) => {
      const external = safeExternalUrl(url);
      if (external) void deps.openExternal(external).catch(() => undefined);
      else deps.log?.(`window: refused to open ${url.slice(0, 200)}`);
      return { action: 'deny' };
    });
    w.once('ready-to-show', () => w.show());
    w.on('closed', () => {
      // Closing the window keeps the app in the tray.
      if (win === w) win = null;
    });
    if (eventId) w.webContents.once('did-finish-load', () => deps.openEvent(eventId));
    void w.loadFile(deps.indexHtml, eventId ? { hash: `event=${encodeURIComponent(eventId)}` } : undefined).catch((e: Error) =>
      deps.log?.(`window: could not load the UI: ${e.message}`),
    );
    return w;
  };

  return {
    show(eventId) {
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        if (eventId) deps.openEvent(eventId);
        return;
      }
      win = create(eventId);
    },
    webContents: () => (win && !win.isDestroyed() ? win.webContents : null),
  };
}

/** A file dropped on a page that takes no drops becomes a navigation to its file: URL: an export to open. */
export function droppedJsonFile(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && u.pathname.toLowerCase().endsWith('.json') ? fileURLToPath(u) : null;
  } catch {
    return null;
  }
}
