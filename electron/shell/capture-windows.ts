/**
 * "Open capture…" in the desktop app: a .json picked in a dialog opens, read-only, in a window of
 * its own beside the live inbox's. Each window runs on a capture service of its own
 * (electron/core/capture/serve.ts: a private temporary copy, its own loopback port and token, no
 * receiver, tunnel or forwarding), reached by the browser bridge: no preload, so the page cannot
 * call the live inbox's IPC. Closing the window closes its capture and removes the copy; so does
 * quitting. Electron's parts are injected (main.ts), so this runs under Node in tests.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { safeExternalUrl } from './window';

type Prevent = { preventDefault(): void };

/** The part of Electron's `BrowserWindow` a capture window uses. */
export interface CaptureWindowLike {
  webContents: {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Prevent, url: string) => void): unknown;
    on(event: 'will-attach-webview', listener: (event: Prevent) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
  loadURL(url: string): Promise<void>;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  close(): void;
  isDestroyed(): boolean;
}

/** What the window shows: the capture service's answer (ServedCapture). */
export interface CaptureServiceLike {
  info: { file: string };
  url: string;
  close(): Promise<void>;
}

export interface CaptureWindowsDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => CaptureWindowLike;
  /** the open dialog: a .json file, or null when cancelled */
  pickFile(): Promise<string | null>;
  serve(file: string): Promise<CaptureServiceLike>;
  openExternal(url: string): Promise<void>;
  showError(title: string, message: string): void;
  log?: (line: string) => void;
}

export function captureWindowOptions(file: string): BrowserWindowConstructorOptions {
  return {
    width: 1200, height: 800, minWidth: 720, minHeight: 480, show: false,
    title: `Capture: ${file} (read-only) — Connector Inbox`,
    webPreferences: {
      // no preload: the page reaches its own capture service over loopback, never the live inbox
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, spellcheck: false,
    },
  };
}

export interface CaptureWindows {
  /** the dialog, then a window on the picked file; a bad file is an error box, nothing opens */
  open(): Promise<void>;
  /** a window on this file (dropped on the inspector's window); a bad file is an error box */
  openFile(file: string): Promise<void>;
  /** how many captures are open */
  count(): number;
  /** closes every capture (quit), removing their copies */
  closeAll(): Promise<void>;
}

export function createCaptureWindows(deps: CaptureWindowsDeps): CaptureWindows {
  const open = new Map<CaptureWindowLike, CaptureServiceLike>();

  const show = (capture: CaptureServiceLike) => {
    const w = new deps.BrowserWindow(captureWindowOptions(capture.info.file));
    const origin = new URL(capture.url).origin;
    // the inspector is one page: anything else is refused (links go to the system browser)
    const deny = (event: Prevent, url: string) => {
      event.preventDefault();
      deps.log?.(`capture window: blocked navigation to ${url.slice(0, 200)}`);
    };
    w.webContents.on('will-navigate', deny);
    w.webContents.on('will-redirect', deny);
    w.webContents.on('will-attach-webview', (event) => event.preventDefault());
    w.webContents.setWindowOpenHandler(({ url }) => {
      const external = safeExternalUrl(url);
      if (external && new URL(external).origin !== origin) void deps.openExternal(external).catch(() => undefined);
      return { action: 'deny' };
    });
    w.once('ready-to-show', () => w.show());
    w.on('closed', () => {
      if (!open.delete(w)) return; // closeAll closes it
      void capture.close().catch((e: Error) => deps.log?.(`capture: close failed: ${e.message}`));
    });
    open.set(w, capture);
    void w.loadURL(capture.url).catch((e: Error) => deps.log?.(`capture window: could not load: ${e.message}`));
  };

  return {
    async open() {
      const file = await deps.pickFile();
      if (file) await this.openFile(file);
    },
    async openFile(file) {
      let capture: CaptureServiceLike;
      try {
        capture = await deps.serve(file);
      } catch (e) {
        deps.showError('Connector Inbox could not open this capture', (e as Error).message);
        return;
      }
      show(capture);
    },
    count: () => open.size,
    async closeAll() {
      const all = [...open.entries()];
      open.clear();
      for (const [w] of all) if (!w.isDestroyed()) w.close();
      await Promise.all(all.map(([, c]) => c.close().catch(() => undefined)));
    },
  };
}
