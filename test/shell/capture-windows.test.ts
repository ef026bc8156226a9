/**
 * The desktop's "Open capture…": a .json picked in the dialog opens in a window of its own, on a
 * real capture service (electron/core/capture/serve.ts over a private temporary copy, its own
 * loopback port), with a fake BrowserWindow: the window loads that service's URL without a
 * preload (so it cannot reach the live inbox's IPC), its API answers with the capture and refuses
 * changes; closing the window removes the copy; a bad file is an error box and opens nothing.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureWindows, type CaptureWindowLike } from '../../electron/shell/capture-windows';
import { serveCapture } from '../../electron/core/capture/serve';
import { appMenuTemplate } from '../../electron/shell/app-menu';
import { REPO, cleanupTempDirs, tempDir } from '../core/helpers';

type Handler = (...args: any[]) => any;

afterAll(() => cleanupTempDirs());

function fakeBrowserWindowClass() {
  const created: FakeWindow[] = [];
  class FakeWindow implements CaptureWindowLike {
    handlers = new Map<string, Handler>();
    wcHandlers = new Map<string, Handler>();
    openHandler: Handler | null = null;
    loaded: string[] = [];
    destroyed = false;
    webContents = {
      on: (e: string, h: Handler) => this.wcHandlers.set(e, h),
      setWindowOpenHandler: (h: Handler) => (this.openHandler = h),
    } as unknown as CaptureWindowLike['webContents'];
    constructor(public options: BrowserWindowConstructorOptions) {
      created.push(this);
    }
    loadURL = async (url: string) => void this.loaded.push(url);
    on = (e: string, h: Handler) => this.handlers.set(e, h);
    once = (e: string, h: Handler) => this.handlers.set(e, h);
    show = () => undefined;
    close = () => {
      this.destroyed = true;
      this.handlers.get('closed')?.();
    };
    isDestroyed = () => this.destroyed;
  }
  return { FakeWindow, created };
}

function setup(pick: string | null) {
  const { FakeWindow, created } = fakeBrowserWindowClass();
  const tmp = tempDir('ci-capture-win-');
  const staticDir = join(tmp, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>inspector</title>');
  const copies = join(tmp, 'copies');
  mkdirSync(copies);
  const errors: string[] = [];
  const external: string[] = [];
  const w = createCaptureWindows({
    BrowserWindow: FakeWindow, pickFile: async () => pick, openExternal: async (u) => void external.push(u),
    serve: (file) => serveCapture(file, { mode: 'desktop', staticDir, tmpRoot: copies }),
    showError: (title, message) => errors.push(`${title}: ${message}`),
  });
  return { w, created, errors, copies, external };
}

async function call(url: string, method: string, args: unknown[] = []): Promise<{ ok: boolean; value?: any; error?: string }> {
  const u = new URL(url);
  const res = await fetch(new URL(`/api/${method}`, u), {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${u.searchParams.get('token')}` },
    body: JSON.stringify(args), signal: AbortSignal.timeout(5_000),
  });
  return res.json() as Promise<{ ok: boolean; value?: any; error?: string }>;
}

describe('Open capture… (desktop)', () => {
  it('opens the picked export read-only in a window of its own, and removes its copy when the window closes', async () => {
    const { w, created, errors, copies, external } = setup(join(REPO, 'test/fixtures/capture-old-format.json'));
    await w.open();
    expect(errors).toEqual([]);
    expect(created).toHaveLength(1);
    const win = created[0]!;
    expect(win.options.title).toBe('Capture: capture-old-format.json (read-only) — Connector Inbox');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.options.webPreferences!.preload).toBeUndefined();
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(readdirSync(copies)).toHaveLength(1);

    const status = await call(win.loaded[0]!, 'getStatus');
    expect(status.value.capture).toMatchObject({ file: 'capture-old-format.json', events: 3 });
    expect((await call(win.loaded[0]!, 'queryEvents', [{ filter: {}, offset: 0, limit: 10 }])).value.total).toBe(3);
    expect((await call(win.loaded[0]!, 'startTunnel')).error).toMatch(/^read-only capture: startTunnel is refused/);

    // links leave for the system browser; the page itself never navigates
    let prevented = false;
    win.wcHandlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(win.openHandler!({ url: 'https://docs.example/x' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://docs.example/x']);

    win.close();
    await expect.poll(() => readdirSync(copies), { timeout: 5_000 }).toEqual([]);
    await expect(fetch(win.loaded[0]!, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    expect(w.count()).toBe(0);
  }, 20_000);

  it('a file dropped on the inspector opens without the dialog; File › Open capture… opens the dialog', async () => {
    const { w, created, errors } = setup(null); // the dialog would answer "cancelled"
    await w.openFile(join(REPO, 'test/fixtures/capture-old-format.json'));
    expect(errors).toEqual([]);
    expect(created).toHaveLength(1);
    let picked = 0;
    const menu = appMenuTemplate({ openCapture: () => picked++, importCapture: () => undefined, exportAll: () => undefined }, 'linux');
    const file = menu.find((m) => m.label === 'File')!.submenu as Array<{ label?: string; click?: () => void; accelerator?: string }>;
    const item = file.find((i) => i.label === 'Open capture (read-only)…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    item.click!();
    expect(picked).toBe(1);
    await w.closeAll();
  }, 20_000);

  it('a bad file is an error box naming why; nothing opens and no copy stays', async () => {
    const bad = join(tempDir('ci-capture-bad-'), 'half.json');
    writeFileSync(bad, '{"format":"connector-inbox-export/1","count":2,"events":[');
    const { w, created, errors, copies } = setup(bad);
    await w.open();
    expect(created).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Connector Inbox could not open this capture: not a readable connector-inbox-export\/1 file: the file ends early/);
    expect(readdirSync(copies)).toEqual([]);
  });

  it('a cancelled dialog opens nothing; quitting closes every capture', async () => {
    const cancelled = setup(null);
    await cancelled.w.open();
    expect(cancelled.created).toHaveLength(0);

    const { w, created, copies } = setup(join(REPO, 'test/fixtures/capture-old-format.json'));
    await w.open();
    await w.open();
    expect(created).toHaveLength(2);
    expect(readdirSync(copies)).toHaveLength(2);
    await w.closeAll();
    expect(readdirSync(copies)).toEqual([]);
    expect(created.every((c) => c.destroyed)).toBe(true);
  }, 20_000);
});
