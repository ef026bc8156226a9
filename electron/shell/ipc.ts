/**
 * The only place that touches ipcMain: one handler per contract method, channel names from
 * `channelFor`. Every handler checks that the message comes from our own page and parses its
 * arguments as `unknown` (shared/api/dispatch.ts) before the service sees them; failures return as `Result`s.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { API_METHODS, channelFor, fail, PUSH_CHANNEL, type ApiMethod, type InboxApi, type PushMessage, type Result } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';

/** What a handler sees of Electron's IpcMainInvokeEvent. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's `ipcMain` we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void;
  removeHandler(channel: string): void;
}

/** Accepts exactly the file:// URL of the renderer's index.html (any hash/query: the UI routes with them). */
export function appPageGuard(indexHtmlPath: string): (url: string) => boolean {
  const expected = resolve(indexHtmlPath);
  return (url) => {
    try {
      const u = new URL(url);
      return u.protocol === 'file:' && u.host === '' && resolve(fileURLToPath(u)) === expected;
    } catch {
      return false;
    }
  };
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  api: InboxApi;
  isAppPage(url: string): boolean;
  log?: (line: string) => void;
}

/** Registers all handlers; returns the function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const method of API_METHODS) {
    deps.ipcMain.handle(channelFor(method), (event, ...args) => handle(deps, method, event, args));
  }
  return () => API_METHODS.forEach((m) => deps.ipcMain.removeHandler(channelFor(m)));
}

async function handle(deps: IpcDeps, method: ApiMethod, event: InvokeEventLike, args: unknown[]): Promise<Result<unknown>> {
  const url = event.senderFrame?.url ?? '';
  if (!deps.isAppPage(url)) {
    deps.log?.(`ipc: refused ${method} from ${url.slice(0, 200) || 'an unknown frame'}`);
    return fail('refused: this request does not come from the Connector Inbox window');
  }
  const out = await dispatch(deps.api, method, args);
  // The service should return failures, not throw; if it throws anyway, the UI still gets a Result.
  if (out.kind === 'threw') deps.log?.(`ipc: ${method} threw: ${(out.error as Error)?.stack ?? String(out.error)}`);
  return out.result;
}

/** The part of Electron's `WebContents` we push to. */
export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, message: PushMessage): void;
}

/** Pushes on PUSH_CHANNEL to the window when there is one (the tray app often has none). */
export function createPusher(target: () => WebContentsLike | null): (message: PushMessage) => void {
  return (message) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(PUSH_CHANNEL, message);
  };
}
