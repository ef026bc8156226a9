/**
 * The real app in real Electron (Playwright): starts in the tray, opens the inspector window on
 * a second launch, and the page sees exactly the contract and no Node. Needs the Electron binary,
 * which Electron 45 downloads on first use: where it is absent this test reports itself skipped
 * and says why. On Linux without a display it starts Xvfb when installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api/contract';

const root = process.cwd();

/** Looks for the binary without `require('electron')`, which would try to download it. */
function electronBinary(): { path?: string; reason?: string } {
  const dir = join(root, 'node_modules/electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return { reason: 'node_modules/electron has no binary (Electron 45 downloads it on first launch; no network here)' };
  const path = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `the Electron binary ${path} is missing` };
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => existsSync(join(d, cmd)));
}

const electron = electronBinary();
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = electron.reason ?? (needsDisplay && !onPath('Xvfb') ? 'no display and no Xvfb to provide one' : undefined);
if (skipReason) console.log(`electron smoke test skipped: ${skipReason}`);

let xvfb: ChildProcess | undefined;
let home: string | undefined;
afterAll(() => {
  xvfb?.kill();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('desktop app in Electron', () => {
  it.skipIf(Boolean(skipReason))('starts in the tray, opens a hardened inspector exposing only the contract', async () => {
    const { _electron } = await import('playwright-core');
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    delete env.ELECTRON_RUN_AS_NODE;
    if (needsDisplay) {
      xvfb = spawn('Xvfb', [':99', '-screen', '0', '1280x800x24'], { stdio: 'ignore' });
      env.DISPLAY = ':99';
      await new Promise((r) => setTimeout(r, 500));
    }
    // A private app-data folder (Linux: XDG_CONFIG_HOME) with a free-ish receiver port.
    home = mkdtempSync(join(tmpdir(), 'ci-e2e-'));
    env.XDG_CONFIG_HOME = home;
    mkdirSync(join(home, 'Connector Inbox'), { recursive: true });
    writeFileSync(join(home, 'Connector Inbox', 'settings.json'), JSON.stringify({ receiverPort: 20_000 + Math.floor(Math.random() * 20_000) }));

    const app = await _electron.launch({ executablePath: electron.path!, args: [root], env, timeout: 30_000 });
    try {
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0); // tray only
      const opened = app.waitForEvent('window');
      await app.evaluate(({ app: a }) => a.emit('second-instance')); // what a second launch does
      const page = await opened;
      await page.waitForLoadState('domcontentloaded');
      const seen = await page.evaluate(() => ({
        keys: Object.keys((globalThis as unknown as { inboxApi: object }).inboxApi).sort(),
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(seen.keys).toEqual([...API_METHODS, 'subscribe'].sort());
      expect(seen.node).toBe('undefined');
      expect(seen.process).toBe('undefined');
      const status = await page.evaluate(() => (globalThis as unknown as { inboxApi: { getStatus(): Promise<unknown> } }).inboxApi.getStatus());
      expect(status).toMatchObject({ ok: true, value: { mode: 'desktop', tunnel: { state: 'off' } } });
    } finally {
      await app.close();
    }
  }, 60_000);
});
